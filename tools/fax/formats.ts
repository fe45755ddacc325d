import type { Rand } from './random.ts'

/** The several ways a fax writes a name, a date and a phone number. */
export type NameParts = { given: string; family: string; middle?: string }

export const NAME_FORMATS = [
	'LAST, FIRST', // SMITH, JOHN
	'LAST, FIRST M', // SMITH, JOHN A
	'Last, First', // Smith, John
	'First Last', // John Smith
	'First M. Last', // John A. Smith
	'Last First', // Smith John
	'FIRST LAST', // JOHN SMITH
	'Last, First M.', // Smith, John A.
] as const
export type NameFormat = (typeof NAME_FORMATS)[number]

export function formatName(p: NameParts, format: NameFormat): string {
	const m = p.middle ?? ''
	switch (format) {
		case 'LAST, FIRST':
			return `${p.family}, ${p.given}`.toUpperCase()
		case 'LAST, FIRST M':
			return `${p.family}, ${p.given}${m ? ` ${m}` : ''}`.toUpperCase()
		case 'Last, First':
			return `${p.family}, ${p.given}`
		case 'First Last':
			return `${p.given} ${p.family}`
		case 'First M. Last':
			return m ? `${p.given} ${m}. ${p.family}` : `${p.given} ${p.family}`
		case 'Last First':
			return `${p.family} ${p.given}`
		case 'FIRST LAST':
			return `${p.given} ${p.family}`.toUpperCase()
		case 'Last, First M.':
			return m ? `${p.family}, ${p.given} ${m}.` : `${p.family}, ${p.given}`
	}
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
]

export const DATE_FORMATS = [
	'MM/DD/YYYY',
	'M/D/YY',
	'M/D/YYYY',
	'YYYY-MM-DD',
	'Month D, YYYY',
	'DD-Mon-YYYY',
	'MM-DD-YYYY',
	'Mon D YYYY',
	'D Month YYYY',
	'MM.DD.YYYY',
] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

/** `iso` is YYYY-MM-DD. */
export function formatDate(iso: string, format: DateFormat): string {
	const [y = '', mm = '', dd = ''] = iso.split('-')
	const m = Number(mm)
	const d = Number(dd)
	const month = MONTHS[m - 1] ?? ''
	const mon = month.slice(0, 3)
	switch (format) {
		case 'MM/DD/YYYY':
			return `${mm}/${dd}/${y}`
		case 'M/D/YY':
			return `${m}/${d}/${y.slice(2)}`
		case 'M/D/YYYY':
			return `${m}/${d}/${y}`
		case 'YYYY-MM-DD':
			return iso
		case 'Month D, YYYY':
			return `${month} ${d}, ${y}`
		case 'DD-Mon-YYYY':
			return `${dd}-${mon}-${y}`
		case 'MM-DD-YYYY':
			return `${mm}-${dd}-${y}`
		case 'Mon D YYYY':
			return `${mon.toUpperCase()} ${d} ${y}`
		case 'D Month YYYY':
			return `${d} ${month} ${y}`
		case 'MM.DD.YYYY':
			return `${mm}.${dd}.${y}`
	}
}

export const PHONE_FORMATS = [
	'(AAA) BBB-CCCC',
	'AAA-BBB-CCCC',
	'AAA.BBB.CCCC',
	'AAABBBCCCC',
	'1-AAA-BBB-CCCC',
	'AAA BBB CCCC',
] as const
export type PhoneFormat = (typeof PHONE_FORMATS)[number]

/** `digits` is ten digits (a leading 1 or punctuation is dropped first). */
export function formatPhone(digits: string, format: PhoneFormat): string {
	const d = digits.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '')
	const a = d.slice(0, 3)
	const b = d.slice(3, 6)
	const c = d.slice(6, 10)
	switch (format) {
		case '(AAA) BBB-CCCC':
			return `(${a}) ${b}-${c}`
		case 'AAA-BBB-CCCC':
			return `${a}-${b}-${c}`
		case 'AAA.BBB.CCCC':
			return `${a}.${b}.${c}`
		case 'AAABBBCCCC':
			return `${a}${b}${c}`
		case '1-AAA-BBB-CCCC':
			return `1-${a}-${b}-${c}`
		case 'AAA BBB CCCC':
			return `${a} ${b} ${c}`
	}
}

export const MRN_LABELS = [
	'MRN',
	'MRN#',
	'MR#',
	'Medical Record No.',
	'Medical Record #',
	'Chart #',
	'Patient ID',
	'Pt ID',
	'Record Number',
] as const

export const DOB_LABELS = [
	'DOB',
	'D.O.B.',
	'Date of Birth',
	'Birth Date',
	'DOB/Age',
	'Birthdate',
] as const
export const NAME_LABELS = [
	'Patient',
	'Patient Name',
	'Name',
	'Pt Name',
	'PATIENT',
	'Member Name',
	'Re',
] as const
export const PHONE_LABELS = ['Phone', 'Tel', 'Home Phone', 'Ph', 'Contact #', 'Cell'] as const
export const SEX_LABELS = ['Sex', 'Gender', 'Sex/Gender'] as const

/** Whole years between two ISO dates. */
export function ageOn(birthIso: string, onIso: string): number {
	const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number]
	const [y, m, d] = onIso.split('-').map(Number) as [number, number, number]
	return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

/** ISO date `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
	const date = new Date(`${iso}T12:00:00Z`)
	date.setUTCDate(date.getUTCDate() + days)
	return date.toISOString().slice(0, 10)
}

export const pickDateFormat = (rng: Rand) => rng.pick(DATE_FORMATS)
