/**
 * The passage of a cited chunk that supports an answer sentence: the chunk's line or sentence
 * sharing the most words with it. Returned as three parts (before, passage, after) so the source
 * panel can mark it without building HTML.
 */
const WORD = /[a-z0-9]+(?:\.[0-9]+)?/g
const STOP = new Set([
	'the',
	'a',
	'an',
	'of',
	'and',
	'or',
	'to',
	'in',
	'on',
	'was',
	'is',
	'with',
	'for',
	'at',
	'by',
])
const words = (text: string) =>
	new Set((text.toLowerCase().match(WORD) ?? []).filter((w) => !STOP.has(w)))

export function supportingPassage(chunk: string, sentence: string): [string, string, string] {
	const wanted = words(sentence)
	let best = { start: 0, end: 0, score: 0 }
	// Lines first (structured chart text), sentences within long lines.
	for (const piece of pieces(chunk)) {
		const have = words(piece.text)
		let score = 0
		for (const w of have) if (wanted.has(w)) score++
		if (score > best.score)
			best = { start: piece.start, end: piece.start + piece.text.length, score }
	}
	if (best.score === 0) return [chunk, '', '']
	return [chunk.slice(0, best.start), chunk.slice(best.start, best.end), chunk.slice(best.end)]
}

function pieces(text: string): Array<{ start: number; text: string }> {
	const out: Array<{ start: number; text: string }> = []
	let offset = 0
	for (const line of text.split('\n')) {
		if (line.length <= 200) out.push({ start: offset, text: line })
		else {
			let at = 0
			for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z0-9])/)) {
				const start = line.indexOf(sentence, at)
				out.push({ start: offset + start, text: sentence })
				at = start + sentence.length
			}
		}
		offset += line.length + 1
	}
	return out
}
