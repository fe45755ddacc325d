import { createHash } from 'node:crypto'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { Embeddings } from '@langchain/core/embeddings'
import { AIMessage, HumanMessage, SystemMessage } from '@langchain/core/messages'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditEvent } from '../audit/events.ts'
import type { InferenceRecord } from '../audit/events.ts'
import { mayInvokeFeature } from '../auth/policy.ts'
import type { Actor } from '../auth/scope.ts'
import { AppError, isAppError } from '../errors.ts'
import type { Logger } from '../log.ts'
import { GATEWAY_ERRORS, GatewayError, type GatewayErrorCode } from './errors.ts'
import { verifyCitations, type CheckedSentence } from './guards/citations.ts'
import { filterOutput } from './guards/output-filter.ts'
import { answerWithCitations } from './prompts/answer-with-citations.v1.ts'
import { summarizeWithCitations } from './prompts/summarize-with-citations.v1.ts'
import { NOT_FOUND, type ChatMessage, type PromptModule } from './prompts/types.ts'
import {
	assertEndpointAllowed,
	LOCAL_ENDPOINT_IDS,
	LOCAL_REGISTRY,
	type Endpoint,
	type Feature,
	type Registry,
} from './registry.ts'
import { assertSafeSourceId, newBoundary, type Source } from './untrusted.ts'

/**
 * The inference gateway: the only code that reaches a model. Application code calls `answer`,
 * `summarize`, `classifyDocument` and `embed` and never learns which model served it. For every
 * call the gateway checks the role may use the feature, caps the input, scans each source for
 * injected instructions (flagged sources are kept out), renders a versioned prompt with the
 * sources as tagged data, tries the route's endpoints in order (each checked against the registry
 * again, de-identified first when the envelope says so), verifies every sentence's citations,
 * filters the output, and writes one inference record to the ledger before anything returns. No
 * record, no answer.
 */
export type InjectionVerdict = { score: number; verdict: 'pass' | 'flag' }
/** De-identification for the `deidentified` envelope; one vault serves every message of a request. */
export type Deidentifier = {
	deidentify(text: string, vault?: unknown): { text: string; vault: unknown }
	restore(text: string, vault: unknown): string
}
export type DocTypeResult = { label: string; confidence: number }

export type ModelIdentity = {
	endpoint: string
	provider: string
	model: string
	version: string | null
	/** "local deterministic (…)" for the embedded default. */
	label: string
	local: boolean
}

export type AnswerResult = {
	/** Sentences in order; unsupported ones are marked, blocked ones are gone. */
	sentences: CheckedSentence[]
	notFound: boolean
	model: ModelIdentity
	/** The local model answered because every configured endpoint failed. */
	fallback: boolean
	/** Sources kept out because the injection guard flagged them. */
	excludedSources: string[]
	blockedSentences: number
	/** Sequence number of the inference record in the ledger. */
	auditSeq: number
}

export type ClassifyResult = DocTypeResult & { model: ModelIdentity; auditSeq: number }

type Call<T> = { actor: Actor; requestId: string; signal?: AbortSignal } & T

export type Gateway = {
	answer(
		input: Call<{ patientId: string; question: string; sources: readonly Source[] }>,
	): Promise<AnswerResult>
	summarize(
		input: Call<{ patientId: string; documentId: string; sources: readonly Source[] }>,
	): Promise<AnswerResult>
	classifyDocument(input: Call<{ text: string; patientId?: string }>): Promise<ClassifyResult>
	/** Embeddings for ingestion and retrieval; no PHI leaves the process with the local embedder. */
	embed(input: {
		texts: readonly string[]
		purpose: 'document' | 'query'
		requestId: string
		/** Null for system work (ingestion). */
		actor: Actor | null
		patientId?: string
		signal?: AbortSignal
	}): Promise<{ vectors: number[][]; model: ModelIdentity; auditSeq: number }>
	readonly registry: Registry
}

export type GatewayDeps = {
	registry?: Registry
	audit: { append(event: AuditEvent): Promise<number> }
	log: Logger
	injection: (text: string) => InjectionVerdict
	deid: Deidentifier
	classify: (text: string) => DocTypeResult
	/** Chat models by endpoint id (the providers); the local ones are built in. */
	chatModels: Readonly<Record<string, BaseChatModel>>
	embeddings: Readonly<Record<string, Embeddings>>
	limits?: { maxQuestionChars?: number; maxSources?: number }
	/**
	 * What happens to a source the injection guard flags: kept out of the prompt (default), or
	 * fenced (sent, marked as suspect, and anything repeated from it blocked by the output filter).
	 */
	injectionPolicy?: 'exclude' | 'fence'
	clock?: () => number
}

/** Who embeds at ingestion: no user. */
const SYSTEM_ACTOR = { userId: null, role: null, sessionId: null } as const

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`
const estimateTokens = (text: string) => Math.ceil(text.length / 4)

export function createGateway(deps: GatewayDeps): Gateway {
	const registry = deps.registry ?? LOCAL_REGISTRY
	const clock = deps.clock ?? (() => performance.now())
	const maxQuestion = deps.limits?.maxQuestionChars ?? 2_000
	const maxSources = deps.limits?.maxSources ?? 40
	for (const endpoint of registry.endpoints)
		if (
			endpoint.provider !== 'local' &&
			!deps.chatModels[endpoint.id] &&
			!deps.embeddings[endpoint.id]
		)
			throw new GatewayError(
				GATEWAY_ERRORS.configInvalid,
				`Endpoint ${endpoint.id} (${endpoint.provider}) has no provider adapter in this process.`,
			)

	const identity = (e: Endpoint): ModelIdentity => ({
		endpoint: e.id,
		provider: e.provider,
		model: e.model,
		version: e.modelVersion,
		label: e.label ?? `${e.provider} ${e.model}`,
		local: e.provider === 'local',
	})

	function assertFeature(actor: Actor, feature: Exclude<Feature, 'embed'>) {
		const named = feature === 'classify' ? 'classify' : feature
		if (!mayInvokeFeature(actor.role, named))
			throw new GatewayError(GATEWAY_ERRORS.featureDenied, 'Your role may not use this feature.', {
				exposure: 'user',
			})
	}

	/** Runs a guard; if it throws, the call is refused (never sent unguarded). */
	function guard<T>(name: string, work: () => T): T {
		try {
			return work()
		} catch (cause) {
			if (isAppError(cause) && cause.code === GATEWAY_ERRORS.deidUncertain) throw cause
			throw new GatewayError(GATEWAY_ERRORS.guardFailed, `The ${name} guard failed.`, { cause })
		}
	}

	/** Any failure of de-identification is uncertainty: the text is never sent raw. */
	function deidentify(text: string, vault: unknown): { text: string; vault: unknown } {
		try {
			return deps.deid.deidentify(text, vault)
		} catch (cause) {
			throw new GatewayError(
				GATEWAY_ERRORS.deidUncertain,
				'De-identification was not certain; nothing was sent.',
				{ cause, exposure: 'user' },
			)
		}
	}

	async function invoke(
		model: BaseChatModel,
		messages: ChatMessage[],
		endpoint: Endpoint,
		signal: AbortSignal | undefined,
	): Promise<{ text: string; version: string | null }> {
		const timeout = AbortSignal.timeout(endpoint.timeoutMs)
		const combined = signal ? AbortSignal.any([signal, timeout]) : timeout
		let reply: unknown
		try {
			reply = await model.invoke(
				messages.map((m) =>
					m.role === 'system' ? new SystemMessage(m.content) : new HumanMessage(m.content),
				),
				{ signal: combined },
			)
		} catch (cause) {
			if (signal?.aborted)
				throw new GatewayError(GATEWAY_ERRORS.cancelled, 'The request was cancelled.', { cause })
			if (timeout.aborted)
				throw new GatewayError(
					GATEWAY_ERRORS.providerTimeout,
					'The model did not answer in time.',
					{
						cause,
					},
				)
			throw new GatewayError(GATEWAY_ERRORS.providerFailed, 'The model call failed.', { cause })
		}
		const content = reply instanceof AIMessage ? reply.content : null
		if (typeof content !== 'string')
			throw new GatewayError(GATEWAY_ERRORS.providerMalformed, 'The model sent no text.')
		// The version the provider reports (its model name with date, e.g.) wins over the registry's.
		const reported = (reply as AIMessage).response_metadata?.model_name
		return {
			text: content,
			version: typeof reported === 'string' ? reported.slice(0, 200) : endpoint.modelVersion,
		}
	}

	async function record(
		base: { requestId: string; actor: Actor | typeof SYSTEM_ACTOR; patientId?: string },
		feature: Feature,
		outcome: AuditEvent['outcome'],
		inference: InferenceRecord,
		details: AuditEvent['details'],
	): Promise<number> {
		try {
			return await deps.audit.append({
				at: new Date().toISOString(),
				requestId: base.requestId,
				component: AUDIT_COMPONENTS.gateway,
				action: AUDIT_ACTIONS.inference,
				actor: {
					userId: base.actor.userId,
					role: base.actor.role,
					sessionId: base.actor.sessionId,
				},
				resource: {
					type: 'model_endpoint',
					id: inference.endpoint,
					...(base.patientId ? { patientId: base.patientId } : {}),
				},
				decision: 'allow',
				policy: `gateway.${feature}.${inference.envelope}`,
				outcome,
				inference,
				details,
			})
		} catch (cause) {
			deps.log.error('gateway.audit_failed', { requestId: base.requestId, feature })
			throw new AppError('AUDIT_WRITE_FAILED', 'The inference could not be recorded.', { cause })
		}
	}

	/** answer and summarize: the same pipeline with a different prompt and local mode. */
	async function cited<I extends object>(
		feature: 'answer' | 'summarize',
		input: Call<{ patientId: string; sources: readonly Source[] }>,
		prompt: PromptModule<I>,
		promptInput: I,
	): Promise<AnswerResult> {
		const started = clock()
		assertFeature(input.actor, feature)
		if (input.sources.length > maxSources)
			throw new GatewayError(GATEWAY_ERRORS.inputTooLarge, 'Too many sources for one request.', {
				exposure: 'user',
			})
		for (const s of input.sources) assertSafeSourceId(s.id)
		const verdicts = input.sources.map((s) => ({
			...s,
			flagged: guard('injection', () => deps.injection(s.text)).verdict === 'flag',
		}))
		const fence = deps.injectionPolicy === 'fence'
		const kept = fence ? verdicts : verdicts.filter((s) => !s.flagged)
		const excluded = fence ? [] : verdicts.filter((s) => s.flagged).map((s) => s.id)
		const flaggedIds = verdicts.filter((s) => s.flagged).map((s) => s.id)
		const guards: InferenceRecord['guards'] = [
			{
				guard: 'injection',
				verdict: flaggedIds.length ? 'flag' : 'pass',
				score: flaggedIds.length,
			},
		]
		const route = registry.routes[feature]
		const boundary = newBoundary()
		const messages = prompt.render({ ...promptInput, sources: kept, boundary })
		const promptText = messages.map((m) => m.content).join('\n')

		let output: string | null = null
		let served: Endpoint | null = null
		let servedVersion: string | null = null
		let fallback = false
		const failures: GatewayErrorCode[] = []
		const endpoints = route.endpoints.map((id) => assertEndpointAllowed(registry, feature, id))
		for (const endpoint of endpoints) {
			if (estimateTokens(promptText) > endpoint.maxInputTokens)
				throw new GatewayError(
					GATEWAY_ERRORS.inputTooLarge,
					'The question and sources are too long.',
					{
						exposure: 'user',
					},
				)
			const model = deps.chatModels[endpoint.id]
			if (!model) continue
			try {
				if (route.envelope === 'deidentified') {
					// De-identified before rendering (datamarking would hide names from the detector):
					// the question and each source's text share one vault; titles and dates stay home.
					let vault: unknown = undefined
					const clean = (text: string) => {
						const d = deidentify(text, vault)
						vault = d.vault
						return d.text
					}
					const safeInput =
						'question' in promptInput
							? { ...promptInput, question: clean(String(promptInput.question)) }
							: promptInput
					const safeSources = kept.map((k) => ({ id: k.id, text: clean(k.text) }))
					const safe = prompt.render({ ...safeInput, sources: safeSources, boundary })
					const raw = await invoke(model, safe, endpoint, input.signal)
					// Placeholders back to the originals before anything is checked or shown.
					output = deps.deid.restore(raw.text, vault)
					servedVersion = raw.version
				} else {
					const reply = await invoke(model, messages, endpoint, input.signal)
					output = reply.text
					servedVersion = reply.version
				}
				served = endpoint
				break
			} catch (error) {
				if (
					isAppError(error) &&
					(error.code === GATEWAY_ERRORS.cancelled ||
						error.code === GATEWAY_ERRORS.deidUncertain ||
						error.code === GATEWAY_ERRORS.guardFailed)
				) {
					await record(input, feature, 'failed', inferenceOf(endpoint, route.envelope), {
						error: error.code,
					})
					throw error
				}
				failures.push(
					(isAppError(error) ? error.code : GATEWAY_ERRORS.providerFailed) as GatewayErrorCode,
				)
				deps.log.warn('gateway.endpoint_failed', {
					requestId: input.requestId,
					endpoint: endpoint.id,
					code: failures.at(-1) ?? null,
				})
			}
		}
		if (output === null && route.fallbackToLocal) {
			const local = LOCAL_REGISTRY.endpoints.find((e) => e.id === LOCAL_ENDPOINT_IDS[feature])
			const model = local ? deps.chatModels[local.id] : undefined
			if (local && model) {
				output = (await invoke(model, messages, local, input.signal)).text
				served = local
				servedVersion = local.modelVersion
				fallback = true
			}
		}
		const envelope = route.envelope
		if (output === null || !served) {
			const last = endpoints.at(-1) ?? (registry.endpoints[0] as Endpoint)
			await record(input, feature, 'failed', inferenceOf(last, envelope), {
				error: failures.at(-1) ?? GATEWAY_ERRORS.providerFailed,
				attempts: failures.length,
			})
			throw new GatewayError(
				failures.at(-1) ?? GATEWAY_ERRORS.providerFailed,
				'No model could answer.',
			)
		}

		const report = guard('citation', () => verifyCitations(output as string, kept))
		const blocked = guard('output', () => filterOutput(report.sentences, verdicts))
		const blockedIdx = new Set(blocked.map((b) => b.sentence))
		const shown = report.sentences.filter((_, i) => !blockedIdx.has(i))
		guards.push(
			{
				guard: 'citations',
				verdict: report.allSupported ? 'pass' : 'flag',
				score: report.sentences.length
					? report.sentences.filter((s) => s.supported).length / report.sentences.length
					: null,
			},
			{ guard: 'output', verdict: blocked.length ? 'block' : 'pass', score: blocked.length },
		)
		const notFound = report.notFound || shown.length === 0
		const shownText = notFound ? NOT_FOUND : shown.map((s) => s.text).join(' ')
		const auditSeq = await record(
			input,
			feature,
			'success',
			{
				...inferenceOf(served, envelope),
				modelVersion: servedVersion,
				prompt: { id: prompt.id, version: prompt.version },
				promptFingerprint: sha256(promptText),
				outputFingerprint: sha256(shownText),
				retrievedChunkIds: input.sources.map((s) => s.id).slice(0, 500),
				citations: shown.map((s, i) => ({ sentence: i, sources: s.sources })),
				guards,
				tokens: { input: estimateTokens(promptText), output: estimateTokens(output) },
				latencyMs: Math.max(0, clock() - started),
			},
			{ fallback, excluded: excluded.length, blocked: blocked.length, notFound },
		)
		return {
			sentences: notFound ? [] : shown,
			notFound,
			model: { ...identity(served), version: servedVersion },
			fallback,
			excludedSources: excluded,
			blockedSentences: blocked.length,
			auditSeq,
		}
	}

	function inferenceOf(endpoint: Endpoint, envelope: InferenceRecord['envelope']): InferenceRecord {
		return {
			endpoint: endpoint.id,
			provider: endpoint.provider,
			model: endpoint.model,
			modelVersion: endpoint.modelVersion,
			region: endpoint.region,
			envelope,
			prompt: { id: 'none', version: '0' },
			promptFingerprint: sha256(''),
			outputFingerprint: null,
			retrievedChunkIds: [],
			citations: [],
			guards: [],
			tokens: { input: 0, output: 0 },
			latencyMs: 0,
		}
	}

	return {
		registry,
		async answer(input) {
			const question = input.question.trim()
			if (question.length === 0 || question.length > maxQuestion)
				throw new GatewayError(
					GATEWAY_ERRORS.inputTooLarge,
					`A question is 1 to ${maxQuestion} characters.`,
					{ exposure: 'user' },
				)
			return cited('answer', input, answerWithCitations, { question })
		},
		summarize: (input) => cited('summarize', input, summarizeWithCitations, {}),

		async classifyDocument(input) {
			const started = clock()
			assertFeature(input.actor, 'classify')
			const [endpointId] = registry.routes.classify.endpoints
			const endpoint = assertEndpointAllowed(registry, 'classify', String(endpointId))
			if (estimateTokens(input.text) > endpoint.maxInputTokens * 4)
				throw new GatewayError(GATEWAY_ERRORS.inputTooLarge, 'The document is too long.', {
					exposure: 'user',
				})
			const injection = guard('injection', () => deps.injection(input.text.slice(0, 20_000)))
			const result = guard('classifier', () => deps.classify(input.text))
			const auditSeq = await record(
				input,
				'classify',
				'success',
				{
					...inferenceOf(endpoint, registry.routes.classify.envelope),
					prompt: { id: 'classify-document', version: '1' },
					promptFingerprint: sha256(input.text),
					outputFingerprint: sha256(`${result.label}:${result.confidence.toFixed(4)}`),
					guards: [{ guard: 'injection', verdict: injection.verdict, score: injection.score }],
					tokens: { input: estimateTokens(input.text), output: 1 },
					latencyMs: Math.max(0, clock() - started),
				},
				{ label: result.label, confidence: Number(result.confidence.toFixed(4)) },
			)
			return { ...result, model: identity(endpoint), auditSeq }
		},

		async embed(input) {
			const [endpointId] = registry.routes.embed.endpoints
			const endpoint = assertEndpointAllowed(registry, 'embed', String(endpointId))
			const embeddings = deps.embeddings[endpoint.id]
			if (!embeddings)
				throw new GatewayError(GATEWAY_ERRORS.endpointNotAllowed, 'No embedder is configured.')
			const started = clock()
			let vectors: number[][]
			try {
				vectors =
					input.purpose === 'query'
						? await Promise.all(input.texts.map((t) => embeddings.embedQuery(t)))
						: await embeddings.embedDocuments([...input.texts])
			} catch (cause) {
				throw new GatewayError(GATEWAY_ERRORS.providerFailed, 'The embedder failed.', { cause })
			}
			// One record per call (a batch of chunks at ingestion), before the vectors are used.
			const auditSeq = await record(
				{
					requestId: input.requestId,
					actor: input.actor ?? SYSTEM_ACTOR,
					...(input.patientId ? { patientId: input.patientId } : {}),
				},
				'embed',
				'success',
				{
					...inferenceOf(endpoint, registry.routes.embed.envelope),
					prompt: { id: `embed-${input.purpose}`, version: '1' },
					promptFingerprint: sha256(input.texts.join('\u0000')),
					tokens: { input: estimateTokens(input.texts.join(' ')), output: 0 },
					latencyMs: Math.max(0, clock() - started),
				},
				{ texts: input.texts.length, purpose: input.purpose },
			)
			return { vectors, model: identity(endpoint), auditSeq }
		},
	}
}
