import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedDemo } from '#ingest/demo/seed.ts'
import { parseConfig } from '#server/config/index.ts'
import { checkHealth } from '#server/health.ts'
import { createLogger } from '#server/log.ts'
import { getSystemOverview } from '#server/overview.ts'
import { createServices, type Services } from '#server/services.ts'
import {
	asSuperuser,
	createTestDatabases,
	onTestServer,
	TEST_LOGINS,
	testServerUrl,
	type TestDatabases,
} from '#tests/helpers/test-database.ts'

/**
 * The production path on a real PostgreSQL server (npm run test:server): the application logins
 * that own nothing run the app, and boot refuses every login or database that would weaken the
 * floor or cannot work, naming the cause and the fix (ADR 033). One test per refusal.
 */
const describeOnServer = describe.skipIf(!onTestServer)

/** Boots the services with `env` over the test databases; resolves with the refusal, or null. */
async function bootRefusal(
	env: Record<string, string>,
): Promise<(Error & { code?: string }) | null> {
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-boot-'))
	try {
		const services = await createServices(parseConfig({ DATA_DIR: dataDir, ...env }), {
			log: createLogger('silent'),
		})
		await services.close()
		return null
	} catch (error) {
		return error as Error & { code?: string }
	} finally {
		await rm(dataDir, { recursive: true, force: true })
	}
}

describeOnServer('boot on a PostgreSQL server refuses', () => {
	let databases: TestDatabases
	let names: { operational: string; ledger: string }
	const loginUrl = (database: string, name: string, password: string) =>
		testServerUrl(database, { name, password })

	beforeAll(async () => {
		databases = await createTestDatabases()
		names = databases.names ?? { operational: '', ledger: '' }
	})
	afterAll(async () => {
		await databases.drop()
		await asSuperuser(async (client) => {
			await client.query('DROP DATABASE IF EXISTS chartside_test_empty WITH (FORCE)')
			await client.query('DROP DATABASE IF EXISTS chartside_test_novector WITH (FORCE)')
			await client.query('DROP ROLE IF EXISTS chartside_test_roleless')
		})
	})

	test('a superuser login (row-level security would not apply)', async () => {
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: testServerUrl(names.operational),
		})
		expect(refusal?.code).toBe('DB_LOGIN_PRIVILEGED')
		expect(refusal?.message).toMatch(
			/operational database: the login \S+ in DATABASE_URL is a superuser/,
		)
	})

	test('the tables’ owner as the operational login', async () => {
		const { name, password } = TEST_LOGINS.migrator
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: loginUrl(names.operational, name, password),
		})
		expect(refusal?.code).toBe('DB_LOGIN_OWNS_TABLES')
		expect(refusal?.message).toContain(`the login ${name} in DATABASE_URL owns`)
		expect(refusal?.message).toContain('production-postgres.md')
		expect(refusal?.message).not.toContain(password)
	})

	test('the tables’ owner as the ledger login', async () => {
		const { name, password } = TEST_LOGINS.migrator
		const refusal = await bootRefusal({
			...databases.env,
			AUDIT_DATABASE_URL: loginUrl(names.ledger, name, password),
		})
		expect(refusal?.code).toBe('DB_LOGIN_OWNS_TABLES')
		expect(refusal?.message).toMatch(/^the audit ledger database: .* in AUDIT_DATABASE_URL owns/)
	})

	test('a login without the roles db:migrate grants', async () => {
		await asSuperuser((client) =>
			client.query(`CREATE ROLE chartside_test_roleless LOGIN PASSWORD 'roleless'`),
		)
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: loginUrl(names.operational, 'chartside_test_roleless', 'roleless'),
		})
		expect(refusal?.code).toBe('DB_LOGIN_ROLE_MISSING')
		expect(refusal?.message).toContain('does not inherit the role chartside_system')
		expect(refusal?.message).toContain('GRANT chartside_system TO chartside_test_roleless')
	})

	test('the ledger login without its retention role', async () => {
		const login = TEST_LOGINS.ledger.name
		await asSuperuser((client) =>
			client.query(`REVOKE chartside_ledger_retention FROM ${pg.escapeIdentifier(login)}`),
		)
		try {
			const refusal = await bootRefusal(databases.env)
			expect(refusal?.code).toBe('DB_LOGIN_ROLE_MISSING')
			expect(refusal?.message).toContain(
				`the login ${login} in AUDIT_DATABASE_URL is not a member of the role chartside_ledger_retention`,
			)
		} finally {
			await asSuperuser((client) =>
				client.query(`GRANT chartside_ledger_retention TO ${pg.escapeIdentifier(login)}`),
			)
		}
	})

	test('a database without the vector extension', async () => {
		await asSuperuser((client) =>
			client.query(
				`CREATE DATABASE chartside_test_novector OWNER ${pg.escapeIdentifier(TEST_LOGINS.migrator.name)}`,
			),
		)
		const { name, password } = TEST_LOGINS.service
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: loginUrl('chartside_test_novector', name, password),
		})
		expect(refusal?.code).toBe('DB_VECTOR_MISSING')
		expect(refusal?.message).toContain('CREATE EXTENSION vector')
	})

	test('a database that was never migrated', async () => {
		await asSuperuser((client) =>
			client.query(
				`CREATE DATABASE chartside_test_empty OWNER ${pg.escapeIdentifier(TEST_LOGINS.migrator.name)}`,
			),
		)
		await asSuperuser((client) => client.query('CREATE EXTENSION vector'), 'chartside_test_empty')
		const { name, password } = TEST_LOGINS.service
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: loginUrl('chartside_test_empty', name, password),
		})
		expect(refusal?.code).toBe('DB_SCHEMA_BEHIND')
		expect(refusal?.message).toContain('npm run db:migrate')
	})

	test('a schema older than the code', async () => {
		const { name, password } = TEST_LOGINS.migrator
		const owner = new pg.Client({ connectionString: loginUrl(names.operational, name, password) })
		await owner.connect()
		const [last] = (
			await owner.query<{ id: number }>(
				'delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations) returning id',
			)
		).rows
		await owner.end()
		expect(last).toBeDefined()
		const refusal = await bootRefusal(databases.env)
		expect(refusal?.code).toBe('DB_SCHEMA_BEHIND')
		expect(refusal?.message).toMatch(/has (\d+) of the code's \d+ migrations/)
	})

	test('a wrong password, naming the SQLSTATE class and never the password', async () => {
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: loginUrl(names.operational, TEST_LOGINS.service.name, 'not-the-password'),
		})
		expect(refusal?.code).toBe('DB_UNAVAILABLE')
		expect(refusal?.message).toContain('SQLSTATE 28P01 (class 28, invalid authorization)')
		expect(refusal?.message).not.toContain('not-the-password')
	})

	test('a database that does not exist', async () => {
		const { name, password } = TEST_LOGINS.service
		const refusal = await bootRefusal({
			...databases.env,
			DATABASE_URL: loginUrl('chartside_test_missing', name, password),
		})
		expect(refusal?.code).toBe('DB_UNAVAILABLE')
		expect(refusal?.message).toContain('SQLSTATE 3D000 (class 3D, invalid catalog name)')
	})

	test('and the server entry prints the refusal, its code and no secret', async () => {
		const { name, password } = TEST_LOGINS.migrator
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-boot-'))
		const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
			const child = spawn('npx', ['tsx', 'server/main.ts'], {
				env: {
					NODE_ENV: 'development',
					PATH: process.env.PATH ?? '',
					HOME: process.env.HOME ?? '',
					DATA_DIR: dataDir,
					...databases.env,
					DATABASE_URL: loginUrl(names.operational, name, password),
				},
				stdio: ['ignore', 'ignore', 'pipe'],
			})
			let stderr = ''
			child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
			child.on('close', (code) => resolve({ code, stderr }))
		})
		await rm(dataDir, { recursive: true, force: true })
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('Chartside cannot start: the operational database: the login')
		expect(result.stderr).toContain('(DB_LOGIN_OWNS_TABLES)')
		expect(result.stderr).not.toContain(password)
	})
})

describeOnServer('services on a PostgreSQL server, as the application logins', () => {
	let databases: TestDatabases
	let services: Services
	let dataDir: string

	beforeAll(async () => {
		databases = await createTestDatabases()
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-services-'))
		services = await createServices(parseConfig({ DATA_DIR: dataDir, ...databases.env }), {
			log: createLogger('silent'),
		})
	})
	afterAll(async () => {
		await services.close()
		await databases.drop()
		await rm(dataDir, { recursive: true, force: true })
	})

	test('use the production driver for both', () => {
		expect(services.database.kind).toBe('server')
		expect(services.ledgerStore.kind).toBe('server')
		expect(services.database.pglite).toBeNull()
	})

	test('seed and read the demo through the system paths (chartside_system)', async () => {
		const summary = await seedDemo({
			db: services.database.db,
			gateway: services.gateway,
			audit: services.audit,
		})
		expect(summary.patients).toBe(8)
		expect(await getSystemOverview(services)).toMatchObject({
			mode: 'server',
			ledgerMode: 'server',
			patientCount: 8,
			documentCount: 89,
		})
	})

	test('run as logins that own nothing and are neither superuser nor BYPASSRLS', async () => {
		for (const handle of [services.database, services.ledgerStore]) {
			const [me] = await handle.query<{ superuser: boolean; bypass: boolean; owned: number }>(
				`select r.rolsuper as superuser, r.rolbypassrls as bypass,
				        (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
				   from pg_roles r where r.rolname = current_user`,
			)
			expect(me).toEqual({ superuser: false, bypass: false, owned: 0 })
		}
	})

	test('cannot change the schema or read the ledger from the operational login', async () => {
		await expect(
			services.database.query('create table chartside_intruder (id int)'),
		).rejects.toMatchObject({ code: '42501' })
		await expect(services.database.query('truncate sessions')).rejects.toMatchObject({
			code: '42501',
		})
	})

	test('report healthy', async () => {
		expect((await checkHealth(services)).status).toBe('ok')
	})
})
