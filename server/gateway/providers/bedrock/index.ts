import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime'
import { ChatBedrockConverse } from '@langchain/aws'
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager'
import { Embeddings } from '@langchain/core/embeddings'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { AIMessageChunk, BaseMessage } from '@langchain/core/messages'
import { IterableReadableStream } from '@langchain/core/utils/stream'
import { GATEWAY_ERRORS, GatewayError } from '../../errors.ts'
import { RETENTION_MODES, type Endpoint } from '../../registry.ts'

/**
 * Amazon Bedrock through LangChain's ChatBedrockConverse (the Converse and ConverseStream APIs)
 * and a Titan embedder over the same runtime client. Bedrock keeps no prompt or output unless the
 * account turns on model invocation logging, so zero retention is the vendor's contract (registry
 * retention "contract"); every request of such an endpoint carries an `x-chartside-retention: none`
 * header, added before SigV4 signing, for a proxy to check. Requests are signed with the
 * credentials given here and nothing else: no environment variable, profile file or bearer token
 * is consulted. The SDK's retries are off (the gateway's routing decides what follows a failure),
 * the endpoint's timeout bounds every call, and every failure is a GatewayError whose message names
 * the endpoint and at most an HTTP status and error type, never a credential or prompt text (the
 * SDK's error is kept as `cause`, for the log).
 */
export type BedrockCredentials = {
	accessKeyId: string
	secretAccessKey: string
	sessionToken?: string
}

export const RETENTION_HEADER = 'x-chartside-retention'

export function bedrockChat(endpoint: Endpoint, credentials: BedrockCredentials): BaseChatModel {
	const region = assertUsable(endpoint, credentials)
	return new BedrockChat(endpoint, {
		client: runtimeClient(endpoint, region, credentials),
		model: endpoint.model,
		region,
		temperature: 0,
		maxTokens: endpoint.maxOutputTokens,
		streamIdleTimeout: endpoint.timeoutMs,
		// The client above signs; this keeps LangChain from building a credential chain of its own.
		credentials: () => Promise.reject(new Error('unused: the runtime client signs')),
	})
}

export function bedrockEmbeddings(
	endpoint: Endpoint,
	credentials: BedrockCredentials,
	options: { dimensions?: number } = {},
): Embeddings {
	const region = assertUsable(endpoint, credentials)
	return new TitanEmbeddings(endpoint, runtimeClient(endpoint, region, credentials), options)
}

function assertUsable(endpoint: Endpoint, credentials: BedrockCredentials): string {
	if (endpoint.provider !== 'bedrock')
		throw new GatewayError(GATEWAY_ERRORS.configInvalid, `Endpoint ${endpoint.id} is not Bedrock.`)
	if (!endpoint.region)
		throw new GatewayError(
			GATEWAY_ERRORS.configInvalid,
			`Endpoint ${endpoint.id} is Bedrock and needs a region.`,
		)
	if (
		endpoint.retention !== RETENTION_MODES.contract &&
		endpoint.retention !== RETENTION_MODES.none
	)
		throw new GatewayError(
			GATEWAY_ERRORS.configInvalid,
			`Endpoint ${endpoint.id} is Bedrock: its retention is "contract" (or "none" when de-identified).`,
		)
	if (!credentials.accessKeyId || !credentials.secretAccessKey)
		throw new GatewayError(
			GATEWAY_ERRORS.configInvalid,
			`Endpoint ${endpoint.id} has no AWS credentials configured.`,
		)
	return endpoint.region
}

/**
 * The runtime client, configured explicitly so that nothing in the environment changes where a
 * request goes or how it is signed: SigV4 only (an `AWS_BEARER_TOKEN_BEDROCK` variable would
 * otherwise switch to bearer auth), one attempt, the endpoint's timeout on each HTTP/2 stream.
 */
function runtimeClient(
	endpoint: Endpoint,
	region: string,
	credentials: BedrockCredentials,
): BedrockRuntimeClient {
	const client = new BedrockRuntimeClient({
		region,
		...(endpoint.baseUrl ? { endpoint: endpoint.baseUrl } : {}),
		credentials: {
			accessKeyId: credentials.accessKeyId,
			secretAccessKey: credentials.secretAccessKey,
			...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
		},
		authSchemePreference: ['sigv4'],
		maxAttempts: 1,
		requestHandler: {
			requestTimeout: endpoint.timeoutMs,
			sessionTimeout: endpoint.timeoutMs,
			disableConcurrentStreams: true,
		},
		useFipsEndpoint: false,
		useDualstackEndpoint: false,
	})
	if (endpoint.retention === RETENTION_MODES.contract)
		client.middlewareStack.add(
			(next) => async (args) => {
				const request = args.request as { headers?: Record<string, string> }
				if (request.headers) request.headers[RETENTION_HEADER] = 'none'
				return next(args)
			},
			{ step: 'build', name: 'chartsideRetentionHeader' },
		)
	return client
}

/** ChatBedrockConverse, bounded by the endpoint's timeout and failing only with GatewayErrors. */
class BedrockChat extends ChatBedrockConverse {
	readonly #endpoint: Endpoint

	constructor(endpoint: Endpoint, fields: ConstructorParameters<typeof ChatBedrockConverse>[0]) {
		super(fields)
		this.#endpoint = endpoint
	}

	override async _generate(
		messages: BaseMessage[],
		options: this['ParsedCallOptions'],
		runManager?: CallbackManagerForLLMRun,
	) {
		const call = bounded(this.#endpoint, options.signal)
		try {
			return await super._generate(messages, { ...options, signal: call.signal }, runManager)
		} catch (cause) {
			throw providerError(this.#endpoint, cause, call)
		}
	}

	/**
	 * LangChain races a stream against the caller's signal outside the methods below, so a
	 * cancelled stream would reject with a bare AbortError: this maps that one too.
	 */
	override async stream(
		input: Parameters<ChatBedrockConverse['stream']>[0],
		options?: Parameters<ChatBedrockConverse['stream']>[1],
	): Promise<IterableReadableStream<AIMessageChunk>> {
		const endpoint = this.#endpoint
		const call = { caller: options?.signal }
		let inner: IterableReadableStream<AIMessageChunk>
		try {
			inner = await super.stream(input, options)
		} catch (cause) {
			throw providerError(endpoint, cause, call)
		}
		return IterableReadableStream.fromAsyncGenerator(
			(async function* () {
				try {
					yield* inner
				} catch (cause) {
					throw providerError(endpoint, cause, call)
				}
			})(),
		)
	}

	override async *_streamResponseChunks(
		messages: BaseMessage[],
		options: this['ParsedCallOptions'],
		runManager?: CallbackManagerForLLMRun,
	) {
		const call = bounded(this.#endpoint, options.signal)
		try {
			yield* super._streamResponseChunks(messages, { ...options, signal: call.signal }, runManager)
			// LangChain ends a stream quietly when its signal fires between chunks: a cut reply.
			call.signal.throwIfAborted()
		} catch (cause) {
			throw providerError(this.#endpoint, cause, call)
		}
	}

	override async *_streamChatModelEvents(
		messages: BaseMessage[],
		options: this['ParsedCallOptions'],
		runManager?: CallbackManagerForLLMRun,
	) {
		const call = bounded(this.#endpoint, options.signal)
		try {
			yield* super._streamChatModelEvents(messages, { ...options, signal: call.signal }, runManager)
			call.signal.throwIfAborted()
		} catch (cause) {
			throw providerError(this.#endpoint, cause, call)
		}
	}
}

/** Titan text embeddings (v1, or v2 with `dimensions` and normalized vectors) over InvokeModel. */
class TitanEmbeddings extends Embeddings {
	readonly #endpoint: Endpoint
	readonly #client: BedrockRuntimeClient
	readonly #dimensions: number | undefined

	constructor(endpoint: Endpoint, client: BedrockRuntimeClient, options: { dimensions?: number }) {
		super({ maxRetries: 0, maxConcurrency: 4 })
		this.#endpoint = endpoint
		this.#client = client
		this.#dimensions = options.dimensions
	}

	embedDocuments(texts: string[]): Promise<number[][]> {
		return Promise.all(texts.map((text) => this.caller.call(() => this.#embed(text))))
	}

	embedQuery(text: string): Promise<number[]> {
		return this.#embed(text)
	}

	async #embed(text: string): Promise<number[]> {
		const call = bounded(this.#endpoint, undefined)
		const v2 = /titan-embed-text-v2/.test(this.#endpoint.model)
		let raw: string
		try {
			const reply = await this.#client.send(
				new InvokeModelCommand({
					modelId: this.#endpoint.model,
					contentType: 'application/json',
					accept: 'application/json',
					body: JSON.stringify({
						inputText: text,
						...(v2 ? { normalize: true } : {}),
						...(v2 && this.#dimensions ? { dimensions: this.#dimensions } : {}),
					}),
				}),
				{ abortSignal: call.signal },
			)
			raw = new TextDecoder().decode(reply.body)
		} catch (cause) {
			throw providerError(this.#endpoint, cause, call)
		}
		return parseEmbedding(this.#endpoint, raw, this.#dimensions)
	}
}

function parseEmbedding(endpoint: Endpoint, raw: string, dimensions: number | undefined) {
	let body: unknown
	try {
		body = JSON.parse(raw)
	} catch {
		body = null
	}
	const vector = (body as { embedding?: unknown } | null)?.embedding
	const usable =
		Array.isArray(vector) &&
		vector.length > 0 &&
		(dimensions === undefined || vector.length === dimensions) &&
		vector.every((x) => typeof x === 'number' && Number.isFinite(x))
	if (!usable)
		throw new GatewayError(
			GATEWAY_ERRORS.providerMalformed,
			`Bedrock endpoint ${endpoint.id} sent no usable embedding.`,
		)
	return vector as number[]
}

/** The caller's signal joined with the endpoint's deadline. */
function bounded(endpoint: Endpoint, caller: AbortSignal | undefined) {
	const deadline = AbortSignal.timeout(endpoint.timeoutMs)
	return { caller, deadline, signal: caller ? AbortSignal.any([caller, deadline]) : deadline }
}

const isTimeout = (value: unknown) =>
	value instanceof Error &&
	(value.name === 'TimeoutError' ||
		(value as { lc_error_code?: unknown }).lc_error_code === 'MODEL_STREAM_TIMEOUT')

/**
 * One gateway error per way a call fails. A caller's signal that fired with a timeout reason is
 * the gateway's own deadline, so it counts as a timeout, not a cancellation. The message is built
 * from the endpoint id, the HTTP status and the error type's name (letters only), nothing else.
 */
function providerError(
	endpoint: Endpoint,
	cause: unknown,
	call: { caller: AbortSignal | undefined; deadline?: AbortSignal },
): GatewayError {
	if (cause instanceof GatewayError) return cause
	if (call.caller?.aborted && !isTimeout(call.caller.reason))
		return new GatewayError(GATEWAY_ERRORS.cancelled, 'The request was cancelled.', { cause })
	if (call.deadline?.aborted || call.caller?.aborted || isTimeout(cause))
		return new GatewayError(
			GATEWAY_ERRORS.providerTimeout,
			`Bedrock endpoint ${endpoint.id} did not answer within ${endpoint.timeoutMs} ms.`,
			{ cause },
		)
	const { name, $metadata } = (cause ?? {}) as { name?: unknown; $metadata?: unknown }
	const status = ($metadata as { httpStatusCode?: unknown } | undefined)?.httpStatusCode
	const detail = [
		typeof status === 'number' && Number.isInteger(status) ? `HTTP ${status}` : null,
		typeof name === 'string' && /^[A-Za-z]{1,64}(Exception|Error)$/.test(name) ? name : null,
	].filter(Boolean)
	const suffix = detail.length ? ` (${detail.join(', ')})` : ''
	// A success status with a failed call: the reply itself did not parse.
	if (typeof status === 'number' && status >= 200 && status < 300)
		return new GatewayError(
			GATEWAY_ERRORS.providerMalformed,
			`Bedrock endpoint ${endpoint.id} sent a reply that does not parse${suffix}.`,
			{ cause },
		)
	return new GatewayError(
		GATEWAY_ERRORS.providerFailed,
		`Bedrock endpoint ${endpoint.id} failed${suffix}.`,
		{ cause },
	)
}
