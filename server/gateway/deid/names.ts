import type { Candidate } from './candidate.ts'
import { UNCERTAIN_REASONS } from './labels.ts'
import { isCommonWord, NAME_PARTICLES, STREET_WORDS } from './lexicon.ts'
import { lowerCaseNames } from './lower-case-names.ts'
import { judgeChain, LIST_GAP, type Chain, type Verdict } from './name-verdicts.ts'
import { isOrdinaryForm } from './word-forms.ts'
import { adjacentRun, spacesOnly, type Tok, type Word } from './word-tokens.ts'

/**
 * The name recognizer: chains of capitalised words (with initials and particles) judged by their
 * cues, names spread along lists ("Eklund, Michael and Hodge") and to repeats of a name found
 * elsewhere in the text, then the lower-case names of transcribed speech.
 */

/** A capital after a small letter ("IgG", "NeoSure", "HealthSouth"): brands and units, not names… */
const MIXED_CASE = /\p{Ll}\p{Lu}/u
/** …unless the name is built that way ("McDonald", "MacArthur", "DeShawn", "LeBron", "DiCaprio"). */
const NAME_CAMEL_CASE = /^(?:Mc|Mac|De|Di|Da|Le|La|Van|Von|Du|St)\p{Lu}\p{Ll}+$/u

/** Capitalised ordinary words that begin place names. */
const PLACE_PREFIXES = new Set(
	'new north south east west upper lower saint st port mount mt fort ft san santa santo sao los las el la le lake cape great old grand bad sankt'.split(
		' ',
	),
)

/** Words for relatives and carers: a capitalised word after one is a name. */
const KIN_WORDS = new Set(
	'son daughter wife husband sister brother mother father neighbor neighbour friend partner caregiver guardian nephew niece aunt uncle cousin grandson granddaughter grandmother grandfather fiance fiancee spouse'.split(
		' ',
	),
)
const KIN_GAP = /^,?[^\S\r\n]{1,3}$/
/** Words that end a place name ("Cedar Falls", "Palm Springs"), capitalised. */
const PLACE_SUFFIXES = new Set(
	'falls springs heights beach hills valley creek harbor harbour grove junction crossing village city'.split(
		' ',
	),
)

/** A function word or a clinical word: not the second word of "Lake Toll". */
function isListedCommon(w: Word): boolean {
	return isCommonWord(w.f)
}

const CONTACT_LABELS = new Set(['EMAIL', 'PHONE', 'FAX', 'GEOGRAPHIC', 'URL'])
const TITLE_GAP = /^\.?[^\S\r\n]{1,3}$/
const ZIP_AFTER = /^[^\S\r\n]{1,2}\d{3,6}(?!\d)/

/**
 * `context`: the candidates found so far (patterns and addresses), whose contact details make a
 * line above them a name line.
 */
export function names(
	text: string,
	toks: Tok[],
	words: Word[],
	out: Candidate[],
	context: Candidate[],
	mostlyLower: boolean,
): void {
	const lowerSeen = new Set<string>()
	for (const w of words) if (w.shape === 'lower') lowerSeen.add(w.f)

	const capableMemo: Array<boolean | undefined> = []
	const capable = (w: Word): boolean => {
		const known = capableMemo[w.i]
		if (known !== undefined) return known
		const result = isCapable(w)
		capableMemo[w.i] = result
		return result
	}
	const isCapable = (w: Word): boolean => {
		if (w.shape === 'initial') return true
		if (w.shape !== 'cap' && w.shape !== 'upper') return false
		if (w.lex === 'strong') return true
		if (w.heading) return false
		if (w.lex === 'weak') return !w.permitted || w.shape === 'cap'
		if (w.permitted || STREET_WORDS.has(w.f) || isOrdinaryForm(w.facts)) return false
		if (w.shape === 'upper' && w.text.length <= 4) return false
		if (w.text.length <= 2) return false
		if (MIXED_CASE.test(w.text) && !NAME_CAMEL_CASE.test(w.text)) return false
		if (lowerSeen.has(w.f)) return false
		return true
	}

	// chains of capitalised words, initials and particles on one line
	const chains: Chain[] = []
	for (let i = 0; i < words.length; i++) {
		const first = words[i] as Word
		const before = i > 0 ? (words[i - 1] as Word) : null
		const afterTitle =
			before !== null &&
			before.facts.title &&
			(first.shape === 'cap' || first.shape === 'upper') &&
			TITLE_GAP.test(text.slice(before.end, first.start))
		// a capitalised word after a kin word is a name, even an ordinary one ("her son, Poll")
		const afterKin =
			before !== null &&
			KIN_WORDS.has(before.f) &&
			first.shape === 'cap' &&
			!first.sentStart &&
			!first.permitted &&
			KIN_GAP.test(text.slice(before.end, first.start))
		if (!capable(first) && !afterTitle && !afterKin) {
			// a place prefix before an unknown word ("New Westminster", "Port Moresby")
			const next = words[i + 1]
			if (
				!(
					first.shape === 'cap' &&
					PLACE_PREFIXES.has(first.f) &&
					next &&
					capable(next) &&
					next.shape !== 'initial'
				) ||
				!spacesOnly(text, first.end, next.start) ||
				next.lex !== 'none'
			)
				continue
		}
		const members = [first]
		let j = i + 1
		while (j < words.length && members.length < 6) {
			const prev = members[members.length - 1] as Word
			const next = words[j] as Word
			const joined =
				spacesOnly(text, prev.end, next.start) ||
				(prev.shape === 'initial' && /^\.[^\S\r\n]*$/.test(text.slice(prev.end, next.start)))
			if (!joined || prev.end !== (toks[prev.t] as Tok).end) break
			// after an initial, an ordinary capitalised word is a surname too ("Brad L Key"); in
			// upper-case text, the word after a listed name is its surname ("NORA VINTNER")
			const upperSurname = prev.lex === 'strong' && prev.shape === 'upper' && next.shape === 'upper'
			if (
				capable(next) ||
				upperSurname ||
				(prev.shape === 'initial' && members.length > 1 && next.shape === 'cap')
			) {
				members.push(next)
				j++
				continue
			}
			// a particle between two capitalised words ("Maria de la Cruz")
			if (next.shape === 'lower' && NAME_PARTICLES.has(next.f)) {
				let k = j
				while (
					k < words.length &&
					(words[k] as Word).shape === 'lower' &&
					NAME_PARTICLES.has((words[k] as Word).f)
				)
					k++
				const after = words[k]
				if (after && capable(after) && adjacentRun(text, words.slice(j - 1, k + 1))) {
					for (let x = j; x <= k; x++) members.push(words[x] as Word)
					j = k + 1
					continue
				}
			}
			break
		}
		// an initial alone, or trailing, is not a name by itself
		while (
			members.length > 0 &&
			(members[members.length - 1] as Word).shape === 'initial' &&
			members.length > 1
		) {
			const last = members[members.length - 1] as Word
			if (text[last.end] === '.' && members.length > 1) break
			members.pop()
		}
		const last = members[members.length - 1] as Word
		chains.push({ words: members, start: first.start, end: last.end })
		i += members.length - 1
	}

	const contactStarts = context
		.filter((o) => CONTACT_LABELS.has(o.label))
		.map((o) => o.start)
		.sort((a, b) => a - b)
	const verdicts: Array<Verdict | null> = chains.map((c) =>
		judgeChain(text, words, c, contactStarts),
	)

	// lists: an uncertain word coordinated with a name is a name ("Eklund, Michael and Hodge");
	// spread from each name to its neighbours, once each
	const queue: number[] = []
	verdicts.forEach((v, k) => {
		if (v && !v.uncertain && v.label === 'NAME') queue.push(k)
	})
	while (queue.length > 0) {
		const k = queue.pop() as number
		const c = chains[k] as Chain
		for (const nb of [k - 1, k + 1]) {
			const other = verdicts[nb]
			const oc = chains[nb]
			if (!other || !other.uncertain || !oc) continue
			const gap = nb < k ? text.slice(oc.end, c.start) : text.slice(c.end, oc.start)
			if (!LIST_GAP.test(gap)) continue
			verdicts[nb] = { label: 'NAME', confidence: 0.75 }
			queue.push(nb)
		}
	}

	// the same word elsewhere in the text: once a name, a name everywhere
	const nameWords = new Set<string>()
	chains.forEach((c, k) => {
		const v = verdicts[k]
		if (v && !v.uncertain && v.label === 'NAME' && v.confidence >= 0.7) {
			for (const w of c.words) if (w.shape !== 'initial' && w.f.length >= 2) nameWords.add(w.f)
		}
	})
	chains.forEach((c, k) => {
		const v = verdicts[k]
		if (v && v.uncertain && c.words.every((w) => w.shape === 'initial' || nameWords.has(w.f))) {
			verdicts[k] = { label: 'NAME', confidence: 0.8 }
		}
	})

	/** Tokens already inside a name, by token index. */
	const covered = new Uint8Array(toks.length)
	chains.forEach((c, k) => {
		const v = verdicts[k]
		if (!v || v.quiet) return
		for (const w of c.words) covered[w.t] = 1
		const zip = v.label === 'GEOGRAPHIC' ? ZIP_AFTER.exec(text.slice(c.end, c.end + 10)) : null
		// recall first (decision 038): an unknown capitalised word is redacted as a low-confidence
		// detection; only a held one stays an uncertain region for the policy to decide
		if (v.uncertain && v.held) {
			out.push({
				start: c.start,
				end: c.end + (zip ? zip[0].length : 0),
				label: v.label,
				confidence: v.confidence,
				uncertain: v.reason ?? UNCERTAIN_REASONS.unknownCapitalized,
			})
		} else {
			out.push({
				start: c.start,
				end: c.end + (zip ? zip[0].length : 0),
				label: v.label,
				confidence: v.confidence,
			})
		}
	})

	// a capitalised ordinary word that is elsewhere a name ("directed by Brad L Key and starring Key")
	if (nameWords.size > 0) {
		for (const w of words) {
			if (covered[w.t] || w.shape !== 'cap' || w.sentStart || !nameWords.has(w.f)) continue
			covered[w.t] = 1
			out.push({ start: w.start, end: w.end, label: 'NAME', confidence: 0.75 })
		}
	}

	// "Rim Springs", "Lake Toll": a place-name word with a capitalised neighbour, even an ordinary
	// one, is a place
	for (let i = 1; i < words.length; i++) {
		const w = words[i] as Word
		const p = words[i - 1] as Word
		if (w.shape !== 'cap' || p.shape !== 'cap' || !spacesOnly(text, p.end, w.start)) continue
		if (p.permitted || w.permitted || p.facts.title || covered[p.t] || covered[w.t]) continue
		const suffix = PLACE_SUFFIXES.has(w.f) && !p.sentStart
		const prefix = PLACE_PREFIXES.has(p.f) && p.f.length > 2 && !isListedCommon(w)
		if (!suffix && !prefix) continue
		covered[p.t] = 1
		covered[w.t] = 1
		out.push({ start: p.start, end: w.end, label: 'GEOGRAPHIC', confidence: 0.6 })
	}

	out.push(...lowerCaseNames(text, words, covered, nameWords, mostlyLower))
}
