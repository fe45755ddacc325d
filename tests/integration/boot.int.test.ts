import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

/** Runs a command with a clean environment plus `env`; resolves with its exit code and output. */
function run(command: string, args: string[], env: Record<string, string>, timeoutMs = 60_000) {
	const childEnv: NodeJS.ProcessEnv = {
		NODE_ENV: 'development',
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		...env,
	}
	return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
		const child = spawn(command, args, {
			env: childEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		let stdout = ''
		let stderr = ''
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
		child.on('close', (code) => {
			clearTimeout(timer)
			resolve({ code, stdout, stderr })
		})
	})
}

describe('boot stops on bad configuration, naming the variable', () => {
	let dataDir: string
	beforeAll(async () => {
		dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-boot-'))
	})
	afterAll(async () => {
		await rm(dataDir, { recursive: true, force: true })
	})

	test('`npm start` with DATABASE_URL=not-a-url', async () => {
		const result = await run('npm', ['start', '--silent'], {
			DATABASE_URL: 'not-a-url',
			DATA_DIR: dataDir,
		})
		expect(result.code).not.toBe(0)
		expect(result.stderr).toContain('DATABASE_URL')
		expect(result.stderr).not.toContain('not-a-url')
	})

	test('the server entry with an out-of-range PORT', async () => {
		const result = await run('npx', ['tsx', 'server/main.ts'], { PORT: '99999', DATA_DIR: dataDir })
		expect(result.code).toBe(1)
		expect(result.stderr).toMatch(/PORT: /)
	})

	test('the server entry when the database server cannot be reached', async () => {
		const result = await run('npx', ['tsx', 'server/main.ts'], {
			// Port 9 (discard) on loopback: nothing listens there.
			DATABASE_URL: 'postgres://app:secret-password@127.0.0.1:9/chartside',
			DB_CONNECT_TIMEOUT_MS: '1000',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'silent',
		})
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('database')
		expect(result.stderr + result.stdout).not.toContain('secret-password')
	})

	test('the server entry with a gateway registry that routes PHI to an endpoint without a BAA', async () => {
		const file = path.join(dataDir, 'gateway.json')
		await writeFile(
			file,
			JSON.stringify({
				endpoints: [
					{
						id: 'vendor',
						provider: 'openai-compatible',
						baseUrl: 'https://vendor.example/v1',
						model: 'm',
						baaCovered: false,
						envelope: 'phi',
						retention: 'store-false',
						apiKey: 'OPENAI_COMPATIBLE_API_KEY',
					},
				],
				routes: Object.fromEntries(
					['answer', 'summarize', 'classify', 'embed'].map((f) => [
						f,
						{ envelope: 'phi', endpoints: ['vendor'] },
					]),
				),
			}),
		)
		const result = await run('npx', ['tsx', 'server/main.ts'], {
			DATA_DIR: dataDir,
			GATEWAY_CONFIG: file,
			OPENAI_COMPATIBLE_API_KEY: 'sk-test-must-not-print',
			LOG_LEVEL: 'silent',
		})
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('not covered by a BAA')
		expect(result.stderr + result.stdout).not.toContain('sk-test-must-not-print')
	})

	test('the server entry while another live process holds an embedded store', async () => {
		// This test process stands in for a running app holding the ledger store.
		await writeFile(path.join(dataDir, 'audit.lock'), String(process.pid))
		try {
			const result = await run('npx', ['tsx', 'server/main.ts'], {
				DATA_DIR: dataDir,
				LOG_LEVEL: 'silent',
			})
			expect(result.code).toBe(1)
			expect(result.stderr).toContain(`already open in process ${process.pid}`)
		} finally {
			await rm(path.join(dataDir, 'audit.lock'), { force: true })
		}
	})
})
