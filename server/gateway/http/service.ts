import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { isAppError, type ErrorCode } from '../../platform/errors.ts'
import { describeError, statusOf, type ErrorWords } from '../../platform/http-errors.ts'
import { sseData, sseEvent } from '../../platform/sse.ts'
import type { Logger } from '../../log.ts'
import { GATEWAY_ERRORS } from '../errors.ts'
import type { AnswerEvent, AnswerResult, Gateway } from '../types.ts'
import {
	answerText,
	chatRequestSchema,
	embeddingsRequestSchema,
	FEATURE_MODELS,
	HTTP_ERRORS,
	isFeatureModel,
	lastUserText,
	MAX_BODY_BYTES,
} from './protocol.ts'

/**
 * The gateway as its own process: the same `Gateway` behind an OpenAI-compatible HTTP surface and
 * a bearer service token (server/gateway/http/protocol.ts has the format). Every call runs the
 * whole in-process pipeline (RBAC, caps, injection guard, envelopes, citations, output filter,
 * the ledger record) before a byte of answer is written. Errors say plain words, a stable code and
 * the request id; a provider's or database's own message never leaves.
 */
export type GatewayServiceOptions = {
	gateway: Gateway
	/** The service token callers present as `Authorization: Bearer …`. */
	token: string
	log: Logger
}

/** A refusal of the request itself: its words are for the caller. */
class RequestError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
	) {
		super(message)
	}
}

const digest = (value: string) => createHash('sha256').update(value).digest()
const created = () => Math.floor(Date.now() / 1000)

/** Words a caller may see for each code (the in-process message when it is meant for users). */
const WORDS: ErrorWords = {
	plain: {
		[GATEWAY_ERRORS.providerFailed]: 'No model could answer.',
		[GATEWAY_ERRORS.providerMalformed]: 'The model sent an answer that could not be read.',
		[GATEWAY_ERRORS.providerTimeout]: 'The model did not answer in time.',
		[GATEWAY_ERRORS.guardFailed]: 'A safety check could not run, so nothing was sent.',
		[GATEWAY_ERRORS.cancelled]: 'The request was cancelled.',
		[GATEWAY_ERRORS.endpointNotAllowed]: 'That endpoint is not allowed.',
		AUDIT_WRITE_FAILED: 'The call could not be recorded, so nothing was returned.',
	},
	otherwise: () => 'The gateway could not complete the request.',
	unexpected: {
		code: 'GATEWAY_INTERNAL',
		message: () => 'The gateway could not complete the request.',
	},
}

export function createGatewayService(options: GatewayServiceOptions): Server {
	if (options.token.length < 32)
		throw new TypeError('the gateway service token must be at least 32 characters')
	const expected = digest(options.token)
	const { gateway, log } = options

	const authorized = (req: IncomingMessage) => {
		const header = req.headers.authorization ?? ''
		const given = header.startsWith('Bearer ') ? header.slice(7) : ''
		return given.length > 0 && timingSafeEqual(digest(given), expected)
	}

	return createServer((req, res) => {
		const started = performance.now()
		const headerId = req.headers['x-request-id']
		const fallbackId =
			typeof headerId === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(headerId)
				? headerId
				: randomUUID()
		const controller = new AbortController()
		res.on('close', () => {
			if (!res.writableFinished) controller.abort()
			log.info('gateway.http', {
				requestId: fallbackId,
				method: req.method ?? '',
				path: (req.url ?? '').split('?')[0] ?? '',
				status: res.statusCode,
				ms: Math.round(performance.now() - started),
			})
		})
		res.setHeader('cache-control', 'no-store')
		res.setHeader('x-request-id', fallbackId)
		const path = (req.url ?? '').split('?')[0]
		const route = `${req.method} ${path}`
		if (route === 'GET /healthz') return json(res, 200, { status: 'ok' })
		if (!path?.startsWith('/v1/'))
			return fail(res, fallbackId, HTTP_ERRORS.notFound, 'There is nothing here.')
		if (!authorized(req)) {
			res.setHeader('www-authenticate', 'Bearer')
			return fail(
				res,
				fallbackId,
				HTTP_ERRORS.unauthenticated,
				'A valid service token is required.',
			)
		}
		const handler =
			route === 'GET /v1/models'
				? () => models(res)
				: route === 'POST /v1/chat/completions'
					? async () => chat(req, res, fallbackId, controller.signal)
					: route === 'POST /v1/embeddings'
						? async () => embeddings(req, res, fallbackId, controller.signal)
						: null
		if (!handler) return fail(res, fallbackId, HTTP_ERRORS.notFound, 'There is nothing here.')
		Promise.resolve()
			.then(handler)
			.catch((error: unknown) => failWith(res, fallbackId, error))
	})

	function models(res: ServerResponse) {
		json(res, 200, {
			object: 'list',
			data: Object.entries(FEATURE_MODELS).map(([feature, id]) => {
				const route = gateway.registry.routes[feature as keyof typeof FEATURE_MODELS]
				return {
					id,
					object: 'model',
					created: 0,
					owned_by: 'chartside',
					chartside: { envelope: route.envelope, endpoints: route.endpoints },
				}
			}),
			chartside: { registry: gateway.registry },
		})
	}

	async function chat(req: IncomingMessage, res: ServerResponse, id: string, signal: AbortSignal) {
		const body = chatRequestSchema.safeParse(await readJson(req))
		if (!body.success) throw invalid(body.error.issues)
		const request = body.data
		const model = modelOf(request.model, ['answer', 'summarize', 'classify'])
		const context = request.chartside
		if (!context)
			throw new RequestError(
				HTTP_ERRORS.requestInvalid,
				'A request needs its chartside context (actor, patient, sources).',
			)
		const requestId = context.requestId ?? id
		const actor = context.actor
		if (model === FEATURE_MODELS.classify) {
			const result = await gateway.classifyDocument({
				actor,
				requestId,
				signal,
				text: lastUserText(request),
				...(context.patientId ? { patientId: context.patientId } : {}),
			})
			const content = JSON.stringify({ label: result.label, confidence: result.confidence })
			return json(res, 200, completion(requestId, model, content, result))
		}
		if (!context.patientId)
			throw new RequestError(HTTP_ERRORS.requestInvalid, 'An answer or summary needs a patientId.')
		if (!actor)
			throw new RequestError(HTTP_ERRORS.requestInvalid, 'An answer or summary needs its actor.')
		const base = {
			actor,
			requestId,
			signal,
			patientId: context.patientId,
			sources: context.sources,
		}
		if (model === FEATURE_MODELS.summarize && !context.documentId)
			throw new RequestError(HTTP_ERRORS.requestInvalid, 'A summary needs a documentId.')
		const documentId = context.documentId ?? ''
		if (request.stream) {
			const events =
				model === FEATURE_MODELS.answer
					? gateway.answerStream({ ...base, question: lastUserText(request) })
					: gateway.summarizeStream({ ...base, documentId })
			return stream(res, requestId, model, events)
		}
		const result =
			model === FEATURE_MODELS.answer
				? await gateway.answer({ ...base, question: lastUserText(request) })
				: await gateway.summarize({ ...base, documentId })
		json(res, 200, completion(requestId, model, answerText(result), result))
	}

	/** Server-sent events: one chunk per checked sentence, then the result, then [DONE]. */
	async function stream(
		res: ServerResponse,
		requestId: string,
		model: string,
		events: AsyncIterable<AnswerEvent>,
	) {
		const iterator = events[Symbol.asyncIterator]()
		// The first event decides the status: a refusal before anything streams is a plain error.
		let next = await iterator.next()
		res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' })
		const send = (data: unknown) => res.write(sseEvent(data))
		const chunk = (delta: object, finish: string | null, extra: object) => ({
			id: `chatcmpl-${requestId}`,
			object: 'chat.completion.chunk',
			created: created(),
			model,
			choices: [{ index: 0, delta, finish_reason: finish }],
			...extra,
		})
		try {
			let first = true
			while (!next.done) {
				const event = next.value
				if (event.type === 'sentence') {
					const s = event.sentence
					const text = s.supported
						? `${s.text} [${s.sources.join(', ')}] `
						: `${s.text} [not supported by the chart] `
					send(
						chunk({ ...(first ? { role: 'assistant' } : {}), content: text }, null, {
							chartside: event,
						}),
					)
					first = false
				} else {
					if (event.result.notFound)
						send(chunk({ role: 'assistant', content: answerText(event.result) }, null, {}))
					send(chunk({}, 'stop', { chartside: event }))
				}
				next = await iterator.next()
			}
			res.end(sseData('[DONE]'))
		} catch (error) {
			// Headers are gone: the error travels as an event, and the stream ends without [DONE].
			const { code, message } = describe(error, requestId)
			send({ error: { message, code, request_id: requestId } })
			res.end()
		}
	}

	async function embeddings(
		req: IncomingMessage,
		res: ServerResponse,
		id: string,
		signal: AbortSignal,
	) {
		const body = embeddingsRequestSchema.safeParse(await readJson(req))
		if (!body.success) throw invalid(body.error.issues)
		const request = body.data
		modelOf(request.model, ['embed'])
		const context = request.chartside
		const texts = typeof request.input === 'string' ? [request.input] : request.input
		const requestId = context?.requestId ?? id
		const result = await gateway.embed({
			texts,
			purpose: context?.purpose ?? 'query',
			requestId,
			actor: context?.actor ?? null,
			signal,
			...(context?.patientId ? { patientId: context.patientId } : {}),
		})
		const base64 = request.encoding_format === 'base64'
		json(res, 200, {
			object: 'list',
			model: FEATURE_MODELS.embed,
			data: result.vectors.map((vector, index) => ({
				object: 'embedding',
				index,
				embedding: base64
					? Buffer.from(new Float32Array(vector).buffer).toString('base64')
					: vector,
			})),
			usage: { prompt_tokens: 0, total_tokens: 0 },
			chartside: { model: result.model, auditSeq: result.auditSeq, injection: result.injection },
		})
	}

	function modelOf(name: string, allowed: Array<keyof typeof FEATURE_MODELS>): string {
		if (!isFeatureModel(name) || !allowed.some((f) => FEATURE_MODELS[f] === name))
			throw new RequestError(
				GATEWAY_ERRORS.endpointNotAllowed,
				`That model is not served here; ask for one of: ${allowed.map((f) => FEATURE_MODELS[f]).join(', ')}.`,
			)
		return name
	}

	function describe(error: unknown, requestId: string): { code: ErrorCode; message: string } {
		if (error instanceof RequestError) return { code: error.code, message: error.message }
		if (!isAppError(error))
			log.error('gateway.http_unexpected', {
				name: error instanceof Error ? error.name : 'unknown',
			})
		const { code, message } = describeError(error, requestId, WORDS)
		return { code, message }
	}

	function failWith(res: ServerResponse, requestId: string, error: unknown) {
		const { code, message } = describe(error, requestId)
		if (res.headersSent) return void res.end()
		fail(res, requestId, code, message)
	}
}

function completion(requestId: string, model: string, content: string, result: object) {
	const tokens = Math.ceil(content.length / 4)
	return {
		id: `chatcmpl-${requestId}`,
		object: 'chat.completion',
		created: created(),
		model,
		choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
		usage: { prompt_tokens: 0, completion_tokens: tokens, total_tokens: tokens },
		chartside: result as AnswerResult,
	}
}

function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) {
	// Paths and rules, never values: the body carries chart text.
	const problems = issues
		.slice(0, 5)
		.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`)
		.join('; ')
	return new RequestError(HTTP_ERRORS.requestInvalid, `The request is not valid: ${problems}`)
}

async function readJson(req: IncomingMessage): Promise<unknown> {
	const declared = Number(req.headers['content-length'] ?? 0)
	if (declared > MAX_BODY_BYTES) throw tooLarge()
	const chunks: Buffer[] = []
	let size = 0
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length
		if (size > MAX_BODY_BYTES) throw tooLarge()
		chunks.push(chunk)
	}
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'))
	} catch {
		throw new RequestError(HTTP_ERRORS.requestInvalid, 'The request body is not JSON.')
	}
}

const tooLarge = () =>
	new RequestError(
		GATEWAY_ERRORS.inputTooLarge,
		`The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB.`,
	)

function json(res: ServerResponse, status: number, body: unknown) {
	const text = JSON.stringify(body)
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
	})
	res.end(text)
}

function fail(res: ServerResponse, requestId: string, code: ErrorCode, message: string) {
	json(res, statusOf(code), {
		error: { message, type: 'chartside_error', code, request_id: requestId },
	})
}
