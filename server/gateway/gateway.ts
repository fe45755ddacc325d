import { createHash } from 'node:crypto'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditEvent } from '../audit/events.ts'
import type { InferenceRecord } from '../audit/events.ts'
import { mayInvokeFeature } from '../auth/policy.ts'
import type { Actor } from '../auth/scope.ts'
import { AppError, isAppError } from '../errors.ts'
import { GATEWAY_ERRORS, GatewayError, type GatewayErrorCode } from './errors.ts'
import { verifyCitations, type CheckedSentence } from './guards/citations.ts'
import { filterOutput } from './guards/output-filter.ts'
import { invokeModel, streamModel } from './model-call.ts'
import { answerWithCitations } from './prompts/answer-with-citations.v1.ts'
import { summarizeWithCitations } from './prompts/summarize-with-citations.v1.ts'
import { NOT_FOUND, type ChatMessage, type PromptModule } from './prompts/types.ts'
import {
	assertEndpointAllowed,
	LOCAL_ENDPOINT_IDS,
	LOCAL_REGISTRY,
	type Endpoint,
	type Feature,
	type Route,
} from './registry.ts'
import { SentenceBuffer } from './sentence-stream.ts'
import type {
	AnswerEvent,
	AnswerResult,
	Call,
	Gateway,
	GatewayDeps,
	ModelIdentity,
} from './types.ts'
import { assertSafeSourceId, newBoundary, type Source } from './untrusted.ts'

export type * from './types.ts'

/**
 * The inference gateway: the only code that reaches a model. Application code calls `answer`,
 * `summarize` (or their streaming forms), `classifyDocument` and `embed` and never learns which
 * model served it. For every call the gateway checks the role may use the feature, caps the input,
 * scans each source for injected instructions (flagged sources are kept out), renders a versioned
 * prompt with the sources as tagged data, tries the route's endpoints in order (each checked
 * against the registry again, de-identified first when the envelope says so), verifies every
 * sentence's citations, filters the output, and writes one inference record to the ledger before
 * anything returns. No record, no answer: a stream shows nothing before its opening record is in
 * the ledger.
 */

/** Who embeds at ingestion: no user. */
const SYSTEM_ACTOR = { userId: null, role: null, sessionId: null } as const

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`
const estimateTokens = (text: string) => Math.ceil(text.length / 4)

type CitedFeature = 'answer' | 'summarize'
type CitedInput = Call<{ patientId: string; sources: readonly Source[] }>

/** Everything decided before a model is called: kept sources, guard verdicts, the prompt. */
type Prepared = {
	feature: CitedFeature
	input: CitedInput
	prompt: { id: string; version: string }
	started: number
	verdicts: Array<Source & { flagged: boolean }>
	kept: Array<Source & { flagged: boolean }>
	excluded: string[]
	guards: InferenceRecord['guards']
	route: Route
	endpoints: Endpoint[]
	messages: ChatMessage[]
	promptText: string
	/** The messages for an endpoint of this route (de-identified when the envelope says so). */
	messagesFor(endpoint: Endpoint): { messages: ChatMessage[]; restore: (text: string) => string }
}

/** What the model said, checked. */
type Checked = {
	shown: CheckedSentence[]
	blocked: number
	notFound: boolean
	allSupported: boolean
	/** Share of the model's sentences the citations support (null when it said none). */
	supportedShare: number | null
}

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

	const identity = (e: Endpoint, version = e.modelVersion): ModelIdentity => ({
		endpoint: e.id,
		provider: e.provider,
		model: e.model,
		version,
		label: e.label ?? `${e.provider} ${e.model}`,
		local: e.provider === 'local',
	})

	function assertFeature(actor: Actor, feature: Exclude<Feature, 'embed'>) {
		if (!mayInvokeFeature(actor.role, feature))
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

	async function record(
		base: { requestId: string; actor: Actor | typeof SYSTEM_ACTOR; patientId?: string },
		feature: Feature,
		outcome: AuditEvent['outcome'],
		inference: InferenceRecord,
		details: AuditEvent['details'],
		extra: { action?: AuditEvent['action']; sensitive?: AuditEvent['sensitive'] } = {},
	): Promise<number> {
		try {
			return await deps.audit.append({
				at: new Date().toISOString(),
				requestId: base.requestId,
				component: AUDIT_COMPONENTS.gateway,
				action: extra.action ?? AUDIT_ACTIONS.inference,
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
				...(extra.sensitive ? { sensitive: extra.sensitive } : {}),
			})
		} catch (cause) {
			deps.log.error('gateway.audit_failed', { requestId: base.requestId, feature })
			throw new AppError('AUDIT_WRITE_FAILED', 'The inference could not be recorded.', { cause })
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

	function prepare<I extends object>(
		feature: CitedFeature,
		input: CitedInput,
		prompt: PromptModule<I>,
		promptInput: I,
	): Prepared {
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
		const flagged = verdicts.filter((s) => s.flagged).map((s) => s.id)
		const route = registry.routes[feature]
		const boundary = newBoundary()
		const messages = prompt.render({ ...promptInput, sources: kept, boundary })
		const promptText = messages.map((m) => m.content).join('\n')
		const endpoints = route.endpoints.map((id) => assertEndpointAllowed(registry, feature, id))
		for (const endpoint of endpoints)
			if (estimateTokens(promptText) > endpoint.maxInputTokens)
				throw new GatewayError(
					GATEWAY_ERRORS.inputTooLarge,
					'The question and sources are too long.',
					{ exposure: 'user' },
				)
		return {
			feature,
			input,
			prompt: { id: prompt.id, version: prompt.version },
			started,
			verdicts,
			kept,
			excluded: fence ? [] : flagged,
			guards: [
				{ guard: 'injection', verdict: flagged.length ? 'flag' : 'pass', score: flagged.length },
			],
			route,
			endpoints,
			messages,
			promptText,
			messagesFor(endpoint) {
				if (route.envelope !== 'deidentified' || endpoint.provider === 'local')
					return { messages, restore: (text) => text }
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
				return {
					messages: prompt.render({ ...safeInput, sources: safeSources, boundary }),
					// Placeholders back to the originals before anything is checked or shown.
					restore: (text) => deps.deid.restore(text, vault),
				}
			},
		}
	}

	/** Citations verified and the output filter applied; blocked sentences are gone. */
	function check(p: Prepared, output: string): Checked {
		const report = guard('citation', () => verifyCitations(output, p.kept))
		const blocked = guard('output', () => filterOutput(report.sentences, p.verdicts))
		const blockedIdx = new Set(blocked.map((b) => b.sentence))
		const shown = report.sentences.filter((_, i) => !blockedIdx.has(i))
		return {
			shown,
			blocked: blocked.length,
			notFound: report.notFound || shown.length === 0,
			allSupported: report.allSupported,
			supportedShare: report.sentences.length
				? report.sentences.filter((s) => s.supported).length / report.sentences.length
				: null,
		}
	}

	/** Failures that end the request instead of moving on to the next endpoint. */
	const isFinal = (error: unknown) =>
		isAppError(error) &&
		(error.code === GATEWAY_ERRORS.cancelled ||
			error.code === GATEWAY_ERRORS.deidUncertain ||
			error.code === GATEWAY_ERRORS.guardFailed ||
			error.code === 'AUDIT_WRITE_FAILED')

	/** The route's endpoints with their models, then the local model if policy allows it. */
	function candidates(p: Prepared) {
		const list = p.endpoints.flatMap((endpoint) => {
			const model = deps.chatModels[endpoint.id]
			return model ? [{ endpoint, model, fallback: false }] : []
		})
		if (p.route.fallbackToLocal) {
			const local = LOCAL_REGISTRY.endpoints.find((e) => e.id === LOCAL_ENDPOINT_IDS[p.feature])
			const model = local ? deps.chatModels[local.id] : undefined
			if (local && model && !list.some((c) => c.endpoint.id === local.id))
				list.push({ endpoint: local, model, fallback: true })
		}
		return list
	}

	async function recordFailure(p: Prepared, endpoint: Endpoint, details: AuditEvent['details']) {
		await record(p.input, p.feature, 'failed', inferenceOf(endpoint, p.route.envelope), details)
	}

	function endpointFailed(p: Prepared, endpoint: Endpoint, error: unknown): GatewayErrorCode {
		const code = (
			isAppError(error) ? error.code : GATEWAY_ERRORS.providerFailed
		) as GatewayErrorCode
		deps.log.warn('gateway.endpoint_failed', {
			requestId: p.input.requestId,
			endpoint: endpoint.id,
			code,
		})
		return code
	}

	async function noModelAnswered(p: Prepared, failures: GatewayErrorCode[]): Promise<never> {
		const last = p.endpoints.at(-1) ?? (registry.endpoints[0] as Endpoint)
		await recordFailure(p, last, {
			error: failures.at(-1) ?? GATEWAY_ERRORS.providerFailed,
			attempts: failures.length,
		})
		throw new GatewayError(
			failures.at(-1) ?? GATEWAY_ERRORS.providerFailed,
			'No model could answer.',
		)
	}

	/** The success record; it goes in before the result leaves the gateway. */
	async function finish(
		p: Prepared,
		served: { endpoint: Endpoint; version: string | null; fallback: boolean; sent: string },
		output: string,
		checked: Checked,
		streamSeq: number | null,
	): Promise<AnswerResult> {
		const shownText = checked.notFound ? NOT_FOUND : checked.shown.map((s) => s.text).join(' ')
		const guards: InferenceRecord['guards'] = [
			...p.guards,
			{
				guard: 'citations',
				verdict: checked.allSupported ? 'pass' : 'flag',
				score: checked.supportedShare,
			},
			{ guard: 'output', verdict: checked.blocked ? 'block' : 'pass', score: checked.blocked },
		]
		const keep = served.endpoint.keepPayloads === 'encrypted'
		const auditSeq = await record(
			p.input,
			p.feature,
			'success',
			{
				...inferenceOf(served.endpoint, p.route.envelope),
				modelVersion: served.version,
				prompt: p.prompt,
				promptFingerprint: sha256(p.promptText),
				outputFingerprint: sha256(shownText),
				retrievedChunkIds: p.input.sources.map((s) => s.id).slice(0, 500),
				citations: checked.notFound
					? []
					: checked.shown.map((s, i) => ({ sentence: i, sources: s.sources })),
				guards,
				tokens: { input: estimateTokens(p.promptText), output: estimateTokens(output) },
				latencyMs: Math.max(0, clock() - p.started),
			},
			{
				fallback: served.fallback,
				excluded: p.excluded.length,
				blocked: checked.blocked,
				notFound: checked.notFound,
				...(streamSeq === null ? {} : { streamOpenedSeq: streamSeq }),
				payloads: keep ? 'encrypted' : 'fingerprints',
			},
			// The endpoint's policy may keep what was sent and shown, encrypted under the patient's key.
			keep
				? {
						sensitive: {
							patientId: p.input.patientId,
							value: { prompt: served.sent, output: shownText },
						},
					}
				: {},
		)
		return {
			sentences: checked.notFound ? [] : checked.shown,
			notFound: checked.notFound,
			model: identity(served.endpoint, served.version),
			fallback: served.fallback,
			excludedSources: p.excluded,
			blockedSentences: checked.blocked,
			auditSeq,
		}
	}

	async function cited(p: Prepared): Promise<AnswerResult> {
		const failures: GatewayErrorCode[] = []
		for (const { endpoint, model, fallback } of candidates(p)) {
			let reply: { text: string; version: string | null }
			let sent: string
			try {
				const { messages, restore } = p.messagesFor(endpoint)
				sent = messages.map((m) => m.content).join('\n')
				const raw = await invokeModel(model, messages, endpoint, p.input.signal)
				reply = { text: restore(raw.text), version: raw.version }
			} catch (error) {
				if (isFinal(error)) {
					await recordFailure(p, endpoint, { error: (error as AppError).code })
					throw error
				}
				failures.push(endpointFailed(p, endpoint, error))
				continue
			}
			const served = { endpoint, version: reply.version, fallback, sent }
			return finish(p, served, reply.text, check(p, reply.text), null)
		}
		return noModelAnswered(p, failures)
	}

	/**
	 * The streamed form: each sentence is released once it is complete and checked. An endpoint
	 * that fails before anything was shown hands over to the next, as in `cited`; one that fails
	 * after sentences were shown ends the stream with a failure record, and the caller withdraws
	 * what it showed (it was never recorded as an answer).
	 */
	async function* citedStream(p: Prepared): AsyncGenerator<AnswerEvent> {
		const failures: GatewayErrorCode[] = []
		let opened: number | null = null
		let finished = false
		let current: Endpoint | null = null
		try {
			for (const { endpoint, model, fallback } of candidates(p)) {
				current = endpoint
				let shown = 0
				let version = endpoint.modelVersion
				const buffer = new SentenceBuffer(new Set(p.kept.map((k) => k.id)))
				try {
					const { messages, restore } = p.messagesFor(endpoint)
					const sent = messages.map((m) => m.content).join('\n')
					const release = async function* (texts: string[]) {
						for (const text of texts) {
							const checked = check(p, text)
							if (checked.notFound) continue
							for (const sentence of checked.shown) {
								if (opened === null)
									opened = await record(
										p.input,
										p.feature,
										'success',
										{
											...inferenceOf(endpoint, p.route.envelope),
											prompt: p.prompt,
											promptFingerprint: sha256(p.promptText),
										},
										{ stream: 'open' },
										{ action: AUDIT_ACTIONS.inferenceStreamOpened },
									)
								yield {
									type: 'sentence' as const,
									index: shown++,
									sentence,
									model: identity(endpoint, version),
								}
							}
						}
					}
					const pieces = streamModel(model, messages, endpoint, p.input.signal, (v) => {
						version = v
					})
					for await (const piece of pieces) yield* release(buffer.push(piece, restore))
					const output = restore(buffer.received)
					const checked = check(p, output)
					// The whole answer is checked again; anything not yet shown follows the record.
					const result = await finish(
						p,
						{ endpoint, version, fallback, sent },
						output,
						checked,
						opened,
					)
					finished = true
					for (const sentence of result.sentences.slice(shown))
						yield { type: 'sentence', index: shown++, sentence, model: result.model }
					yield { type: 'done', result }
					return
				} catch (error) {
					if (finished || shown > 0 || isFinal(error)) throw error
					failures.push(endpointFailed(p, endpoint, error))
				}
			}
			finished = true
			await noModelAnswered(p, failures)
		} catch (error) {
			if (!finished && current && !(isAppError(error) && error.code === 'AUDIT_WRITE_FAILED')) {
				finished = true
				await recordFailure(p, current, {
					error: isAppError(error) ? error.code : GATEWAY_ERRORS.providerFailed,
					streamOpenedSeq: opened,
				})
			}
			throw error
		} finally {
			// The caller stopped reading: what it saw was never recorded as an answer.
			if (!finished && current)
				await recordFailure(p, current, {
					error: GATEWAY_ERRORS.cancelled,
					streamOpenedSeq: opened,
				})
		}
	}

	const answerPrepared = (input: Parameters<Gateway['answer']>[0]) => {
		const question = input.question.trim()
		if (question.length === 0 || question.length > maxQuestion)
			throw new GatewayError(
				GATEWAY_ERRORS.inputTooLarge,
				`A question is 1 to ${maxQuestion} characters.`,
				{ exposure: 'user' },
			)
		return prepare('answer', input, answerWithCitations, { question })
	}
	const summaryPrepared = (input: Parameters<Gateway['summarize']>[0]) =>
		prepare('summarize', input, summarizeWithCitations, {})

	return {
		registry,
		answer: async (input) => cited(answerPrepared(input)),
		summarize: async (input) => cited(summaryPrepared(input)),
		answerStream: (input) => lazy(() => citedStream(answerPrepared(input))),
		summarizeStream: (input) => lazy(() => citedStream(summaryPrepared(input))),

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
			// Ingestion scans what it embeds: a flagged chunk is kept, and marked in the chart.
			const injection =
				input.purpose === 'document'
					? input.texts.map((t) => guard('injection', () => deps.injection(t)))
					: null
			const flagged = injection?.filter((v) => v.verdict === 'flag').length ?? 0
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
					guards: injection
						? [{ guard: 'injection', verdict: flagged ? 'flag' : 'pass', score: flagged }]
						: [],
					tokens: { input: estimateTokens(input.texts.join(' ')), output: 0 },
					latencyMs: Math.max(0, clock() - started),
				},
				{ texts: input.texts.length, purpose: input.purpose },
			)
			return { vectors, model: identity(endpoint), auditSeq, injection }
		},
	}
}

/**
 * An async iterable whose work (and whose refusals: role, caps, guards) starts when it is first
 * read, so a refusal surfaces where the caller reads the stream.
 */
function lazy<T>(start: () => AsyncGenerator<T>): AsyncIterable<T> {
	return { [Symbol.asyncIterator]: () => start() }
}
