import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { generateSigningKey, signingKeyFrom } from '#server/audit/checkpoint.ts'
import { createLedger, type Ledger } from '#server/audit/ledger.ts'
import { createLedgerStore } from '#server/audit/ledger-store.ts'
import { newDataKey } from '#server/audit/payload-crypto.ts'
import { createLogger } from '#server/log.ts'
import { syntheticEvent } from '#tests/helpers/ledger-events.ts'
import {
	createTestDatabases,
	onTestServer,
	openTestDatabase,
	type TestDatabases,
} from '#tests/helpers/test-database.ts'
import { startWirePostgres, type WirePostgres } from '#tests/helpers/wire-postgres.ts'

const run = promisify(execFile)
const reader = {
	actor: { userId: 'operator:test', role: null, sessionId: null },
	requestId: 'req-verify',
}
const signingKey = generateSigningKey()
const masterKey = newDataKey()

function ledgerOver(handle: DatabaseHandle): Ledger {
	return createLedger({
		store: createLedgerStore(handle.db),
		keys: { signing: signingKeyFrom(signingKey), master: masterKey },
		checkpointEvery: 1_000,
		checkpointSeconds: 3_600,
		log: createLogger('silent'),
	})
}

describe('8 concurrent writers × 1,000 events give one valid chain with no gaps', () => {
	test(`in one process, on ${onTestServer ? 'a server database' : 'the embedded store'}`, async () => {
		const handle = await openTestDatabase('ledger', { poolMax: 8 })
		const ledger = ledgerOver(handle)
		try {
			const seqs: number[] = []
			await Promise.all(
				Array.from({ length: 8 }, async (_, w) => {
					for (let i = 0; i < 1_000; i++) seqs.push(await ledgerRecord(ledger, i, `w${w}`))
				}),
			)
			expect(new Set(seqs).size).toBe(8_000)
			const report = await ledger.verify(reader)
			expect(report).toMatchObject({ ok: true, entries: 8_000 })
			expect(report.checkpoints).toBeGreaterThanOrEqual(1)
		} finally {
			await ledger.close()
			await handle.close()
		}
	})

	// npm test: both processes reach one PGlite through pglite-socket (one shared session).
	// npm run test:server: a real server, each process with its own pooled connections, as the
	// ledger's application login, so the advisory lock is taken between real sessions.
	describe(`in two separate processes sharing the ledger database ${onTestServer ? 'on a PostgreSQL server' : 'over the wire protocol'}`, () => {
		let wire: WirePostgres | null = null
		let databases: TestDatabases | null = null
		let url: string
		beforeAll(async () => {
			if (onTestServer) {
				databases = await createTestDatabases()
				url = databases.env.AUDIT_DATABASE_URL ?? ''
				return
			}
			wire = await startWirePostgres()
			url = wire.url
			const handle = await openDatabase({ kind: 'server', url })
			await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
			await handle.close()
		})
		afterAll(async () => {
			await wire?.stop()
			await databases?.drop()
		})

		test('two processes of 4 writers each', async () => {
			const child = () =>
				run(
					process.execPath,
					[
						'--import',
						'tsx',
						'tests/helpers/ledger-writer.ts',
						url,
						'4',
						'1000',
						signingKey,
						masterKey.toString('base64'),
					],
					{ timeout: 120_000 },
				)
			const outputs = await Promise.all([child(), child()])
			const given = outputs.flatMap(({ stdout }) => (JSON.parse(stdout) as { seqs: number[] }).seqs)
			// Each process got 4,000 entries, and between them every number 1..8,000 exactly once.
			expect(given).toHaveLength(8_000)
			expect([...given].sort((a, b) => a - b)).toEqual(
				Array.from({ length: 8_000 }, (_, i) => i + 1),
			)
			const handle = await openDatabase({ kind: 'server', url })
			const ledger = ledgerOver(handle)
			try {
				const report = await ledger.verify(reader)
				expect(report).toMatchObject({ ok: true, entries: 8_000, firstBadSeq: null })
				const store = createLedgerStore(handle.db)
				const writers = new Set(
					(await store.page(0, 10_000, 8_000)).map((r) =>
						String((r.entry as { requestId: string }).requestId).replace(/-req-\d+$/, ''),
					),
				)
				expect(writers.size).toBe(8)
			} finally {
				await ledger.close()
				await handle.close()
			}
		})
	})
})

/** Records one event and returns its sequence number (the sink API returns nothing). */
async function ledgerRecord(ledger: Ledger, i: number, writer: string): Promise<number> {
	return ledger.append(syntheticEvent(i, writer))
}
