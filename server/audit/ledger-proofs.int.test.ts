import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestDatabase } from '#tests/helpers/test-database.ts'
import { verifyCheckpoint } from './checkpoint.ts'
import type { Ledger } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { event, openLedger, reader } from './ledger-test-fixtures.ts'
import { verifyConsistency, verifyInclusion } from './merkle.ts'

describe('chain, checkpoints and proofs', () => {
	let handle: TestDatabase
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger(10))
		await Promise.all(Array.from({ length: 25 }, (_, i) => ledger.record(event(i))))
		await ledger.checkpoint()
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	test('concurrent records make one gap-free chain that verifies, with checkpoints', async () => {
		const report = await ledger.verify(reader)
		expect(report).toMatchObject({ ok: true, entries: 25, firstBadSeq: null })
		expect(report.checkpoints).toBeGreaterThanOrEqual(1)
		const checkpoints = await createLedgerStore(handle.db).checkpoints()
		for (const cp of checkpoints) expect(verifyCheckpoint(cp, ledger.publicKey)).toBe(true)
	})

	test('an inclusion proof verifies against its signed checkpoint', async () => {
		const proof = await ledger.prove(7, reader)
		expect(verifyCheckpoint(proof.checkpoint, ledger.publicKey)).toBe(true)
		expect(
			verifyInclusion(
				6,
				proof.treeSize,
				Buffer.from(proof.leafHash, 'hex'),
				proof.proof.map((h) => Buffer.from(h, 'hex')),
				Buffer.from(proof.checkpoint.rootHash, 'hex'),
			),
		).toBe(true)
	})

	test('a consistency proof links two stored checkpoints', async () => {
		await ledger.record(event(99))
		const later = await ledger.checkpoint()
		const [first] = await createLedgerStore(handle.db).checkpoints()
		expect(first && later && first.treeSize < later.treeSize).toBe(true)
		const proof = await ledger.proveConsistency(first!.treeSize, later!.treeSize)
		expect(
			verifyConsistency(
				first!.treeSize,
				later!.treeSize,
				Buffer.from(first!.rootHash, 'hex'),
				Buffer.from(later!.rootHash, 'hex'),
				proof.map((h) => Buffer.from(h, 'hex')),
			),
		).toBe(true)
	})
})
