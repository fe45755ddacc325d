/**
 * Dates as faxes write them, read from OCR text whose digits have been repaired (ocr-text.ts).
 * US order first (MM/DD/YYYY); DD/MM only where the first number cannot be a month. A two-digit
 * year is put in the most recent century that does not place the date after `today` (a birth
 * date is never in the future).
 */

const MONTHS: Record<string, number> = {
	jan: 1,
	feb: 2,
	mar: 3,
	apr: 4,
	may: 5,
	jun: 6,
	jul: 7,
	aug: 8,
	sep: 9,
	sept: 9,
	oct: 10,
	nov: 11,
	dec: 12,
}
// O/0 confusion inside month names (0ct, N0v) is repaired before lookup.
const MONTH_WORD =
	'(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|[o0]ct(?:[o0]ber)?|n[o0]v(?:ember)?|dec(?:ember)?)'

export type FoundDate = { start: number; end: number; iso: string }

const PATTERNS: { regex: RegExp; read: (m: RegExpExecArray, today: Today) => string | null }[] = [
	// 1956-03-04, 1956/3/4
	{
		regex: /(?<![\d/.-])(\d{4}) ?[-/.] ?(\d{1,2}) ?[-/.] ?(\d{1,2})(?![\d/.-]*\d)/g,
		read: (m) => isoOf(Number(m[1]), Number(m[2]), Number(m[3])),
	},
	// 03/04/1956, 3-4-56, 03.04.1956
	{
		regex: /(?<![\d/.-])(\d{1,2}) ?([-/.]) ?(\d{1,2}) ?\2 ?(\d{4}|\d{2})(?![\d/]|[-.]\d)/g,
		read: (m, today) => {
			const a = Number(m[1])
			const b = Number(m[3])
			const year = fullYear(m[4] ?? '', today)
			if (a > 12 && b <= 12) return isoOf(year, b, a)
			return isoOf(year, a, b)
		},
	},
	// 4 Mar 1956, 04-MAR-1956, 17Aug1955, 4th of March 1956
	{
		regex: new RegExp(
			`(?<![\\w])(\\d{1,2})(?:st|nd|rd|th)?(?: of)?[ \\-/.]{0,2}(${MONTH_WORD})\\.?[ \\-/.,]{0,3}(\\d{4}|\\d{2})(?!\\d)`,
			'gi',
		),
		read: (m, today) => isoOf(fullYear(m[3] ?? '', today), monthOf(m[2] ?? ''), Number(m[1])),
	},
	// March 4, 1956; Mar. 4 1956; MAR-04-1956
	{
		regex: new RegExp(
			`(?<![\\w])(${MONTH_WORD})\\.?[ \\-/]{0,2}(\\d{1,2})(?:st|nd|rd|th)?[ ,\\-/.]{1,3}(\\d{4})(?!\\d)`,
			'gi',
		),
		read: (m) => isoOf(Number(m[3]), monthOf(m[1] ?? ''), Number(m[2])),
	},
]

export type Today = { year: number; iso: string }

export function todayOf(date: Date = new Date()): Today {
	return { year: date.getUTCFullYear(), iso: date.toISOString().slice(0, 10) }
}

/** Every date in `text`, in order, with its span. Overlapping readings keep the earliest, longest. */
export function findDates(text: string, today: Today): FoundDate[] {
	const found: FoundDate[] = []
	for (const { regex, read } of PATTERNS) {
		regex.lastIndex = 0
		for (let m = regex.exec(text); m; m = regex.exec(text)) {
			const iso = read(m, today)
			if (iso) found.push({ start: m.index, end: m.index + m[0].length, iso })
		}
	}
	found.sort((a, b) => a.start - b.start || b.end - a.end)
	const kept: FoundDate[] = []
	for (const d of found) {
		const last = kept[kept.length - 1]
		if (last && d.start < last.end) continue
		kept.push(d)
	}
	return kept
}

/** Eight digits after a birth-date label: MMDDYYYY or YYYYMMDD. */
export function readCompactDate(digits: string, today: Today): string | null {
	if (!/^\d{8}$/.test(digits)) return null
	const asIso = isoOf(
		Number(digits.slice(0, 4)),
		Number(digits.slice(4, 6)),
		Number(digits.slice(6)),
	)
	if (asIso && isPlausibleBirthDate(asIso, today)) return asIso
	return isoOf(Number(digits.slice(4)), Number(digits.slice(0, 2)), Number(digits.slice(2, 4)))
}

/** A real calendar day between 1900-01-01 and today. */
export function isPlausibleBirthDate(iso: string, today: Today): boolean {
	return iso >= '1900-01-01' && iso <= today.iso
}

function monthOf(word: string): number {
	const key = word.toLowerCase().replace(/0/g, 'o')
	return MONTHS[key.slice(0, key.startsWith('sept') ? 4 : 3)] ?? 0
}

function fullYear(digits: string, today: Today): number {
	const n = Number(digits)
	if (digits.length === 4) return n
	const century = Math.floor(today.year / 100) * 100
	return century + n > today.year ? century - 100 + n : century + n
}

function isoOf(year: number, month: number, day: number): string | null {
	if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 31) return null
	const date = new Date(Date.UTC(year, month - 1, day))
	if (date.getUTCMonth() !== month - 1) return null
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
