import {
	EPONYM_FOLLOWERS,
	EPONYMS,
	fold,
	isOrdinaryWord,
	isStrongName,
	isWeakName,
	PERMITTED_PLACES,
	TITLES,
} from './lexicon.ts'

/**
 * What the word lists and spelling say about one word: its shape (initial, capitalised, upper or
 * lower case), whether the name lists know it, and whether it is an ordinary word or a form of
 * one. `Facts` hold these for one spelling; the word recognizers build them once per distinct
 * spelling and call, and never keep them across calls (a cache would keep patients' words).
 */

export type Shape = 'initial' | 'cap' | 'upper' | 'lower' | 'other'
export type Lex = 'strong' | 'weak' | 'none'

/**
 * The facts of one spelling. The first fields are filled at once; the `undefined` ones when a
 * recognizer first asks (`isOrdinaryForm`, `isListedOrdinary`, and the address tests).
 */
export type Facts = {
	/** The folded form the word lists are written in. */
	f: string
	shape: Shape
	lex: Lex
	/** `isOrdinaryWord(f)`. */
	ordinary: boolean
	/** A state or country (`PERMITTED_PLACES`). */
	permitted: boolean
	/** A title that puts a name after it ("Dr", "Mrs"). */
	title: boolean
	form: boolean | undefined
	listed: boolean | undefined
	/** A street word, prefix, suffix or unit word, or its plural. */
	street: boolean | undefined
	/** A street suffix ("-gasse", "-vej"). */
	streetSuffix: boolean | undefined
	/** Lower case with a letter outside ASCII. */
	foreign: boolean | undefined
}

export function factsOf(spelling: string): Facts {
	const f = fold(spelling)
	return {
		f,
		shape: shapeOf(spelling),
		lex: lexOf(f),
		ordinary: isOrdinaryWord(f),
		permitted: PERMITTED_PLACES.has(f),
		title: TITLES.has(f),
		form: undefined,
		listed: undefined,
		street: undefined,
		streetSuffix: undefined,
		foreign: undefined,
	}
}

export function shapeOf(s: string): Shape {
	const c0 = s.charCodeAt(0)
	if (c0 < 128) {
		if (c0 >= 97 && c0 <= 122) return 'lower'
		if (c0 < 65 || c0 > 90) return 'other'
		if (s.length === 1) return 'initial'
		let ascii = true
		for (let i = 1; i < s.length; i++) {
			const c = s.charCodeAt(i)
			if (c >= 97 && c <= 122) return 'cap'
			if (c > 127) ascii = false
		}
		if (ascii) return 'upper'
	}
	if (/^\p{Lu}$/u.test(s)) return 'initial'
	if (/^\p{Lu}/u.test(s)) return /\p{Ll}/u.test(s) ? 'cap' : 'upper'
	if (/^\p{Ll}/u.test(s)) return 'lower'
	return 'other'
}

/** Strong or weak when the word, or a part of a hyphenated one, is on the name lists. */
export function lexOf(f: string): Lex {
	if (!f.includes('-')) return isStrongName(f) ? 'strong' : isWeakName(f) ? 'weak' : 'none'
	const parts = [f, ...f.split('-')]
	if (parts.some(isStrongName)) return 'strong'
	if (parts.some(isWeakName)) return 'weak'
	return 'none'
}

/**
 * Endings of English and clinical words ("Counseling", "Decreased", "Slightly", "Metformin"): an
 * unknown capitalised word ending so is not a name candidate. Endings common in names ("-ic" of
 * "Živković", "-al" of "Kamal", "-ary" of "Mary") are left out or narrowed.
 */
const ORDINARY_SUFFIX =
	/(?:tion|tions|sion|sions|ment|ments|ness|ities|ity|ous|ible|able|ful|less|ism|isms|ogy|ology|ologist|itis|osis|oses|emia|algia|ectomy|otomy|ostomy|plasty|scopy|graphy|gram|grams|pathy|oma|omas|cyte|cytes|ical|cial|rial|dial|tial|xial|bial|gial|lial|sial|nnial|inal|onal|ural|eral|oral|ental|rtal|stal|ital|ctal|rmal|imal|rsal|logic|otic|atic|etic|itic|scopic|ergic|tropic|genic|emic|ific|ytic|phic|iatric|ctic|ptic|stic|tive|sive|atory|itory|ntary|iary|ally|ently|antly|ously|ively|ately|edly|ssly|rly|tly|dly|bly|ckly|ized|izing|ization|pril|sartan|olol|dipine|statin|formin|gliptin|gliflozin|glutide|azole|prazole|cillin|mycin|micin|floxacin|cycline|mab|nib|parin|xaban|gatran|tidine|setron|triptan|afil|lukast|terol|olone|asone|isone|azepam|idone|apine|oxetine|triptyline|pramine|profen|fenac|coxib|codone|morphone|tadine|dronate|thiazide|semide|tropium|caine|enol|amine|oxin|vastatin|zosin|pine|ylase|inase|atase|tease|erase|ipase|ctase|drase|oid|oids)$/
/** Gerunds and past participles, long enough not to be short names ("Ming", "Ahmed"). */
const VERB_FORM = /^(?:.{4,}(?<!m|p|y|j|q|x|h)ing|.{4,}(?<!fr|fri|e|m|oo)ed)$/
const ORDINARY_PREFIXES = new Set(
	'non anti pre post co re self x sub semi multi well up bi tri ex mid over under'.split(' '),
)

/** A word of the lists, or its plural. */
function listedOrdinary(f: string): boolean {
	return (
		isOrdinaryWord(f) ||
		(f.endsWith('s') && isOrdinaryWord(f.slice(0, -1))) ||
		(f.endsWith('es') && isOrdinaryWord(f.slice(0, -2)))
	)
}

/** An ordinary word, its plural, or a hyphenated form with an ordinary part. */
function ordinaryForm(f: string): boolean {
	if (isOrdinaryWord(f)) return true
	if (f.includes('-')) {
		const parts = f.split('-')
		if (ORDINARY_PREFIXES.has(parts[0] ?? '')) return true
		if (parts.some((p) => p.length >= 3 && isOrdinaryWord(p))) return true
	}
	if (f.length >= 5) {
		if (f.endsWith('ies') && isOrdinaryWord(f.slice(0, -3) + 'y')) return true
		if (f.endsWith('es') && isOrdinaryWord(f.slice(0, -2))) return true
		if (f.endsWith('s') && isOrdinaryWord(f.slice(0, -1))) return true
	}
	return ORDINARY_SUFFIX.test(f) || VERB_FORM.test(f)
}

/** An ordinary word, a plural, a hyphenated form or a word with an ordinary ending. */
export function isOrdinaryForm(facts: Facts): boolean {
	return (facts.form ??= ordinaryForm(facts.f))
}

/** A listed ordinary word or its plural (no endings, no hyphenated parts). */
export function isListedOrdinary(facts: Facts): boolean {
	return (facts.listed ??= listedOrdinary(facts.f))
}

const NEXT_TWO_WORDS = /^(?:['’]s?)?[^\S\r\n]+([\p{L}]+)(?:[- ]([\p{L}]+))?/u

/** "Parkinson disease", "murphy's sign", "Smith-Magenis syndrome": a disease, not a person. */
export function isEponymAt(text: string, w: { f: string; end: number }): boolean {
	const hyphen = w.f.indexOf('-')
	if (!EPONYMS.has(hyphen < 0 ? w.f : w.f.slice(0, hyphen))) return false
	const m = NEXT_TWO_WORDS.exec(text.slice(w.end, w.end + 40))
	if (!m) return false
	return EPONYM_FOLLOWERS.has(fold(m[1] ?? '')) || EPONYM_FOLLOWERS.has(fold(m[2] ?? ''))
}
