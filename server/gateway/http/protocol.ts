import { z } from 'zod'
import { ROLE_VALUES } from '#db/schema/users.ts'
import { FAX_TYPE_VALUES, type FaxType } from '../fax-types.ts'
import type { GatewayErrorCode } from '../errors.ts'
import { NOT_FOUND } from '../prompts/types.ts'
import type { AnswerResult } from '../types.ts'

/**
 * The wire format of the stand-alone gateway (`npm run gateway`): an OpenAI-compatible surface
 * (`/v1/chat/completions`, `/v1/embeddings`, `/v1/models`) whose "models" are Chartside's features,
 * never a vendor model, so a caller still cannot choose where PHI goes. What the OpenAI format has
 * no room for travels in one `chartside` object: the acting user, the patient, the request id and
 * the sources, which go in as data exactly as in-process. The service token says the caller is the
 * Chartside app, which has already signed the user in; the gateway still applies the model-layer
 * RBAC to the role it is given.
 */
export const FEATURE_MODELS = {
	answer: 'chartside-answer',
	summarize: 'chartside-summarize',
	classify: 'chartside-classify',
	embed: 'chartside-embed',
} as const
export type FeatureModel = (typeof FEATURE_MODELS)[keyof typeof FEATURE_MODELS]
const MODEL_NAMES = Object.values(FEATURE_MODELS) as string[]
export const isFeatureModel = (name: string): name is FeatureModel => MODEL_NAMES.includes(name)

/** The largest request body the service reads (sources included). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024

/** The signed-in user the app acts for. */
const actor = z.strictObject({
	userId: z.string().min(1).max(200),
	role: z.enum(ROLE_VALUES),
	sessionId: z.string().min(1).max(200).nullable(),
})
const source = z.strictObject({
	id: z.string().min(1).max(100),
	title: z.string().max(500).optional(),
	date: z.string().max(100).optional(),
	text: z.string().max(100_000),
})
const requestId = z
	.string()
	.regex(/^[A-Za-z0-9._:-]{1,100}$/)
	.optional()

/** The Chartside context of a chat request. */
export const chatContextSchema = z.strictObject({
	requestId,
	/** Null only for classification as system work (the fax read job). */
	actor: actor.nullable(),
	patientId: z.uuid().optional(),
	documentId: z.string().min(1).max(200).optional(),
	sources: z.array(source).max(200).default([]),
})

const content = z.union([
	z.string(),
	z.array(z.looseObject({ type: z.string(), text: z.string().optional() })),
])

/** OpenAI's chat request, with the fields a client may send and the gateway ignores kept loose. */
export const chatRequestSchema = z.looseObject({
	model: z.string().min(1).max(200),
	messages: z
		.array(z.looseObject({ role: z.string().max(20), content: content.nullable().optional() }))
		.min(1)
		.max(100),
	stream: z.boolean().optional(),
	chartside: chatContextSchema.optional(),
})
export type ChatRequest = z.infer<typeof chatRequestSchema>

export const embeddingsRequestSchema = z.looseObject({
	model: z.string().min(1).max(200),
	input: z.union([z.string().max(100_000), z.array(z.string().max(100_000)).min(1).max(2_048)]),
	encoding_format: z.enum(['float', 'base64']).optional(),
	chartside: z
		.strictObject({
			requestId,
			actor: actor.nullable().default(null),
			patientId: z.uuid().optional(),
			purpose: z.enum(['document', 'query']).default('query'),
		})
		.optional(),
})

/** The text of the last user message (the question, or the document to classify). */
export function lastUserText(request: ChatRequest): string {
	const message = request.messages.findLast((m) => m.role === 'user')
	const value = message?.content
	if (typeof value === 'string') return value
	if (!Array.isArray(value)) return ''
	return value.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('')
}

/** An answer as plain text for a client that reads only `content`: marks, never hides, doubt. */
export function answerText(result: AnswerResult): string {
	if (result.notFound) return NOT_FOUND
	return result.sentences
		.map((s) =>
			s.supported
				? `${s.text} [${s.sources.join(', ')}]`
				: `${s.text} [not supported by the chart]`,
		)
		.join(' ')
}

// ---- responses, as the client parses them ----

const checkedSentence = z.object({
	text: z.string(),
	sources: z.array(z.string()),
	supported: z.boolean(),
	support: z.number(),
})
const modelIdentity = z.object({
	endpoint: z.string(),
	provider: z.string(),
	model: z.string(),
	version: z.string().nullable(),
	label: z.string(),
	local: z.boolean(),
})
export const answerResultSchema = z.object({
	sentences: z.array(checkedSentence),
	notFound: z.boolean(),
	model: modelIdentity,
	fallback: z.boolean(),
	excludedSources: z.array(z.string()),
	blockedSentences: z.number().int(),
	auditSeq: z.number().int(),
})
export const answerEventSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('sentence'),
		index: z.number().int(),
		sentence: checkedSentence,
		model: modelIdentity,
	}),
	z.object({ type: z.literal('done'), result: answerResultSchema }),
])
export const classifyResultSchema = z.object({
	label: z.enum(FAX_TYPE_VALUES as [FaxType, ...FaxType[]]),
	confidence: z.number(),
	blank: z.boolean(),
	coverSheetOnly: z.boolean(),
	misdirected: z.boolean(),
	deidentification: z.enum(['certain', 'uncertain-redacted', 'none']),
	model: modelIdentity,
	auditSeq: z.number().int(),
})
export const embedResultSchema = z.object({
	data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })),
	chartside: z.object({
		model: modelIdentity,
		auditSeq: z.number().int(),
		injection: z
			.array(z.object({ score: z.number(), verdict: z.enum(['pass', 'flag']) }))
			.nullable(),
	}),
})
export const errorBodySchema = z.object({
	error: z.object({ message: z.string(), code: z.string(), request_id: z.string().optional() }),
})

/** The service's own refusals (their HTTP status and exposure are in server/platform/errors.ts). */
export const HTTP_ERRORS = {
	unauthenticated: 'GATEWAY_UNAUTHENTICATED',
	requestInvalid: 'GATEWAY_REQUEST_INVALID',
	notFound: 'GATEWAY_ROUTE_NOT_FOUND',
} as const satisfies Record<string, GatewayErrorCode>
