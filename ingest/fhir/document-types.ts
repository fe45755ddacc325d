import type { DocumentType } from '#db/schema/documents.ts'

/** LOINC document codes → Chartside document types. */
const BY_LOINC: Record<string, DocumentType> = {
	'34117-2': 'history_and_physical',
	'11506-3': 'progress_note',
	'18842-5': 'discharge_summary',
	'57133-1': 'referral',
	'11488-4': 'consult',
	'11502-2': 'lab_report',
	'18748-4': 'radiology_report',
}

export function documentTypeFromLoinc(codes: ReadonlyArray<string | undefined>): DocumentType {
	for (const code of codes) {
		const type = code ? BY_LOINC[code] : undefined
		if (type) return type
	}
	return 'other'
}
