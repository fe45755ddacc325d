import type { Embeddings } from '@langchain/core/embeddings'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { AuditEvent } from '../audit/events.ts'
import type { Actor } from '../auth/scope.ts'
import type { Logger } from '../log.ts'
import type { FaxType } from './fax-types.ts'
import type { CheckedSentence } from './guards/citations.ts'
import type { Registry } from './registry.ts'
import type { Source } from './untrusted.ts'

/** The gateway's public shapes: what application code calls and what it gets back. */

export type InjectionVerdict = { score: number; verdict: 'pass' | 'flag' }
/** De-identification for the `deidentified` envelope; one vault serves every message of a request. */
export type Deidentifier = {
	/**
	 * Throws when it is not sure. `onUncertain: 'redact'` (classification only, decision 037)
	 * replaces the regions it is unsure about with placeholders instead; it still throws when the
	 * text cannot be made safe.
	 */
	deidentify(
		text: string,
		vault?: unknown,
		options?: { onUncertain?: 'refuse' | 'redact' },
	): { text: string; vault: unknown }
	restore(text: string, vault: unknown): string
}

export type { FaxType } from './fax-types.ts'

/**
 * What the classifier says about a fax (decision 037): a fax type, the calibrated probability of
 * it, and the reasons a fax is junk that a person can read. `blank`, `coverSheetOnly` and
 * `misdirected` each make the label `junk`.
 */
export type FaxClassification = {
	label: FaxType
	/** Calibrated probability of `label`, in [0, 1]. */
	confidence: number
	/** No words to speak of (an empty or speckled page). */
	blank: boolean
	/** A fax cover sheet with nothing behind it. */
	coverSheetOnly: boolean
	/** A notice that a fax reached the wrong recipient. */
	misdirected: boolean
}

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

/**
 * What a streamed answer yields. `sentence` events arrive as each sentence is complete and has
 * passed the citation verifier and output filter; `done` carries the authoritative result once the
 * inference record is in the ledger. A stream that throws after sentences were shown has not been
 * recorded as a success: the caller withdraws what it showed.
 */
export type AnswerEvent =
	| { type: 'sentence'; index: number; sentence: CheckedSentence; model: ModelIdentity }
	| { type: 'done'; result: AnswerResult }

export type ClassifyResult = FaxClassification & {
	model: ModelIdentity
	auditSeq: number
	/**
	 * How the text was de-identified before it was classified: `certain`, `uncertain-redacted`
	 * (regions the detector was unsure of were redacted too), or `none` (a route in the PHI envelope).
	 */
	deidentification: 'certain' | 'uncertain-redacted' | 'none'
}
export type EmbedResult = {
	vectors: number[][]
	model: ModelIdentity
	auditSeq: number
	/** For documents (ingestion): each text's injection verdict, so flagged chunks are marked. */
	injection: InjectionVerdict[] | null
}

export type Call<T> = { actor: Actor; requestId: string; signal?: AbortSignal } & T
export type AnswerInput = Call<{ patientId: string; question: string; sources: readonly Source[] }>
export type SummarizeInput = Call<{
	patientId: string
	documentId: string
	sources: readonly Source[]
}>
/** `actor: null` is system work: the fax read job classifies in the background (ADR 039). */
export type ClassifyInput = Omit<Call<{ text: string; patientId?: string }>, 'actor'> & {
	actor: Actor | null
}
export type EmbedInput = {
	texts: readonly string[]
	purpose: 'document' | 'query'
	requestId: string
	/** Null for system work (ingestion). */
	actor: Actor | null
	patientId?: string
	signal?: AbortSignal
}

export type Gateway = {
	answer(input: AnswerInput): Promise<AnswerResult>
	summarize(input: SummarizeInput): Promise<AnswerResult>
	/** The same answer, sentence by sentence as each is verified. */
	answerStream(input: AnswerInput): AsyncIterable<AnswerEvent>
	summarizeStream(input: SummarizeInput): AsyncIterable<AnswerEvent>
	classifyDocument(input: ClassifyInput): Promise<ClassifyResult>
	/**
	 * Embeddings for ingestion and retrieval; no PHI leaves the process with the local embedder.
	 * Documents are also scored by the injection guard (the ingest-time scan).
	 */
	embed(input: EmbedInput): Promise<EmbedResult>
	/** The endpoints and routes in force (ids and policy, never keys). */
	readonly registry: Registry
}

export type GatewayDeps = {
	registry?: Registry
	audit: { append(event: AuditEvent): Promise<number> }
	log: Logger
	injection: (text: string) => InjectionVerdict
	deid: Deidentifier
	/** The local classifier: given de-identified text when the classify route says so. */
	classify: (text: string) => FaxClassification
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
