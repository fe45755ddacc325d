import { NOT_FOUND } from '../prompts/types.ts'
import { contentTerms, sentences as splitSentences } from '../text/terms.ts'
import type { Source } from '../untrusted.ts'

/**
 * The citation verifier: every sentence of an answer must cite at least one of the sources it was
 * given, and the cited sources must support it (enough of the sentence's content terms occur in
 * them). A sentence that fails is marked unsupported and never shown as supported; citations of
 * ids that were not given are dropped.
 */
export type CheckedSentence = {
	text: string
	/** The cited source ids that exist. */
	sources: string[]
	supported: boolean
	/** Share of the sentence's content terms found in its cited sources (0..1). */
	support: number
}

export type CitationReport = {
	sentences: CheckedSentence[]
	notFound: boolean
	allSupported: boolean
}

const CITATION = /\s*\[((?:[A-Za-z0-9_.:-]{1,100})(?:\s*,\s*[A-Za-z0-9_.:-]{1,100})*)\]/g
/** The spaces after a citation group: a sentence ends there, whatever punctuation came before. */
const AFTER_CITATION = /(?<=\[[A-Za-z0-9_.:-]{1,100}(?:\s*,\s*[A-Za-z0-9_.:-]{1,100})*\])\s+(?=\S)/

/**
 * An answer's sentences: prose sentences, each also ending at its citations ("… 5.1 mmol/L. [c1]
 * Sodium …" is two sentences, not one holding both citations). A boundary depends only on the
 * characters around it, so a sentence followed by more text never changes as the text grows.
 */
export function answerSentences(text: string): string[] {
	return text.split(AFTER_CITATION).flatMap((part) => splitSentences(part))
}

export function verifyCitations(
	output: string,
	sources: readonly Source[],
	threshold = 0.6,
): CitationReport {
	const text = output.trim()
	if (text === '' || text.replace(/\s+/g, ' ') === NOT_FOUND)
		return { sentences: [], notFound: true, allSupported: true }
	const byId = new Map(sources.map((s) => [s.id, new Set(contentTerms(s.text))]))
	const checked = answerSentences(text).map((raw): CheckedSentence => {
		const cited = [...raw.matchAll(CITATION)].flatMap((m) =>
			(m[1] as string).split(',').map((s) => s.trim()),
		)
		const body = raw.replace(CITATION, '').trim()
		const known = [...new Set(cited.filter((id) => byId.has(id)))]
		const terms = [...new Set(contentTerms(body))]
		const found = terms.filter((t) => known.some((id) => byId.get(id)?.has(t)))
		const support = terms.length === 0 ? 0 : found.length / terms.length
		return {
			text: body,
			sources: known,
			support,
			supported: known.length > 0 && terms.length > 0 && support >= threshold,
		}
	})
	const sentences = checked.filter((s) => s.text.length > 0)
	if (sentences.length === 1 && sentences[0]?.text === NOT_FOUND)
		return { sentences: [], notFound: true, allSupported: true }
	return { sentences, notFound: false, allSupported: sentences.every((s) => s.supported) }
}
