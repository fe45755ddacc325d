import type { Sex } from '#db/schema/patients.ts'
import type { DocumentInput, DocumentSection } from '#server/documents/types.ts'

export { documentText } from '#server/documents/types.ts'

/**
 * What the chart loaders hand to the ingestion pipeline: per patient, readable documents made of
 * sections, each section carrying the FHIR resource ids its text came from, so a chunk (and so a
 * citation) can name them. Pure data; no database rows.
 */

export type LoadedPatient = {
	fhirId: string
	mrn: string | null
	givenName: string
	familyName: string
	/** YYYY-MM-DD; null when the source has no full birth date. */
	birthDate: string | null
	sex: Sex
	/** Digits only (a US number without its leading 1); null when the source has no phone. */
	phone: string | null
}

/** The documents themselves are the documents service's input type (server/documents/types.ts). */
export type LoadedSection = DocumentSection
export type LoadedDocument = DocumentInput

export type LoadedChart = {
	patient: LoadedPatient | null
	patientRef: { fhirId?: string; mrn?: string }
	documents: LoadedDocument[]
}

export type LoadResult = {
	charts: LoadedChart[]
	/** FHIR resources read (0 for text/pdf). */
	resources: number
}
