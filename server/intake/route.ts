import { FAX_TYPES, ROUTE_REASONS, type FaxType, type RouteReason } from '#db/schema/faxes.ts'

/** What routing needs to know about a fax: the classifier's proposal and the match grades. */
export type RouteInput = {
	type: FaxType | null
	confidence: number | null
	grades: ('certain' | 'probable' | 'possible')[]
}

export type Route =
	| { kind: 'file'; reason: typeof ROUTE_REASONS.autoFiled }
	| { kind: 'review'; reason: Exclude<RouteReason, typeof ROUTE_REASONS.autoFiled> }

/**
 * Where a classified, matched fax goes (DESIGN.md, issue 17 "Route"). It files itself only when
 * exactly one patient matches `certain` and the type is confident and not junk; everything else
 * waits for a person, with the first reason that stopped it. A fax that matches nobody is never
 * given to the nearest patient: it waits with `no_match`.
 */
export function routeFax(input: RouteInput, minConfidence: number): Route {
	if (input.type === null || input.confidence === null)
		return { kind: 'review', reason: ROUTE_REASONS.analysisFailed }
	if (input.type === FAX_TYPES.junk) return { kind: 'review', reason: ROUTE_REASONS.junk }
	if (input.grades.length === 0) return { kind: 'review', reason: ROUTE_REASONS.noMatch }
	const certain = input.grades.filter((g) => g === 'certain').length
	if (certain !== 1) return { kind: 'review', reason: ROUTE_REASONS.matchNotCertain }
	if (input.confidence < minConfidence)
		return { kind: 'review', reason: ROUTE_REASONS.typeUncertain }
	return { kind: 'file', reason: ROUTE_REASONS.autoFiled }
}
