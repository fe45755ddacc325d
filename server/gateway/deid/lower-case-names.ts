import type { Candidate } from './candidate.ts'
import { GIVEN_NAMES, SURNAMES } from './lexicon.ts'
import { LIST_GAP } from './name-verdicts.ts'
import { isEponymAt, isOrdinaryForm } from './word-forms.ts'
import type { Word } from './word-tokens.ts'

/**
 * Names written in lower case, as in transcribed speech ("[doctor] hi , martha"): name-list
 * words, words after a title, a greeting or a "name is" cue, repeats of a name found elsewhere,
 * and unknown words listed with such names ("silvana, adam and caleb").
 */

/** Words that end a lower-case name cue ("name is", "named", "called", "call me"). */
const CUE_WORDS = new Set(['is', 'was', 'name', 'named', 'called', 'me'])
const NAME_IS_BEFORE =
	/(?:\bname(?:'s|s)?(?: is| was|:)|\bnamed|\bcalled|\bcall me|\bcalls me)\s*$/i
const GREETING_BEFORE =
	/(?:^|[^\p{L}])(?:hi|hello|hey|thanks|thank you|bye|goodbye|morning|afternoon|evening)[^\S\r\n]{0,2},?[^\S\r\n]{1,2}$/iu
const TITLE_GAP = /^[^\S\r\n]?\.?[^\S\r\n]{1,3}$/
const NAME_GAP = /^\.?[^\S\r\n]+$/
const SPACES = /^[^\S\r\n]+$/

/**
 * The lower-case names in `words`. `covered` marks, by token index, the words already inside a
 * name (and is updated); `nameWords` holds the folded words found as names elsewhere.
 */
export function lowerCaseNames(
	text: string,
	words: Word[],
	covered: Uint8Array,
	nameWords: ReadonlySet<string>,
	mostlyLower: boolean,
): Candidate[] {
	const lowerNames: Candidate[] = []
	/** Words that start a lower-case name, by word index. */
	const lowerAt = new Uint8Array(words.length)
	for (let i = 0; i < words.length; i++) {
		const w = words[i] as Word
		if (covered[w.t] || w.shape !== 'lower') continue
		const p = i > 0 ? (words[i - 1] as Word) : null
		// cheap filter first: only name-list words and words right after a title or a cue word
		const afterTitle = p !== null && p.facts.title
		const afterCueWord = p !== null && CUE_WORDS.has(p.f)
		if (w.lex === 'none' && !afterTitle && !afterCueWord && !nameWords.has(w.f)) continue
		const gap = p ? text.slice(p.end, w.start) : ''
		const titled = afterTitle && TITLE_GAP.test(gap)
		const sameLine = text.slice(Math.max(0, w.start - 40), w.start)
		const cued = afterCueWord && NAME_IS_BEFORE.test(sameLine)
		const greeted = w.lex !== 'none' && GREETING_BEFORE.test(sameLine)
		const unknown = !isOrdinaryForm(w.facts)
		if (isEponymAt(text, w)) continue
		let confidence = 0
		if (titled && (unknown || w.lex !== 'none')) confidence = 0.9
		else if (cued && unknown) confidence = 0.85
		else if (greeted && w.lex !== 'none') confidence = 0.85
		else if (w.lex === 'strong' && !w.facts.ordinary) confidence = 0.75
		else if (nameWords.has(w.f) && w.lex !== 'weak' && unknown) confidence = 0.8
		if (confidence === 0) continue
		let end = w.end
		let k = i + 1
		// the rest of the name: name-list words, a middle initial, and one unknown word after a
		// given name ("benjamin a seiler", "hyuuma t. maida")
		let initials = 0
		while (k < words.length && k - i < 4 + initials) {
			const n = words[k] as Word
			const prev = words[k - 1] as Word
			const between = text.slice(prev.end, n.start)
			if (!NAME_GAP.test(between)) break
			if (prev.f.length === 1 && text[prev.end] !== '.' && !SPACES.test(between)) break
			if (n.shape !== 'lower' && n.shape !== 'cap') break
			const next = words[k + 1]
			const initial =
				n.f.length === 1 &&
				k === i + 1 + initials &&
				next !== undefined &&
				!isOrdinaryForm(next.facts) &&
				NAME_GAP.test(text.slice(n.end, next.start))
			if (initial) {
				initials++
				k++
				continue
			}
			const listed =
				n.lex === 'strong' ||
				(n.lex === 'weak' && SURNAMES.has(n.f) && k === i + 1 && GIVEN_NAMES.has(w.f))
			const unknownSurname =
				k === i + 1 + initials &&
				(GIVEN_NAMES.has(w.f) || titled || cued) &&
				mostlyLower &&
				!isOrdinaryForm(n.facts) &&
				n.f.length >= 3
			if (!listed && !unknownSurname) {
				k -= initials
				initials = 0
				break
			}
			end = n.end
			for (let x = i + 1; x <= k; x++) covered[(words[x] as Word).t] = 1
			initials = 0
			k++
		}
		k -= initials
		covered[w.t] = 1
		lowerAt[i] = 1
		lowerNames.push({ start: w.start, end, label: 'NAME', confidence })
		i = k - 1
	}
	if (lowerNames.length === 0) return lowerNames
	// lists of lower-case names: an unknown word next to a listed name is one too
	const listedWith = (w: Word, j: number): boolean => {
		const o = words[j]
		if (!o || !lowerAt[j]) return false
		return LIST_GAP.test(j < w.i ? text.slice(o.end, w.start) : text.slice(w.end, o.start))
	}
	for (let pass = 0; pass < 2; pass++) {
		for (let i = 0; i < words.length; i++) {
			const w = words[i] as Word
			if (covered[w.t] || w.shape !== 'lower' || isOrdinaryForm(w.facts) || w.f.length < 3) continue
			if (!listedWith(w, i - 1) && !listedWith(w, i + 1)) continue
			covered[w.t] = 1
			lowerAt[i] = 1
			lowerNames.push({ start: w.start, end: w.end, label: 'NAME', confidence: 0.7 })
		}
	}
	return lowerNames
}
