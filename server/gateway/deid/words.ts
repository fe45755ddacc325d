import { addresses } from './addresses.ts'
import type { Candidate } from './candidate.ts'
import { names } from './names.ts'
import { describeWords, lex, type Word } from './word-tokens.ts'

/**
 * The word recognizers: street addresses and places (`addresses.ts`), then names (`names.ts`,
 * `name-verdicts.ts`, `lower-case-names.ts`). Both work on one token stream and one description
 * of its words (`word-tokens.ts`, `word-forms.ts`), built here once per call.
 */
export function wordCandidates(
	text: string,
	masked: ReadonlyArray<{ start: number; end: number }>,
	context: Candidate[] = [],
): Candidate[] {
	const sorted = [...masked].sort((a, b) => a.start - b.start)
	const toks = lex(text, sorted)
	const words = describeWords(text, toks)
	const wordAt: Array<Word | undefined> = new Array<Word | undefined>(toks.length)
	let lowerCount = 0
	for (const w of words) {
		wordAt[w.t] = w
		if (w.shape === 'lower') lowerCount++
	}
	// text written almost entirely in lower case (transcribed speech)
	const mostlyLower = words.length >= 4 && lowerCount / words.length >= 0.9
	const out: Candidate[] = []
	addresses(text, toks, words, wordAt, mostlyLower, out)
	names(text, toks, words, out, [...context, ...out], mostlyLower)
	return out
}
