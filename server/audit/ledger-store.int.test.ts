import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { generateSigningKey, signingKeyFrom, verifyCheckpoint } from './checkpoint.ts'
import { createLedgerStore, type LedgerStore } from './ledger-store.ts'
import { verifyInclusion } from './merkle.ts'

const event = (i: number) => ({
	action: 'phi.read',
	requestId: `req-${i}`,
	actor: { userId: `u-${i % 3}` },
	at: `2026-11-22T10:00:${String(i % 60).padStart(2, '0')}.000Z`,
})

let handle: DatabaseHandle
let ledger: LedgerStore
const key = signingKeyFrom(generateSigningKey())

beforeAll(async () => {
	handle = await openDatabase({ kind: 'embedded' })
	await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
	ledger = createLedgerStore(handle.db)
})
afterAll(async () => {
	await handle.close()
})

/** The database's own refusal (drizzle wraps errors as "Failed query" with the error as cause). */
async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work
	} catch (error) {
		return String(
			(error as { cause?: { message?: unknown } }).cause?.message ?? (error as Error).message,
		)
	}
	throw new Error('expected a refusal')
}

describe('the ledger store', () => {
	test('appends batches into one gap-free chain that verifies', async () => {
		expect(await ledger.append([event(1), event(2), event(3)])).toMatchObject({
			firstSeq: 1,
			lastSeq: 3,
		})
		expect(await ledger.append([event(4), event(5)])).toMatchObject({ firstSeq: 4, lastSeq: 5 })
		expect(await ledger.verify()).toMatchObject({ ok: true, size: 5 })
	})

	test('concurrent appends still make one chain', async () => {
		await Promise.all(Array.from({ length: 6 }, (_, i) => ledger.append([event(10 + i)])))
		expect(await ledger.verify()).toMatchObject({ ok: true, size: 11 })
	})

	test('signs a checkpoint an outsider can verify, and proves an entry against it', async () => {
		const checkpoint = await ledger.checkpoint(key)
		expect(checkpoint.treeSize).toBe(11)
		expect(verifyCheckpoint(checkpoint, key.publicKey)).toBe(true)
		const { leafHash, proof, rootHash } = await ledger.prove(4, checkpoint.treeSize)
		expect(rootHash).toBe(checkpoint.rootHash)
		const h = (x: string) => Buffer.from(x, 'hex')
		expect(verifyInclusion(3, 11, h(leafHash), proof.map(h), h(checkpoint.rootHash))).toBe(true)
		expect(verifyInclusion(4, 11, h(leafHash), proof.map(h), h(checkpoint.rootHash))).toBe(false)
	})
})

describe('the ledger store refuses', () => {
	test.each([
		['to update an entry', "update ledger_entries set entry = '{}'::jsonb where seq = 1"],
		['to delete an entry', 'delete from ledger_entries where seq = 1'],
		['to truncate the entries', 'truncate ledger_entries'],
		['to update a checkpoint', "update ledger_checkpoints set signature = 'x'"],
		['to delete a checkpoint', 'delete from ledger_checkpoints'],
	])('%s, even to the owner', async (_name, statement) => {
		expect(await refusal(handle.query(statement))).toMatch(/append-only/)
	})

	test('to delete a patient key, or to destroy one twice (shredding happens once)', async () => {
		const patient = '3f2b8c1e-9d4a-4c55-8e21-0a6b7c8d9e0f'
		await handle.query(
			`insert into ledger_patient_keys (patient_id, wrapped_key) values ($1, '{"alg":"A256GCM"}')`,
			[patient],
		)
		await handle.query(
			'update ledger_patient_keys set wrapped_key = null, destroyed_at = now() where patient_id = $1',
			[patient],
		)
		expect(
			await refusal(
				handle.query('update ledger_patient_keys set destroyed_at = now() where patient_id = $1', [
					patient,
				]),
			),
		).toMatch(/once/)
		expect(
			await refusal(
				handle.query('delete from ledger_patient_keys where patient_id = $1', [patient]),
			),
		).toMatch(/shredded, not deleted/)
	})
})

describe('verification names the first bad entry when someone bypasses the triggers', () => {
	test('an edited entry', async () => {
		await handle.query('alter table ledger_entries disable trigger ledger_entries_append_only')
		await handle.query(
			`update ledger_entries set entry = jsonb_set(entry, '{action}', '"access.denied"') where seq = 7`,
		)
		await handle.query('alter table ledger_entries enable trigger ledger_entries_append_only')
		expect(await ledger.verify()).toEqual({ ok: false, firstBadSeq: 7, reason: 'leaf_hash' })
	})
})
