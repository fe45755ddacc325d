/**
 * The vocabulary of the de-identification detector: the 18 identifier types of HIPAA Safe Harbor
 * (45 CFR 164.514(b)(2)(i)(A)–(R)), one label each, and the reasons a region can be uncertain.
 */
export const SAFE_HARBOR = {
	/** (A) Names of the patient, relatives, employers or household members. */
	NAME: 'NAME',
	/** (B) Geographic subdivisions smaller than a state: street address, city, county, ZIP code. */
	GEOGRAPHIC: 'GEOGRAPHIC',
	/** (C) All elements of dates except the year (birth, admission, discharge, death); ages over 89. */
	DATE: 'DATE',
	/** (D) Telephone numbers. */
	PHONE: 'PHONE',
	/** (E) Fax numbers. */
	FAX: 'FAX',
	/** (F) Email addresses. */
	EMAIL: 'EMAIL',
	/** (G) Social Security numbers. */
	SSN: 'SSN',
	/** (H) Medical record numbers. */
	MRN: 'MRN',
	/** (I) Health plan beneficiary numbers. */
	HEALTH_PLAN: 'HEALTH_PLAN',
	/** (J) Account numbers (bank, card, billing). */
	ACCOUNT: 'ACCOUNT',
	/** (K) Certificate and license numbers. */
	LICENSE: 'LICENSE',
	/** (L) Vehicle identifiers and serial numbers, including license plates. */
	VEHICLE: 'VEHICLE',
	/** (M) Device identifiers and serial numbers. */
	DEVICE: 'DEVICE',
	/** (N) Web URLs. */
	URL: 'URL',
	/** (O) IP addresses. */
	IP: 'IP',
	/** (P) Biometric identifiers, including finger and voice prints. */
	BIOMETRIC: 'BIOMETRIC',
	/** (Q) Full-face photographs and comparable images. */
	PHOTO: 'PHOTO',
	/** (R) Any other unique identifying number, characteristic or code. */
	OTHER_ID: 'OTHER_ID',
} as const
export type IdentifierLabel = (typeof SAFE_HARBOR)[keyof typeof SAFE_HARBOR]

export const IDENTIFIER_LABELS: readonly IdentifierLabel[] = Object.values(SAFE_HARBOR)

export function isIdentifierLabel(value: unknown): value is IdentifierLabel {
	return typeof value === 'string' && (IDENTIFIER_LABELS as readonly string[]).includes(value)
}

/** Why a region is uncertain rather than a detection. */
export const UNCERTAIN_REASONS = {
	/** A capitalised word (or run of them) that is in no word list: perhaps a name or a place. */
	unknownCapitalized: 'UNKNOWN_CAPITALIZED',
	/** A place-like word after a preposition ("flew to Ryssby"), not confirmed by an address. */
	possiblePlace: 'POSSIBLE_PLACE',
	/** A run of digits shaped like a phone number, with no telephone context. */
	possiblePhone: 'POSSIBLE_PHONE',
	/** A code mixing letters and digits that may be a record or account number. */
	possibleCode: 'POSSIBLE_CODE',
} as const
export type UncertainReason = (typeof UNCERTAIN_REASONS)[keyof typeof UNCERTAIN_REASONS]

/** A detected identifier: `text.slice(start, end)` is removed before the text leaves. */
export type DetectedSpan = {
	start: number
	end: number
	label: IdentifierLabel
	/** 0..1, how sure the rule that found it is; informational, every span is removed. */
	confidence: number
}

/** A region that might be an identifier: policy decides whether it refuses the call or is removed. */
export type UncertainRegion = DetectedSpan & { reason: UncertainReason }

export type Detection = {
	/** Sorted by start, non-overlapping. */
	spans: DetectedSpan[]
	/** Sorted by start, non-overlapping, and overlapping no span. */
	uncertain: UncertainRegion[]
}
