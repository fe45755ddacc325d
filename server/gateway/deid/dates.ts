import { addCandidate as add, type Candidate } from './candidate.ts'
import { before } from './number-context.ts'

/**
 * Dates, every element but the year (Safe Harbor keeps years): ISO and numeric dates, "3/14"
 * after a word such as "on" or "since", dates with a month name, months, weekdays and holidays,
 * years of birth, and ages over 89 ("93-year-old", "aged 91").
 */

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

export function dates(text: string, out: Candidate[]): void {
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
