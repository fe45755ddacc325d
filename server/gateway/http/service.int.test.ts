import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages'
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { freePort } from '#tests/helpers/free-port.ts'
import {
	ask,
	CLINICIAN,
	gatewayWith,
	PATIENT,
	SOURCES,
	type Recorded,
} from '#tests/helpers/gateway-fixtures.ts'
import { parseConfig } from '../../config/index.ts'
import { createLogger } from '../../log.ts'
import { createServices } from '../../services.ts'
import { GATEWAY_ERRORS } from '../errors.ts'
import { LOCAL_ENDPOINT_IDS } from '../registry.ts'
import type { AnswerEvent, Gateway } from '../types.ts'
import { connectHttpGateway } from './client.ts'
import { FEATURE_MODELS, MAX_BODY_BYTES } from './protocol.ts'
import { SAFE_HARBOR_DEID } from '../index.ts'
import { createGatewayService } from './service.ts'

const TOKEN = 'test-service-token-0123456789abcdef'
const recorded: Recorded = []
let ledgerDown = false
let server: Server
let base: string

beforeAll(async () => {
	const gateway = gatewayWith({
		deid: SAFE_HARBOR_DEID,
		audit: {
			async append(event) {
				if (ledgerDown) throw new Error('ledger down')
				recorded.push(event)
				return recorded.length
			},
		},
	})
	server = createGatewayService({ gateway, token: TOKEN, log: createLogger('silent') })
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const address = server.address()
	base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(async () => {
	server.closeAllConnections()
	await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
	recorded.length = 0
	ledgerDown = false
})

const context = {
	requestId: 'req-http-1',
	actor: CLINICIAN,
	patientId: PATIENT,
	sources: SOURCES,
}
const question = { role: 'user', content: 'What was the potassium?' }

async function post(path: string, body: unknown, token: string | null = TOKEN) {
	return fetch(`${base}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {}),
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
	})
}
const chat = (body: object, token?: string | null) =>
	post(
		'/v1/chat/completions',
		{ model: FEATURE_MODELS.answer, messages: [question], chartside: context, ...body },
		token,
	)
const errorOf = async (response: Response) =>
	((await response.json()) as { error: { code: string; message: string } }).error

describe('the gateway service refuses, one test per case', () => {
	test('no service token: 401 with a Bearer challenge, nothing recorded', async () => {
		const response = await chat({}, null)
		expect(response.status).toBe(401)
		expect(response.headers.get('www-authenticate')).toBe('Bearer')
		expect((await errorOf(response)).code).toBe('GATEWAY_UNAUTHENTICATED')
		expect(recorded).toHaveLength(0)
	})

	test('a wrong service token: 401', async () => {
		const response = await chat({}, 'x'.repeat(40))
		expect(response.status).toBe(401)
	})

	test('a token for the model list too: 401', async () => {
		expect((await fetch(`${base}/v1/models`)).status).toBe(401)
	})

	test('a model not in the allowlist: 403, nothing recorded', async () => {
		const response = await chat({ model: 'gpt-4o' })
		expect(response.status).toBe(403)
		expect((await errorOf(response)).code).toBe(GATEWAY_ERRORS.endpointNotAllowed)
		expect(recorded).toHaveLength(0)
	})

	test('a chat model asked for embeddings: 403', async () => {
		const response = await post('/v1/embeddings', { model: FEATURE_MODELS.answer, input: 'K 5.1' })
		expect(response.status).toBe(403)
	})

	test('a body that is not JSON: 400', async () => {
		const response = await post('/v1/chat/completions', '{"model": ')
		expect(response.status).toBe(400)
		expect((await errorOf(response)).code).toBe('GATEWAY_REQUEST_INVALID')
	})

	test('no chartside context: 400', async () => {
		const response = await chat({ chartside: undefined })
		expect(response.status).toBe(400)
		expect((await errorOf(response)).message).toMatch(/chartside context/)
	})

	test('a context that does not validate: 400 naming the path, never the value', async () => {
		const response = await chat({ chartside: { ...context, patientId: 'Ada Quill, MRN 12345' } })
		expect(response.status).toBe(400)
		const { message } = await errorOf(response)
		expect(message).toContain('chartside.patientId')
		expect(message).not.toContain('Ada Quill')
	})

	test('a body over the size limit: 413', async () => {
		const big = 'x'.repeat(MAX_BODY_BYTES + 1)
		const response = await chat({ messages: [{ role: 'user', content: big }] })
		expect(response.status).toBe(413)
	})

	test('a role that may not use the feature: 403', async () => {
		const response = await chat({
			chartside: { ...context, actor: { ...CLINICIAN, role: 'intake' } },
		})
		expect(response.status).toBe(403)
		expect((await errorOf(response)).code).toBe(GATEWAY_ERRORS.featureDenied)
	})

	test('an unknown path: 404', async () => {
		const response = await fetch(`${base}/v1/completions`, {
			method: 'POST',
			headers: { authorization: `Bearer ${TOKEN}` },
		})
		expect(response.status).toBe(404)
	})

	test('a ledger that cannot record: 503, and no answer in the body', async () => {
		ledgerDown = true
		const response = await chat({})
		expect(response.status).toBe(503)
		const text = await response.text()
		expect(text).toContain('AUDIT_WRITE_FAILED')
		expect(text).not.toContain('5.1')
	})
})

describe('the gateway service answers', () => {
	test('/v1/models lists the features, never a vendor model', async () => {
		const response = await fetch(`${base}/v1/models`, {
			headers: { authorization: `Bearer ${TOKEN}` },
		})
		const body = (await response.json()) as { data: Array<{ id: string }> }
		expect(body.data.map((m) => m.id)).toEqual(Object.values(FEATURE_MODELS))
	})

	test('a chat completion: cited text, the structured result, one inference record', async () => {
		const response = await chat({})
		expect(response.status).toBe(200)
		expect(response.headers.get('cache-control')).toBe('no-store')
		const body = (await response.json()) as {
			choices: Array<{ message: { content: string } }>
			chartside: { sentences: unknown[]; auditSeq: number }
		}
		expect(body.choices[0]?.message.content).toMatch(/Potassium was 5\.1.*\[c1\]/)
		expect(body.chartside.auditSeq).toBe(1)
		expect(recorded).toMatchObject([{ action: 'inference', requestId: 'req-http-1' }])
	})

	test('a streamed completion: one chunk per checked sentence, the result, then [DONE]', async () => {
		const response = await chat({ stream: true })
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
		const text = await response.text()
		const data = text
			.split('\n\n')
			.filter(Boolean)
			.map((e) => e.replace(/^data: /, ''))
		expect(data.at(-1)).toBe('[DONE]')
		const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { chartside?: AnswerEvent })
		expect(chunks.at(-1)?.chartside?.type).toBe('done')
		expect(chunks.some((c) => c.chartside?.type === 'sentence')).toBe(true)
	})

	test('embeddings as floats and as base64 (what OpenAI clients ask for)', async () => {
		const floats = (await (
			await post('/v1/embeddings', { model: FEATURE_MODELS.embed, input: ['K 5.1'] })
		).json()) as { data: Array<{ embedding: number[] }> }
		expect(floats.data[0]?.embedding).toHaveLength(384)
		const encoded = (await (
			await post('/v1/embeddings', {
				model: FEATURE_MODELS.embed,
				input: 'K 5.1',
				encoding_format: 'base64',
			})
		).json()) as { data: Array<{ embedding: string }> }
		const bytes = Buffer.from(encoded.data[0]?.embedding ?? '', 'base64')
		const decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
		expect(decoded).toHaveLength(384)
		expect(decoded[0]).toBeCloseTo(floats.data[0]?.embedding[0] ?? NaN, 5)
	})

	test('a health check needs no token and says nothing else', async () => {
		const response = await fetch(`${base}/healthz`)
		expect(await response.json()).toEqual({ status: 'ok' })
	})
})

describe('the app over HTTP (GATEWAY_URL): the same Gateway interface', () => {
	let remote: Gateway
	beforeAll(async () => {
		remote = await connectHttpGateway({ url: `${base}/v1`, token: TOKEN })
	})

	test('answers, summaries and their streams match the in-process gateway', async () => {
		const local = await gatewayWith().answer(ask('What was the potassium?'))
		const over = await remote.answer(ask('What was the potassium?'))
		expect({ ...over, auditSeq: 0 }).toEqual({ ...local, auditSeq: 0 })
		const events: AnswerEvent[] = []
		for await (const event of remote.answerStream(ask('What was the potassium?')))
			events.push(event)
		const done = events.at(-1)
		expect(done?.type === 'done' && done.result.sentences).toEqual(local.sentences)
		const summary = await remote.summarize({
			actor: CLINICIAN,
			requestId: 'req-sum',
			patientId: PATIENT,
			documentId: 'doc-1',
			sources: SOURCES.slice(0, 2),
		})
		expect(summary.sentences.length).toBeGreaterThan(0)
	})

	test('classification and embeddings', async () => {
		const intake = { ...CLINICIAN, role: 'intake' as const }
		const classified = await remote.classifyDocument({
			actor: intake,
			requestId: 'r-c',
			text: 'Dear Dr. Rivera, thank you for seeing our patient.',
		})
		expect(classified).toMatchObject({
			label: 'referral',
			coverSheetOnly: false,
			misdirected: false,
			deidentification: 'certain',
			model: { local: true },
		})
		const { vectors } = await remote.embed({
			texts: ['K 5.1', 'potassium'],
			purpose: 'query',
			requestId: 'r-e',
			actor: null,
		})
		expect(vectors.map((v) => v.length)).toEqual([384, 384])
	})

	test('a refusal comes back as the same code, with its words for the user', async () => {
		await expect(
			remote.answer({ ...ask('potassium?'), actor: { ...CLINICIAN, role: 'intake' } }),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.featureDenied, exposure: 'user' })
	})

	test('a ledger that cannot record comes back as AUDIT_WRITE_FAILED', async () => {
		ledgerDown = true
		await expect(remote.answer(ask('What was the potassium?'))).rejects.toMatchObject({
			code: 'AUDIT_WRITE_FAILED',
		})
	})

	test('a wrong token stops the app at boot', async () => {
		await expect(
			connectHttpGateway({ url: `${base}/v1`, token: 'y'.repeat(40) }),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.configInvalid })
	})

	test('a gateway that is not there: GATEWAY_UNAVAILABLE', async () => {
		const port = await freePort()
		await expect(
			connectHttpGateway({ url: `http://127.0.0.1:${port}/v1`, token: TOKEN }),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.unavailable })
	})

	test('a reader that stops early: the service records the stream as cancelled', async () => {
		// A model that sends one sentence, then waits until the request is gone.
		const slow = new SlowSecondSentence()
		const events: Recorded = []
		const service = createGatewayService({
			gateway: gatewayWith({ chatModels: { [LOCAL_ENDPOINT_IDS.answer]: slow } }, events),
			token: TOKEN,
			log: createLogger('silent'),
		})
		await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve))
		const address = service.address()
		const port = typeof address === 'object' && address ? address.port : 0
		try {
			const client = await connectHttpGateway({ url: `http://127.0.0.1:${port}`, token: TOKEN })
			for await (const event of client.answerStream(ask('What was the potassium?')))
				if (event.type === 'sentence') break
			await expect
				.poll(() => events.at(-1)?.details?.error, { timeout: 2_000 })
				.toBe(GATEWAY_ERRORS.cancelled)
			expect(slow.aborted).toBe(true)
		} finally {
			service.closeAllConnections()
			await new Promise((resolve) => service.close(resolve))
		}
	})
})

class SlowSecondSentence extends BaseChatModel {
	aborted = false
	constructor() {
		super({})
	}
	_llmType() {
		return 'slow'
	}
	async _generate(): Promise<ChatResult> {
		throw new Error('streams only')
	}
	override async *_streamResponseChunks(
		_messages: BaseMessage[],
		options: this['ParsedCallOptions'],
	): AsyncGenerator<ChatGenerationChunk> {
		const first = 'Potassium was 5.1 mmol/L on 2026-10-02. [c1] '
		yield new ChatGenerationChunk({ text: first, message: new AIMessageChunk(first) })
		yield new ChatGenerationChunk({ text: 'S', message: new AIMessageChunk('S') })
		await new Promise<void>((resolve) =>
			options.signal?.addEventListener('abort', () => {
				this.aborted = true
				resolve()
			}),
		)
		options.signal?.throwIfAborted()
	}
}

describe('the app configured with GATEWAY_URL and GATEWAY_TOKEN', () => {
	test('its services call the stand-alone gateway, which records the inference', async () => {
		const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-gw-app-'))
		const services = await createServices(
			parseConfig({ DATA_DIR: dataDir, GATEWAY_URL: base, GATEWAY_TOKEN: TOKEN }),
			{ log: createLogger('silent') },
		)
		try {
			const result = await services.gateway.answer(ask('What was the potassium?'))
			expect(result.sentences[0]?.sources).toEqual(['c1'])
			// Recorded by the gateway service (this file's recording ledger), not in the app's process.
			expect(recorded).toMatchObject([{ action: 'inference', requestId: 'req-1' }])
		} finally {
			await services.close()
			await rm(dataDir, { recursive: true, force: true })
		}
	}, 60_000)
})
