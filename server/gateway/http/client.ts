import { z } from 'zod'
import { AppError, ERRORS, type ErrorCode } from '../../platform/errors.ts'
import { sseDataOf } from '../../platform/sse.ts'
import { GATEWAY_ERRORS, GatewayError, type GatewayErrorCode } from '../errors.ts'
import { parseRegistry } from '../registry.ts'
import type { AnswerEvent, AnswerInput, AnswerResult, Gateway, SummarizeInput } from '../types.ts'
import {
	answerEventSchema,
	answerResultSchema,
	classifyResultSchema,
	embedResultSchema,
	errorBodySchema,
	FEATURE_MODELS,
} from './protocol.ts'

/**
 * The app's side of a stand-alone gateway (GATEWAY_URL + GATEWAY_TOKEN): the same `Gateway`
 * interface, over HTTP. Everything the service sends is parsed before it is believed; an error
 * comes back as the same code the in-process gateway would throw, so the app maps it the same way.
 * The registry is read once at boot, which also proves the URL and token work.
 */
export type HttpGatewayOptions = {
	url: string
	token: string
	/** Per call; the service's own endpoint timeouts are shorter. */
	timeoutMs?: number
	fetch?: typeof fetch
}

const KNOWN = new Set<string>(Object.values(GATEWAY_ERRORS))
const isKnown = (code: string): code is GatewayErrorCode => KNOWN.has(code)

export async function connectHttpGateway(options: HttpGatewayOptions): Promise<Gateway> {
	// The OpenAI convention: the base URL ends in /v1 (given with or without it).
	const trimmed = options.url.replace(/\/+$/, '')
	const base = trimmed.endsWith('/v1') ? trimmed : `${trimmed}/v1`
	const doFetch = options.fetch ?? fetch
	const timeoutMs = options.timeoutMs ?? 120_000

	async function call(
		path: string,
		init: { method: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal | undefined },
	): Promise<Response> {
		const timeout = AbortSignal.timeout(timeoutMs)
		const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout
		let response: Response
		try {
			response = await doFetch(`${base}${path}`, {
				method: init.method,
				headers: {
					authorization: `Bearer ${options.token}`,
					...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
				},
				...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
				signal,
			})
		} catch (cause) {
			if (init.signal?.aborted)
				throw new GatewayError(GATEWAY_ERRORS.cancelled, 'The request was cancelled.', { cause })
			throw new GatewayError(
				timeout.aborted ? GATEWAY_ERRORS.providerTimeout : GATEWAY_ERRORS.unavailable,
				'The gateway service could not be reached.',
				{ cause },
			)
		}
		if (!response.ok) throw errorOf(await response.json().catch(() => null), response.status)
		return response
	}

	async function parsed<T extends z.ZodType>(response: Response, schema: T): Promise<z.infer<T>> {
		const result = schema.safeParse(await response.json().catch(() => null))
		if (!result.success)
			throw new GatewayError(
				GATEWAY_ERRORS.providerMalformed,
				'The gateway service sent a reply that does not parse.',
			)
		return result.data
	}

	const context = (input: AnswerInput | SummarizeInput) => ({
		requestId: input.requestId,
		actor: input.actor,
		patientId: input.patientId,
		sources: input.sources,
		...('documentId' in input ? { documentId: input.documentId } : {}),
	})
	const chatBody = (input: AnswerInput | SummarizeInput, stream: boolean) => ({
		model: 'question' in input ? FEATURE_MODELS.answer : FEATURE_MODELS.summarize,
		messages: [{ role: 'user', content: 'question' in input ? input.question : '' }],
		stream,
		chartside: context(input),
	})

	async function cited(input: AnswerInput | SummarizeInput): Promise<AnswerResult> {
		const response = await call('/chat/completions', {
			method: 'POST',
			body: chatBody(input, false),
			signal: input.signal,
		})
		return parsed(response, chartsideOf(answerResultSchema))
	}

	async function* citedStream(input: AnswerInput | SummarizeInput): AsyncGenerator<AnswerEvent> {
		const controller = new AbortController()
		const signal = input.signal
			? AbortSignal.any([input.signal, controller.signal])
			: controller.signal
		const response = await call('/chat/completions', {
			method: 'POST',
			body: chatBody(input, true),
			signal,
		})
		if (!response.body)
			throw new GatewayError(
				GATEWAY_ERRORS.providerMalformed,
				'The gateway service sent no stream.',
			)
		let done = false
		try {
			for await (const data of sseDataOf(response.body)) {
				if (data === '[DONE]') {
					if (!done)
						throw new GatewayError(
							GATEWAY_ERRORS.providerMalformed,
							'The gateway service ended the stream without a result.',
						)
					return
				}
				const json: unknown = JSON.parse(data)
				const failed = errorBodySchema.safeParse(json)
				if (failed.success) throw errorOf(json, 0)
				const chartside = (json as { chartside?: unknown }).chartside
				if (chartside === undefined) continue
				const event = answerEventSchema.safeParse(chartside)
				if (!event.success)
					throw new GatewayError(
						GATEWAY_ERRORS.providerMalformed,
						'The gateway service sent an event that does not parse.',
					)
				if (event.data.type === 'done') done = true
				yield event.data
			}
			if (!done)
				throw new GatewayError(GATEWAY_ERRORS.providerFailed, 'The gateway stream ended early.')
		} finally {
			// A reader that stops early closes the connection; the service records the cancellation.
			if (!done) controller.abort()
		}
	}

	const models = await call('/models', { method: 'GET' })
	const listed = (await models.json().catch(() => null)) as { chartside?: { registry?: unknown } }
	const registry = parseRegistry(listed?.chartside?.registry)

	return {
		registry,
		answer: cited,
		summarize: cited,
		answerStream: (input) => ({ [Symbol.asyncIterator]: () => citedStream(input) }),
		summarizeStream: (input) => ({ [Symbol.asyncIterator]: () => citedStream(input) }),
		async classifyDocument(input) {
			const response = await call('/chat/completions', {
				method: 'POST',
				body: {
					model: FEATURE_MODELS.classify,
					messages: [{ role: 'user', content: input.text }],
					chartside: {
						requestId: input.requestId,
						actor: input.actor,
						...(input.patientId ? { patientId: input.patientId } : {}),
					},
				},
				signal: input.signal,
			})
			return parsed(response, chartsideOf(classifyResultSchema))
		},
		async embed(input) {
			const response = await call('/embeddings', {
				method: 'POST',
				body: {
					model: FEATURE_MODELS.embed,
					input: [...input.texts],
					encoding_format: 'float',
					chartside: {
						requestId: input.requestId,
						actor: input.actor,
						purpose: input.purpose,
						...(input.patientId ? { patientId: input.patientId } : {}),
					},
				},
				signal: input.signal,
			})
			const body = await parsed(response, embedResultSchema)
			const vectors = [...body.data].sort((a, b) => a.index - b.index).map((d) => d.embedding)
			if (vectors.length !== input.texts.length)
				throw new GatewayError(
					GATEWAY_ERRORS.providerMalformed,
					'The gateway service sent the wrong number of vectors.',
				)
			const { model, auditSeq, injection } = body.chartside
			return { vectors, model, auditSeq, injection }
		},
	}
}

/** The `chartside` object of a completion, parsed by `schema`. */
function chartsideOf<T extends z.ZodType>(schema: T): z.ZodType<z.infer<T>> {
	return z.object({ chartside: z.unknown() }).transform((body, ctx): z.infer<T> => {
		const inner = schema.safeParse(body.chartside)
		if (inner.success) return inner.data
		ctx.addIssue({ code: 'custom', message: 'chartside does not parse' })
		return z.NEVER
	})
}

/** The service's error body as the error the in-process gateway would have thrown. */
function errorOf(body: unknown, status: number): AppError {
	const parsed = errorBodySchema.safeParse(body)
	const code = parsed.success ? parsed.data.error.code : ''
	if (code === ('AUDIT_WRITE_FAILED' satisfies ErrorCode))
		return new AppError('AUDIT_WRITE_FAILED', 'The gateway could not record the call.')
	// The message is believed only for a code whose words are written for users (the registry).
	if (isKnown(code))
		return new GatewayError(
			code,
			ERRORS[code].exposure === 'user' && parsed.success
				? parsed.data.error.message
				: 'The gateway service refused the call.',
		)
	return new GatewayError(
		status === 401 ? GATEWAY_ERRORS.configInvalid : GATEWAY_ERRORS.providerFailed,
		status === 401
			? 'The gateway service refused the service token (GATEWAY_TOKEN).'
			: `The gateway service failed (HTTP ${status || 'stream'}).`,
	)
}
