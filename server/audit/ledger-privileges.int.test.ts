import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestDatabase } from '#tests/helpers/test-database.ts'
import type { Ledger } from './ledger.ts'
import { event, openLedger, refusal } from './ledger-test-fixtures.ts'

describe('privileges and triggers of the ledger database', () => {
	let handle: TestDatabase
	let ledger: Ledger
	beforeAll(async () => {
		;({ handle, ledger } = await openLedger())
		await ledger.record(event(1))
		await ledger.checkpoint()
	})
	afterAll(async () => {
		await ledger.close()
		await handle.close()
	})

	const asRole = (role: string, statement: string) =>
		refusal(
			handle.db.transaction(async (tx) => {
				await tx.execute(`set local role ${role}` as never)
				await tx.execute(statement as never)
			}),
		)

	test('the application role cannot UPDATE an entry', async () => {
		expect(await asRole('chartside_ledger_app', `update ledger_entries set entry = '{}'`)).toMatch(
			/permission denied/,
		)
	})
	test('the application role cannot DELETE an entry', async () => {
		expect(await asRole('chartside_ledger_app', 'delete from ledger_entries')).toMatch(
			/permission denied/,
		)
	})
	test('the application role cannot TRUNCATE the ledger', async () => {
		expect(await asRole('chartside_ledger_app', 'truncate ledger_entries')).toMatch(
			/permission denied/,
		)
	})
	test('the application role cannot change a checkpoint', async () => {
		expect(
			await asRole('chartside_ledger_app', `update ledger_checkpoints set signature = 'x'`),
		).toMatch(/permission denied/)
	})
	test('the application role cannot destroy or replace a key directly', async () => {
		expect(
			await asRole('chartside_ledger_app', `update ledger_patient_keys set wrapped_key = null`),
		).toMatch(/permission denied/)
	})
	test('the application role cannot backdate an entry', async () => {
		expect(
			await asRole(
				'chartside_ledger_app',
				`insert into ledger_entries (seq, recorded_at, entry, leaf_hash, chain_hash) values (999, now() - interval '7 years', '{}', 'x', 'y')`,
			),
		).toMatch(/current time/)
	})
	test('even the owner cannot UPDATE, DELETE or TRUNCATE entries', async () => {
		expect(await refusal(handle.asOwner(`update ledger_entries set entry = '{}'`))).toMatch(
			/append-only/,
		)
		expect(await refusal(handle.asOwner('delete from ledger_entries'))).toMatch(/append-only/)
		expect(await refusal(handle.asOwner('truncate ledger_entries'))).toMatch(/append-only/)
	})
	test('the retention role cannot purge an entry younger than six years', async () => {
		expect(
			await asRole('chartside_ledger_retention', 'update ledger_entries set entry = null'),
		).toMatch(/append-only/)
	})
	test('the retention role cannot delete even an old entry', async () => {
		expect(await asRole('chartside_ledger_retention', 'delete from ledger_entries')).toMatch(
			/permission denied/,
		)
	})
})
