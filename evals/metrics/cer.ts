/**
 * Character error rate: the Levenshtein distance (insertions, deletions and substitutions, each
 * costing one) from the reference text to the hypothesis, divided by the reference's length. Both
 * are whitespace-normalized first (runs of spaces, tabs and newlines become one space; the ends
 * are trimmed), so line breaks and column gaps that OCR lays out differently do not count as
 * errors, while a missing space between two words does. Case and punctuation count.
 *
 * 0 is a perfect reading; it can exceed 1 when the hypothesis is much longer than the reference.
 * An empty reference gives 0 for an empty hypothesis and 1 for any other.
 */
export function characterErrorRate(reference: string, hypothesis: string): number {
	const ref = normalizeWhitespace(reference)
	const hyp = normalizeWhitespace(hypothesis)
	if (ref.length === 0) return hyp.length === 0 ? 0 : 1
	return levenshtein(ref, hyp) / ref.length
}

export function normalizeWhitespace(text: string): string {
	return text.replace(/\s+/g, ' ').trim()
}

/** Edit distance over UTF-16 code units, in O(|a|·|b|) time and O(|b|) memory. */
export function levenshtein(a: string, b: string): number {
	if (a === b) return 0
	if (a.length === 0) return b.length
	if (b.length === 0) return a.length
	let previous = new Uint32Array(b.length + 1)
	let current = new Uint32Array(b.length + 1)
	for (let j = 0; j <= b.length; j++) previous[j] = j
	for (let i = 1; i <= a.length; i++) {
		current[0] = i
		const ai = a.charCodeAt(i - 1)
		for (let j = 1; j <= b.length; j++) {
			const substitution = (previous[j - 1] ?? 0) + (ai === b.charCodeAt(j - 1) ? 0 : 1)
			const deletion = (previous[j] ?? 0) + 1
			const insertion = (current[j - 1] ?? 0) + 1
			current[j] = Math.min(substitution, deletion, insertion)
		}
		;[previous, current] = [current, previous]
	}
	return previous[b.length] ?? 0
}
