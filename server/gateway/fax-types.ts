/**
 * The fax document types (DESIGN.md, "Fax document types"): the labels the gateway's
 * `classifyDocument` proposes for an incoming fax, in the order of the local model's outputs
 * (decision 037). Imports nothing, so intake, evaluation and the trainer can all use it; the
 * mapping of each type to a chart document type belongs to intake (server/intake/fax-types.ts).
 */
export const FAX_TYPES = {
	referral: 'referral',
	consultNote: 'consult_note',
	historyAndPhysical: 'history_and_physical',
	progressNote: 'progress_note',
	dischargeSummary: 'discharge_summary',
	labResult: 'lab_result',
	imagingReport: 'imaging_report',
	priorAuthorization: 'prior_authorization',
	pharmacyRequest: 'pharmacy_request',
	recordsRequest: 'records_request',
	insuranceCorrespondence: 'insurance_correspondence',
	junk: 'junk',
} as const
export type FaxType = (typeof FAX_TYPES)[keyof typeof FAX_TYPES]
export const FAX_TYPE_VALUES: readonly FaxType[] = Object.values(FAX_TYPES)

export function isFaxType(value: unknown): value is FaxType {
	return typeof value === 'string' && (FAX_TYPE_VALUES as readonly string[]).includes(value)
}
