import { fold, PERMITTED_PLACE_PHRASES, TITLES } from './lexicon.ts'
import { factsOf, type Facts, type Lex, type Shape } from './word-forms.ts'

/**
 * The token stream the word recognizers work on, and a description of each word in it: line
 * breaks, runs of spaces, words (letters and marks, with inner apostrophes and hyphens), digit
 * runs, single other characters, and placeholders already in the text as opaque 'mask' tokens.
 * Each word carries its shape, folded form, list facts and position (start of a line or sentence,
 * inside a heading), so that cues such as "the word before is a title" are cheap to check.
 */

export type TokKind = 'nl' | 'space' | 'word' | 'num' | 'punct' | 'mask'
export type Tok = { start: number; end: number; kind: TokKind; text: string }

export type Word = {
	/** Index into the token stream. */
	t: number
	/** Index into the word list. */
	i: number
	start: number
	/** End of the word without a possessive 's. */
	end: number
	text: string
	f: string
	shape: Shape
	lex: Lex
	lineStart: boolean
	sentStart: boolean
	heading: boolean
	permitted: boolean
	/** Shared by every occurrence of the same spelling within one call. */
	facts: Facts
}

// The lexer reads ASCII by character code and asks these one-character expressions about the
// rest. It splits the text exactly as
//   /(\r\n|\n|\r)|([^\S\r\n]+)|([\p{L}\p{M}](?:[\p{L}\p{M}]|['’-](?=[\p{L}\p{M}]))*)|(\p{Nd}+)|([^])/gu
// would, without a match object per token.
const LETTER_OR_MARK = /[\p{L}\p{M}]/uy
const DECIMAL_DIGIT = /\p{Nd}/uy
const INLINE_SPACE = /[^\S\r\n]/y

function letterOrMarkAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i)
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90)
	if (i >= text.length) return false
	LETTER_OR_MARK.lastIndex = i
	return LETTER_OR_MARK.test(text)
}

function digitAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i)
	if (c < 128) return c >= 48 && c <= 57
	DECIMAL_DIGIT.lastIndex = i
	return DECIMAL_DIGIT.test(text)
}

/** White space other than a line break (a space, a tab, a no-break space). */
function inlineSpaceAt(text: string, i: number): boolean {
	const c = text.charCodeAt(i)
	if (c < 128) return c === 32 || c === 9 || c === 11 || c === 12
	INLINE_SPACE.lastIndex = i
	return INLINE_SPACE.test(text)
}

/** 2 at a surrogate pair, otherwise 1: the length of one code point. */
function charLength(text: string, i: number): number {
	const c = text.charCodeAt(i)
	if (c >= 0xd800 && c <= 0xdbff) {
		const d = text.charCodeAt(i + 1)
		if (d >= 0xdc00 && d <= 0xdfff) return 2
	}
	return 1
}

/** The end of the word that starts at `i`; an apostrophe or hyphen joins two letters. */
function wordEnd(text: string, i: number): number {
	const n = text.length
	let j = i + charLength(text, i)
	while (j < n) {
		const c = text.charCodeAt(j)
		if (letterOrMarkAt(text, j)) j += c < 128 ? 1 : charLength(text, j)
		else if ((c === 39 || c === 45 || c === 0x2019) && letterOrMarkAt(text, j + 1)) j++
		else break
	}
	return j
}

/** Tokens; a placeholder already in the text becomes one opaque 'mask' token. */
export function lex(text: string, masked: ReadonlyArray<{ start: number; end: number }>): Tok[] {
	const toks: Tok[] = []
	const n = text.length
	let nextMask = 0
	let skipUntil = -1
	let i = 0
	while (i < n) {
		const start = i
		const c = text.charCodeAt(i)
		let kind: TokKind
		if (c === 10) {
			kind = 'nl'
			i++
		} else if (c === 13) {
			kind = 'nl'
			i += text.charCodeAt(i + 1) === 10 ? 2 : 1
		} else if (inlineSpaceAt(text, i)) {
			kind = 'space'
			i++
			while (i < n && inlineSpaceAt(text, i)) i++
		} else if (letterOrMarkAt(text, i)) {
			kind = 'word'
			i = wordEnd(text, i)
		} else if (digitAt(text, i)) {
			kind = 'num'
			i += charLength(text, i)
			while (i < n && digitAt(text, i)) i += charLength(text, i)
		} else {
			kind = 'punct'
			i += charLength(text, i)
		}
		// tokens are cut without regard to placeholders; those that start inside one are dropped
		if (start < skipUntil) continue
		const mask = masked[nextMask]
		if (mask && start >= mask.start) {
			toks.push({ start: mask.start, end: mask.end, kind: 'mask', text: '' })
			skipUntil = mask.end
			nextMask++
			if (start < skipUntil) continue
		}
		// one character: V8 hands out a shared string instead of a new one
		toks.push({
			start,
			end: i,
			kind,
			text: i - start === 1 ? (text[start] as string) : text.slice(start, i),
		})
	}
	return toks
}

/** True when `text.slice(from, to)` is one or more spaces or tabs, with no line break. */
export function spacesOnly(text: string, from: number, to: number): boolean {
	if (from >= to) return false
	for (let i = from; i < to; i++) if (!inlineSpaceAt(text, i)) return false
	return true
}

/** True when the words follow each other with only spaces (no line break) between them. */
export function adjacentRun(text: string, ws: Word[]): boolean {
	for (let i = 1; i < ws.length; i++) {
		if (!spacesOnly(text, (ws[i - 1] as Word).end, (ws[i] as Word).start)) return false
	}
	return true
}

/** Before a word: skipped when looking for what precedes it. */
const OPENERS = new Set(['"', "'", '“', '”', '‘', '’', '(', '[', '{', '<', '>', '*', '•'])
const SENTENCE_ENDS = new Set(['.', '!', '?', '…'])
const ABBREVIATIONS = new Set(
	'st apt no vs etc jr sr ave rd dr mt ft ul ste bldg fl rm nr'.split(' '),
)
const UPPER_ASCII_WORD = /^[A-Z'’-]+$/

/** Multi-word permitted places by their first word, longest first. */
const PHRASES_BY_FIRST_WORD = new Map<string, string[][]>()
for (const phrase of [...PERMITTED_PLACE_PHRASES]
	.map((p) => p.split(' '))
	.sort((a, b) => b.length - a.length)) {
	const list = PHRASES_BY_FIRST_WORD.get(phrase[0] ?? '') ?? []
	list.push(phrase)
	PHRASES_BY_FIRST_WORD.set(phrase[0] ?? '', list)
}

export function describeWords(text: string, toks: Tok[]): Word[] {
	const words: Word[] = []
	const lineOfWord: number[] = []
	// per call only: a cache across calls would keep patients' words in memory
	const factsBySpelling = new Map<string, Facts>()
	let line = 0
	for (let t = 0; t < toks.length; t++) {
		const tok = toks[t] as Tok
		if (tok.kind === 'nl') line++
		if (tok.kind !== 'word') continue
		let core = tok.text
		const n = core.length
		if (
			n > 3 &&
			(core[n - 1] === 's' || core[n - 1] === 'S') &&
			(core[n - 2] === "'" || core[n - 2] === '’')
		) {
			core = core.slice(0, -2)
		}
		let facts = factsBySpelling.get(core)
		if (facts === undefined) {
			facts = factsOf(core)
			factsBySpelling.set(core, facts)
		}
		// what precedes the word, skipping spaces, quotes and brackets
		let p = t - 1
		while (p >= 0) {
			const q = toks[p] as Tok
			if (q.kind === 'space' || (q.kind === 'punct' && OPENERS.has(q.text))) p--
			else break
		}
		const prev = p >= 0 ? (toks[p] as Tok) : null
		let lineStart = false
		let sentStart = false
		if (!prev || prev.kind === 'nl') {
			lineStart = true
			sentStart = true
		} else if (prev.kind === 'punct' && SENTENCE_ENDS.has(prev.text)) {
			const beforeDot = p > 0 ? (toks[p - 1] as Tok) : null
			let abbreviation = false
			if (prev.text === '.' && beforeDot?.kind === 'word') {
				const f = fold(beforeDot.text)
				abbreviation = TITLES.has(f) || ABBREVIATIONS.has(f) || /^\p{Lu}$/u.test(beforeDot.text)
			}
			sentStart = !abbreviation
		}
		lineOfWord.push(line)
		words.push({
			t,
			i: words.length,
			start: tok.start,
			end: tok.start + core.length,
			text: core,
			f: facts.f,
			shape: facts.shape,
			lex: facts.lex,
			lineStart,
			sentStart,
			heading: false,
			permitted: facts.permitted,
			facts,
		})
	}
	// heading lines: two or more words, all upper case ("HISTORY OF PRESENT ILLNESS")
	for (let a = 0; a < words.length;) {
		let b = a
		let upper = true
		while (b < words.length && lineOfWord[b] === lineOfWord[a]) {
			const shape = (words[b] as Word).shape
			if (shape !== 'upper' && shape !== 'initial') upper = false
			b++
		}
		if (upper && b - a >= 2) for (let k = a; k < b; k++) (words[k] as Word).heading = true
		a = b
	}
	// runs of upper-case ASCII words inside a line ("REVIEW OF SYSTEMS:, Negative")
	for (let i = 0; i < words.length; i++) {
		let j = i
		while (j < words.length) {
			const w = words[j] as Word
			if (w.shape !== 'upper' || !UPPER_ASCII_WORD.test(w.text)) break
			if (j > i && !spacesOnly(text, (words[j - 1] as Word).end, w.start)) break
			j++
		}
		if (j - i >= 2) for (let k = i; k < j; k++) (words[k] as Word).heading = true
		i = Math.max(i, j - 1)
	}
	// multi-word permitted places ("New Zealand", "United States of America")
	for (let i = 0; i < words.length; i++) {
		const phrases = PHRASES_BY_FIRST_WORD.get((words[i] as Word).f)
		if (!phrases) continue
		for (const phrase of phrases) {
			const k = phrase.length
			if (i + k > words.length) continue
			const slice = words.slice(i, i + k)
			if (slice.some((w, n) => w.f !== phrase[n]) || !adjacentRun(text, slice)) continue
			for (const w of slice) w.permitted = true
			break
		}
	}
	return words
}
