import type { IdentifierLabel, UncertainReason } from './labels.ts'
import { UNCERTAIN_REASONS } from './labels.ts'

/**
 * The pattern recognizers: identifiers with a shape (email, URL, IP, SSN, phone, card and record
 * numbers, dates, ages over 89, labelled fields such as "MRN: …", image files). Every expression
 * is linear in the text: bounded repetitions, and each unbounded run is anchored by a lookbehind
 * on its own character class so it is tried once per run, not once per character.
 */

export type Candidate = {
	start: number
	end: number
	label: IdentifierLabel
	confidence: number
	/** Set when the candidate is only a suspicion. */
	uncertain?: UncertainReason
}

/** Up to `n` characters before `index`, lower case. */
function before(text: string, index: number, n: number): string {
	return text.slice(Math.max(0, index - n), index).toLowerCase()
}
function after(text: string, index: number, n: number): string {
	return text.slice(index, index + n).toLowerCase()
}

const digitsOf = (s: string) => s.replace(/\D/g, '')

/** Luhn checksum (ISO/IEC 7812), used by payment card numbers. */
export function luhnValid(digits: string): boolean {
	let sum = 0
	let double = false
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48
		if (d < 0 || d > 9) return false
		if (double) {
			d *= 2
			if (d > 9) d -= 9
		}
		sum += d
		double = !double
	}
	return digits.length > 0 && sum % 10 === 0
}

/** Eight groups of 1–4 hex digits, or fewer around a single "::" (RFC 4291 text form). */
export function ipv6Valid(s: string): boolean {
	const halves = s.split('::')
	if (halves.length > 2) return false
	const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')))
	if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false
	return halves.length === 2 ? groups.length <= 7 && groups.length >= 1 : groups.length === 8
}

/** IBAN check digits (ISO 13616, mod 97 = 1). */
export function ibanValid(iban: string): boolean {
	const s = iban.replace(/\s/g, '').toUpperCase()
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false
	const rearranged = s.slice(4) + s.slice(0, 4)
	let remainder = 0
	for (const ch of rearranged) {
		const code = ch.charCodeAt(0)
		const value = code >= 65 ? String(code - 55) : ch
		for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97
	}
	return remainder === 1
}

/** Context words before a number that say what kind of identifier it is. */
const CONTEXT_KEYWORDS: Array<[RegExp, IdentifierLabel]> = [
	[/(ssn|social security|soc\.? sec)/, 'SSN'],
	[/(license plate|licence plate|\bplate\b|\bvin\b|vehicle|\bcar\b|\btag\b)/, 'VEHICLE'],
	[
		/(\bmrn\b|\bmr#|medical record|record (number|no|#)|chart (number|no|#)|patient id|\bpt id|hospital (number|no|id)|\bemr\b|\bmed rec)/,
		'MRN',
	],
	[
		/(member|beneficiary|subscriber|policy|insurance|insurer|health plan|plan (id|number|no|#)|medicare|medicaid|group (number|no|#)|payer|\bhic\b|\bmbi\b)/,
		'HEALTH_PLAN',
	],
	[
		/(credit|debit|\bcard\b|\bcc\b|visa|mastercard|amex|account|\bacct|a\/c|iban|routing|\bbank|checking|savings|billing|invoice)/,
		'ACCOUNT',
	],
	[
		/(licen[cs]e|\bdl ?(#|no\b|number)|driver|permit|certificate|\bcert\b|\bdea\b|\bnpi\b|registration (number|no))/,
		'LICENSE',
	],
	[
		/(serial|s\/n|\bsn\b|device|\budi\b|implant|pacemaker|model (number|no)|lot (number|no)|\bimei\b|mac address)/,
		'DEVICE',
	],
	[
		/(fingerprint|finger print|voiceprint|voice print|retina|iris scan|biometric|palm print|face id)/,
		'BIOMETRIC',
	],
	[/\bfax/, 'FAX'],
	[/(phone|\btel\b|telephone|mobile|\bcell|\bcall|contact|pager|beeper|\btext\b|\bsms\b)/, 'PHONE'],
]

const CONTEXT_LABELS = CONTEXT_KEYWORDS.map(
	([re, label]) => [new RegExp(re.source, 'g'), label] as const,
)

/** The label of the context keyword nearest to the end of `context`, if any. */
function contextLabel(context: string): IdentifierLabel | null {
	let best: IdentifierLabel | null = null
	let bestIndex = -1
	for (const [re, label] of CONTEXT_LABELS) {
		for (const m of context.matchAll(re)) {
			// the keyword that ends nearest the number ("license plate" over "license")
			const end = m.index + m[0].length
			if (end >= bestIndex) {
				bestIndex = end
				best = label
			}
		}
	}
	return best
}

const EMAIL =
	/(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g
const URL_SCHEME = /(?<![\w@])(?:(?:https?|ftp|sftp):\/\/|www\.)[^\s<>"'`]{1,2000}/gi
const TLDS =
	'com|org|net|edu|gov|mil|int|io|info|biz|co|us|uk|ca|de|fr|es|it|nl|se|dk|no|fi|be|ch|at|au|nz|jp|cn|in|br|mx|ru|pl|cz|hu|gr|pt|ie|eu|si|sk|ro|bg|hr|ee|lv|lt|is|lu|health|care|app|dev|ai|me|tv|ly'
const BARE_DOMAIN = new RegExp(
	`(?<![\\w@.-])(?:[A-Za-z0-9-]{1,63}\\.){1,5}(?:${TLDS})(?:\\/[^\\s<>"']{0,500})?(?![\\w-])`,
	'gi',
)
const IPV4 =
	/(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g
/** Candidate IPv6 text (two colons or more); `ipv6Valid` decides. */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g
const SSN = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g
const PHONE =
	/(?<![\w+./-])(?:\+\d{1,3}[ .-]?|00\d{1,3}[ .-])?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,8}){0,5}(?:[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6})?(?![\w/]|[.-]\d)/gi
const PLUS_PHONE = /(?<![\w+])\+\d{7,15}(?!\d)/g
const LONG_NUMBER = /(?<![\w.,/+-])\d{6,24}(?![\w/]|[.,]\d)/g
const ALNUM_CODE = /(?<![\w-])(?=[A-Za-z-]{0,40}\d)[A-Za-z0-9][A-Za-z0-9-]{5,40}(?![\w-])/g
/** A vehicle identification number: 17 characters, no I, O or Q (ISO 3779). */
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/
const IBAN = /(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\w])/g
const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|bmp|tiff?|heic|webp|dcm)(?![\w])/gi
const DATA_IMAGE = /data:image\/[a-z+.-]{1,20};base64,[A-Za-z0-9+/=]{8,}/gi

const LABELLED = new RegExp(
	'\\b(mrn|medical record(?: number| no\\.?| #)?|record (?:number|no\\.?|#)|chart (?:number|no\\.?|#)|patient id|' +
		'acct|account(?: number| no\\.?| #)?|member(?: id| number| no\\.?| #)?|policy(?: number| no\\.?| #)?|' +
		'subscriber(?: id| number)?|group (?:number|no\\.?|#)|medicaid(?: id| number| #)?|medicare(?: id| number| #)?|' +
		'insurance (?:id|number|#)|plan (?:id|number|#)|license plate|licence plate|licen[cs]e(?: number| no\\.?| #)?|dl ?(?:#|no\\.?|number)|dea(?: number| #)?|npi|' +
		'certificate(?: number| no\\.?)?|vin|license plate|licence plate|plate(?: number| no\\.?)?|serial(?: number| no\\.?| #)?|' +
		's\\/n|udi|device (?:id|identifier|serial)|imei|ssn|social security(?: number| no\\.?)?|' +
		'fingerprint(?: id| template| hash)?|voiceprint(?: id)?|voice print(?: id)?|retina(?:l)? scan(?: id)?|' +
		'iris scan(?: id)?|biometric(?: id| template| hash)?|face id|card(?: number| no\\.?| #)?|iban)' +
		'\\b[\\s:#.=-]{0,4}(?:(?:is|was|of|number|no|id)[\\s:#.=-]{1,3}){0,2}([A-Za-z0-9][A-Za-z0-9-]{2,40})',
	'gi',
)

function labelOfKeyword(keyword: string): IdentifierLabel {
	const k = keyword.toLowerCase()
	if (/\bplate\b|\bvin\b/.test(k)) return 'VEHICLE'
	return contextLabel(k) ?? 'OTHER_ID'
}

const MONTH =
	'(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const TIME =
	'(?:[T ,]{1,2}(?:at )?\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?: ?[ap]\\.?m\\.?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?'
const ISO_DATE = new RegExp(`(?<!\\d)(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})${TIME}(?!\\d)`, 'gi')
const NUMERIC_DATE = new RegExp(
	`(?<![\\d/.-])(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/-]|\\.\\d)${TIME}`,
	'gi',
)
const SHORT_DATE = /(?<![\d/.-])(\d{1,2})\/(\d{1,2})(?![\d/]|\.\d)/g
const MONTH_DAY = new RegExp(
	`\\b(${MONTH})\\.? {0,3}(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? {0,3}(\\d{4})\\b)?`,
	'gi',
)
const DAY_MONTH = new RegExp(
	`\\b(\\d{1,2})(?:st|nd|rd|th)? {0,3}(?:of {1,3})?(${MONTH})\\b\\.?(?:,? {0,3}(\\d{4})\\b)?`,
	'gi',
)
const MONTH_YEAR = new RegExp(`\\b(${MONTH})\\.?,? {0,3}(?:of {1,3})?(\\d{4})\\b`, 'gi')
const MONTH_ALONE =
	/\b(?:January|February|March|April|June|July|August|September|October|November|December|january|february|september|october|november|december)\b/g
const WEEKDAY = /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/gi
const HOLIDAY =
	/\b(?:christmas(?: eve| day)?|thanksgiving|easter|new year'?s(?: eve| day)?|halloween|independence day|valentine'?s day|memorial day|labor day)\b/gi
const BIRTH_YEAR = /\b(?:born|birth|dob|d\.o\.b\.?|yob)\b[^\n\d]{0,20}(\d{4})\b/gi
const AGE_OVER_89 =
	/(?<![\d.])(?:9\d|1[0-4]\d)(?: {0,2}|-)(?:years?|yrs?|yo\b|y\.o\.?|y\/o)(?:[ -]{0,2}old)?/gi
const AGE_PHRASE_OVER_89 =
	/\b(?:age[ds]?|aged|turned|turning)(?: {1,3}of)?:? {0,3}(?:9\d|1[0-4]\d)(?![\d.])/gi

function plausibleDay(month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

const add = (
	out: Candidate[],
	start: number,
	end: number,
	label: IdentifierLabel,
	confidence: number,
	uncertain?: UncertainReason,
) => {
	if (end > start)
		out.push(
			uncertain ? { start, end, label, confidence, uncertain } : { start, end, label, confidence },
		)
}

function trimUrl(s: string): string {
	return s.replace(/[.,;:!?)\]}'"]+$/, '')
}

/** All pattern candidates in `text`. */
export function patternCandidates(text: string): Candidate[] {
	const out: Candidate[] = []

	// cheap tests first: most texts hold no '@', no '::', no IBAN-shaped run
	const hasAt = text.includes('@')
	const hasColonPair = /[0-9A-Fa-f]:[0-9A-Fa-f:]/.test(text)
	if (hasAt) {
		for (const m of text.matchAll(EMAIL)) add(out, m.index, m.index + m[0].length, 'EMAIL', 0.99)
	}
	for (const m of text.matchAll(URL_SCHEME)) {
		const s = trimUrl(m[0])
		add(out, m.index, m.index + s.length, 'URL', 0.95)
	}
	for (const m of text.matchAll(BARE_DOMAIN)) {
		const s = trimUrl(m[0])
		// "e.g" / "a.m" style abbreviations have one-letter parts; real host names do not.
		if (/^(?:[a-z]\.)+[a-z]{2}$/i.test(s)) continue
		add(out, m.index, m.index + s.length, 'URL', 0.8)
	}
	for (const m of text.matchAll(IPV4)) add(out, m.index, m.index + m[0].length, 'IP', 0.95)
	for (const m of hasColonPair ? text.matchAll(IPV6) : []) {
		if (ipv6Valid(m[0])) add(out, m.index, m.index + m[0].length, 'IP', 0.9)
	}
	for (const m of text.matchAll(SSN)) {
		const context = before(text, m.index, 40)
		const label = contextLabel(context)
		const chosen: IdentifierLabel = label && label !== 'PHONE' && label !== 'FAX' ? label : 'SSN'
		add(out, m.index, m.index + m[0].length, chosen, m[1] === '-' ? 0.95 : 0.8)
	}

	phones(text, out)

	for (const m of text.matchAll(PLUS_PHONE)) add(out, m.index, m.index + m[0].length, 'PHONE', 0.9)

	for (const m of text.matchAll(LONG_NUMBER)) {
		const digits = m[0]
		const context = before(text, m.index, 40)
		const label = contextLabel(context)
		const next = after(text, m.index + digits.length, 8)
		let chosen: IdentifierLabel | null = label
		if (!chosen && /^\s*-?\s*fax/.test(next)) chosen = 'FAX'
		if (!chosen && /^\s*-?\s*(office|mobile|cell|home|work)/.test(next)) chosen = 'PHONE'
		if (!chosen) {
			if (digits.length < 7) continue
			if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) chosen = 'ACCOUNT'
			else chosen = 'OTHER_ID'
		}
		add(out, m.index, m.index + digits.length, chosen, label ? 0.95 : 0.8)
	}

	for (const m of /[A-Z]{2}\d{2}/.test(text) ? text.matchAll(IBAN) : []) {
		if (ibanValid(m[0])) add(out, m.index, m.index + m[0].length, 'ACCOUNT', 0.97)
	}
	for (const m of text.matchAll(ALNUM_CODE)) {
		const s = m[0]
		const digitCount = digitsOf(s).length
		if (digitCount < 4 || !/[A-Za-z]/.test(s)) continue
		// quantities with units ("1000mg", "2500-units") and dates are not codes
		if (
			/^\d+-?(?:mg|mcg|ug|ml|mls|kg|g|gm|mmol|meq|units?|iu|hrs?|mins?|mm|cm|km|lbs?|oz|am|pm|th|st|nd|rd|s)$/i.test(
				s,
			)
		)
			continue
		if (/^\d{4}-\d{2}-\d{2}/.test(s)) continue
		const label = contextLabel(before(text, m.index, 40))
		const vin = !label && VIN.test(s) && /[A-Z]/.test(s)
		add(
			out,
			m.index,
			m.index + s.length,
			label ?? (vin ? 'VEHICLE' : 'OTHER_ID'),
			label ? 0.9 : vin ? 0.8 : 0.75,
		)
	}
	for (const m of text.matchAll(LABELLED)) {
		const keyword = m[1] ?? ''
		const value = m[2] ?? ''
		if (!/\d/.test(value)) continue
		const start = m.index + m[0].length - value.length
		add(out, start, start + value.length, labelOfKeyword(keyword), 0.95)
	}
	// image files: find the extension, then walk back over the file name
	for (const m of text.matchAll(IMAGE_EXTENSION)) {
		let start = m.index
		while (start > 0 && start > m.index - 120 && /[\w.-]/.test(text[start - 1] ?? '')) start--
		if (start < m.index) add(out, start, m.index + m[0].length, 'PHOTO', 0.8)
	}
	if (text.includes('data:image/')) {
		for (const m of text.matchAll(DATA_IMAGE))
			add(out, m.index, m.index + m[0].length, 'PHOTO', 0.95)
	}

	dates(text, out)
	return out
}

function phones(text: string, out: Candidate[]): void {
	for (const m of text.matchAll(PHONE)) {
		const s = m[0]
		const start = m.index
		const end = start + s.length
		if (!/[ .()-]/.test(s.replace(/^\+/, ''))) continue // one unbroken run: LONG_NUMBER's job
		const digits = digitsOf(s)
		if (digits.length < 7 || digits.length > 19) continue
		// a decimal ("12.5") or a dotted version is not a phone number
		if (/^\d{1,3}\.\d{1,3}$/.test(s)) continue
		const ctxBefore = before(text, start, 30)
		const ctxAfter = after(text, end, 12)
		const label = contextLabel(ctxBefore)
		if (/fax/.test(ctxBefore.slice(-16)) || /^\s*-?\s*fax/.test(ctxAfter)) {
			add(out, start, end, 'FAX', 0.9)
			continue
		}
		if (label && label !== 'PHONE') {
			add(out, start, end, label, 0.9)
			continue
		}
		if (
			label === 'PHONE' ||
			/(registered|answering|reach|dial|ring|whatsapp|number|\bph\b|#|\bat|\bon)\W*$/.test(
				ctxBefore,
			) ||
			/^\s*-?\s*(office|mobile|cell|home|work|desk)/.test(ctxAfter)
		) {
			add(out, start, end, 'PHONE', 0.9)
			continue
		}
		if (/^(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}(?:.*)?$/.test(s)) {
			add(out, start, end, 'PHONE', 0.85)
			continue
		}
		if (digits.length >= 13 && luhnValid(digits)) {
			add(out, start, end, 'ACCOUNT', 0.85)
			continue
		}
		if (/^\+/.test(s)) {
			add(out, start, end, 'PHONE', 0.85)
			continue
		}
		const groups = s.split(/[ .()-]+/).filter(Boolean)
		// runs of small numbers ("102 24 18") are lab values more often than phone numbers
		if (groups.length >= 3 && groups.every((g) => g.length <= 3) && digits.length <= 8) continue
		add(out, start, end, 'PHONE', 0.5, UNCERTAIN_REASONS.possiblePhone)
	}
}

function dates(text: string, out: Candidate[]): void {
	for (const m of text.matchAll(ISO_DATE)) {
		const y = Number(m[1])
		if (y < 1800 || y > 2199 || !plausibleDay(Number(m[2]), Number(m[3]))) continue
		add(out, m.index, m.index + m[0].length, 'DATE', 0.95)
	}
	for (const m of text.matchAll(NUMERIC_DATE)) {
		const a = Number(m[1])
		const b = Number(m[3])
		if (!plausibleDay(a, b) && !plausibleDay(b, a)) continue
		add(out, m.index, m.index + m[0].length, 'DATE', 0.9)
	}
	for (const m of text.matchAll(SHORT_DATE)) {
		const a = Number(m[1])
		const b = Number(m[2])
		if (!plausibleDay(a, b)) continue
		const context = before(text, m.index, 16)
		if (
			!/(\bon|since|from|until|till|through|thru|dated|date|dob|born|seen|admitted|discharged|visit|before|after|by|of)\W{0,3}$/.test(
				context,
			)
		)
			continue
		add(out, m.index, m.index + m[0].length, 'DATE', 0.8)
	}
	for (const re of [MONTH_DAY, DAY_MONTH]) {
		for (const m of text.matchAll(re)) {
			const s = m[0]
			const monthWord = re === MONTH_DAY ? (m[1] ?? '') : (m[2] ?? '')
			const day = Number(re === MONTH_DAY ? m[2] : m[1])
			if (day < 1 || day > 31) continue
			const year = m[3]
			// "may" and "march" are verbs too: only with a year, or capitalised
			if (/^(may|mar|march)$/.test(monthWord) && !year) continue
			add(out, m.index, m.index + s.length, 'DATE', 0.9)
		}
	}
	for (const m of text.matchAll(MONTH_YEAR)) {
		const y = Number(m[2])
		if (y < 1800 || y > 2199) continue
		add(out, m.index, m.index + m[0].length, 'DATE', 0.85)
	}
	for (const m of text.matchAll(MONTH_ALONE)) add(out, m.index, m.index + m[0].length, 'DATE', 0.6)
	for (const m of text.matchAll(WEEKDAY)) add(out, m.index, m.index + m[0].length, 'DATE', 0.6)
	for (const m of text.matchAll(HOLIDAY)) add(out, m.index, m.index + m[0].length, 'DATE', 0.75)
	for (const m of text.matchAll(BIRTH_YEAR)) {
		const year = m[1] ?? ''
		const start = m.index + m[0].length - year.length
		add(out, start, start + year.length, 'DATE', 0.9)
	}
	for (const m of text.matchAll(AGE_OVER_89)) add(out, m.index, m.index + m[0].length, 'DATE', 0.9)
	for (const m of text.matchAll(AGE_PHRASE_OVER_89))
		add(out, m.index, m.index + m[0].length, 'DATE', 0.9)
}
