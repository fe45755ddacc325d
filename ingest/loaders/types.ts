import type { DocumentType } from '#db/schema/documents.ts'
import type { Sex } from '#db/schema/patients.ts'

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
}

/** A part of a document: the chunker never merges text across sections of different headings unless they are small, and a chunk's FHIR ids are the union of its sections' ids. */
export type LoadedSection = {
	heading: string | null
	text: string
	fhirIds: string[]
	/** ISO date of the newest fact in it. */
	date: string | null
}

export type LoadedDocument = {
	/** 'fhir' for FHIR data, 'ccda', 'file'. */
	sourceSystem: string
	/** Stable across re-loads: 'DocumentReference/<id>', 'Patient/<pid>/problem-list', 'Encounter/<id>', 'ccda:<root>^<ext>', 'file:<basename>'. */
	sourceId: string
	type: DocumentType
	title: string
	/** ISO 8601. */
	authoredAt: string | null
	/** At least one. */
	sections: LoadedSection[]
	/** Union of the sections' ids (+ the document's own resource id). */
	fhirIds: string[]
}

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

/** The text stored for a document: its sections as "heading\n\ntext", a blank line between. */
export function documentText(doc: LoadedDocument): string {
	return doc.sections.map((s) => (s.heading ? `${s.heading}\n\n${s.text}` : s.text)).join('\n\n')
}
