/**
 * OCR confuses O with 0 and l, I or | with 1. `repairDigits` returns a copy of the text of the
 * same length (so every offset still points into the original) in which each run of letters and
 * digits that holds at least one real digit and otherwise only those look-alikes is read as
 * digits: "1O/O3/1961" → "10/03/1961", "3l0922" → "310922", while "DEMO-100001" and "D0B" keep
 * their letters (their runs hold other letters).
 */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1' }

export function repairDigits(text: string): string {
	return text.replace(/[A-Za-z0-9|]+/g, (run) => {
		if (!/\d/.test(run) || !/^[0-9OolI|]+$/.test(run)) return run
		return run.replace(/[OolI|]/g, (c) => DIGIT_LOOKALIKES[c] ?? c)
	})
}

/**
 * The letters of a name token as OCR garbled them: in an all-capitals token 0 → O and 1, l, | → I
 * ("PATlENT", "J0NES"); in a lower-case context 0 → o and 1 → l ("J0hn", "Wi1son").
 */
export function repairNameToken(token: string): string {
	if (!/[01l|]/.test(token)) return token
	const letters = token.replace(/[01l|]/g, '')
	if (letters.length > 0 && letters === letters.toUpperCase())
		return token.replace(/0/g, 'O').replace(/[1l|]/g, 'I')
	return token.replace(/0/g, 'o').replace(/1/g, 'l').replace(/\|/g, 'l')
}

/**
 * A label written as a regular expression source that tolerates OCR's look-alikes:
 * each i may be read as l, 1 or |, each l as I, 1 or |, each o as 0; spaces may be doubled.
 */
export function fuzzyLabel(label: string): string {
	let out = ''
	for (const c of label) {
		if (c === 'i') out += '[iIl1|!]'
		else if (c === 'l') out += '[lLI1|]'
		else if (c === 'o') out += '[oO0]'
		else if (c === ' ') out += '\\s+'
		else out += c
	}
	return out
}
