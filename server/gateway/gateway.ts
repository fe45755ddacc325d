import { fingerprint } from '../platform/hashing.ts'
import { cited } from './cited-call.ts'
import { assertFeature, guard, prepare, type GatewayContext } from './cited-checks.ts'
import { citedStream, lazy } from './cited-stream.ts'
import { GATEWAY_ERRORS, GatewayError } from './errors.ts'
import { SYSTEM_ACTOR } from '../audit/events.ts'
import { estimateTokens, identity, inferenceOf, record } from './inference-record.ts'
import { answerWithCitations } from './prompts/answer-with-citations.v1.ts'
import { summarizeWithCitations } from './prompts/summarize-with-citations.v1.ts'
import { assertEndpointAllowed, LOCAL_REGISTRY } from './registry.ts'
import type { ClassifyResult, Gateway, GatewayDeps } from './types.ts'

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

/*
 * Where the parts live: `cited-checks.ts` prepares a cited call and checks what the model said,
 * `cited-call.ts` tries the endpoints and writes the success or failure record, `cited-stream.ts`
 * is the streamed form, and `inference-record.ts` writes every record to the ledger.
 */

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

	const ctx: GatewayContext = { deps, registry, clock, maxSources }

	const answerPrepared = (input: Parameters<Gateway['answer']>[0]) => {
		const question = input.question.trim()
		if (question.length === 0 || question.length > maxQuestion)
			throw new GatewayError(
				GATEWAY_ERRORS.inputTooLarge,
				`A question is 1 to ${maxQuestion} characters.`,
			)
		return prepare(ctx, 'answer', input, answerWithCitations, { question })
	}
	const summaryPrepared = (input: Parameters<Gateway['summarize']>[0]) =>
		prepare(ctx, 'summarize', input, summarizeWithCitations, {})

	/**
	 * The text the classifier may see: de-identified; when the detector is unsure, with the unsure
	 * regions redacted as well (over-redact rather than leak). Text that cannot be made safe even
	 * then is refused (DEID_UNCERTAIN), the refusal recorded, and nothing is classified.
	 */
	const deidentifyForClassify = async (
		input: Parameters<Gateway['classifyDocument']>[0],
	): Promise<{ text: string; deidentification: ClassifyResult['deidentification'] }> => {
		try {
			return { text: deps.deid.deidentify(input.text).text, deidentification: 'certain' }
		} catch {
			// unsure: redact the unsure regions too (a detector that fails outright fails again here)
		}
		try {
			const { text } = deps.deid.deidentify(input.text, undefined, { onUncertain: 'redact' })
			return { text, deidentification: 'uncertain-redacted' }
		} catch (cause) {
			const [endpointId] = registry.routes.classify.endpoints
			const endpoint = assertEndpointAllowed(registry, 'classify', String(endpointId))
			await record(
				deps,
				{ ...input, actor: input.actor ?? SYSTEM_ACTOR },
				'classify',
				'failed',
				inferenceOf(endpoint, registry.routes.classify.envelope),
				{ error: GATEWAY_ERRORS.deidUncertain },
			)
			throw new GatewayError(
				GATEWAY_ERRORS.deidUncertain,
				'De-identification was not certain even with uncertain parts redacted; the document was not classified.',
				{ cause },
			)
		}
	}

	return {
		registry,
		answer: async (input) => cited(ctx, answerPrepared(input)),
		summarize: async (input) => cited(ctx, summaryPrepared(input)),
		answerStream: (input) => lazy(() => citedStream(ctx, answerPrepared(input))),
		summarizeStream: (input) => lazy(() => citedStream(ctx, summaryPrepared(input))),

		async classifyDocument(input) {
			const started = clock()
			// Role-based access applies to a person; the fax read job classifies as the system.
			if (input.actor) assertFeature(input.actor, 'classify')
			const [endpointId] = registry.routes.classify.endpoints
			const endpoint = assertEndpointAllowed(registry, 'classify', String(endpointId))
			if (estimateTokens(input.text) > endpoint.maxInputTokens * 4)
				throw new GatewayError(GATEWAY_ERRORS.inputTooLarge, 'The document is too long.')
			const injection = guard('injection', () => deps.injection(input.text.slice(0, 20_000)))
			const envelope = registry.routes.classify.envelope
			// The local model too: a fax is PHI and classification is structured work (decision 037).
			const sent =
				envelope === 'deidentified'
					? await deidentifyForClassify(input)
					: { text: input.text, deidentification: 'none' as const }
			const result = guard('classifier', () => deps.classify(sent.text))
			const auditSeq = await record(
				deps,
				{ ...input, actor: input.actor ?? SYSTEM_ACTOR },
				'classify',
				'success',
				{
					...inferenceOf(endpoint, envelope),
					prompt: { id: 'classify-document', version: '1' },
					promptFingerprint: fingerprint(sent.text),
					outputFingerprint: fingerprint(`${result.label}:${result.confidence.toFixed(4)}`),
					guards: [{ guard: 'injection', verdict: injection.verdict, score: injection.score }],
					tokens: { input: estimateTokens(sent.text), output: 1 },
					latencyMs: Math.max(0, clock() - started),
				},
				{
					label: result.label,
					confidence: Number(result.confidence.toFixed(4)),
					blank: result.blank,
					coverSheetOnly: result.coverSheetOnly,
					misdirected: result.misdirected,
					deidentification: sent.deidentification,
				},
			)
			return {
				label: result.label,
				confidence: result.confidence,
				blank: result.blank,
				coverSheetOnly: result.coverSheetOnly,
				misdirected: result.misdirected,
				deidentification: sent.deidentification,
				model: identity(endpoint),
				auditSeq,
			}
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
				deps,
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
					promptFingerprint: fingerprint(input.texts.join('\u0000')),
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
