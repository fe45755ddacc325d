import { DOCUMENT_TYPES, type DocumentType } from '#db/schema/documents.ts'
import { FAX_TYPES, type FaxType } from '#db/schema/faxes.ts'

export { FAX_TYPES, FAX_TYPE_VALUES, type FaxType } from '#db/schema/faxes.ts'

/**
 * The chart document type a filed fax becomes. The four kinds of paperwork (authorizations,
 * pharmacy and records requests, insurance letters) have no clinical document type: they are
 * filed as `other`, their fax type kept in the title. Junk is never filed.
 */
export const CHART_TYPE_OF_FAX: Record<FaxType, DocumentType | null> = {
	[FAX_TYPES.referral]: DOCUMENT_TYPES.referral,
	[FAX_TYPES.consultNote]: DOCUMENT_TYPES.consult,
	[FAX_TYPES.historyAndPhysical]: DOCUMENT_TYPES.historyAndPhysical,
	[FAX_TYPES.progressNote]: DOCUMENT_TYPES.progressNote,
	[FAX_TYPES.dischargeSummary]: DOCUMENT_TYPES.dischargeSummary,
	[FAX_TYPES.labResult]: DOCUMENT_TYPES.labReport,
	[FAX_TYPES.imagingReport]: DOCUMENT_TYPES.radiologyReport,
	[FAX_TYPES.priorAuthorization]: DOCUMENT_TYPES.other,
	[FAX_TYPES.pharmacyRequest]: DOCUMENT_TYPES.other,
	[FAX_TYPES.recordsRequest]: DOCUMENT_TYPES.other,
	[FAX_TYPES.insuranceCorrespondence]: DOCUMENT_TYPES.other,
	[FAX_TYPES.junk]: null,
}

/** How a fax type reads on screens and in a filed document's title. */
export const FAX_TYPE_LABELS: Record<FaxType, string> = {
	[FAX_TYPES.referral]: 'Referral',
	[FAX_TYPES.consultNote]: 'Consult note',
	[FAX_TYPES.historyAndPhysical]: 'History and physical',
	[FAX_TYPES.progressNote]: 'Progress note',
	[FAX_TYPES.dischargeSummary]: 'Discharge summary',
	[FAX_TYPES.labResult]: 'Lab result',
	[FAX_TYPES.imagingReport]: 'Imaging report',
	[FAX_TYPES.priorAuthorization]: 'Prior authorization',
	[FAX_TYPES.pharmacyRequest]: 'Pharmacy request',
	[FAX_TYPES.recordsRequest]: 'Records request',
	[FAX_TYPES.insuranceCorrespondence]: 'Insurance correspondence',
	[FAX_TYPES.junk]: 'Junk',
}

export { isFaxType } from '../gateway/fax-types.ts'

/** The FHIR-style id a filed fax page's chunks carry, so a citation can open that page. */
export const faxPageRef = (faxId: string, page: number) => `Fax/${faxId}/page/${page}`

const FAX_PAGE_REF = /^Fax\/([0-9a-f-]{36})\/page\/([1-9][0-9]{0,3})$/

/** The fax and page a chunk's id names, or null when it names something else. */
export function parseFaxPageRef(ref: string): { faxId: string; page: number } | null {
	const m = FAX_PAGE_REF.exec(ref)
	return m ? { faxId: m[1]!, page: Number(m[2]) } : null
}
