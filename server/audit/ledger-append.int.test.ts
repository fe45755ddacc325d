import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestDatabase } from '#tests/helpers/test-database.ts'
import type { AuditEvent } from './events.ts'
import type { Ledger } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { event, openLedger, PATIENT, reader, USER } from './ledger-test-fixtures.ts'

describe('recording', () => {
	let handle: TestDatabase
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger())
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('an event outside the vocabulary is refused, one test per rejected case', async () => {
		const cases: Array<[string, unknown]> = [
			['unknown action', event(1, { action: 'phi.peek' as never })],
			['unknown component', event(1, { component: 'elsewhere' as never })],
			['unknown outcome', event(1, { outcome: 'maybe' as never })],
			['a field outside the schema', { ...event(1), reason: 'free text in clear' }],
			['time without milliseconds', event(1, { at: '2026-11-22T10:00:00Z' })],
			[
				'a patient id that is not a UUID',
				event(1, { resource: { type: 'patient', id: 'x', patientId: 'x' } }),
			],
			['a non-finite number', event(1, { details: { count: Number.NaN } })],
			['the reserved detail recordedAt', event(1, { details: { recordedAt: 'x' } })],
			['a lone surrogate', event(1, { policy: '\uD800' })],
			[
				'an unknown role',
				event(1, { actor: { userId: USER, role: 'root' as never, sessionId: null } }),
			],
		]
		for (const [name, bad] of cases) {
			await expect(ledger.record(bad as AuditEvent), name).rejects.toMatchObject({
				code: 'AUDIT_EVENT_INVALID',
			})
		}
		expect(await createLedgerStore(handle.db).size()).toBe(0)
	})

	test('inference and decision events carry their full detail', async () => {
		await ledger.record(
			event(2, {
				component: 'gateway',
				action: 'inference',
				resource: { type: 'model_endpoint', id: 'local-extractive', patientId: PATIENT },
				policy: 'gateway.envelope.phi',
				inference: {
					endpoint: 'local-extractive',
					provider: 'local',
					model: 'extractive-answerer',
					modelVersion: '1',
					region: null,
					envelope: 'phi',
					prompt: { id: 'answer-with-citations', version: '1' },
					promptFingerprint: `sha256:${'a'.repeat(64)}`,
					outputFingerprint: `sha256:${'b'.repeat(64)}`,
					retrievedChunkIds: ['c1', 'c2'],
					citations: [{ sentence: 0, sources: ['c1'] }],
					guards: [{ guard: 'injection', verdict: 'pass', score: 0.02 }],
					tokens: { input: 812, output: 64 },
					latencyMs: 41.5,
				},
			}),
		)
		await ledger.record(
			event(3, {
				component: 'copilot',
				action: 'answer.decision',
				resource: { type: 'answer', id: 'answer-1', patientId: PATIENT },
				policy: 'rbac.role-permission',
				clinicianDecision: {
					decision: 'override',
					reasonCode: 'unsupported_by_chart',
					editedTextFingerprint: null,
				},
				sensitive: { patientId: PATIENT, value: { freeText: 'synthetic override note' } },
			}),
		)
		const rows = await ledger.search({ patientId: PATIENT }, reader)
		const decision = rows.find((r) => r.entry?.action === 'answer.decision')
		expect(decision?.payload).toBe('encrypted')
		expect(JSON.stringify(decision)).not.toContain('synthetic override note')
		expect(rows.find((r) => r.entry?.action === 'inference')?.entry?.inference?.tokens).toEqual({
			input: 812,
			output: 64,
		})
		expect(await ledger.readPayload(decision!.seq, reader)).toEqual({
			freeText: 'synthetic override note',
		})
	})

	test('each search, proof and view is itself a ledger.read, recorded before the result', async () => {
		const before = await createLedgerStore(handle.db).size()
		await ledger.search({ patientId: PATIENT, action: 'phi.read' }, reader)
		const [read] = await createLedgerStore(handle.db).search({ limit: 1 })
		expect(read?.seq).toBe(before + 1)
		expect(read?.entry).toMatchObject({
			action: 'ledger.read',
			actor: reader.actor,
			resource: { type: 'ledger', id: 'search', patientId: PATIENT },
			details: { operation: 'search', patientId: PATIENT, action: 'phi.read' },
		})
		await ledger.prove(1, reader)
		const [proofRead] = await createLedgerStore(handle.db).search({
			limit: 1,
			action: 'ledger.read',
		})
		expect(proofRead?.entry).toMatchObject({ details: { operation: 'prove', seq: 1 } })
	})
})
