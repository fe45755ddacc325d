/**
 * Text → terms for the local document-type classifier (decision 018). Shared by training
 * (tools/doctype/doctype-train.ts) and inference (doctype-classifier.ts), so both see exactly the
 * same terms.
 *
 * The text comes from OCR of incoming faxes, so the normalization is written for that: headings in
 * capitals, words hyphenated across broken lines, digits read as letters and letters as digits
 * ('Alc' for 'A1c', 'rep0rt'), and clinical shorthand. A change here changes every feature of a
 * trained model: bump NORMALIZATION_VERSION and retrain.
 */

export const NORMALIZATION_VERSION = 1

/** Stand-in for every number, so '12 mg' and '40 mg' are one feature. */
export const NUMBER_TOKEN = '#'
/** Prefix of heading features ('DISCHARGE DIAGNOSES:' → 'h:discharge_diagnoses'). */
export const HEADING_PREFIX = 'h:'

export type TermSettings = {
	/** Characters kept of a longer text: the head and the tail (where titles and signatures are). */
	maxChars: number
	/** Tokens kept of a longer text, again head and tail. */
	maxTokens: number
	/** Add a feature per capitalised heading ('HISTORY OF PRESENT ILLNESS:'). */
	headings: boolean
	/**
	 * Read each de-identification placeholder (`[[NAME_1]]`, `[[HEALTH_PLAN_2]]`) as one term of its
	 * label (`phname`, `phhealthplan`), so a model trained on de-identified text sees the same terms
	 * at run time whatever the numbering (decision 037). Off (absent) for the MTSamples model.
	 */
	placeholders?: boolean
}

export const DEFAULT_TERM_SETTINGS: TermSettings = {
	maxChars: 100_000,
	maxTokens: 6_000,
	headings: true,
}

/** Word-level shorthand → its long form, so both spellings are one feature. */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
	pt: ['patient'],
	pts: ['patients'],
	hx: ['history'],
	dx: ['diagnosis'],
	ddx: ['differential', 'diagnosis'],
	tx: ['treatment'],
	sx: ['symptoms'],
	fx: ['fracture'],
	bx: ['biopsy'],
	yo: ['year', 'old'],
	yr: ['year'],
	yrs: ['years'],
	hpi: ['history', 'of', 'present', 'illness'],
	ros: ['review', 'of', 'systems'],
	pmh: ['past', 'medical', 'history'],
	psh: ['past', 'surgical', 'history'],
	fhx: ['family', 'history'],
	cxr: ['chest', 'xray'],
	er: ['ed'],
	exam: ['examination'],
	abd: ['abdomen'],
	htn: ['hypertension'],
	dm: ['diabetes'],
	sob: ['shortness', 'of', 'breath'],
	// glycated haemoglobin, as typed and as OCR reads it
	a1c: ['a1c'],
	alc: ['a1c'],
	hba1c: ['a1c'],
	hbalc: ['a1c'],
}

/** Shorthand with a slash or hyphen, rewritten before tokenizing (the text is lowercase here). */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
	[/\bs\/p\b/g, ' status post '],
	[/\bw\/o\b/g, ' without '],
	[/\bw\//g, ' with '],
	[/\bc\/o\b/g, ' complains of '],
	[/\bh\/o\b/g, ' history of '],
	[/\br\/o\b/g, ' rule out '],
	[/\bf\/u\b/g, ' followup '],
	[/\by\/o\b/g, ' year old '],
	[/\bn\/v\b/g, ' nausea vomiting '],
	[/\bfollow[\s-]+up\b/g, 'followup'],
	[/\bx-ray/g, 'xray'],
]

/** A heading: capitals (and a few joiners) ending in a colon, at a line, sentence or field start. */
const HEADING = /(?:^|[\n\r,.;:]|\s{2,})\s*([A-Z][A-Z0-9&/ -]{2,48}?)\s*:/g

/** Keeps the head and the tail of an over-long text (titles at the top, signatures at the end). */
function headAndTailText(text: string, max: number): string {
	if (text.length <= max) return text
	const head = Math.ceil(max * 0.75)
	return text.slice(0, head) + '\n' + text.slice(text.length - (max - head))
}

function headAndTailTokens(tokens: string[], max: number): string[] {
	if (tokens.length <= max) return tokens
	const head = Math.ceil(max * 0.75)
	return [...tokens.slice(0, head), ...tokens.slice(tokens.length - (max - head))]
}

/** 'rep0rt' → 'report', 'c1inic' → 'clinic': a 0 or 1 inside a word that is otherwise letters. */
function repairOcrWord(token: string): string {
	if (token.length < 4 || !/^[a-z]+[01][a-z01]*$|^[a-z01]*[01][a-z]+$/.test(token)) return token
	const letters = token.replace(/[01]/g, '').length
	if (letters < 3 || /[01]{2}/.test(token)) return token
	return token.replace(/0/g, 'o').replace(/1/g, 'l')
}

/** One raw token → zero or more normalized tokens. */
function normalizeToken(raw: string, out: string[]): void {
	// a number, possibly with letters OCR took for digits ('1O0', 'l2'): one number token
	if (/^[0-9][0-9ol]*$/.test(raw) || (/^[0-9ol]+$/.test(raw) && /[0-9].*[0-9]/.test(raw))) {
		out.push(NUMBER_TOKEN)
		return
	}
	if (/^[0-9]/.test(raw)) {
		// a number stuck to a unit or a dimension ('135bpm', '12x7'): the number, then the letters
		for (const part of raw.match(/[0-9]+|[a-z]+/g) ?? []) {
			if (/^[0-9]/.test(part)) out.push(NUMBER_TOKEN)
			else if (part.length > 1) out.push(part)
		}
		return
	}
	const token = repairOcrWord(raw)
	const expanded = ABBREVIATIONS[token]
	if (expanded) out.push(...expanded)
	else if (token.length > 1) out.push(token)
}

/** Lowercase tokens of a text after the normalization above; runs of numbers become one token. */
export function tokenize(text: string, settings: TermSettings = DEFAULT_TERM_SETTINGS): string[] {
	let lower = text.toLowerCase()
	for (const [pattern, replacement] of PHRASES) lower = lower.replace(pattern, replacement)
	const tokens: string[] = []
	for (const raw of lower.match(/[a-z0-9]+/g) ?? []) normalizeToken(raw, tokens)
	const collapsed: string[] = []
	for (const token of tokens) {
		if (token === NUMBER_TOKEN && collapsed[collapsed.length - 1] === NUMBER_TOKEN) continue
		collapsed.push(token)
	}
	return headAndTailTokens(collapsed, settings.maxTokens)
}

/** Prefix of a placeholder's term: `[[DATE_3]]` → `phdate`. */
export const PLACEHOLDER_PREFIX = 'ph'
/** The placeholder syntax of server/gateway/deid/token.ts (`formatToken`), as written. */
const PLACEHOLDER = /\[\[([A-Z]+(?:_[A-Z]+)?)_\d{1,6}\]\]/g

/** `[[HEALTH_PLAN_2]]` → ` phhealthplan `: one term per label, numbers dropped. */
export function placeholderTerms(text: string): string {
	if (!text.includes('[[')) return text
	return text.replace(
		PLACEHOLDER,
		(_, label: string) => ` ${PLACEHOLDER_PREFIX}${label.replace('_', '').toLowerCase()} `,
	)
}

/** Cleans what OCR does to layout: Unicode forms, words hyphenated across a line break. */
function cleanLayout(text: string, settings: TermSettings): string {
	const head = headAndTailText(text.normalize('NFKC'), settings.maxChars)
	return (settings.placeholders ? placeholderTerms(head) : head).replace(
		/([A-Za-z0-9])-[ \t]*\r?\n[ \t]*([A-Za-z0-9])/g,
		'$1$2',
	)
}

function headingTerms(text: string, settings: TermSettings): string[] {
	const terms: string[] = []
	for (const match of text.matchAll(HEADING)) {
		const words = tokenize(match[1] ?? '', settings).filter((t) => t !== NUMBER_TOKEN)
		if (words.length > 0 && words.length <= 6) terms.push(HEADING_PREFIX + words.join('_'))
	}
	return terms
}

export type DocumentTerms = {
	/** Every term occurrence: unigrams, bigrams ('discharge diagnoses') and heading features. */
	terms: string[]
	/** How many word tokens the text had after normalization (the evidence the model sees). */
	tokenCount: number
}

/** The terms a document contributes, in text order (callers count them; order is irrelevant). */
export function documentTerms(
	text: string,
	settings: TermSettings = DEFAULT_TERM_SETTINGS,
): DocumentTerms {
	const clean = cleanLayout(text, settings)
	const tokens = tokenize(clean, settings)
	const terms: string[] = [...tokens]
	for (let i = 1; i < tokens.length; i++) terms.push(`${tokens[i - 1]} ${tokens[i]}`)
	if (settings.headings) terms.push(...headingTerms(clean, settings))
	return { terms, tokenCount: tokens.length }
}

/** Term → count. */
export function countTerms(terms: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>()
	for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1)
	return counts
}
