import { NOT_FOUND } from '../prompts/types.ts'
import { contentTerms, sentences as splitSentences } from '../../platform/text/terms.ts'
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

const GROUP = /\[([A-Za-z0-9_.:-]{1,100}(?:\s*,\s*[A-Za-z0-9_.:-]{1,100})*)\]/g

export type CitationGroup = { start: number; end: number; ids: string[] }

/**
 * The citation groups of a text: brackets naming only sources the answer was given. Any other
 * bracket is text: "mm[Hg]" and "80 [lb_av]" are units, and "[c9]" cites nothing that was given,
 * so its sentence is unsupported and shows the bracket as written.
 */
export function citationGroups(text: string, given: ReadonlySet<string>): CitationGroup[] {
	const out: CitationGroup[] = []
	for (const m of text.matchAll(GROUP)) {
		const ids = (m[1] as string).split(',').map((id) => id.trim())
		if (ids.every((id) => given.has(id)))
			out.push({ start: m.index, end: m.index + m[0].length, ids })
	}
	return out
}

/**
 * An answer's sentences: prose sentences, each also ending at its citations ("… 5.1 mmol/L. [c1]
 * Sodium …" is two sentences, not one holding both citations). A boundary depends only on the
 * characters around it, so a sentence followed by more text never changes as the text grows.
 */
export function answerSentences(text: string, given: ReadonlySet<string>): string[] {
	const parts: string[] = []
	let from = 0
	for (const group of citationGroups(text, given)) {
		// The spaces after a citation group: a sentence ends there, whatever punctuation came before.
		const after = /^\s+(?=\S)/.exec(text.slice(group.end))
		if (!after) continue
		parts.push(text.slice(from, group.end))
		from = group.end + after[0].length
	}
	parts.push(text.slice(from))
	return parts.flatMap((part) => splitSentences(part))
}

/** A text without its citation groups, and the ids they cite. */
export function withoutCitations(sentence: string, given: ReadonlySet<string>) {
	let body = ''
	let from = 0
	const cited: string[] = []
	for (const group of citationGroups(sentence, given)) {
		body += sentence.slice(from, group.start)
		cited.push(...group.ids)
		from = group.end
	}
	body += sentence.slice(from)
	return {
		body: body
			.replace(/\s+([.,;:!?])/g, '$1')
			.replace(/\s{2,}/g, ' ')
			.trim(),
		cited,
	}
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
	const given = new Set(byId.keys())
	const checked = answerSentences(text, given).map((raw): CheckedSentence => {
		const { body, cited } = withoutCitations(raw, given)
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
