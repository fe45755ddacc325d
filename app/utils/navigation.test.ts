import { describe, expect, test } from 'vitest'
import { navigationFor } from './navigation.ts'

describe('navigation by role', () => {
	const targets = (role: Parameters<typeof navigationFor>[0]) =>
		navigationFor(role).map((i) => i.to)

	test('a signed-out visitor sees only the overview', () => {
		expect(targets(null)).toEqual(['/'])
	})
	test('a clinician sees patients but not intake, review or admin', () => {
		expect(targets('clinician')).toEqual(['/', '/patients'])
	})
	test('intake staff see intake and its review queue, no chart screens', () => {
		expect(targets('intake')).toEqual(['/', '/intake', '/intake/review'])
	})
	test('a safety reviewer sees the audit ledger, not charts', () => {
		expect(targets('safety_reviewer')).toEqual(['/', '/admin/ledger'])
	})
	test('an administrator sees care teams, the audit ledger and the jobs, not charts', () => {
		expect(targets('admin')).toEqual(['/', '/admin/care-teams', '/admin/ledger', '/admin/jobs'])
	})
})
