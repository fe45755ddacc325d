import { contentTerms } from '../../platform/text/terms.ts'
import type { Source } from '../untrusted.ts'
import type { CheckedSentence } from './citations.ts'

/**
 * The output filter: a sentence is blocked when it carries a link, e-mail address, phone number
 * or code that no trusted source contains, or when it repeats text from a source the injection
 * guard flagged (carrying out an instruction found in the chart). Blocked sentences are removed
 * from the answer and counted in the audit record; they are never shown.
 */
export type FilterVerdict = { sentence: number; reason: 'identifier' | 'instruction' }

const URL = /\b(?:https?:\/\/|www\.)[^\s)\]]+/gi
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g
const PHONE = /(?:\+?\d{1,2}[\s.-]?)?\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g
/** Codes: long digit runs, or tokens mixing letters and digits of 6+ characters (canaries, keys). */
const CODE = /\b(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]{6,}\b|\b\d{7,}\b/g

const norm = (s: string) => s.toLowerCase().replace(/[\s()-.]/g, '')

function identifiers(text: string): string[] {
	return [URL, EMAIL, PHONE, CODE].flatMap((re) => text.match(re) ?? []).map(norm)
}

export function filterOutput(
	sentences: readonly CheckedSentence[],
	sources: ReadonlyArray<Source & { flagged: boolean }>,
): FilterVerdict[] {
	const trusted = sources.filter((s) => !s.flagged)
	const trustedText = norm(trusted.map((s) => s.text).join(' '))
	const flaggedTerms = sources.filter((s) => s.flagged).map((s) => new Set(contentTerms(s.text)))
	const verdicts: FilterVerdict[] = []
	sentences.forEach((s, i) => {
		if (identifiers(s.text).some((id) => !trustedText.includes(id))) {
			verdicts.push({ sentence: i, reason: 'identifier' })
			return
		}
		const terms = [...new Set(contentTerms(s.text))]
		if (
			terms.length >= 4 &&
			flaggedTerms.some((f) => terms.filter((t) => f.has(t)).length / terms.length >= 0.8)
		)
			verdicts.push({ sentence: i, reason: 'instruction' })
	})
	return verdicts
}
