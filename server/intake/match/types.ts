/**
 * The match contract (issue 17, ADR 036): what a fax says about whom it
 * concerns, the patient rows it is compared with, and the graded candidates.
 */

export type Demographics = {
	names: { given: string; family: string }[]
	/** ISO dates (YYYY-MM-DD). */
	birthDates: string[]
	mrns: string[]
	/** Ten digits (North American numbers, without the leading 1). */
	phones: string[]
	sex?: 'female' | 'male'
}

export const DEMOGRAPHIC_FIELDS = {
	name: 'name',
	birthDate: 'birthDate',
	mrn: 'mrn',
	phone: 'phone',
} as const
export type DemographicField = (typeof DEMOGRAPHIC_FIELDS)[keyof typeof DEMOGRAPHIC_FIELDS]

/** Where a value was read, as offsets into the text given (for highlighting on the review screen). */
export type DemographicSpan = { start: number; end: number; field: DemographicField }

export type Extraction = { demographics: Demographics; spans: DemographicSpan[] }

export type PatientRecord = {
	id: string
	givenName: string
	familyName: string
	/** YYYY-MM-DD */
	birthDate: string
	mrn: string
	sex: string
	/** Digits only, or null when the chart has none. */
	phone: string | null
}

/** FHIR $match's grades; a candidate below `possible` is not returned at all. */
export const MATCH_GRADES = {
	certain: 'certain',
	probable: 'probable',
	possible: 'possible',
} as const
export type MatchGrade = (typeof MATCH_GRADES)[keyof typeof MATCH_GRADES]

export const EVIDENCE_OUTCOMES = {
	agree: 'agree',
	partial: 'partial',
	disagree: 'disagree',
	missing: 'missing',
} as const
export type EvidenceOutcome = (typeof EVIDENCE_OUTCOMES)[keyof typeof EVIDENCE_OUTCOMES]

export type EvidenceField = DemographicField | 'sex'

export type Evidence = { field: EvidenceField; outcome: EvidenceOutcome; weight: number }

export type Candidate = {
	patientId: string
	/** The Fellegi–Sunter total: the sum of the evidence weights (log2 likelihood ratio). */
	score: number
	grade: MatchGrade
	evidence: Evidence[]
}
