import { STREET_PREFIXES, UNIT_WORDS } from './address-words.ts'
import { fold, STREET_WORDS, TITLES } from './lexicon.ts'
import { factsOf, isOrdinaryForm } from './word-forms.ts'

/**
 * The text the detector reads, made from OCR output (decision 038). Every change keeps the length
 * and the offsets, so the spans found in it are spans of the original:
 *
 * - characters OCR confuses are read by their neighbours: `0` and `1` inside a word are `O` and
 *   `I`/`l` ("P0RT", "MEDlCATlONS"), and `O`, `o`, `I`, `l`, `|` and `S` inside a number are
 *   digits ("O4/12/l957", "(S55) 013-2O07");
 * - a line written in upper case (a fax header, a demographics block, "SMITH, JOHN") is re-cased
 *   as prose is written: ordinary words in lower case, every other word capitalised, so that the
 *   name and place rules read it as they read ordinary text. Short words (abbreviations, state
 *   codes) stay as they are unless they stand beside a name-like word.
 *
 * `keep` holds ranges (placeholders already in the text) that are left untouched.
 */
export function analysisText(
	text: string,
	keep: ReadonlyArray<{ start: number; end: number }> = [],
): string {
	// edits by offset; most texts need none, and then nothing is copied
	const edits = new Map<number, string>()
	readConfusables(text, edits)
	const fixed = applyEdits(text, edits)
	recaseUpperLines(fixed, edits)
	for (const r of keep) for (let i = r.start; i < r.end; i++) edits.delete(i)
	const out = applyEdits(text, edits)
	// a character whose case change would change the length is never changed, but be sure
	return out.length === text.length ? out : text
}

function applyEdits(text: string, edits: ReadonlyMap<number, string>): string {
	if (edits.size === 0) return text
	const at = [...edits.keys()].sort((a, b) => a - b)
	let out = ''
	let from = 0
	for (const i of at) {
		out += text.slice(from, i) + (edits.get(i) as string)
		from = i + 1
	}
	return out + text.slice(from)
}

const TO_DIGIT: Record<string, string> = { O: '0', o: '0', I: '1', l: '1', S: '5' }
/** Runs of digits, confusable letters and the separators of dates and phone numbers. */
const NUMBER_RUN = /[0-9OoIlS][0-9OoIlS/.()-]*[0-9OoIlS]/g
/** Letters and digits together; a word in which 0 or 1 may stand for a letter. */
const ALNUM = /[\p{L}\p{Nd}]+/gu

function readConfusables(text: string, chars: Map<number, string>): void {
	for (const m of text.matchAll(NUMBER_RUN)) {
		const run = m[0]
		const start = m.index
		// a run inside a word is not a number ("SOIL", "Ol", "AS1")
		if (
			/[\p{L}\p{Nd}]/u.test(text[start - 1] ?? '') ||
			/[\p{L}\p{Nd}]/u.test(text[start + run.length] ?? '')
		)
			continue
		let digits = 0
		let letters = 0
		for (const c of run) {
			if (c >= '0' && c <= '9') digits++
			else if (c in TO_DIGIT) letters++
		}
		// mostly digits, a few letters: "2O07", "O4/12/1957", "I/27/02", "5S421"
		if (letters === 0 || digits < 2 || letters > Math.max(1, digits / 3)) continue
		for (let i = 0; i < run.length; i++) {
			const d = TO_DIGIT[run[i] as string]
			if (d !== undefined) chars.set(start + i, d)
		}
	}
	const mixed = /\p{L}[01]|[01]\p{L}/u.test(text)
	for (const m of mixed ? text.matchAll(ALNUM) : []) {
		const word = m[0]
		if (!/[01]/.test(word) || /[2-9]/.test(word)) continue
		const letters = word.replace(/[01]/g, '')
		// at least three letters of one case, few digits: "P0RT", "M0THER", not "A1c", "IL10"
		const upper = letters === letters.toUpperCase()
		if (letters.length < 3 || word.length - letters.length > letters.length / 3) continue
		if (!upper && letters !== letters.toLowerCase()) continue
		if (!/^\p{L}+$/u.test(letters)) continue
		for (let i = 0; i < word.length; i++) {
			const c = word[i] as string
			if (c === '0') chars.set(m.index + i, upper ? 'O' : 'o')
			else if (c === '1') chars.set(m.index + i, upper ? 'I' : 'l')
		}
	}
	// an "l" inside an upper-case word is an "I" ("CLlNIC")
	for (const m of text.matchAll(/\b[A-Z]+l[A-Zl]*\b/g)) {
		const word = m[0]
		if (word.replace(/l/g, '').length < 2) continue
		for (let i = 0; i < word.length; i++) if (word[i] === 'l') chars.set(m.index + i, 'I')
	}
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu
const UPPER_WORD = /^[^\p{Ll}]*\p{Lu}[^\p{Ll}]*$/u
/** Words kept capitalised in a re-cased line: they start or mark names and addresses. */
const KEEP_CAPITAL = new Set(
	'north south east west new port lake mount saint fort falls springs heights beach hills valley creek harbor harbour grove junction crossing village city'.split(
		' ',
	),
)
const PLACE_PARTS = new Set(
	'falls springs heights beach hills valley creek harbor harbour grove junction crossing village city port lake mount fort'.split(
		' ',
	),
)
/** Relatives and carers: the word after one is a name ("HIS HUSBAND SHOCK"). */
const KIN = new Set(
	'son daughter wife husband sister brother mother father neighbor neighbour friend partner caregiver guardian spouse'.split(
		' ',
	),
)
/** Words that follow a kin word without being a name ("HER SON IS", "HIS WIFE AND"). */
const FUNCTION_AFTER_KIN = new Set(
	'is was has had and or who will would can could did does lives lived helps drives drove also at in of to with from for on the a an her his their'.split(
		' ',
	),
)

type Kind = 'ordinary' | 'weak' | 'name' | 'short' | 'keep'

function recaseUpperLines(text: string, chars: Map<number, string>): void {
	let lineStart = 0
	while (lineStart <= text.length) {
		let lineEnd = text.indexOf('\n', lineStart)
		if (lineEnd < 0) lineEnd = text.length
		recaseLine(text, lineStart, lineEnd, chars)
		lineStart = lineEnd + 1
	}
}

function recaseLine(text: string, from: number, to: number, chars: Map<number, string>): void {
	const line = text.slice(from, to)
	if (!/\p{Lu}{2}/u.test(line)) return
	const words: Array<{ start: number; text: string; kind: Kind }> = []
	let upper = 0
	for (const m of line.matchAll(WORD)) {
		if (m[0].length < 2) continue
		if (UPPER_WORD.test(m[0])) upper++
		words.push({ start: from + m.index, text: m[0], kind: 'ordinary' })
	}
	// two or more words, nearly all in upper case
	if (words.length < 2 || upper / words.length < 0.8) return
	for (const w of words) {
		if (!UPPER_WORD.test(w.text) || w.text.toLowerCase().length !== w.text.length) {
			w.kind = 'keep'
			continue
		}
		const facts = factsOf(w.text)
		const f = facts.f
		const shortForm = w.text.length <= 2 || (w.text.length === 3 && facts.permitted)
		if (shortForm && !TITLES.has(f) && !STREET_WORDS.has(f) && !UNIT_WORDS.has(f)) {
			w.kind = 'keep'
			continue
		}
		if (
			TITLES.has(f) ||
			STREET_WORDS.has(f) ||
			STREET_PREFIXES.has(f) ||
			UNIT_WORDS.has(f) ||
			KEEP_CAPITAL.has(f)
		)
			w.kind = 'keep'
		else if (facts.lex === 'strong') w.kind = 'name'
		else if (facts.lex === 'weak') w.kind = 'weak'
		else if (facts.permitted) w.kind = 'keep'
		else if (w.text.length <= 3) w.kind = facts.ordinary ? 'ordinary' : 'short'
		else w.kind = facts.ordinary || isOrdinaryForm(facts) ? 'ordinary' : 'name'
	}
	// a weak name or a short word beside a name-like word is part of the name ("ZAIR WHITE",
	// "SHAIMZON, NAM")
	const nameBeside = (k: number) => {
		for (const n of [k - 1, k + 1]) {
			const o = words[n]
			const w = words[k]
			if (!o || !w) continue
			const gap =
				n < k
					? text.slice(o.start + o.text.length, w.start)
					: text.slice(w.start + w.text.length, o.start)
			if (o.kind === 'name' && /^(?:,?[^\S\r\n]{1,3}|,)$/.test(gap)) return true
		}
		return false
	}
	// an ordinary word beside a place word ("RIM SPRINGS", "LAKE TOLL") or after a kin word is
	// capitalised too
	words.forEach((w, k) => {
		if (w.kind !== 'ordinary' && w.kind !== 'weak') return
		const prev = words[k - 1]
		const next = words[k + 1]
		const f = fold(w.text)
		const gapBefore = prev ? text.slice(prev.start + prev.text.length, w.start) : ''
		const gapAfter = next ? text.slice(w.start + w.text.length, next.start) : ''
		if (
			(next &&
				PLACE_PARTS.has(fold(next.text)) &&
				/^[^\S\r\n]{1,2}$/.test(gapAfter) &&
				!PLACE_PARTS.has(f)) ||
			(prev &&
				PLACE_PARTS.has(fold(prev.text)) &&
				/^[^\S\r\n]{1,2}$/.test(gapBefore) &&
				!KEEP_CAPITAL.has(f)) ||
			(prev &&
				KIN.has(fold(prev.text)) &&
				/^,?[^\S\r\n]{1,3}$/.test(gapBefore) &&
				!FUNCTION_AFTER_KIN.has(f))
		)
			w.kind = 'name'
	})
	const capitalised = words.map(
		(w, k) => w.kind === 'name' || ((w.kind === 'weak' || w.kind === 'short') && nameBeside(k)),
	)
	words.forEach((w, k) => {
		if (w.kind === 'keep') {
			if (w.text.length > 2 || TITLES.has(fold(w.text)) || STREET_WORDS.has(fold(w.text)))
				setCase(chars, w.start, w.text, true)
		} else if (w.kind === 'short' && !capitalised[k]) {
			return
		} else setCase(chars, w.start, w.text, capitalised[k] === true)
	})
}

function setCase(chars: Map<number, string>, start: number, word: string, capital: boolean): void {
	const lower = word.toLowerCase()
	for (let i = 0; i < word.length; i++) {
		const c = i === 0 && capital ? (word[0] as string) : (lower[i] as string)
		if (c !== word[i]) chars.set(start + i, c)
	}
}
