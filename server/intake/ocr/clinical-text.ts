/**
 * Conservative clinical clean-up of OCR text: the few confusions tesseract makes in lab values
 * that change what a number or a unit means, and nothing else. Words are never "spell-checked":
 * a wrong correction in a chart is worse than an OCR slip a person can see.
 *
 * Every rule replaces characters one for one, so the output has the same length as the input and
 * a character offset means the same place in both (word boxes and demographic spans found in the
 * corrected text point at the same characters of the raw text). The rules:
 *
 * 1. **A1c.** `Alc`, `AIc`, `A|c`, `A1C` (also after `Hb`) become `A1c` when a value follows
 *    (`Alc 7.2`, `A1C: 6.9%`, `HbAlc <5.7`): a decimal, a percentage, or a comparison. `Alc` alone,
 *    or before a whole number (`Alc 2 drinks`), is left alone: it may mean alcohol.
 * 2. **Digits inside numbers.** In a token made only of digits, `O`/`o`, `l`/`I`, `.` and `,`
 *    (so never inside a word: `5Omg`, `Hemoglobin`, `O2 sat` are untouched), that begins with a
 *    digit (or holds at least two digits in three or more characters): `O`/`o` → `0` anywhere
 *    (`1O.2` → `10.2`, `7.O%` → `7.0%`); `l`/`I` → `1` only where a digit, a confusable digit or a
 *    decimal point follows, or a decimal point after a digit precedes (`l2.5` → `12.5`, `5.l` → `5.1`),
 *    never at the end of a whole number, where it may be a unit (`10l`, litres). A `|` is left
 *    alone here: between numbers it is more often a table rule than a one.
 * 3. **Units.** Lab units whose letters tesseract confuses (`mg/dl`, `mg/dI`, `mmoI/L`, `mEq/l`,
 *    `ng/ml`, `U/l`, …) become their usual spelling (`mg/dL`, `mmol/L`, `mEq/L`, `ng/mL`, `U/L`). A unit
 *    written in capitals throughout (`MG/DL`) is a style, not a slip, and is kept.
 */
export function correctClinicalText(text: string): string {
	return fixUnits(fixA1c(fixDigitTokens(text)))
}

// `Hb` prefix kept; A, then l/I/1/| (the digit one), then c/C; a value after it.
const A1C =
	/(?<![A-Za-z0-9])(Hb)?A[lI1|][cC](?![A-Za-z0-9])(?=\s*[:=]?\s*(?:[<>≤≥]\s*)?(?:\d+[.,]\d|\d+(?:[.,]\d+)?\s*%))/g

function fixA1c(text: string): string {
	return text.replace(A1C, (_match, hb: string | undefined) => `${hb ?? ''}A1c`)
}

/** A token of digits and the letters tesseract reads for them; bounded by anything else. */
const DIGIT_TOKEN = /(?<![A-Za-z0-9])[0-9OolI.,]+(?![A-Za-z0-9])/g
const CONFUSABLE_ONE = /[lI]/
const REAL_DIGIT = /[0-9]/

function fixDigitTokens(text: string): string {
	return text.replace(DIGIT_TOKEN, (token) => {
		const digits = [...token].filter((c) => REAL_DIGIT.test(c)).length
		if (digits === 0 || !/[OolI]/.test(token)) return token
		const startsWithDigit = REAL_DIGIT.test(token[0] ?? '')
		if (!startsWithDigit && !(digits >= 2 && token.length >= 3)) return token
		const chars = [...token]
		const isDigitLike = (c: string | undefined) => c !== undefined && /[0-9OolI]/.test(c)
		return chars
			.map((c, i) => {
				if (c === 'O' || c === 'o') return '0'
				if (!CONFUSABLE_ONE.test(c)) return c
				const next = chars[i + 1]
				const before = chars[i - 1]
				const beforeThat = chars[i - 2]
				const digitFollows = isDigitLike(next) || (next === '.' && isDigitLike(chars[i + 2]))
				const afterDecimal = before === '.' && isDigitLike(beforeThat)
				return digitFollows || afterDecimal ? '1' : c
			})
			.join('')
	})
}

/** The usual spellings of lab units whose letters tesseract confuses. */
export const CLINICAL_UNITS = [
	'mg/dL',
	'g/dL',
	'ug/dL',
	'ng/dL',
	'mmol/L',
	'umol/L',
	'nmol/L',
	'mEq/L',
	'ng/mL',
	'pg/mL',
	'mIU/mL',
	'uIU/mL',
	'IU/L',
	'U/L',
	'mL/min',
	'cells/uL',
] as const

/** A unit's letters with l, I, 1 and | folded together and the case ignored. */
const foldUnit = (unit: string) => unit.toLowerCase().replace(/[i1|]/g, 'l')

const UNITS_BY_FOLD = new Map(CLINICAL_UNITS.map((u) => [foldUnit(u), u]))
const UNIT_TOKEN = /(?<![A-Za-z/|])[A-Za-z][A-Za-z|1]{0,4}\/[A-Za-z|1]{1,3}(?![A-Za-z0-9/])/g

function fixUnits(text: string): string {
	return text.replace(UNIT_TOKEN, (token) => {
		const unit = UNITS_BY_FOLD.get(foldUnit(token))
		if (!unit || unit === token) return token
		// All capitals (MG/DL) is how some labs print units: a style, kept.
		if (token === token.toUpperCase() && /[A-Z]/.test(token) && !/[1|]/.test(token)) return token
		return unit
	})
}
