import type { Candidate } from './candidate.ts'
import type { DetectedSpan, Detection, UncertainRegion } from './labels.ts'
import { analysisText } from './ocr-text.ts'
import { patternCandidates } from './patterns.ts'
import { byStart, mergeOverlapping } from './spans.ts'
import { tokenRanges } from './token.ts'
import { wordCandidates } from './words.ts'

export {
	IDENTIFIER_LABELS,
	SAFE_HARBOR,
	UNCERTAIN_REASONS,
	type DetectedSpan,
	type Detection,
	type IdentifierLabel,
	type UncertainReason,
	type UncertainRegion,
} from './labels.ts'

/**
 * Finds the 18 Safe Harbor identifier types in `text` with rules: patterns and checksums for
 * identifiers with a shape, name lists, titles and cue words for names, a token scanner for
 * addresses. Recall comes before precision: overlapping findings are merged into their union, and
 * a capitalised word the rules cannot place is reported as `uncertain` rather than dropped.
 *
 * Placeholders already in the text (`[[NAME_1]]`, and the mangled forms `restore` accepts) are not
 * reported; `deidentify` replaces them itself.
 */
export function detectIdentifiers(text: string): Detection {
	if (typeof text !== 'string') throw new TypeError('detectIdentifiers takes a string')
	const masked = tokenRanges(text)
	// OCR-confused characters read by their neighbours, upper-case lines re-cased; same offsets
	const read = analysisText(text, masked)
	const patterns = patternCandidates(read)
	const candidates = outside(masked, [...patterns, ...wordCandidates(read, masked, patterns)])
	return resolve(candidates)
}

/** The candidates not wholly inside a placeholder (both lists sorted on the way; linear). */
function outside(
	masked: Array<{ start: number; end: number }>,
	candidates: Candidate[],
): Candidate[] {
	if (masked.length === 0) return candidates
	const sorted = [...candidates].sort(byStart)
	const out: Candidate[] = []
	let m = 0
	for (const c of sorted) {
		while (m < masked.length && (masked[m] as { end: number }).end <= c.start) m++
		const mask = masked[m]
		if (mask && c.start >= mask.start && c.end <= mask.end) continue
		out.push(c)
	}
	return out
}

/**
 * Merges overlapping candidates; an uncertain region that touches a detection becomes part of it.
 * Sorted sweeps only, so the cost stays linear in the number of candidates.
 */
function resolve(candidates: Candidate[]): Detection {
	const spans = mergeOverlapping(candidates.filter((c) => !c.uncertain).sort(byStart))
	const regions = mergeOverlapping(candidates.filter((c) => c.uncertain).sort(byStart))
	const unabsorbed: Candidate[] = []
	let j = 0
	for (const region of regions) {
		while (j < spans.length && (spans[j] as Candidate).end <= region.start) j++
		const hit = spans[j]
		if (hit && hit.start < region.end) {
			hit.start = Math.min(hit.start, region.start)
			hit.end = Math.max(hit.end, region.end)
		} else unabsorbed.push(region)
	}
	// an extended span may now reach its neighbour, or a region that was kept
	const merged = mergeOverlapping(spans.sort(byStart))
	const uncertain: UncertainRegion[] = []
	let k = 0
	for (const region of unabsorbed) {
		while (k < merged.length && (merged[k] as Candidate).end <= region.start) k++
		const hit = merged[k]
		if (hit && hit.start < region.end) continue
		uncertain.push({
			start: region.start,
			end: region.end,
			label: region.label,
			confidence: region.confidence,
			reason: region.uncertain ?? 'UNKNOWN_CAPITALIZED',
		})
	}
	const result: DetectedSpan[] = merged.map(({ start, end, label, confidence }) => ({
		start,
		end,
		label,
		confidence,
	}))
	return { spans: result, uncertain }
}
