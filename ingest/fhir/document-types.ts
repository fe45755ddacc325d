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
	// Seen in the Synthea notes and the HL7 C-CDA examples. There is no emergency-note type:
	// Synthea writes its ED notes (34111-5) on the same template as its H&P notes (chief complaint,
	// history, social history, allergies, medications, plan), so they file as H&P.
	'34111-5': 'history_and_physical',
	'51847-2': 'progress_note', // Evaluation and plan note (Synthea's second code on every note)
	'11490-0': 'discharge_summary', // Physician discharge summary
	'34105-7': 'discharge_summary', // Hospital discharge summary
	'34847-4': 'consult', // Surgery consult note
	'11526-1': 'lab_report', // Pathology study
}

export function documentTypeFromLoinc(codes: ReadonlyArray<string | undefined>): DocumentType {
	for (const code of codes) {
		const type = code ? BY_LOINC[code] : undefined
		if (type) return type
	}
	return 'other'
}
