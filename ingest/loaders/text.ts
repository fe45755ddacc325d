import type { DocumentType } from '#db/schema/documents.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import type { PatientOption } from './fhir-chart.ts'
import { pdfText } from './pdf.ts'
import { splitSections } from './sections.ts'
import type { LoadResult } from './types.ts'

/**
 * A text, markdown or PDF file → one document of the given patient (the file itself names no one
 * the loaders could trust), split into sections on its headings. sourceId is `file:<basename>`;
 * the type is 'other' unless the caller says.
 */
export type FileOptions = { patient?: PatientOption; type?: DocumentType }

export function requirePatient(file: string, patient: PatientOption | undefined): PatientOption {
	if (!patient || (!patient.fhirId && !patient.mrn))
		throw new IngestError(
			INGEST_ERRORS.noPatient,
			`${file} names no patient the loaders can trust; say which patient it belongs to.`,
		)
	return { ...patient }
}

export function loadText(text: string, file: string, options: FileOptions): LoadResult {
	const patientRef = requirePatient(file, options.patient)
	const sections = splitSections(text.replace(/^\uFEFF/, ''), [], null)
	if (sections.length === 0)
		throw new IngestError(INGEST_ERRORS.emptyDocument, `${file} has no text.`)
	return {
		charts: [
			{
				patient: null,
				patientRef,
				documents: [
					{
						sourceSystem: 'file',
						sourceId: `file:${file}`,
						type: options.type ?? 'other',
						title: file.replace(/\.[^.]+$/, ''),
						authoredAt: null,
						sections,
						fhirIds: [],
					},
				],
			},
		],
		resources: 0,
	}
}

export async function loadPdf(
	data: Uint8Array,
	file: string,
	options: FileOptions,
): Promise<LoadResult> {
	requirePatient(file, options.patient)
	return loadText(await pdfText(data, file), file, options)
}
