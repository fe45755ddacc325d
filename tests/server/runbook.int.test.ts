import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runProcess, waitUntilHealthy, type ChildRun } from '#tests/helpers/app-process.ts'
import { freePort } from '#tests/helpers/free-port.ts'
import { onTestServer } from '#tests/helpers/test-database.ts'

/**
 * docs/runbooks/production-postgres.md, executed as written: its `step-N` blocks, in order,
 * against a cluster this test creates empty with initdb, then the app it ends with. The
 * binaries come from the PostgreSQL the CI installs (pg_config --bindir); the test runs with the
 * other server tests (npm run test:server).
 */
const RUNBOOK = 'docs/runbooks/production-postgres.md'
const bindir = (() => {
	const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' })
	const dir = found.status === 0 ? found.stdout.trim() : '/usr/lib/postgresql/15/bin'
	return existsSync(path.join(dir, 'initdb')) ? dir : null
})()
/** initdb and postgres refuse to run as root: run them as the postgres system user then. */
const asClusterOwner = (command: string, args: string[]) =>
	process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', command, ...args]]
		: [command, args]

function run(
	command: string,
	args: string[],
	options: { input?: string; env?: NodeJS.ProcessEnv } = {},
) {
	const [cmd, argv] = asClusterOwner(command, args) as [string, string[]]
	const result = spawnSync(cmd, argv, { encoding: 'utf8', input: options.input, env: options.env })
	if (result.status !== 0)
		throw new Error(`${command} exited ${result.status}: ${result.stderr}${result.stdout}`)
	return result.stdout
}

type Step = { name: string; language: 'sql' | 'sh'; body: string }

async function runbookSteps(): Promise<Step[]> {
	const text = await readFile(RUNBOOK, 'utf8')
	return [...text.matchAll(/```(sql|sh) (step-\d+)\n([\s\S]*?)```/g)].map((m) => ({
		language: m[1] as Step['language'],
		name: m[2] ?? '',
		body: m[3] ?? '',
	}))
}

const PASSWORDS = {
	migrator: 'runbook-migrator-pw',
	service: 'runbook-service-pw',
	ledger: 'runbook-ledger-pw',
}

describe.skipIf(!onTestServer || !bindir)('the production runbook, on an empty cluster', () => {
	let dir: string
	let port: number
	let appPort: number
	let app: ChildRun | null = null
	let steps: Step[]

	beforeAll(async () => {
		steps = await runbookSteps()
		dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-runbook-'))
		await chmod(dir, 0o777)
		port = await freePort()
		appPort = await freePort()
		const data = path.join(dir, 'cluster')
		run(path.join(bindir ?? '', 'initdb'), [
			'-D',
			data,
			'-U',
			'postgres',
			'--auth-local=trust',
			'--auth-host=scram-sha-256',
		])
		run(path.join(bindir ?? '', 'pg_ctl'), [
			'-D',
			data,
			'-l',
			path.join(dir, 'server.log'),
			'-o',
			`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
			'-w',
			'start',
		])
	}, 120_000)

	afterAll(async () => {
		await app?.stop()
		if (bindir)
			spawnSync(
				...(asClusterOwner(path.join(bindir, 'pg_ctl'), [
					'-D',
					path.join(dir, 'cluster'),
					'-m',
					'immediate',
					'stop',
				]) as [string, string[]]),
			)
		await rm(dir, { recursive: true, force: true })
	})

	test('marks four steps: two for the superuser in SQL, two in the shell', () => {
		expect(steps.map((s) => `${s.name}:${s.language}`)).toEqual([
			'step-1:sql',
			'step-2:sql',
			'step-3:sh',
			'step-4:sh',
		])
	})

	/** psql as the cluster's superuser over its socket, with `args` after the connection. */
	const psql = (args: string[], input?: string) =>
		run(
			path.join(bindir ?? '', 'psql'),
			['-X', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', ...args],
			input === undefined ? {} : { input },
		)

	test('steps 1 and 2 run as the superuser, through psql', () => {
		for (const step of steps.filter((s) => s.language === 'sql'))
			psql(
				[
					'-q',
					'-v',
					'ON_ERROR_STOP=1',
					'-v',
					`migrator_password=${PASSWORDS.migrator}`,
					'-v',
					`service_password=${PASSWORDS.service}`,
					'-v',
					`ledger_password=${PASSWORDS.ledger}`,
				],
				step.body,
			)
		const roles = psql([
			'-At',
			'-c',
			"select rolname || ':' || rolsuper || rolcreaterole || rolbypassrls from pg_roles where rolname like 'chartside%' order by 1",
		])
		expect(roles.trim().split('\n')).toEqual([
			'chartside_ledger_service:falsefalsefalse',
			'chartside_migrator:falsetruefalse',
			'chartside_service:falsefalsefalse',
		])
	})

	test('steps 3 and 4 migrate as the migrator and serve as the application logins', async () => {
		const shell = steps.filter((s) => s.language === 'sh')
		const script = [
			'set -euo pipefail',
			shell[0]?.body ?? '',
			// Not in the runbook: the synthetic demo, so the running app has charts to count.
			'SEED_DEMO=true npx tsx ingest/demo/seed.cli.ts',
			shell[1]?.body ?? '',
		].join('\n')
		const dataDir = path.join(dir, 'app-data')
		app = runProcess('the runbook', 'bash', ['-c', script], {
			NODE_ENV: 'development',
			PGHOST: '127.0.0.1',
			PGPORT: String(port),
			MIGRATOR_PASSWORD: PASSWORDS.migrator,
			SERVICE_PASSWORD: PASSWORDS.service,
			LEDGER_PASSWORD: PASSWORDS.ledger,
			PORT: String(appPort),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
		})
		await waitUntilHealthy(app, `http://127.0.0.1:${appPort}`, 100_000)
		const appOutput = app.output()
		const health = await fetch(`http://127.0.0.1:${appPort}/healthz`)
		expect(await health.json()).toEqual({
			status: 'ok',
			checks: { database: 'ok', ledgerStore: 'ok' },
		})
		expect(appOutput).toMatch(
			/the operational database \(server\): applied \d+ migrations .*granted chartside_system, chartside_app to chartside_service\./,
		)
		expect(appOutput).toMatch(
			/the audit ledger database \(server\): applied \d+ migrations .*granted chartside_ledger_app, chartside_ledger_retention to chartside_ledger_service\./,
		)
		const front = await (await fetch(`http://127.0.0.1:${appPort}/`)).text()
		expect(front.replaceAll('<!-- -->', '')).toContain('8 patients, 89 documents')
		for (const password of Object.values(PASSWORDS)) expect(appOutput).not.toContain(password)
	}, 180_000)
})
