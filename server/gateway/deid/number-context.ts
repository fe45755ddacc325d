import type { IdentifierLabel } from './labels.ts'

/**
 * The words that say what a number is: "SSN", "MRN", "member ID", "serial number", "fax" and
 * the like, either just before the number (`contextLabel`) or as the label of a field
 * ("MRN: 00123", `LABELLED`).
 */

/** Up to `n` characters before `index`, lower case. */
export function before(text: string, index: number, n: number): string {
	return text.slice(Math.max(0, index - n), index).toLowerCase()
}
/** Up to `n` characters from `index`, lower case. */
export function after(text: string, index: number, n: number): string {
	return text.slice(index, index + n).toLowerCase()
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
export function contextLabel(context: string): IdentifierLabel | null {
	let best: IdentifierLabel | null = null
	let bestIndex = -1
	for (const [re, label] of CONTEXT_LABELS) {
		// every match, as matchAll would find them (none of these expressions matches empty text)
		re.lastIndex = 0
		for (let m = re.exec(context); m !== null; m = re.exec(context)) {
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

/** A field label and its value: "MRN: 00123", "Member ID is W-123", "serial number 4471". */
export const LABELLED = new RegExp(
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

/** The label a field keyword gives its value. */
export function labelOfKeyword(keyword: string): IdentifierLabel {
	const k = keyword.toLowerCase()
	if (/\bplate\b|\bvin\b/.test(k)) return 'VEHICLE'
	return contextLabel(k) ?? 'OTHER_ID'
}
