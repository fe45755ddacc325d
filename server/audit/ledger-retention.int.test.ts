import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestDatabase } from '#tests/helpers/test-database.ts'
import { buildChain } from './chain.ts'
import type { Ledger } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { event, openLedger, OTHER_PATIENT, PATIENT, reader } from './ledger-test-fixtures.ts'

describe('crypto-shredding and retention', () => {
	let handle: TestDatabase
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger())
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('after shredPatient the payloads cannot be read, the chain verifies and the shred is recorded', async () => {
		const sensitive = (patientId: string) => ({
			action: 'access.break_glass' as const,
			resource: { type: 'patient' as const, id: patientId, patientId },
			policy: 'scope.break-glass',
			sensitive: { patientId, value: { reason: 'synthetic emergency reason' } },
		})
		await ledger.record(event(1, sensitive(PATIENT)))
		await ledger.record(event(2, sensitive(OTHER_PATIENT)))
		const [mine, other] = [1, 2]
		expect(await ledger.readPayload(mine, reader)).toEqual({ reason: 'synthetic emergency reason' })

		await ledger.shredPatient(PATIENT, reader)

		await expect(ledger.readPayload(mine, reader)).rejects.toMatchObject({
			code: 'AUDIT_PAYLOAD_SHREDDED',
		})
		expect(await ledger.readPayload(other, reader)).toEqual({
			reason: 'synthetic emergency reason',
		})
		expect(await ledger.verify(reader)).toMatchObject({ ok: true })
		const [shred] = await createLedgerStore(handle.db).search({ limit: 1, action: 'ledger.shred' })
		expect(shred?.entry).toMatchObject({
			resource: { type: 'patient', id: PATIENT },
			component: 'retention',
		})
		// Later PHI for that patient is dropped, never stored under a new key.
		await ledger.record(event(3, sensitive(PATIENT)))
		const seq = await createLedgerStore(handle.db).size()
		const withheld = await createLedgerStore(handle.db).entry(seq)
		expect(withheld?.entry).toMatchObject({
			payload: { patientId: PATIENT, withheld: 'patient_key_destroyed' },
		})
	})

	test('a purge blanks only entries over six years old, keeps their hashes, and is recorded', async () => {
		const store = createLedgerStore(handle.db)
		const size = await store.size()
		const head = (await store.entry(size))!.chainHash
		// Entries from seven years ago, as if written then (inserted by the owner, triggers on).
		const old = buildChain(
			[0, 1, 2].map((i) => ({ v: 1, note: `old ${i}`, recordedAt: '2019-01-01T00:00:00.000Z' })),
			{ seq: size + 1, head: Buffer.from(head, 'hex') },
		)
		for (const b of old)
			await handle.asOwner(
				`insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash) values ($1, '2019-01-01T00:00:00.000Z', $2, $3, $4)`,
				[b.seq, b.text, b.leafHash, b.chainHash],
			)
		await ledger.record(event(50))
		const result = await ledger.purge(new Date('2020-01-01T00:00:00Z'), reader)
		expect(result).toEqual({ count: 3, throughSeq: size + 3 })
		expect((await store.entry(size + 1))?.entry).toBeNull()
		expect((await store.entry(size + 4))?.entry).not.toBeNull()
		expect(await ledger.verify(reader)).toMatchObject({ ok: true, purged: 3 })
		const [purge] = await store.search({ limit: 1, action: 'ledger.purge' })
		expect(purge?.entry).toMatchObject({ details: { count: 3, throughSeq: size + 3 } })
	})
})
