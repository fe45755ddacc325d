/**
 * Helpers shared by the committed training and evaluation scripts (injection classifier,
 * document-type classifier, de-identification evaluation): a seeded generator, so every model
 * file rebuilds byte for byte, and an RFC 4180 CSV reader for the ACI-Bench files.
 */
export type Rng = () => number

/** mulberry32: a small, fast, seedable generator (uniform in [0, 1)). */
export function seededRng(seed: number): Rng {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** Parses RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsvRows(text: string): string[][] {
	const rows: string[][] = []
	let row: string[] = []
	let field = ''
	let quoted = false
	for (let i = 0; i < text.length; i++) {
		const c = text[i]
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"'
					i++
				} else quoted = false
			} else field += c
		} else if (c === '"') quoted = true
		else if (c === ',') {
			row.push(field)
			field = ''
		} else if (c === '\n' || c === '\r') {
			if (c === '\r' && text[i + 1] === '\n') i++
			row.push(field)
			rows.push(row)
			row = []
			field = ''
		} else field += c
	}
	if (field.length > 0 || row.length > 0) {
		row.push(field)
		rows.push(row)
	}
	return rows
}
