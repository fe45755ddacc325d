import { openTestDatabase, type TestDatabase } from '#tests/helpers/test-database.ts'
import { createLogger } from '../log.ts'
import { generateSigningKey, signingKeyFrom } from './checkpoint.ts'
import type { AuditEvent } from './events.ts'
import { createLedger, type LedgerReader } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { newDataKey } from './payload-crypto.ts'

// Shared by the ledger's integration tests (ledger-*.int.test.ts), one file per operation.
// Synthetic data only. Not imported by the application.

export const PATIENT = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
export const OTHER_PATIENT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'
export const USER = '11111111-2222-4333-8444-555555555555'

export const event = (i: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
	at: new Date(Date.UTC(2026, 10, 22, 10, 0, i % 60)).toISOString(),
	requestId: `req-${i}`,
	component: 'chart',
	action: 'phi.read',
	actor: { userId: USER, role: 'clinician', sessionId: 'session-1' },
	resource: { type: 'patient', id: PATIENT, patientId: PATIENT },
	decision: 'allow',
	policy: 'scope.care-team',
	outcome: 'success',
	...overrides,
})

export const reader: LedgerReader = {
	actor: { userId: USER, role: 'admin', sessionId: 'session-2' },
	requestId: 'req-reader',
}

export async function openLedger(checkpointEvery = 10) {
	// PGlite in memory, or a fresh ledger database on TEST_DATABASE_URL's server.
	const handle = await openTestDatabase('ledger')
	const keys = { signing: signingKeyFrom(generateSigningKey()), master: newDataKey() }
	const ledger = createLedger({
		store: createLedgerStore(handle.db),
		keys,
		checkpointEvery,
		checkpointSeconds: 3600,
		log: createLogger('silent'),
	})
	return { handle, ledger, keys }
}

/** Runs SQL as a superuser with triggers off: what an intruder with full access could do. */
export const tamper = (handle: TestDatabase, statements: string) => handle.tamper(statements)

/** The database's own refusal (drizzle wraps errors as "Failed query" with the error as cause). */
export async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work
	} catch (error) {
		return String(
			(error as { cause?: { message?: unknown } }).cause?.message ?? (error as Error).message,
		)
	}
	throw new Error('expected a refusal')
}
