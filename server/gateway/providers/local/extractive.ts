import { SimpleChatModel } from '@langchain/core/language_models/chat_models'
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager'
import { AIMessageChunk, type BaseMessage } from '@langchain/core/messages'
import { ChatGenerationChunk } from '@langchain/core/outputs'
import { NOT_FOUND } from '../../prompts/types.ts'
import { contentTerms, daysIn, withoutDays } from '../../../platform/text/terms.ts'
import { withoutCitations } from '../../guards/citations.ts'
import { parseSources, type Source } from '../../untrusted.ts'
import { chartSentences, type ChartSentence } from './chart-sentences.ts'

/**
 * The local deterministic answerer and summarizer ("local deterministic" in the UI and the
 * ledger). They read the gateway's own prompt format back (the data blocks of its boundary) and
 * only ever select sentences of the given sources, each followed by its citation, so they cannot
 * say anything the chart does not; below the relevance threshold the answer is "Not found in the
 * chart." They never take instructions from the sources: a sentence the gateway's injection guard
 * would flag is never selected (the caller passes that check in).
 */
export type SentenceFilter = (sentence: string) => boolean

/** Words that frame a chart question rather than say what it is about. */
const FRAMING = new Set([
	'last',
	'latest',
	'recent',
	'recently',
	'most',
	'current',
	'currently',
	'ever',
	'previous',
	'prior',
	'history',
	'chart',
	'document',
	'documented',
	'record',
	'recorded',
	'mention',
	'mentioned',
	'taking',
	'take',
	'takes',
	'prescribed',
	'given',
	'result',
	'results',
	'value',
	'level',
	'date',
	'time',
	'visit',
	'today',
	'yesterday',
	'patient',
	'patients',
	'status',
	// "allergic to penicillin" is about penicillin: the allergy list need not say "allergic".
	'allergic',
	'allergy',
	'allergies',
	'diagnosed',
	'diagnosis',
])

/** A crude stem for naming checks: "allergic" and "allergy" name the same thing. */
const stem = (term: string) => (term.length > 5 ? term.slice(0, 6) : term)

/**
 * "the most recent creatinine", "the last colonoscopy": one value, the newest. "In the last year"
 * and "last name" are not.
 */
const RECENCY =
	/\b(?:most recent|latest|newest)\b|\blast\b(?!\s+(?:\d+|few|several|year|years|month|months|week|weeks|day|days|night|name)\b)/i

const boundaryOf = (messages: BaseMessage[]): string | null => {
	const system = messages.find((m) => m.getType() === 'system')
	const match = /<<<DATA ([0-9a-f]{16})/.exec(String(system?.content ?? ''))
	return match?.[1] ?? null
}

/** Inverse document frequency of terms over the candidate sentences. */
function idf(all: readonly ChartSentence[]): (term: string) => number {
	const df = new Map<string, number>()
	for (const c of all) for (const t of new Set(c.terms)) df.set(t, (df.get(t) ?? 0) + 1)
	return (t) => Math.log(1 + all.length / (1 + (df.get(t) ?? 0)))
}

/**
 * The sentence with its own citation. Any citation of a given source inside the quoted text
 * (planted to borrow another source's citation) is removed first, by the verifier's own rule;
 * the chart's own brackets ("mm[Hg]") stay.
 */
function citer(sources: readonly Source[]) {
	const ids = new Set(sources.map((s) => s.id))
	return (c: ChartSentence) => `${withoutCitations(c.text, ids).body} [${c.sourceId}]`
}

type Scored = { c: ChartSentence; score: number; named: number }

/**
 * What a question about a day or about the newest value leaves of the matching sentences. A
 * question naming a day ("the visit on 1985-01-12") is answered only from that day: another
 * visit's complaint is not its answer. A question for the most recent value is answered from the
 * newest of the sentences that match it about as well as the best one, not with every value ever
 * recorded.
 */
function narrow(question: string, matching: Scored[]): Scored[] {
	const days = daysIn(question)
	let pool =
		days.length > 0 ? matching.filter((s) => s.c.days.some((d) => days.includes(d))) : matching
	if (RECENCY.test(question) && pool.length > 0) {
		const best = Math.max(...pool.map((s) => s.score))
		const close = pool.filter((s) => s.score >= best * 0.8)
		const latest = (s: Scored) =>
			s.c.days.reduce<string | null>((d, x) => (!d || x > d ? x : d), null)
		const newest = close.reduce<string | null>((d, s) => {
			const l = latest(s)
			return l && (!d || l > d) ? l : d
		}, null)
		pool = newest ? close.filter((s) => latest(s) === newest) : close
	}
	return pool
}

/** Picks the sentences that best answer the question, or says the chart does not. */
export function extractAnswer(
	question: string,
	sources: readonly Source[],
	options: { allowed: SentenceFilter; threshold?: number; maxSentences?: number },
): string {
	const all = chartSentences(sources, options.allowed)
	// Days are matched as days, not as the numbers they are written with.
	const plain = withoutDays(question)
	const asked = [...new Set(contentTerms(plain))]
	// What the question is about, without the words that frame it ("the last colonoscopy" is about
	// a colonoscopy: a sentence with "last" in it does not answer it).
	const topical = asked.filter((t) => !FRAMING.has(t))
	const q = topical.length > 0 ? topical : asked
	if (q.length === 0 || all.length === 0) return NOT_FOUND
	const weight = idf(all)
	const total = q.reduce((sum, t) => sum + weight(t), 0)
	// A question naming a thing in several words ("laceration of forearm") is answered only by a
	// sentence holding all of them: "laceration of hand" is not evidence of it. Each thing asked
	// about ("potassium and lisinopril") is its own phrase; numbers are left out, since a
	// document's date is not always in its sentences.
	const phrases = plain
		.split(/\b(?:and|or)\b|[,;]/i)
		.map((part) =>
			contentTerms(part)
				.filter((t) => !FRAMING.has(t) && /[a-z]/.test(t))
				.map(stem),
		)
		.filter((terms) => terms.length > 0)
	const matching = all
		.map((c) => {
			const have = new Set(c.terms)
			const stems = new Set(c.terms.map(stem))
			const own = new Set(c.ownTerms)
			const matched = q.reduce((sum, t) => sum + (have.has(t) ? weight(t) : 0), 0)
			const names = phrases.length === 0 || phrases.some((p) => p.every((t) => stems.has(t)))
			// Between equals, a sentence naming the subject itself ("Cardiac arrest — SNOMED …")
			// comes before one that only sits under its heading ("Onset 2003-07-03.").
			const named = q.reduce((sum, t) => sum + (own.has(t) ? weight(t) : 0), 0)
			return { c, score: names ? matched / total : 0, named }
		})
		.filter((s) => s.score >= (options.threshold ?? 0.34))
	const chosen = narrow(question, matching)
		.sort((a, b) => b.score - a.score || b.named - a.named || a.c.order - b.c.order)
		.slice(0, options.maxSentences ?? 3)
	if (chosen.length === 0) return NOT_FOUND
	const cite = citer(sources)
	return chosen
		.sort((a, b) => a.c.order - b.c.order)
		.map((s) => cite(s.c))
		.join(' ')
}

/** Picks the document's most central sentences, in document order. */
export function extractSummary(
	sources: readonly Source[],
	options: { allowed: SentenceFilter; maxSentences?: number },
): string {
	const all = chartSentences(sources, options.allowed)
	if (all.length === 0) return NOT_FOUND
	const tf = new Map<string, number>()
	for (const c of all) for (const t of c.ownTerms) tf.set(t, (tf.get(t) ?? 0) + 1)
	const cite = citer(sources)
	return all
		.map((c) => ({
			c,
			score:
				c.ownTerms.reduce((sum, t) => sum + Math.log(1 + (tf.get(t) ?? 0)), 0) /
				Math.sqrt(1 + c.ownTerms.length),
		}))
		.sort((a, b) => b.score - a.score || a.c.order - b.c.order)
		.slice(0, options.maxSentences ?? 5)
		.sort((a, b) => a.c.order - b.c.order)
		.map((s) => cite(s.c))
		.join(' ')
}

/** Both as a LangChain chat model over the gateway's prompts. */
export class ExtractiveChatModel extends SimpleChatModel {
	constructor(
		private readonly mode: 'answer' | 'summarize',
		private readonly allowed: SentenceFilter,
	) {
		super({})
	}
	_llmType(): string {
		return `local-extractive-${this.mode}`
	}
	async _call(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<string> {
		// A cancelled request is over, even for a model that would answer instantly.
		options.signal?.throwIfAborted()
		const boundary = boundaryOf(messages)
		const user = String(messages.findLast((m) => m.getType() === 'human')?.content ?? '')
		if (!boundary) return NOT_FOUND
		const sources = parseSources(user, boundary)
		if (this.mode === 'summarize') return extractSummary(sources, { allowed: this.allowed })
		const question = /^Question: (.*)$/m.exec(user)?.[1] ?? ''
		return extractAnswer(question, sources, { allowed: this.allowed })
	}
	/** Streams the same text a sentence at a time, as a remote model streams tokens. */
	override async *_streamResponseChunks(
		messages: BaseMessage[],
		options: this['ParsedCallOptions'],
		runManager?: CallbackManagerForLLMRun,
	): AsyncGenerator<ChatGenerationChunk> {
		const text = await this._call(messages, options)
		const pieces = text.match(/[^\]]*\](?:\s+|$)|.+$/g) ?? [text]
		for (const piece of pieces) {
			options.signal?.throwIfAborted()
			yield new ChatGenerationChunk({
				text: piece,
				message: new AIMessageChunk({ content: piece }),
			})
			await runManager?.handleLLMNewToken(piece)
		}
	}
}
