import { UNCERTAIN_REASONS, type UncertainReason } from './labels.ts'
import {
	EPONYM_FOLLOWERS,
	EPONYMS,
	fold,
	GIVEN_NAMES,
	SURNAMES,
	isOrdinaryWord,
	isStrongName,
	isWeakName,
	NAME_PARTICLES,
	PERMITTED_PLACE_PHRASES,
	PERMITTED_PLACES,
	STREET_WORDS,
	TITLES,
} from './lexicon.ts'
import type { Candidate } from './patterns.ts'

/**
 * The word recognizers: names (titles, name lists, initials, speaker labels, cue phrases, lists
 * and repetitions), street addresses and places. They work on a token stream so that cues such as
 * "the word before is a title" or "this line continues an address" are cheap to check.
 */

type TokKind = 'nl' | 'space' | 'word' | 'num' | 'punct' | 'mask'
type Tok = { start: number; end: number; kind: TokKind; text: string }

const LEXER =
	/(\r\n|\n|\r)|([^\S\r\n]+)|([\p{L}\p{M}](?:[\p{L}\p{M}]|['’-](?=[\p{L}\p{M}]))*)|(\p{Nd}+)|([^])/gu

/** Tokens; a placeholder already in the text becomes one opaque 'mask' token. */
function lex(text: string, masked: ReadonlyArray<{ start: number; end: number }>): Tok[] {
	const toks: Tok[] = []
	let nextMask = 0
	let skipUntil = -1
	for (const m of text.matchAll(LEXER)) {
		if (m.index < skipUntil) continue
		const mask = masked[nextMask]
		if (mask && m.index >= mask.start) {
			toks.push({ start: mask.start, end: mask.end, kind: 'mask', text: '' })
			skipUntil = mask.end
			nextMask++
			if (m.index < skipUntil) continue
		}
		const kind: TokKind =
			m[1] !== undefined
				? 'nl'
				: m[2] !== undefined
					? 'space'
					: m[3] !== undefined
						? 'word'
						: m[4] !== undefined
							? 'num'
							: 'punct'
		toks.push({ start: m.index, end: m.index + m[0].length, kind, text: m[0] })
	}
	return toks
}

type Shape = 'initial' | 'cap' | 'upper' | 'lower' | 'other'
type Lex = 'strong' | 'weak' | 'none'

type Word = {
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
}

function shapeOf(s: string): Shape {
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

function lexOf(f: string): Lex {
	const parts = f.includes('-') ? [f, ...f.split('-')] : [f]
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

const STREET_SUFFIX =
	/(?:gasse|strasse|straße|str|vej|vei|veien|vegur|gata|gatan|katu|(?<!t)tie|weg|laan|straat|gade|vägen|vagen|väg|graben|braut|stien|allee|platz|damm|plein|gracht|kuja|polku|utca|ulica|cesta)$/i
const STREET_PREFIXES = new Set(
	'rue rua calle via avenida av avenue viale strada paseo camino carrer chemin plaza praca largo travessa rambla ul ulica route avinguda carrera calzada'.split(
		' ',
	),
)
/** Street words that mark an address even without a house number. */
const STRONG_STREET_WORDS = new Set(
	'street avenue ave road rd boulevard blvd lane ln highway hwy parkway pkwy bypass crescent terrace strasse drive'.split(
		' ',
	),
)
const UNIT_WORDS = new Set(
	'apt apartment suite ste unit box po floor fl room rm bldg building flat lot'.split(' '),
)
const ADDRESS_PARTICLES = new Set(
	'de del della des du la le les los las da do dos das di von van der den ten ter y e and of the ul al el nan'.split(
		' ',
	),
)
const FIELD_LABELS = new Set(
	'phone mobile desk fax tel telephone email e-mail website web name date dob when where cell office home work'.split(
		' ',
	),
)
const ABBREVIATIONS = new Set(
	'st apt no vs etc jr sr ave rd dr mt ft ul ste bldg fl rm nr'.split(' '),
)

const STRONG_NAME_CUE =
	/(?:\bname(?:'s|s)?(?: is| was|:|\?| -)|\bnamed|\bcalled|\bcall me|\bcalls me|\bi am|\bi'm|\bthis is|\bmeet|\bdear|\bhi|\bhello|\bhey|\bthanks|\bthank you|\bsincerely|\bregards|\bsigned(?: by)?|\bseen by|\breferred by|\bspouse|\bhusband|\bwife|\bson|\bdaughter|\bmother|\bfather|\bbrother|\bsister|\bgrand(?:father|mother|son|daughter)|\bkid|\bchild|\bfriend|\bpartner|\bboyfriend|\bgirlfriend|\bfianc[eé]e?|\bnephew|\bniece|\buncle|\baunt|\bcousin|\bassistant to|\bunder|\bsaid|\bsays|\basked|\btold|\breplied|\bpatient|\bpt\.?|\buser:|\bcaregiver|\bguardian|\bcontact:|\battending:?|\bpcp:?|\bprovider:?|\bphysician:?|\bsurgeon:?|\bmaiden name is|\blast name\??|\bfirst name\??|\bemployer:?|\bemployed by|\bworks for)\s*[:,]?\s*$/
const NAME_FOLLOW_CUE =
	/^(?:'s)?\s*,?\s*(?:is|was|has|had|said|says|told|asked|shouted|explained|replied|lives|lived|works|worked|spent|reports|reported|states|stated|presents|presented|denies|denied|complains|underwent|went|came|arrived|flew|wrote|will be|was born)\b/
const LOCATION_VERB_CUE =
	/(?:(?:lives?|living|lived|resides?|residing|grew up|raised|born|originally|hails|comes|moved(?: here| back)?|relocated|flew|flying|fly|travel(?:l)?(?:ing|ed)?|trip|arrived|based|located|headquartered|visiting|visited|returned(?: home)?|coming|going|went|drove|driving|i'm|i am|we're|we are|stays?|staying)\s+(?:back\s+)?(?:here\s+)?(?:in|at|to|from|near|on|outside|around)|where:|home city|hometown|home town|(?:town|city|village|county|province|state|republic|port|university|college|district|municipality|region) of)\s+(?:the\s+)?$/
const LOCATION_CUE =
	/(?:^|[^\p{L}])(?:in|at|to|from|near|into|outside|toward|towards)\s+(?:the\s+)?$/u
const ADDRESS_TRIGGER =
	/\b(?:(?:billing|street|home|mailing|new|primary|secondary) address(?:es)?(?: is| to the same)?|address(?:es)? is|address:|addr:|lives (?:at|on)|living (?:at|on)|live (?:at|on)|resides? (?:at|on)|residing (?:at|on)|located at|sent to|send (?:it |this |a new one |them )?to|return(?:ed)? to|mail(?:ed)? to|ship(?:ped)? to|deliver(?:ed|y)? to|meet me at|drops? (?:you |me )?off at|is at|is on|are on|corner of)\b[\s:,-]{0,8}/gi
const MILITARY_OR_PO =
	/\b(?:(?:PSC|Unit|CMR) {1,3}\d{1,5},? {1,3}Box {1,3}\d{1,5}|[APD]PO {1,3}A[AEP] {1,3}\d{5}|US(?:NS|NV|S|CGC) {1,3}\p{Lu}[\p{L}'-]{0,40}|P\.? ?O\.? {1,3}Box {1,3}\d{1,8})/giu
const CITY_STATE_ZIP =
	/\p{Lu}[\p{L}'.-]{0,40}(?: \p{Lu}[\p{L}'.-]{0,40}){0,3}, {0,3}[A-Z]{2} {1,3}\d{5}(?:-\d{4})?(?!\d)/gu
const ZIP_CONTEXT =
	/\b(?:zip(?: ?code)?|postal code|post ?code)\b(?: is|:|#)? {0,4}([A-Z0-9][A-Z0-9 -]{1,9}[A-Z0-9]|\d{3,5})/gi

export function wordCandidates(
	text: string,
	masked: ReadonlyArray<{ start: number; end: number }>,
	context: Candidate[] = [],
): Candidate[] {
	const sorted = [...masked].sort((a, b) => a.start - b.start)
	const toks = lex(text, sorted)
	const words = describeWords(text, toks)
	const out: Candidate[] = []
	addresses(text, toks, words, out)
	names(text, toks, words, out, [...context, ...out])
	return out
}

function describeWords(text: string, toks: Tok[]): Word[] {
	const words: Word[] = []
	const lineOf: number[] = []
	// per call only: a cache across calls would keep patients' words in memory
	const folded = new Map<string, string>()
	let line = 0
	for (let t = 0; t < toks.length; t++) {
		const tok = toks[t] as Tok
		if (tok.kind === 'nl') line++
		lineOf[t] = line
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
		const shape = shapeOf(core)
		let f = folded.get(core)
		if (f === undefined) {
			f = fold(core)
			folded.set(core, f)
		}
		// what precedes the word, skipping spaces, quotes and brackets
		let p = t - 1
		while (p >= 0) {
			const q = toks[p] as Tok
			if (q.kind === 'space' || (q.kind === 'punct' && /["'“”‘’([{<>*•]/.test(q.text))) p--
			else break
		}
		const prev = p >= 0 ? (toks[p] as Tok) : null
		let lineStart = false
		let sentStart = false
		if (!prev || prev.kind === 'nl') {
			lineStart = true
			sentStart = true
		} else if (prev.kind === 'punct' && /[.!?…]/.test(prev.text)) {
			const beforeDot = p > 0 ? (toks[p - 1] as Tok) : null
			const abbreviation =
				prev.text === '.' &&
				beforeDot?.kind === 'word' &&
				(TITLES.has(fold(beforeDot.text)) ||
					ABBREVIATIONS.has(fold(beforeDot.text)) ||
					/^\p{Lu}$/u.test(beforeDot.text))
			sentStart = !abbreviation
		}
		words.push({
			t,
			i: words.length,
			start: tok.start,
			end: tok.start + core.length,
			text: core,
			f,
			shape,
			lex: lexOf(f),
			lineStart,
			sentStart,
			heading: false,
			permitted: PERMITTED_PLACES.has(f),
		})
	}
	// heading lines: two or more words, all upper case ("HISTORY OF PRESENT ILLNESS")
	const byLine = new Map<number, Word[]>()
	for (const w of words) {
		const l = lineOf[w.t] ?? 0
		const list = byLine.get(l)
		if (list) list.push(w)
		else byLine.set(l, [w])
	}
	for (const list of byLine.values()) {
		if (list.length >= 2 && list.every((w) => w.shape === 'upper' || w.shape === 'initial')) {
			for (const w of list) w.heading = true
		}
	}
	// runs of upper-case ASCII words inside a line ("REVIEW OF SYSTEMS:, Negative")
	for (let i = 0; i < words.length; i++) {
		let j = i
		const isUpper = (w: Word) => w.shape === 'upper' && /^[A-Z'’-]+$/.test(w.text)
		while (
			j < words.length &&
			isUpper(words[j] as Word) &&
			(j === i || adjacentRun(text, [words[j - 1] as Word, words[j] as Word]))
		)
			j++
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

/** Multi-word permitted places by their first word, longest first. */
const PHRASES_BY_FIRST_WORD = new Map<string, string[][]>()
for (const phrase of [...PERMITTED_PLACE_PHRASES]
	.map((p) => p.split(' '))
	.sort((a, b) => b.length - a.length)) {
	const list = PHRASES_BY_FIRST_WORD.get(phrase[0] ?? '') ?? []
	list.push(phrase)
	PHRASES_BY_FIRST_WORD.set(phrase[0] ?? '', list)
}

/** True when the words follow each other with only spaces (no line break) between them. */
function adjacentRun(text: string, ws: Word[]): boolean {
	for (let i = 1; i < ws.length; i++) {
		const a = ws[i - 1] as Word
		const b = ws[i] as Word
		if (!/^[^\S\r\n]+$/.test(text.slice(a.end, b.start))) return false
	}
	return true
}

// ---------------------------------------------------------------------------------------------
// Names

const NEXT_TWO_WORDS = /^(?:['’]s?)?[^\S\r\n]+([\p{L}]+)(?:[- ]([\p{L}]+))?/u

/** "Parkinson disease", "murphy's sign", "Smith-Magenis syndrome": a disease, not a person. */
function isEponymAt(text: string, w: Word): boolean {
	if (!EPONYMS.has(w.f.split('-')[0] ?? w.f)) return false
	const m = NEXT_TWO_WORDS.exec(text.slice(w.end, w.end + 40))
	if (!m) return false
	return EPONYM_FOLLOWERS.has(fold(m[1] ?? '')) || EPONYM_FOLLOWERS.has(fold(m[2] ?? ''))
}

type Chain = { words: Word[]; start: number; end: number }

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

/** Between two names of a list: a comma, "and", "&" or "or". */
const LIST_GAP =
	/^(?:['’]s)?(?:,[^\S\r\n]*|[^\S\r\n]+(?:and|&|or)[^\S\r\n]+|,[^\S\r\n]*(?:and|&|or)[^\S\r\n]+)$/

/** Words that end a lower-case name cue ("name is", "named", "called", "call me"). */
const CUE_WORDS = new Set(['is', 'was', 'name', 'named', 'called', 'me'])
const GREETING_BEFORE =
	/(?:^|[^\p{L}])(?:hi|hello|hey|thanks|thank you|bye|goodbye|morning|afternoon|evening)[^\S\r\n]{0,2},?[^\S\r\n]{1,2}$/iu

const CONTACT_LABELS = new Set(['EMAIL', 'PHONE', 'FAX', 'GEOGRAPHIC', 'URL'])
const PERSON_VERB_CUE =
	/^(?:['’]s)?[^\S\r\n]+(?:said|says|told|asked|shouted|explained|replied|lives|lived|works|worked|spent|wrote|thinks|believes|wants|loves|married|began|is from|is very|is a very)\b/

function names(
	text: string,
	toks: Tok[],
	words: Word[],
	out: Candidate[],
	context: Candidate[],
): void {
	const lowerSeen = new Set<string>()
	let lowerCount = 0
	for (const w of words) {
		if (w.shape === 'lower') {
			lowerSeen.add(w.f)
			lowerCount++
		}
	}
	const mostlyLower = words.length >= 4 && lowerCount / words.length >= 0.9

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
		if (w.permitted || STREET_WORDS.has(w.f) || ordinaryForm(w.f)) return false
		if (w.shape === 'upper' && w.text.length <= 4) return false
		if (w.text.length <= 2) return false
		if (MIXED_CASE.test(w.text) && !NAME_CAMEL_CASE.test(w.text)) return false
		if (lowerSeen.has(w.f)) return false
		return true
	}

	// chains of capitalised words, initials and particles on one line
	const chains: Chain[] = []
	const chainOf = new Map<number, number>()
	for (let i = 0; i < words.length; i++) {
		const first = words[i] as Word
		if (chainOf.has(i)) continue
		const before = i > 0 ? (words[i - 1] as Word) : null
		const afterTitle =
			before !== null &&
			TITLES.has(before.f) &&
			(first.shape === 'cap' || first.shape === 'upper') &&
			/^\.?[^\S\r\n]{1,3}$/.test(text.slice(before.end, first.start))
		if (!capable(first) && !afterTitle) {
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
				!adjacentRun(text, [first, next]) ||
				next.lex !== 'none'
			)
				continue
		}
		const members = [first]
		let j = i + 1
		while (j < words.length && members.length < 6) {
			const prev = members[members.length - 1] as Word
			const next = words[j] as Word
			const gap = text.slice(prev.end, next.start)
			const joined =
				/^[^\S\r\n]+$/.test(gap) || (prev.shape === 'initial' && /^\.[^\S\r\n]*$/.test(gap))
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
		const idx = chains.length
		for (let x = i; x < i + members.length; x++) chainOf.set(x, idx)
		const last = members[members.length - 1] as Word
		chains.push({ words: members, start: first.start, end: last.end })
		i += members.length - 1
	}

	type Verdict = {
		/** Not reported unless a neighbouring name upgrades it. */
		quiet?: boolean
		label: 'NAME' | 'GEOGRAPHIC'
		confidence: number
		uncertain?: boolean
		reason?: UncertainReason
	}
	const contactStarts = context
		.filter((o) => CONTACT_LABELS.has(o.label))
		.map((o) => o.start)
		.sort((a, b) => a - b)
	const verdicts: Array<Verdict | null> = chains.map((c) => judge(c))

	/** An email, phone number or address starts within the next few lines. */
	function contactFollows(offset: number): boolean {
		// the first contact detail at or after offset (binary search)
		let lo = 0
		let hi = contactStarts.length
		while (lo < hi) {
			const mid = (lo + hi) >> 1
			if ((contactStarts[mid] as number) < offset) lo = mid + 1
			else hi = mid
		}
		const next = contactStarts[lo]
		return next !== undefined && next < offset + 160
	}

	function prevWord(c: Chain): Word | null {
		const first = c.words[0] as Word
		return first.i > 0 ? (words[first.i - 1] as Word) : null
	}

	function judge(c: Chain): Verdict | null {
		const first = c.words[0] as Word
		const last = c.words[c.words.length - 1] as Word
		const real = c.words.filter((w) => w.shape !== 'initial' && !(w.shape === 'lower'))
		if (real.length === 0) {
			// a lone initial counts only after a title ("Dr. K")
			const p = prevWord(c)
			if (p && TITLES.has(p.f) && text.slice(p.end, first.start).length <= 2)
				return { label: 'NAME', confidence: 0.9 }
			return null
		}
		// the cues are short: 32 characters before the chain are enough
		const lineBefore = text.slice(Math.max(0, c.start - 32), c.start)
		const sameLine = lineBefore.slice(lineBefore.lastIndexOf('\n') + 1).toLowerCase()
		const followText = text.slice(last.end, last.end + 40).toLowerCase()

		// eponyms: "Parkinson disease", "Murphy's sign", "Graves' disease"
		if (isEponymAt(text, last)) return null

		const p = prevWord(c)
		const titled =
			p !== null && TITLES.has(p.f) && /^\.?[^\S\r\n]{0,3}$/.test(text.slice(p.end, first.start))
		if (titled) return { label: 'NAME', confidence: 0.95 }
		if (STRONG_NAME_CUE.test(sameLine)) return { label: 'NAME', confidence: 0.9 }
		const speaker =
			first.lineStart &&
			/^[^\S\r\n]*:/.test(text.slice(last.end, last.end + 4)) &&
			c.words.length <= 3
		if (speaker) return { label: 'NAME', confidence: 0.85 }
		if (c.words.some((w) => w.lex === 'strong')) return { label: 'NAME', confidence: 0.9 }
		const initialInside =
			c.words.length >= 2 &&
			c.words.some((w, k) => w.shape === 'initial' && k > 0) &&
			(first.shape === 'cap' || first.shape === 'upper')
		if (initialInside) return { label: 'NAME', confidence: 0.85 }
		const leadingInitial =
			first.shape === 'initial' && text[first.end] === '.' && c.words.length >= 2
		if (leadingInitial) return { label: 'NAME', confidence: 0.8 }

		const weak = c.words.filter((w) => w.lex === 'weak')
		if (weak.length > 0) {
			if (c.words.length >= 2) return { label: 'NAME', confidence: 0.7 }
			if (!first.sentStart && first.shape === 'cap') return { label: 'NAME', confidence: 0.7 }
			if (NAME_FOLLOW_CUE.test(followText)) return { label: 'NAME', confidence: 0.6 }
			return null
		}

		// unknown words from here on
		if (PERSON_VERB_CUE.test(followText)) return { label: 'NAME', confidence: 0.7 }
		if (
			/^['’]s[^\S\r\n]+(?:kid|kids|son|daughter|wife|husband|mother|father|brother|sister|family|partner|friend)\b/.test(
				followText,
			)
		) {
			return { label: 'NAME', confidence: 0.75 }
		}
		if (
			real.length >= 2 &&
			/(?:^|[^\p{L}])(?:by|with|features|starring|producer|director)[^\S\r\n]*:?[^\S\r\n]+$/u.test(
				sameLine,
			)
		) {
			return { label: 'NAME', confidence: 0.75 }
		}
		const aloneOnLine =
			/^[^\S\r\n>]*$/.test(sameLine) &&
			/^[^\S\r\n.,]*(?:\r?\n|$)/.test(text.slice(last.end, last.end + 8))
		// a name line above contact details ("Marisa Alves\nLegistorm\n09457 Vana-Viru 25…")
		if (aloneOnLine && real.length >= 2 && real.length <= 4 && contactFollows(c.end)) {
			return { label: 'NAME', confidence: 0.8 }
		}
		const upperOnly = real.every((w) => w.shape === 'upper')
		if (LOCATION_VERB_CUE.test(sameLine)) return { label: 'GEOGRAPHIC', confidence: 0.75 }
		if (upperOnly && !LOCATION_CUE.test(sameLine)) {
			// an upper-case word alone on its line, outside a heading: a town in an address block
			if (aloneOnLine) {
				return {
					label: 'GEOGRAPHIC',
					confidence: 0.5,
					uncertain: true,
					reason: UNCERTAIN_REASONS.possiblePlace,
				}
			}
			// otherwise a name only when listed with one ("VINTNER, NORA")
			return { label: 'NAME', confidence: 0, uncertain: true, quiet: true }
		}
		// two or more unknown capitalised words: a proper name of some kind (the second word's
		// capital is not the sentence's)
		if (real.length >= 2 && !upperOnly && !LOCATION_CUE.test(sameLine)) {
			return { label: 'NAME', confidence: 0.6 }
		}
		if (LOCATION_CUE.test(sameLine)) {
			return {
				label: 'GEOGRAPHIC',
				confidence: 0.5,
				uncertain: true,
				reason: UNCERTAIN_REASONS.possiblePlace,
			}
		}
		return {
			label: 'NAME',
			confidence: 0.4,
			uncertain: true,
			reason: UNCERTAIN_REASONS.unknownCapitalized,
		}
	}

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

	const covered = new Set<number>()
	chains.forEach((c, k) => {
		const v = verdicts[k]
		if (!v || v.quiet) return
		for (const w of c.words) covered.add(w.t)
		const zip =
			v.label === 'GEOGRAPHIC'
				? /^[^\S\r\n]{1,2}\d{3,6}(?!\d)/.exec(text.slice(c.end, c.end + 10))
				: null
		if (v.uncertain) {
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
	for (const w of words) {
		if (covered.has(w.t) || w.shape !== 'cap' || w.sentStart || !nameWords.has(w.f)) continue
		covered.add(w.t)
		out.push({ start: w.start, end: w.end, label: 'NAME', confidence: 0.75 })
	}

	// lower-case names: name-list words, words after a title, a greeting or a "name is" cue,
	// repeated names, and words listed with names ("silvana, adam and caleb")
	const lowerNames: Candidate[] = []
	const lowerAt = new Map<number, number>()
	for (let i = 0; i < words.length; i++) {
		const w = words[i] as Word
		if (covered.has(w.t) || w.shape !== 'lower') continue
		const p = i > 0 ? (words[i - 1] as Word) : null
		// cheap filter first: only name-list words and words right after a title or a cue word
		const afterTitle = p !== null && TITLES.has(p.f)
		const afterCueWord = p !== null && CUE_WORDS.has(p.f)
		if (w.lex === 'none' && !afterTitle && !afterCueWord && !nameWords.has(w.f)) continue
		const gap = p ? text.slice(p.end, w.start) : ''
		const titled = afterTitle && /^[^\S\r\n]?\.?[^\S\r\n]{1,3}$/.test(gap)
		const sameLine = text.slice(Math.max(0, w.start - 40), w.start)
		const cued =
			afterCueWord &&
			/(?:\bname(?:'s|s)?(?: is| was|:)|\bnamed|\bcalled|\bcall me|\bcalls me)\s*$/i.test(sameLine)
		const greeted = w.lex !== 'none' && GREETING_BEFORE.test(sameLine)
		const unknown = !ordinaryForm(w.f)
		if (isEponymAt(text, w)) continue
		let confidence = 0
		if (titled && (unknown || w.lex !== 'none')) confidence = 0.9
		else if (cued && unknown) confidence = 0.85
		else if (greeted && w.lex !== 'none') confidence = 0.85
		else if (w.lex === 'strong' && !isOrdinaryWord(w.f)) confidence = 0.75
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
			if (!/^\.?[^\S\r\n]+$/.test(text.slice(prev.end, n.start))) break
			if (
				prev.f.length === 1 &&
				text[prev.end] !== '.' &&
				!/^[^\S\r\n]+$/.test(text.slice(prev.end, n.start))
			)
				break
			if (n.shape !== 'lower' && n.shape !== 'cap') break
			const next = words[k + 1]
			const initial =
				n.f.length === 1 &&
				k === i + 1 + initials &&
				next !== undefined &&
				!ordinaryForm(next.f) &&
				/^\.?[^\S\r\n]+$/.test(text.slice(n.end, next.start))
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
				!ordinaryForm(n.f) &&
				n.f.length >= 3
			if (!listed && !unknownSurname) {
				k -= initials
				initials = 0
				break
			}
			end = n.end
			for (let x = i + 1; x <= k; x++) covered.add((words[x] as Word).t)
			initials = 0
			k++
		}
		k -= initials
		covered.add(w.t)
		lowerAt.set(i, lowerNames.length)
		lowerNames.push({ start: w.start, end, label: 'NAME', confidence })
		i = k - 1
	}
	// lists of lower-case names: an unknown word next to a listed name is one too
	for (let pass = 0; pass < 2; pass++) {
		for (let i = 0; i < words.length; i++) {
			const w = words[i] as Word
			if (covered.has(w.t) || w.shape !== 'lower' || ordinaryForm(w.f) || w.f.length < 3) continue
			const neighbour = [i - 1, i + 1].find((j) => {
				const o = words[j]
				if (!o || !lowerAt.has(j)) return false
				const gap = j < i ? text.slice(o.end, w.start) : text.slice(w.end, o.start)
				return LIST_GAP.test(gap)
			})
			if (neighbour === undefined) continue
			covered.add(w.t)
			lowerAt.set(i, lowerNames.length)
			lowerNames.push({ start: w.start, end: w.end, label: 'NAME', confidence: 0.7 })
		}
	}
	out.push(...lowerNames)
}

// ---------------------------------------------------------------------------------------------
// Addresses

function addresses(text: string, toks: Tok[], words: Word[], out: Candidate[]): void {
	const lowerCount = words.reduce((n, w) => n + (w.shape === 'lower' ? 1 : 0), 0)
	const mostlyLower = words.length >= 4 && lowerCount / words.length >= 0.9
	const wordAt = new Map<number, Word>()
	for (const w of words) wordAt.set(w.t, w)
	const tokIndexAt = (offset: number): number => {
		let lo = 0
		let hi = toks.length - 1
		while (lo < hi) {
			const mid = (lo + hi) >> 1
			if ((toks[mid] as Tok).end <= offset) lo = mid + 1
			else hi = mid
		}
		return lo
	}
	let scannedTo = -1

	const isStreetish = (w: Word): boolean =>
		isStreetWord(w.f) || (w.f.endsWith('s') && isStreetWord(w.f.slice(0, -1)))
	const isStreetWord = (f: string) =>
		STREET_WORDS.has(f) || STREET_PREFIXES.has(f) || UNIT_WORDS.has(f) || STREET_SUFFIX.test(f)
	const foreignLower = (w: Word) => w.shape === 'lower' && /[^\p{ASCII}]/u.test(w.text)
	/** A word that may sit inside an address line. */
	const addressWord = (w: Word, loose: boolean): boolean => {
		if (w.shape === 'lower') {
			return (
				ADDRESS_PARTICLES.has(w.f) ||
				isStreetish(w) ||
				foreignLower(w) ||
				(loose && !ordinaryForm(w.f))
			)
		}
		// capitalised: any word but a listed ordinary one ("Lipitor 20" is not an address); state
		// and province codes ("CO", "NSW") are
		return (
			w.lex !== 'none' ||
			w.permitted ||
			isStreetish(w) ||
			ADDRESS_PARTICLES.has(w.f) ||
			w.shape === 'initial' ||
			(w.shape === 'upper' && w.text.length <= 3) ||
			!listedOrdinary(w.f)
		)
	}

	const lineLooksLikeAddress = (t: number): boolean => {
		// t: first token of a line
		let n = 0
		let firstSeen = false
		for (let k = t; k < toks.length; k++) {
			const tok = toks[k] as Tok
			if (tok.kind === 'nl') break
			if (tok.kind === 'space') continue
			if (tok.kind === 'punct') {
				if (!firstSeen && /[>?*•-]/.test(tok.text)) continue
				// sentence punctuation only at the end of the line ("…FPO AA 65728?")
				if (
					/[?!.]/.test(tok.text) &&
					/^[^\S\r\n]*(?:\r?\n|$)/.test(text.slice(tok.end, tok.end + 4))
				)
					continue
				if (/[:@?!;"|=]/.test(tok.text)) return false
				continue
			}
			n++
			if (!firstSeen) {
				firstSeen = true
				if (tok.kind === 'word') {
					const w = wordAt.get(k)
					if (!w || FIELD_LABELS.has(w.f) || (w.shape === 'lower' && !addressWord(w, true)))
						return false
				}
			}
			if (tok.kind === 'word') {
				const w = wordAt.get(k)
				if (w && w.shape === 'lower' && isOrdinaryWord(w.f) && !ADDRESS_PARTICLES.has(w.f))
					return false
			}
			if (n > 8) return false
		}
		return n > 0
	}

	/** Scan forward from token t over address-like tokens; returns the end offset, or -1. */
	const scan = (
		t: number,
		loose: boolean,
	): { end: number; hasNumber: boolean; hasStreet: boolean } => {
		let end = -1
		let hasNumber = false
		let hasStreet = false
		let lines = 0
		let k = t
		while (k < toks.length && k - t < 80) {
			const tok = toks[k] as Tok
			if (tok.kind === 'space') {
				k++
				continue
			}
			if (tok.kind === 'num') {
				if (tok.text.length > 8) break
				hasNumber = true
				end = tok.end
				k++
				continue
			}
			if (tok.kind === 'word') {
				const w = wordAt.get(k)
				if (!w || !addressWord(w, loose)) break
				if (FIELD_LABELS.has(w.f) && /^\s*:/.test(text.slice(tok.end, tok.end + 3))) break
				if (isStreetish(w)) hasStreet = true
				if (!ADDRESS_PARTICLES.has(w.f)) end = tok.end
				k++
				continue
			}
			if (tok.kind === 'nl') {
				// continue onto the next line of an address block; a blank line only before "Country 12345"
				let n = k + 1
				let blank = false
				while (
					n < toks.length &&
					((toks[n] as Tok).kind === 'space' || (toks[n] as Tok).kind === 'nl')
				) {
					if ((toks[n] as Tok).kind === 'nl') blank = true
					n++
				}
				while (n < toks.length && (toks[n] as Tok).text === '>') n++
				if (n >= toks.length || lines >= 6 || !lineLooksLikeAddress(n)) break
				if (
					blank &&
					!/^[^\n]{0,40}\d{3,6}[^\S\n]*(?:\n|$)/.test(text.slice((toks[n] as Tok).start))
				)
					break
				lines++
				k = n
				continue
			}
			// punctuation
			if (tok.text === '.') {
				const prevTok = toks[k - 1]
				const prevWord = prevTok ? wordAt.get(k - 1) : undefined
				const abbreviation =
					prevTok?.kind === 'num' ||
					(prevWord !== undefined && (isStreetish(prevWord) || prevWord.shape === 'initial'))
				if (!abbreviation) break
				let n = k + 1
				while (n < toks.length && (toks[n] as Tok).kind === 'space') n++
				const next = toks[n]
				if (!next || next.kind === 'nl') {
					k = n
					continue
				}
				const nw = wordAt.get(n)
				if (
					next.kind === 'word' &&
					nw &&
					(nw.shape === 'lower'
						? !addressWord(nw, loose)
						: isOrdinaryWord(nw.f) && !isStreetish(nw))
				)
					break
				k++
				continue
			}
			if (/^[,/#()'’&>-]$/.test(tok.text)) {
				k++
				continue
			}
			break
		}
		return { end, hasNumber, hasStreet }
	}

	const emit = (startTok: number, loose: boolean, anchored: boolean) => {
		const first = toks[startTok]
		if (!first || first.start < scannedTo) return
		const r = scan(startTok, loose || mostlyLower)
		if (r.end <= first.start) return
		if (!anchored && !r.hasNumber && !r.hasStreet) return
		out.push({ start: first.start, end: r.end, label: 'GEOGRAPHIC', confidence: 0.85 })
		scannedTo = r.end
	}

	// anchors are visited in text order so that one scan covers a whole block
	type Anchor = { t: number; loose: boolean; anchored?: boolean }
	const anchors: Anchor[] = []
	for (const m of text.matchAll(ADDRESS_TRIGGER)) {
		const t = tokIndexAt(m.index + m[0].length)
		if (t < toks.length) anchors.push({ t, loose: true })
	}
	// "PSC 6293, Box 8158", "APO AE 44085", "USNS Møller", "PO Box 12": addresses on their own
	const militaryOrPo = /\b(?:box|[apd]po|us(?:ns|nv|s|cgc))\b/i.test(text)
	for (const m of militaryOrPo ? text.matchAll(MILITARY_OR_PO) : []) {
		anchors.push({ t: tokIndexAt(m.index), loose: true, anchored: true })
	}

	for (let t = 0; t < toks.length; t++) {
		const tok = toks[t] as Tok
		if (tok.kind === 'num' && tok.text.length <= 6) {
			// "6750 Koskikatu 25", "2450 Crown St", "1987 74 Diakou Street", "255 hersnapvej 18"
			let k = t + 1
			let seenWords = 0
			let ok = false
			let secondNumber = false
			while (k < toks.length && k - t < 14) {
				const x = toks[k] as Tok
				if (x.kind === 'space') {
					k++
					continue
				}
				if (x.kind === 'num') {
					if (seenWords > 0) {
						ok = true
						break
					}
					if (secondNumber) break
					secondNumber = true
					k++
					continue
				}
				if (x.kind === 'punct' && (x.text === '.' || x.text === '-' || x.text === '/')) {
					k++
					continue
				}
				if (x.kind !== 'word') break
				const w = wordAt.get(k)
				if (!w) break
				// a street prefix or suffix right away, or a street or unit word after a name
				if (STREET_PREFIXES.has(w.f) || STREET_SUFFIX.test(w.f)) {
					ok = true
					break
				}
				if ((STREET_WORDS.has(w.f) || UNIT_WORDS.has(w.f)) && seenWords > 0) {
					ok = true
					break
				}
				const nameLike =
					(w.shape === 'cap' || w.shape === 'upper') && (!isOrdinaryWord(w.f) || w.lex !== 'none')
				if (!nameLike && !foreignLower(w) && !ADDRESS_PARTICLES.has(w.f)) break
				// particles ("de", "and") do not make a street name on their own
				if (!ADDRESS_PARTICLES.has(w.f) || w.shape !== 'lower') seenWords++
				if (seenWords > 4) break
				k++
			}
			if (ok) anchors.push({ t, loose: false })
			continue
		}
		if (tok.kind !== 'word') continue
		const w = wordAt.get(t)
		if (!w) continue
		// street prefix ("Rua Diadema 1903", "ul. Jesionowa 127", "C/ Señores Curas 88")
		const slashC = w.text === 'C' && toks[t + 1]?.text === '/'
		// "AV" block, "UL" (upper limit): an upper-case abbreviation is not a street prefix
		const prefix = STREET_PREFIXES.has(w.f) && w.shape !== 'upper'
		if (prefix || slashC || STREET_SUFFIX.test(w.f)) {
			let k = t + 1
			let n = 0
			while (k < toks.length && n < 6) {
				const x = toks[k] as Tok
				if (x.kind === 'nl') break
				if (x.kind === 'num') {
					anchors.push({ t, loose: false })
					break
				}
				if (x.kind === 'word') n++
				k++
			}
			continue
		}
		// a street word after capitalised words ("Huntly Street", "Philip Bypass")
		if (STRONG_STREET_WORDS.has(w.f) && w.shape !== 'lower') {
			let s = t
			let k = t - 1
			let n = 0
			while (k >= 0 && n < 3) {
				const x = toks[k] as Tok
				if (x.kind === 'space') {
					k--
					continue
				}
				const pw = wordAt.get(k)
				if (
					x.kind === 'word' &&
					pw &&
					(pw.shape === 'cap' || pw.shape === 'upper') &&
					!isOrdinaryWord(pw.f)
				) {
					s = k
					n++
					k--
					continue
				}
				if (x.kind === 'num' && n > 0) s = k
				break
			}
			if (n > 0) anchors.push({ t: s, loose: false })
		}
	}
	anchors.sort((a, b) => a.t - b.t)
	for (const a of anchors) emit(a.t, a.loose, a.anchored === true)

	for (const m of /, {0,3}[A-Z]{2} {1,3}\d{5}/.test(text) ? text.matchAll(CITY_STATE_ZIP) : []) {
		out.push({ start: m.index, end: m.index + m[0].length, label: 'GEOGRAPHIC', confidence: 0.85 })
	}
	for (const m of text.matchAll(ZIP_CONTEXT)) {
		const value = (m[1] ?? '').trim()
		if (!/\d/.test(value)) continue
		const start = m.index + m[0].length - (m[1] ?? '').length
		out.push({ start, end: start + value.length, label: 'GEOGRAPHIC', confidence: 0.9 })
	}
	// "Cyprus 36903", "Poland 11248": a postal code after a country
	for (let i = 0; i < words.length; i++) {
		const w = words[i] as Word
		if (!w.permitted) continue
		const m = /^[^\S\r\n]{1,3}(\d{4,6}|\d{3} \d{2})(?!\d)/.exec(text.slice(w.end, w.end + 12))
		if (m) {
			const start = w.end + m[0].length - (m[1] ?? '').length
			out.push({ start, end: start + (m[1] ?? '').length, label: 'GEOGRAPHIC', confidence: 0.8 })
		}
	}
}
