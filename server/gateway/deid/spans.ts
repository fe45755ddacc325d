import type { Candidate } from './candidate.ts'

/** A labelled range of the text, how sure the rule that found it is, and why, when unsure. */
export type Span = Candidate

/** Start first; of two spans that start together, the longer first. */
export const byStart = (a: Span, b: Span) => a.start - b.start || b.end - a.end

/**
 * Union of overlapping spans, given sorted `byStart`: each union takes the label (and the reason,
 * when it has one) of its most confident member. One sweep, so linear. The detector merges its
 * findings with it, and `deidentify` the detector's spans with the placeholders already there.
 */
export function mergeOverlapping<T extends Span>(sorted: readonly T[]): T[] {
	const out: T[] = []
	for (const s of sorted) {
		const last = out[out.length - 1]
		if (last && s.start < last.end) {
			if (s.confidence > last.confidence) {
				last.label = s.label
				last.confidence = s.confidence
				if (s.uncertain) last.uncertain = s.uncertain
			}
			last.end = Math.max(last.end, s.end)
			continue
		}
		out.push({ ...s })
	}
	return out
}
