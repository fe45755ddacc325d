import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { TestDatabase } from '#tests/helpers/test-database.ts'
import { createLogger } from '../log.ts'
import { buildChain, GENESIS } from './chain.ts'
import { createLedger, type Ledger, type LedgerKeys } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'
import { event, openLedger, reader, tamper } from './ledger-test-fixtures.ts'

describe('tamper evidence: verify names the first bad entry', () => {
	let handle: TestDatabase
	let ledger: Ledger
	let keys: LedgerKeys
	// A fresh ledger for every case: a verify run is itself appended, so a tampered chain would
	// otherwise carry into the next case.
	beforeEach(async () => {
		;({ handle, ledger, keys } = await openLedger(1_000))
		for (let i = 1; i <= 12; i++) await ledger.record(event(i))
		await ledger.checkpoint()
	})
	afterEach(async () => {
		await ledger.close()
		await handle.close()
	})

	async function expectDetected(statements: string, expected: Record<string, unknown>) {
		await tamper(handle, statements)
		expect(await ledger.verify(reader)).toMatchObject({ ok: false, ...expected })
	}

	test('the untouched ledger verifies', async () => {
		expect(await ledger.verify(reader)).toMatchObject({ ok: true })
	})

	test('changing a field of an entry', async () => {
		await expectDetected(
			`update ledger_entries set entry = jsonb_set(entry::jsonb, '{actor,userId}', '"someone-else"')::text where seq = 5`,
			{ firstBadSeq: 5, reason: 'leaf_hash' },
		)
	})

	test('changing a field and its leaf hash', async () => {
		await expectDetected(
			`update ledger_entries set entry = jsonb_set(entry::jsonb, '{action}', '"access.denied"')::text,
				leaf_hash = (select leaf_hash from ledger_entries where seq = 4) where seq = 6`,
			{ firstBadSeq: 6 },
		)
	})

	test('changing the recorded time column', async () => {
		await expectDetected(
			`update ledger_entries set recorded_at = recorded_at - interval '7 years' where seq = 3`,
			{ firstBadSeq: 3, reason: 'recorded_at' },
		)
	})

	test('a raw newline or tab written into an entry', async () => {
		await expectDetected(
			// Still JSON (a newline between tokens), so the expression indexes accept it.
			`update ledger_entries set entry = replace(entry, '"v":1', E'"v":\n1') where seq = 6`,
			{ firstBadSeq: 6, reason: 'leaf_hash' },
		)
	})

	test('deleting an entry', async () => {
		await expectDetected(`delete from ledger_entries where seq = 4`, {
			firstBadSeq: 4,
			reason: 'sequence',
		})
	})

	test('reordering two entries', async () => {
		await expectDetected(
			`update ledger_entries set seq = -1 where seq = 7;
			 update ledger_entries set seq = 7 where seq = 8;
			 update ledger_entries set seq = 8 where seq = -1`,
			{ firstBadSeq: 7, reason: 'chain_hash' },
		)
	})

	test('inserting an entry', async () => {
		const forged = buildChain([{ v: 1, action: 'phi.read', note: 'forged' }], {
			seq: 9,
			head: GENESIS,
		})[0]!
		await expectDetected(
			`update ledger_entries set seq = seq + 1000 where seq >= 9;
			 update ledger_entries set seq = seq - 999 where seq >= 1009;
			 insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash)
				values (9, now(), '${forged.text}', '${forged.leafHash}', '${forged.chainHash}')`,
			{ firstBadSeq: 9 },
		)
	})

	test('rewriting the chain consistently from an entry on is caught by the signed checkpoint', async () => {
		const rows = await createLedgerStore(handle.db).page(0, 100)
		const rebuilt = buildChain(
			rows
				.slice(9)
				.map((r, i) => (i === 0 ? { ...(r.entry as object), outcome: 'failed' } : r.entry)),
			{ seq: 10, head: Buffer.from(rows[8]!.chainHash, 'hex') },
		)
		await expectDetected(
			rebuilt
				.map(
					(b) =>
						`update ledger_entries set entry = '${b.text}', leaf_hash = '${b.leafHash}', chain_hash = '${b.chainHash}' where seq = ${b.seq}`,
				)
				.join(';\n'),
			{ firstBadSeq: 1, badCheckpoint: 12, reason: 'checkpoint_root' },
		)
	})

	test('a new checkpoint is refused over a tree that no longer extends the last one', async () => {
		const forged = '0'.repeat(63) + '1'
		await tamper(handle, `update ledger_entries set leaf_hash = '${forged}' where seq = 4`)
		await ledger.record(event(13))
		// A process that reads the ledger afresh (this one already holds the true leaves).
		const fresh = createLedger({
			store: createLedgerStore(handle.db),
			keys,
			checkpointEvery: 1_000,
			checkpointSeconds: 3600,
			log: createLogger('silent'),
		})
		try {
			await expect(fresh.checkpoint()).rejects.toMatchObject({
				code: 'AUDIT_CHECKPOINT_REFUSED',
			})
		} finally {
			await fresh.close()
		}
		expect((await createLedgerStore(handle.db).checkpoints()).map((c) => c.treeSize)).toEqual([12])
	})

	test('replacing a checkpoint signature', async () => {
		await expectDetected(
			`update ledger_checkpoints set signature = '${Buffer.alloc(64, 7).toString('base64')}'`,
			{ badCheckpoint: 12, reason: 'checkpoint_signature' },
		)
	})

	test('removing every checkpoint, once the entries are older than the checkpoint interval', async () => {
		await tamper(handle, 'delete from ledger_checkpoints')
		// Just written, the entries may still await their checkpoint…
		expect(await ledger.verify(reader)).toMatchObject({ ok: true, checkpoints: 0 })
		// …but a day later a ledger with no checkpoint over them is refused.
		const later = createLedger({
			store: createLedgerStore(handle.db),
			keys,
			checkpointEvery: 1_000,
			checkpointSeconds: 3600,
			log: createLogger('silent'),
			now: () => new Date(Date.now() + 86_400_000),
		})
		try {
			expect(await later.verify(reader)).toMatchObject({
				ok: false,
				firstBadSeq: 1,
				reason: 'checkpoint_missing',
			})
			// The automatic signers will not paper over it; only an operator's explicit checkpoint.
			await expect(later.checkpoint()).rejects.toMatchObject({ code: 'AUDIT_CHECKPOINT_REFUSED' })
			await expect(later.prove(3, reader)).rejects.toMatchObject({
				code: 'AUDIT_CHECKPOINT_REFUSED',
			})
			expect(await later.checkpoint({ coverStale: true })).toMatchObject({
				keyId: keys.signing.keyId,
			})
			expect(await later.verify(reader)).toMatchObject({ ok: true, checkpoints: 1 })
		} finally {
			await later.close()
		}
	})
})
