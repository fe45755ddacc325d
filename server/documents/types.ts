import type { DocumentType } from '#db/schema/documents.ts'

/**
 * A chart document as the documents service takes it: already parsed (the loaders of ingest/,
 * and later fax intake, make these), made of sections, each section carrying the FHIR resource
 * ids its text came from, so a chunk (and so a citation) can name them. Pure data; no rows.
 */

/** A part of a document: the chunker never merges text across sections of different headings unless they are small, and a chunk's FHIR ids are the union of its sections' ids. */
export type DocumentSection = {
	heading: string | null
	text: string
	fhirIds: string[]
	/** ISO date of the newest fact in it. */
	date: string | null
}

export type DocumentInput = {
	/** 'fhir' for FHIR data, 'ccda', 'file'. */
	sourceSystem: string
	/** Stable across re-loads: 'DocumentReference/<id>', 'Patient/<pid>/problem-list', 'Encounter/<id>', 'ccda:<root>^<ext>', 'file:<basename>'. */
	sourceId: string
	type: DocumentType
	title: string
	/** ISO 8601. */
	authoredAt: string | null
	/** At least one. */
	sections: DocumentSection[]
	/** Union of the sections' ids (+ the document's own resource id). */
	fhirIds: string[]
}

/** The text stored for a document: its sections as "heading\n\ntext", a blank line between. */
export function documentText(doc: DocumentInput): string {
	return doc.sections.map((s) => (s.heading ? `${s.heading}\n\n${s.text}` : s.text)).join('\n\n')
}
