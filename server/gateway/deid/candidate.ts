import type { IdentifierLabel, UncertainReason } from './labels.ts'

/**
 * What every recognizer returns: a range of the text, its label and how sure the rule is, and a
 * reason when it is only a suspicion. `detect.ts` merges candidates into spans and regions.
 */
export type Candidate = {
	start: number
	end: number
	label: IdentifierLabel
	confidence: number
	/** Set when the candidate is only a suspicion. */
	uncertain?: UncertainReason
}

/** Adds a candidate unless it is empty. */
export function addCandidate(
	out: Candidate[],
	start: number,
	end: number,
	label: IdentifierLabel,
	confidence: number,
	uncertain?: UncertainReason,
): void {
	if (end > start)
		out.push(
			uncertain ? { start, end, label, confidence, uncertain } : { start, end, label, confidence },
		)
}
