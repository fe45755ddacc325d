import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'
import type { AuditEvent } from '#server/audit/events.ts'
import type { Actor } from '#server/auth/scope.ts'
import {
	startBedrockTestServer,
	type BedrockTestServer,
	type Mode,
} from '#tests/helpers/bedrock-test-server.ts'
import { describeChatModelContract } from '#tests/helpers/chat-model-contract.ts'
import { gatewayWith } from '#tests/helpers/gateway-fixtures.ts'
import { GATEWAY_ERRORS } from '../../errors.ts'
import { passesInjectionGuard, SAFE_HARBOR_DEID } from '../../index.ts'
import { LOCAL_REGISTRY, parseRegistry, type Endpoint } from '../../registry.ts'
import { localProviders } from '../local/index.ts'
import { bedrockChat, bedrockEmbeddings, type BedrockCredentials } from './index.ts'

// Synthetic credentials: the shape of AWS keys, the value of nothing.
const CREDENTIALS: BedrockCredentials = {
	accessKeyId: 'AKIDTESTNOTAKEY00001',
	secretAccessKey: 'test-secret-not-a-secret-0000000000000000',
	sessionToken: 'test-session-token-not-a-token',
}
const MODEL = 'anthropic.claude-3-5-sonnet-20240620-v1:0'
const REPLY = 'Potassium was 5.1 mmol/L. [c1]'
const PROMPT = 'What was the potassium of the synthetic patient?'
const MESSAGES = [new SystemMessage('Answer from the sources only.'), new HumanMessage(PROMPT)]

let server: BedrockTestServer
beforeAll(async () => {
	server = await startBedrockTestServer()
})
afterAll(async () => {
	await server.stop()
})
beforeEach(() => {
	server.requests.length = 0
	server.mode = 'reply'
	server.reply = REPLY
})

const endpoint = (overrides: Partial<Endpoint> = {}): Endpoint => ({
	id: 'bedrock',
	provider: 'bedrock',
	baseUrl: server.url,
	model: MODEL,
	modelVersion: 'registry-version-1',
	region: 'us-test-1',
	baaCovered: true,
	envelope: 'phi',
	retention: 'contract',
	maxInputTokens: 16_000,
	maxOutputTokens: 321,
	timeoutMs: 300,
	keepPayloads: 'fingerprints',
	...overrides,
})
const chat = (overrides: Partial<Endpoint> = {}) => bedrockChat(endpoint(overrides), CREDENTIALS)

/** Every message down an error's cause chain. */
function messagesOf(error: unknown): string[] {
	const messages: string[] = []
	for (let e = error; e instanceof Error && messages.length < 10; e = e.cause)
		messages.push(e.message)
	return messages
}
async function rejection(pending: Promise<unknown>): Promise<unknown> {
	try {
		await pending
	} catch (error) {
		return error
	}
	throw new Error('expected the call to fail')
}
async function drain(model: ReturnType<typeof chat>, signal?: AbortSignal) {
	const chunks: string[] = []
	for await (const chunk of await model.stream(MESSAGES, signal ? { signal } : {}))
		chunks.push(String(chunk.content))
	return chunks
}

describeChatModelContract('Amazon Bedrock (ChatBedrockConverse against the recording server)', () =>
	chat(),
)

describe('every request to a Bedrock endpoint', () => {
	test('is SigV4-signed with the configured key, for the region, retention header included', async () => {
		await chat().invoke(MESSAGES)
		expect(server.requests).toHaveLength(1)
		const headers = server.requests[0]?.headers ?? {}
		expect(headers.authorization).toMatch(
			new RegExp(
				`^AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/\\d{8}/us-test-1/bedrock/aws4_request, SignedHeaders=[a-z0-9:;-]*x-chartside-retention[a-z0-9;-]*, Signature=[0-9a-f]{64}$`,
			),
		)
		expect(headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken)
		expect(JSON.stringify(server.requests)).not.toContain(CREDENTIALS.secretAccessKey)
	})

	test('stays SigV4 when the environment offers a Bedrock bearer token', async () => {
		vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', 'test-bearer-token-from-the-environment')
		try {
			await chat().invoke(MESSAGES)
		} finally {
			vi.unstubAllEnvs()
		}
		expect(server.requests[0]?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /)
	})

	test('carries the retention header: invoke, stream and embeddings alike', async () => {
		await chat().invoke(MESSAGES)
		await drain(chat())
		await bedrockEmbeddings(
			endpoint({ model: 'amazon.titan-embed-text-v2:0' }),
			CREDENTIALS,
		).embedDocuments(['Potassium 5.1', 'Sodium 140'])
		expect(server.requests.map((r) => r.path.split('/').at(-1))).toEqual([
			'converse',
			'converse-stream',
			'invoke',
			'invoke',
		])
		for (const request of server.requests)
			expect(request.headers['x-chartside-retention']).toBe('none')
	})

	test('a de-identified endpoint without zero retention claims none', async () => {
		await chat({ envelope: 'deidentified', baaCovered: false, retention: 'none' }).invoke(MESSAGES)
		expect(server.requests[0]?.headers['x-chartside-retention']).toBeUndefined()
	})

	test('sends maxTokens and temperature 0 as configured', async () => {
		await chat().invoke(MESSAGES)
		expect(server.requests[0]?.body.inferenceConfig).toEqual({ maxTokens: 321, temperature: 0 })
	})

	test('names the model id in the path, and sends the prompt as Converse messages', async () => {
		await chat().invoke(MESSAGES)
		const [request] = server.requests
		expect(request?.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse`)
		expect(request?.modelId).toBe(MODEL)
		expect(request?.body).toMatchObject({
			system: [{ text: 'Answer from the sources only.' }],
			messages: [{ role: 'user', content: [{ text: PROMPT }] }],
		})
	})
})

describe('streaming (ConverseStream)', () => {
	test('yields the reply in more than one chunk, and the chunks join to the reply', async () => {
		const chunks = await drain(chat())
		expect(server.requests[0]?.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse-stream`)
		expect(chunks.filter((c) => c.length > 0).length).toBeGreaterThan(1)
		expect(chunks.join('')).toBe(REPLY)
	})
})

describe('provider faults, one test each', () => {
	test('HTTP 500: a thrown error after exactly one request (no SDK retries)', async () => {
		server.mode = 'http500'
		await expect(chat().invoke(MESSAGES)).rejects.toMatchObject({
			code: GATEWAY_ERRORS.providerFailed,
		})
		expect(server.requests).toHaveLength(1)
	})

	test('HTTP 500 on a stream: a thrown error after exactly one request', async () => {
		server.mode = 'http500'
		await expect(drain(chat())).rejects.toMatchObject({ code: GATEWAY_ERRORS.providerFailed })
		expect(server.requests).toHaveLength(1)
	})

	test('a body that is not a Converse reply: a thrown error', async () => {
		server.mode = 'garbage'
		await expect(chat().invoke(MESSAGES)).rejects.toMatchObject({
			code: expect.stringMatching(/^GATEWAY_PROVIDER_(MALFORMED|FAILED)$/),
		})
	})

	test('a stream that is not event-stream framing: refused as malformed', async () => {
		server.mode = 'garbage'
		await expect(drain(chat())).rejects.toMatchObject({ code: GATEWAY_ERRORS.providerMalformed })
	})

	// The endpoint allows 300 ms; the SDK's own idle limits are a minute, so only the endpoint's
	// timeout can end this call within the test's 5 s.
	test('no answer: a timeout within the endpoint timeout', { timeout: 5_000 }, async () => {
		server.mode = 'hang'
		await expect(chat().invoke(MESSAGES)).rejects.toMatchObject({
			code: GATEWAY_ERRORS.providerTimeout,
		})
		expect(server.requests).toHaveLength(1)
		await vi.waitFor(() => expect(server.requests[0]?.abandoned).toBe(true))
	})

	test('no stream: a timeout within the endpoint timeout', { timeout: 5_000 }, async () => {
		server.mode = 'hang'
		await expect(drain(chat())).rejects.toMatchObject({ code: GATEWAY_ERRORS.providerTimeout })
	})

	test('a caller deadline (a signal with a timeout reason) is a timeout, not a cancellation', async () => {
		server.mode = 'hang'
		await expect(
			chat({ timeoutMs: 30_000 }).invoke(MESSAGES, { signal: AbortSignal.timeout(100) }),
		).rejects.toMatchObject({ code: GATEWAY_ERRORS.providerTimeout })
	})

	test('the caller aborts a call in flight: it rejects as cancelled', async () => {
		server.mode = 'hang'
		const controller = new AbortController()
		const pending = chat({ timeoutMs: 30_000 }).invoke(MESSAGES, { signal: controller.signal })
		await vi.waitFor(() => expect(server.requests).toHaveLength(1))
		controller.abort()
		await expect(pending).rejects.toMatchObject({ code: GATEWAY_ERRORS.cancelled })
		await vi.waitFor(() => expect(server.requests[0]?.abandoned).toBe(true))
	})

	test('the caller aborts a stream in flight: it rejects as cancelled', async () => {
		server.mode = 'hang'
		const controller = new AbortController()
		const pending = drain(chat({ timeoutMs: 30_000 }), controller.signal)
		await vi.waitFor(() => expect(server.requests).toHaveLength(1))
		controller.abort()
		await expect(pending).rejects.toMatchObject({ code: GATEWAY_ERRORS.cancelled })
		await vi.waitFor(() => expect(server.requests[0]?.abandoned).toBe(true))
	})
})

describe('an error message names no credential and no prompt text', () => {
	const SECRETS = [
		CREDENTIALS.accessKeyId,
		CREDENTIALS.secretAccessKey,
		String(CREDENTIALS.sessionToken),
		PROMPT,
	]
	const cases: Array<[string, Mode, (m: ReturnType<typeof chat>) => Promise<unknown>]> = [
		['HTTP 500', 'http500', (m) => m.invoke(MESSAGES)],
		['HTTP 500, streamed', 'http500', (m) => drain(m)],
		['a garbage body', 'garbage', (m) => m.invoke(MESSAGES)],
		['a garbage stream', 'garbage', (m) => drain(m)],
		['a timeout', 'hang', (m) => m.invoke(MESSAGES)],
	]
	test.each(cases)('%s', { timeout: 5_000 }, async (_name, mode, run) => {
		server.mode = mode
		const error = await rejection(run(chat()))
		const messages = messagesOf(error)
		expect(messages.length).toBeGreaterThan(0)
		for (const message of messages)
			for (const secret of SECRETS) expect(message).not.toContain(secret)
	})

	test('the model LangChain serializes for callbacks holds no credential', () => {
		const serialized = JSON.stringify(chat().toJSON())
		for (const secret of SECRETS.slice(0, 3)) expect(serialized).not.toContain(secret)
	})
})

describe('response metadata', () => {
	test('Bedrock reports no model name, so the gateway records the registry version', async () => {
		const reply = await chat().invoke(MESSAGES)
		expect(reply.response_metadata).toMatchObject({ model_provider: 'bedrock-converse' })
		expect(reply.response_metadata.model_name).toBeUndefined()
	})
})

describe('through the gateway', () => {
	const PATIENT = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
	const CLINICIAN: Actor = {
		userId: '11111111-2222-4333-8444-555555555555',
		role: 'clinician',
		sessionId: 's1',
	}
	function gateway() {
		const recorded: AuditEvent[] = []
		const registry = parseRegistry({
			endpoints: [endpoint(), ...LOCAL_REGISTRY.endpoints],
			routes: {
				...LOCAL_REGISTRY.routes,
				answer: { envelope: 'phi', endpoints: ['bedrock'], fallbackToLocal: false },
			},
		})
		const local = localProviders(passesInjectionGuard)
		const built = gatewayWith(
			{
				deid: SAFE_HARBOR_DEID,
				chatModels: {
					bedrock: bedrockChat(registry.endpoints[0] as Endpoint, CREDENTIALS),
					...local.chatModels,
				},
			},
			recorded,
			registry,
		)
		return { gateway: built, recorded }
	}
	const ask = (signal?: AbortSignal) => ({
		actor: CLINICIAN,
		requestId: 'req-1',
		patientId: PATIENT,
		question: 'What was the potassium?',
		sources: [{ id: 'c1', text: 'Potassium was 5.1 mmol/L on 2026-10-02.' }],
		...(signal ? { signal } : {}),
	})

	test('answers with citations and records the registry version', async () => {
		const { gateway: g, recorded } = gateway()
		const result = await g.answer(ask())
		expect(result.model.version).toBe('registry-version-1')
		expect(recorded.at(-1)?.inference?.modelVersion).toBe('registry-version-1')
		expect(result.sentences[0]).toMatchObject({ sources: ['c1'], supported: true })
	})

	test('streams a checked answer over ConverseStream', async () => {
		const { gateway: g } = gateway()
		const events = []
		for await (const event of g.answerStream(ask())) events.push(event)
		expect(server.requests[0]?.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse-stream`)
		expect(events[0]).toMatchObject({
			type: 'sentence',
			sentence: { sources: ['c1'], supported: true },
		})
		expect(events.at(-1)).toMatchObject({
			type: 'done',
			result: { model: { version: 'registry-version-1' } },
		})
	})

	test('a hang is recorded as a timeout', { timeout: 5_000 }, async () => {
		server.mode = 'hang'
		const { gateway: g, recorded } = gateway()
		await expect(g.answer(ask())).rejects.toMatchObject({ code: GATEWAY_ERRORS.providerTimeout })
		expect(recorded.at(-1)).toMatchObject({ outcome: 'failed' })
	})

	test('a request cancelled by the caller is an outcome, not a crash', async () => {
		server.mode = 'hang'
		const controller = new AbortController()
		const pending = gateway().gateway.answer(ask(controller.signal))
		await vi.waitFor(() => expect(server.requests).toHaveLength(1))
		controller.abort()
		await expect(pending).rejects.toMatchObject({ code: GATEWAY_ERRORS.cancelled })
	})
})

describe('Titan embeddings', () => {
	const titan = (dimensions?: number) =>
		bedrockEmbeddings(
			endpoint({ model: 'amazon.titan-embed-text-v2:0' }),
			CREDENTIALS,
			dimensions ? { dimensions } : {},
		)

	test('send one InvokeModel request per text and return the vectors', async () => {
		const vectors = await titan(2).embedDocuments(['Potassium 5.1', 'Sodium 140'])
		expect(vectors).toEqual([
			[0.6, 0.8],
			[0.6, 0.8],
		])
		expect(server.requests.map((r) => r.modelId)).toEqual([
			'amazon.titan-embed-text-v2:0',
			'amazon.titan-embed-text-v2:0',
		])
		expect(server.requests[0]?.body).toEqual({
			inputText: 'Potassium 5.1',
			normalize: true,
			dimensions: 2,
		})
	})

	test('a vector of the wrong length is refused as malformed', async () => {
		await expect(titan(1024).embedQuery('Potassium 5.1')).rejects.toMatchObject({
			code: GATEWAY_ERRORS.providerMalformed,
		})
	})

	test('a body without an embedding is refused as malformed', async () => {
		server.mode = 'garbage'
		await expect(titan().embedQuery('Potassium 5.1')).rejects.toMatchObject({
			code: GATEWAY_ERRORS.providerMalformed,
		})
	})

	test('HTTP 500: a thrown error after exactly one request', async () => {
		server.mode = 'http500'
		await expect(titan().embedQuery('Potassium 5.1')).rejects.toMatchObject({
			code: GATEWAY_ERRORS.providerFailed,
		})
		expect(server.requests).toHaveLength(1)
	})
})

describe('the adapter refuses', () => {
	const refused = expect.objectContaining({ code: GATEWAY_ERRORS.configInvalid })
	test('an endpoint without AWS credentials', () => {
		expect(() => bedrockChat(endpoint(), { accessKeyId: '', secretAccessKey: '' })).toThrow(refused)
	})
	test('an endpoint without a region', () => {
		expect(() => chat({ region: null })).toThrow(refused)
	})
	test('an endpoint of another provider kind', () => {
		expect(() => chat({ provider: 'openai-compatible' })).toThrow(refused)
	})
	test('a retention mode Bedrock cannot honour', () => {
		expect(() => chat({ retention: 'store-false' })).toThrow(refused)
	})
})
