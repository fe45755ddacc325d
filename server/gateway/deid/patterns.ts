import { addCandidate as add, type Candidate } from './candidate.ts'
import { ibanValid, ipv6Valid, luhnValid } from './checksums.ts'
import { dates } from './dates.ts'
import type { IdentifierLabel } from './labels.ts'
import { after, before, contextLabel, LABELLED, labelOfKeyword } from './number-context.ts'
import { phones } from './phones.ts'

export type { Candidate } from './candidate.ts'
export { ibanValid, ipv6Valid, luhnValid } from './checksums.ts'

/**
 * The pattern recognizers: identifiers with a shape (email, URL, IP, SSN, phone, card and record
 * numbers, dates, ages over 89, labelled fields such as "MRN: …", image files). Every expression
 * is linear in the text: bounded repetitions, and each unbounded run is anchored by a lookbehind
 * on its own character class so it is tried once per run, not once per character. An expression
 * that a cheap test shows cannot match (no "://", no ".com") is skipped, and codes are found by a
 * scan from digit to digit. Phone numbers are in `phones.ts`, dates in `dates.ts`, the words that
 * label a number in `number-context.ts`, check digits in `checksums.ts`.
 */

const EMAIL =
	/(?<![\w.%+-])[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g
const URL_SCHEME = /(?<![\w@])(?:(?:https?|ftp|sftp):\/\/|www\.)[^\s<>"'`]{1,2000}/gi
const TLDS =
	'com|org|net|edu|gov|mil|int|io|info|biz|co|us|uk|ca|de|fr|es|it|nl|se|dk|no|fi|be|ch|at|au|nz|jp|cn|in|br|mx|ru|pl|cz|hu|gr|pt|ie|eu|si|sk|ro|bg|hr|ee|lv|lt|is|lu|health|care|app|dev|ai|me|tv|ly'
const BARE_DOMAIN = new RegExp(
	`(?<![\\w@.-])(?:[A-Za-z0-9-]{1,63}\\.){1,5}(?:${TLDS})(?:\\/[^\\s<>"']{0,500})?(?![\\w-])`,
	'gi',
)
/**
 * What every BARE_DOMAIN match holds: a dot, a top-level domain, then a path or the end of the
 * name. Text without it (most clinical text) skips the costlier expression.
 */
const DOMAIN_END = new RegExp(`\\.(?:${TLDS})(?:\\/|(?![\\w-]))`, 'i')
const IPV4 =
	/(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g
/** Candidate IPv6 text (two colons or more); `ipv6Valid` decides. */
const IPV6 = /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g
const SSN = /(?<![\d-])\d{3}([- ])\d{2}\1\d{4}(?![\d-])/g
const PLUS_PHONE = /(?<![\w+])\+\d{7,15}(?!\d)/g
const LONG_NUMBER = /(?<![\w.,/+-])\d{6,24}(?![\w/]|[.,]\d)/g
/** A vehicle identification number: 17 characters, no I, O or Q (ISO 3779). */
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/
const IBAN = /(?<![\w])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\w])/g
const IMAGE_EXTENSION = /\.(?:jpe?g|png|gif|bmp|tiff?|heic|webp|dcm)(?![\w])/gi
const DATA_IMAGE = /data:image\/[a-z+.-]{1,20};base64,[A-Za-z0-9+/=]{8,}/gi

/** [A-Za-z0-9_-], the characters that bound a code (`\w` and the hyphen). */
function isCodeChar(c: number): boolean {
	return (
		(c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 95
	)
}

/**
 * Codes mixing letters and at least four digits ("A12B3456", "W-1234-X"): the matches of
 *   /(?<![\w-])(?=[A-Za-z-]{0,40}\d)[A-Za-z0-9][A-Za-z0-9-]{5,40}(?![\w-])/g
 * that hold four digits and a letter, found without the expression. Its matches are exactly the
 * maximal runs of [A-Za-z0-9_-] that have no underscore, do not start with a hyphen, are 6 to 41
 * characters long and hold a digit (the lookahead then always finds one within 40 characters).
 */
export function codeRuns(text: string): Array<[number, number]> {
	const runs: Array<[number, number]> = []
	// a run without a digit is never a code: jump from digit to digit and take the run around it
	const digit = /[0-9]/g
	for (let m = digit.exec(text); m !== null; m = digit.exec(text)) {
		let start = m.index
		while (start > 0 && isCodeChar(text.charCodeAt(start - 1))) start--
		let end = start
		let digits = 0
		let letter = false
		let underscore = false
		for (; end < text.length; end++) {
			const c = text.charCodeAt(end)
			if (!isCodeChar(c)) break
			if (c >= 48 && c <= 57) digits++
			else if (c === 95) underscore = true
			else if (c !== 45) letter = true
		}
		digit.lastIndex = end
		const length = end - start
		if (underscore || length < 6 || length > 41 || text.charCodeAt(start) === 45) continue
		if (digits >= 4 && letter) runs.push([start, end])
	}
	return runs
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
	const hasScheme = text.includes('://') || /www\./i.test(text)
	for (const m of hasScheme ? text.matchAll(URL_SCHEME) : []) {
		const s = trimUrl(m[0])
		add(out, m.index, m.index + s.length, 'URL', 0.95)
	}
	for (const m of DOMAIN_END.test(text) ? text.matchAll(BARE_DOMAIN) : []) {
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
	for (const [start, end] of codeRuns(text)) {
		const s = text.slice(start, end)
		// quantities with units ("1000mg", "2500-units") and dates are not codes
		if (
			/^\d+-?(?:mg|mcg|ug|ml|mls|kg|g|gm|mmol|meq|units?|iu|hrs?|mins?|mm|cm|km|lbs?|oz|am|pm|th|st|nd|rd|s)$/i.test(
				s,
			)
		)
			continue
		if (/^\d{4}-\d{2}-\d{2}/.test(s)) continue
		const label = contextLabel(before(text, start, 40))
		const vin = !label && VIN.test(s) && /[A-Z]/.test(s)
		add(out, start, end, label ?? (vin ? 'VEHICLE' : 'OTHER_ID'), label ? 0.9 : vin ? 0.8 : 0.75)
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
