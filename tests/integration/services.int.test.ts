import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { parseConfig } from '#server/config/index.ts'
import { checkHealth } from '#server/health.ts'
import { createLogger } from '#server/log.ts'
import { createServices, type Services } from '#server/services.ts'
import { startWirePostgres, type WirePostgres } from '#tests/helpers/wire-postgres.ts'

describe('services on the embedded default', () => {
	let dataDir: string
	let services: Services

	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-services-'))
		services = await createServices(parseConfig({ DATA_DIR: dataDir }))
	})
	afterAll(async () => {
		await services.close()
		await rm(dataDir, { recursive: true, force: true })
	})

	test('keep the operational database and the ledger store in separate directories', () => {
		expect(services.database.kind).toBe('embedded')
		expect(services.ledgerStore.kind).toBe('embedded')
		expect(services.database.pglite?.dataDir).toBe(path.join(dataDir, 'db'))
		expect(services.ledgerStore.pglite?.dataDir).toBe(path.join(dataDir, 'audit'))
	})

	test('apply the domain migrations to the operational database only', async () => {
		const domain = await services.database.query(
			"select 1 from pg_tables where tablename = 'patients'",
		)
		const ledger = await services.ledgerStore.query(
			"select 1 from pg_tables where tablename = 'patients'",
		)
		expect(domain).toHaveLength(1)
		expect(ledger).toHaveLength(0)
	})

	test('report healthy when both stores answer', async () => {
		expect(await checkHealth(services)).toEqual({
			status: 'ok',
			checks: { database: 'ok', ledgerStore: 'ok' },
		})
	})

	test('report degraded, naming the store, when the ledger store is down', async () => {
		const down = { ...services.ledgerStore, ping: () => Promise.reject(new Error('closed')) }
		expect(await checkHealth({ database: services.database, ledgerStore: down })).toEqual({
			status: 'degraded',
			checks: { database: 'ok', ledgerStore: 'unreachable' },
		})
	})
})

// The production driver against pglite-socket: its one session is PGlite's superuser, which the
// boot check refuses on a server (ADR 033). The positive path runs on a real server with the
// application logins in tests/server/production-postgres.int.test.ts.
describe('services on a PostgreSQL server (DATABASE_URL, AUDIT_DATABASE_URL) through node-postgres', () => {
	let operational: WirePostgres
	let ledger: WirePostgres
	let dataDir: string

	beforeAll(async () => {
		operational = await startWirePostgres()
		ledger = await startWirePostgres()
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-services-'))
	})
	afterAll(async () => {
		await Promise.all([operational.stop(), ledger.stop()])
		await rm(dataDir, { recursive: true, force: true })
	})

	test('refuse to run as a superuser, naming the database, the login and the fix', async () => {
		const refusal = await createServices(
			parseConfig({
				DATABASE_URL: operational.url,
				AUDIT_DATABASE_URL: ledger.url,
				DATA_DIR: dataDir,
			}),
			{ log: createLogger('silent') },
		).then(
			() => null,
			(error: unknown) => error,
		)
		expect(refusal).toMatchObject({ code: 'DB_LOGIN_PRIVILEGED' })
		expect((refusal as Error).message).toMatch(
			/^the operational database: the login postgres in DATABASE_URL is a superuser.*runbooks\/production-postgres\.md/,
		)
		expect((refusal as Error).message).not.toContain('postgres:postgres@')
	})
})
