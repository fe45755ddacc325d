import { describe, expect, test } from 'vitest'
import type { Database } from '#db/client.ts'
import { createDataAccess, PatientData, SCOPE_ERRORS } from './patient-data.ts'
import type { ResolvedSession, SessionUser } from './sessions.ts'

/**
 * The request-bound data handle refuses, one test per case, before any statement reaches the
 * database (the stand-in database here fails the test if it is ever used).
 */
const untouchable = new Proxy({} as Database, {
	get() {
		throw new Error('the database was reached')
	},
})
const access = createDataAccess({ db: untouchable, existence: untouchable })
const refused = expect.objectContaining({ code: SCOPE_ERRORS.required })
const live = () => ({ ended: new AbortController().signal })
const lookalike: SessionUser = {
	id: '00000000-0000-4000-8000-000000000001',
	sessionId: '00000000-0000-4000-8000-000000000002',
	role: 'clinician',
	displayName: 'Dr. Forged (synthetic)',
	csrfToken: 'x',
}

describe('a data handle is refused', () => {
	test('for a session object that resolve() did not make (a look-alike from route input)', () => {
		expect(() => access.forSession(lookalike as ResolvedSession, live())).toThrow(refused)
	})

	test('without a session', () => {
		expect(() => access.forSession(null as unknown as ResolvedSession, live())).toThrow(refused)
	})

	test('for a system path that does not act as a user', () => {
		expect(() =>
			access.forSystemActor('documents' as never, {
				userId: lookalike.id,
				role: 'clinician',
				sessionId: null,
			}),
		).toThrow(refused)
	})

	test('when constructed directly, outside DataAccess', () => {
		const make = PatientData as unknown as new (...args: unknown[]) => PatientData
		expect(() => new make(Symbol('forged'), {}, {}, null)).toThrow(refused)
	})

	test('for a session user at the type level (only a ResolvedSession is accepted)', () => {
		// @ts-expect-error A SessionUser is not a ResolvedSession: only sessions.resolve() makes one.
		expect(() => access.forSession(lookalike, live())).toThrow(refused)
	})
})

describe('a handle cannot be turned to another actor', () => {
	test('its actor is read-only and frozen', () => {
		const data = access.forSystemActor('evaluation', {
			userId: lookalike.id,
			role: 'clinician',
			sessionId: null,
		})
		expect(() => {
			;(data.actor as { userId: string }).userId = '00000000-0000-4000-8000-000000000009'
		}).toThrow(TypeError)
		expect(data.actor.userId).toBe(lookalike.id)
	})
})
