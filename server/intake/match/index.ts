/**
 * Fax intake's patient matching (issue 17, ADR 036): what a fax says about whom it concerns
 * (extract), the patients worth comparing (candidates: blocking on the system path `intake`),
 * and Fellegi–Sunter scores graded as FHIR $match does (score).
 */
export { extractDemographics, parseName } from './extract.ts'
export { findCandidateRecords, BLOCKING_LIMITS } from './candidates.ts'
export {
	scoreCandidates,
	MATCH_PROBABILITIES,
	GRADE_THRESHOLDS,
	NAME_SIMILARITY,
	weightOf,
} from './score.ts'
export { MATCH_GRADES, EVIDENCE_OUTCOMES, DEMOGRAPHIC_FIELDS } from './types.ts'
export type {
	Candidate,
	DemographicField,
	DemographicSpan,
	Demographics,
	Evidence,
	EvidenceField,
	EvidenceOutcome,
	Extraction,
	MatchGrade,
	PatientRecord,
} from './types.ts'
