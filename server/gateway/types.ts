import type { Embeddings } from '@langchain/core/embeddings'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { AuditEvent } from '../audit/events.ts'
import type { Actor } from '../auth/scope.ts'
import type { Logger } from '../log.ts'
import type { CheckedSentence } from './guards/citations.ts'
import type { Registry } from './registry.ts'
import type { Source } from './untrusted.ts'

/** The gateway's public shapes: what application code calls and what it gets back. */

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

/**
 * What a streamed answer yields. `sentence` events arrive as each sentence is complete and has
 * passed the citation verifier and output filter; `done` carries the authoritative result once the
 * inference record is in the ledger. A stream that throws after sentences were shown has not been
 * recorded as a success: the caller withdraws what it showed.
 */
export type AnswerEvent =
	| { type: 'sentence'; index: number; sentence: CheckedSentence; model: ModelIdentity }
	| { type: 'done'; result: AnswerResult }

export type ClassifyResult = DocTypeResult & { model: ModelIdentity; auditSeq: number }
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
