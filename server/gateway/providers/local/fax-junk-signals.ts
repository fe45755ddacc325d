/**
 * Three plain rules beside the fax-type model (decision 037), each a reason a fax is `junk` that a
 * person can read: the fax is blank, it is a cover sheet and nothing else, or it is a notice that
 * an earlier fax was misdirected. They read de-identified text (placeholders such as
 * `[[NAME_1]]` are ignored) and OCR text, so they are written loosely and prefer to miss rather
 * than fire on a real document: the model still sees every fax, and was trained on these kinds of
 * junk too.
 */

export type FaxJunkSignals = {
	/** No words to speak of: an empty or speckled page, a transmission stamp. */
	blank: boolean
	/** A fax cover sheet with nothing behind it. */
	coverSheetOnly: boolean
	/** A notice that a fax reached the wrong recipient (not the usual "if received in error"). */
	misdirected: boolean
}

/** Words a cover sheet announces itself with. */
const COVER_MARKERS =
	/\bfax\s*cover\b|\bcover\s*(sheet|page)\b|\bfacsimile\b|\btransmittal\b|\bfax\s*transmission\b|\bpages?\s*\(?\s*incl(uding|\.)?\s*(this\s*)?cover\b|\bnumber\s*of\s*pages\b|\btotal\s*pages\b|\bsheets?\s*in\s*this\s*transmission\b/i

/** A cover sheet's fields: `To:`, `From:`, `Fax #:`, `Pages:`, `Re:` … */
const FIELD_LINE =
	/^\s*(to|from|attn|attention|re|regarding|subject|date|time|fax|fax\s*#|fax\s*no\.?|fax\s*number|phone|tel|telephone|pages?|no\.?\s*of\s*pages|number\s*of\s*pages|total\s*pages|comments?|message|sender|recipient|cc|deliver\s*to|sent\s*by)\b[^:\n]{0,12}[:#]/i

/** The confidentiality notice every cover sheet carries. */
const BOILERPLATE =
	/confidential|privileged|intended|prohibited|notify|destroy|shred|disclos|in error|recipient|protected health|\bphi\b|addressee|misdeliver/i

/** Said by the one who received a fax it was not meant for. */
const MISDIRECTED = [
	/\b(received|reached|came\s+to|arrived\s+at|delivered\s+to)\b[^.]{0,80}\b(in\s+error|by\s+(mistake|error))\b/i,
	/\bmisdirected\b/i,
	/\b(is|was|are)\s+not\s+(known\s+to|under\s+(our|the)\s+care|our\s+patient|a\s+patient\s+(of|at|here))/i,
	/\bno\s+record\s+of\s+(this|the)\s+(patient|individual|person)\b/i,
	/\bnever\s+(treated|seen)\s+(this|the)\s+(patient|individual|person)\b/i,
	/\b(wrong|incorrect)\s+(fax\s+)?(number|recipient|destination|office|provider|practice)\b/i,
	/\bsent\s+to\s+(us|our\s+office|this\s+number)\s+(in\s+error|by\s+mistake)\b/i,
	/\bdo(es)?\s+not\s+belong\s+to\s+(anyone|any\s+patient)\b/i,
	/\bstop\s+faxing\b/i,
]

/** A conditional ("if you have received this fax in error") is boilerplate, not a notice. */
const CONDITIONAL_BEFORE = /\b(if|should|in\s+case|when)\b[^.]{0,40}$/i

const PLACEHOLDER = /\[\[[A-Z_]+_\d+\]\]/g

/** Words of two or more letters, placeholders aside. */
function words(text: string): string[] {
	return text.replace(PLACEHOLDER, ' ').match(/[A-Za-z]{2,}/g) ?? []
}

function isMisdirected(text: string): boolean {
	for (const pattern of MISDIRECTED) {
		const global = new RegExp(pattern.source, 'gi')
		for (const m of text.matchAll(global)) {
			const before = text.slice(Math.max(0, m.index - 60), m.index)
			if (!CONDITIONAL_BEFORE.test(before)) return true
		}
	}
	return false
}

/** Words and numbers, placeholders aside: what a page says besides its identifiers. */
function tokens(text: string): string[] {
	return text.replace(PLACEHOLDER, ' ').match(/[A-Za-z]{2,}|[0-9]+/g) ?? []
}

/**
 * Words that are neither a cover sheet's fields (lines) nor its confidentiality notice (sentences,
 * which OCR may have broken over several lines).
 */
function contentWords(text: string): number {
	const rest = text
		.split(/[\n\f\r]+/)
		.filter((line) => !FIELD_LINE.test(line))
		.join(' ')
	let n = 0
	for (const sentence of rest.split(/[.!?;]+\s/)) {
		if (!BOILERPLATE.test(sentence)) n += tokens(sentence).length
	}
	return n
}

/** Words a cover sheet alone may hold besides its fields and notice (title, check boxes, a note). */
export const COVER_SHEET_MAX_CONTENT_WORDS = 25
/** Fewer words than this and the page is blank. */
export const BLANK_MAX_WORDS = 3

/**
 * A cover sheet alone: some page announces itself as a cover sheet, it says little besides its
 * fields and notice, and no other page (pages are joined by form feeds) says anything.
 */
function isCoverSheetOnly(text: string): boolean {
	const pages = text.split('\f').filter((page) => words(page).length > BLANK_MAX_WORDS)
	const [page, ...others] = pages
	return (
		page !== undefined &&
		others.length === 0 &&
		COVER_MARKERS.test(page) &&
		contentWords(page) <= COVER_SHEET_MAX_CONTENT_WORDS
	)
}

export function faxJunkSignals(text: string): FaxJunkSignals {
	const safe = typeof text === 'string' ? text.slice(0, 200_000) : ''
	const blank = words(safe).length <= BLANK_MAX_WORDS
	return {
		blank,
		coverSheetOnly: !blank && isCoverSheetOnly(safe),
		misdirected: !blank && isMisdirected(safe),
	}
}
