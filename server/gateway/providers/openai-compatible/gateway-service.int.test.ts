import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { freePort } from '#tests/helpers/free-port.ts'

/**
 * `npm run gateway` as a separate process, driven by an OpenAI-style client (LangChain's
 * ChatOpenAI, the same client an OpenAI-compatible vendor gets): the service token, the model
 * allowlist, completions, streaming and embeddings. Synthetic chart text only.
 */
const TOKEN = 'gateway-service-token-for-tests-0123456789'
const PATIENT = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
const CONTEXT = {
	requestId: 'req-openai-client',
	actor: { userId: '11111111-2222-4333-8444-555555555555', role: 'clinician', sessionId: 's1' },
	patientId: PATIENT,
	sources: [
		{ id: 'c1', text: 'Potassium was 5.1 mmol/L on 2026-10-02.' },
		{ id: 'c2', text: 'Lisinopril 10 mg by mouth once daily for hypertension.' },
	],
}

function childEnv(dataDir: string, extra: Record<string, string>): NodeJS.ProcessEnv {
	return {
		NODE_ENV: 'development',
		PATH: process.env.PATH ?? '',
		HOME: process.env.HOME ?? '',
		DATA_DIR: dataDir,
		...extra,
	}
}

/** Resolves once no process of the group is left (signal 0 only checks that one exists). */
async function groupGone(pgid: number, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs
	for (;;) {
		try {
			process.kill(-pgid, 0)
		} catch {
			return
		}
		if (Date.now() > deadline) throw new Error('the gateway process group did not exit')
		await new Promise((resolve) => setTimeout(resolve, 50))
	}
}

let dataDir: string
let child: ChildProcess
let baseURL: string
let output = ''

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-gateway-'))
	const port = await freePort()
	baseURL = `http://127.0.0.1:${port}/v1`
	child = spawn('npm', ['run', 'gateway', '--silent'], {
		env: childEnv(dataDir, { GATEWAY_TOKEN: TOKEN, GATEWAY_PORT: String(port) }),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	})
	child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
	child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
	const deadline = Date.now() + 45_000
	while (!output.includes('gateway.listening')) {
		if (child.exitCode !== null || Date.now() > deadline)
			throw new Error(`npm run gateway did not start (exit ${child.exitCode})`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
}, 60_000)

afterAll(async () => {
	if (child.pid && child.exitCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve))
		process.kill(-child.pid, 'SIGTERM')
		await exited
		// npm exits before the gateway under it has closed its stores: wait for the whole group.
		await groupGone(child.pid)
	}
	await rm(dataDir, { recursive: true, force: true, maxRetries: 5 })
})

const client = (model: string, apiKey = TOKEN) =>
	new ChatOpenAI({
		model,
		apiKey,
		maxRetries: 0,
		configuration: { baseURL },
		modelKwargs: { chartside: CONTEXT },
	})

describe('an OpenAI-style client against `npm run gateway`', () => {
	test('without the service token: 401', async () => {
		await expect(
			client('chartside-answer', 'not-the-token').invoke('potassium?'),
		).rejects.toMatchObject({ status: 401 })
	})

	test('a model not in the allowlist: 403', async () => {
		await expect(client('gpt-4o').invoke('What was the potassium?')).rejects.toMatchObject({
			status: 403,
		})
	})

	test('a completion: a cited answer from the chart', async () => {
		const reply = await client('chartside-answer').invoke('What was the potassium?')
		expect(String(reply.content)).toMatch(/Potassium was 5\.1 mmol\/L.*\[c1\]/)
	})

	test('streaming: the answer arrives in chunks that add up to it', async () => {
		const chunks: string[] = []
		for await (const chunk of await client('chartside-answer').stream('Potassium and lisinopril?'))
			chunks.push(String(chunk.content))
		const text = chunks.join('')
		expect(chunks.filter(Boolean).length).toBeGreaterThan(1)
		expect(text).toContain('Potassium was 5.1')
		expect(text).toContain('Lisinopril 10 mg')
	})

	test('embeddings (base64, as the OpenAI client asks)', async () => {
		const embeddings = new OpenAIEmbeddings({
			model: 'chartside-embed',
			apiKey: TOKEN,
			maxRetries: 0,
			configuration: { baseURL },
		})
		const [vector] = await embeddings.embedDocuments(['Potassium 5.1 mmol/L'])
		expect(vector).toHaveLength(384)
		expect(Math.hypot(...(vector ?? []))).toBeCloseTo(1, 5)
	})
})

test('`npm run gateway` without a service token refuses to start', async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-gateway-notoken-'))
	try {
		const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
			const c = spawn('npm', ['run', 'gateway', '--silent'], {
				env: childEnv(dir, { LOG_LEVEL: 'silent' }),
				stdio: ['ignore', 'ignore', 'pipe'],
			})
			let stderr = ''
			c.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
			c.on('close', (code) => resolve({ code, stderr }))
		})
		expect(result.code).toBe(1)
		expect(result.stderr).toContain('GATEWAY_TOKEN is not set')
	} finally {
		await rm(dir, { recursive: true, force: true, maxRetries: 5 })
	}
}, 60_000)
