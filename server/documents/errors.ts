import { AppError, type ErrorCode } from '../platform/errors.ts'

/**
 * The ingestion layer's error codes, shared by the loaders (ingest/loaders/, which re-export them)
 * and the documents service here. Loaders refuse a file with one of these; the message names
 * the file (its base name) and where in it the problem is (a line, a column, a FHIR path), never
 * any of its content: chart files are PHI, and messages reach logs and terminals.
 */
export const INGEST_ERRORS = {
	/** Not a kind of file the loaders read (by extension), or a folder with nothing to load. */
	unsupportedFile: 'INGEST_UNSUPPORTED_FILE',
	/** The file does not exist or cannot be read. */
	notFound: 'INGEST_NOT_FOUND',
	/** Over MAX_FILE_BYTES; checked before reading. */
	fileTooLarge: 'INGEST_FILE_TOO_LARGE',
	/** JSON (or an NDJSON line) that does not parse. */
	malformedJson: 'INGEST_MALFORMED_JSON',
	/** JSON that is not a FHIR Bundle / resource, or lacks a field the loaders need. */
	invalidFhir: 'INGEST_INVALID_FHIR',
	/** XML that does not parse, or is not a CDA ClinicalDocument. */
	invalidCcda: 'INGEST_INVALID_CCDA',
	/** A C-CDA nonXMLBody whose content is neither an embedded PDF nor readable here. */
	unsupportedCcdaBody: 'INGEST_UNSUPPORTED_CCDA_BODY',
	/** A PDF that does not open. */
	malformedPdf: 'INGEST_MALFORMED_PDF',
	/** A PDF without a text layer (a scan): it needs OCR, which is the intake pipeline's job. */
	noTextLayer: 'INGEST_NO_TEXT_LAYER',
	/** A file with no text at all. */
	emptyDocument: 'INGEST_EMPTY_DOCUMENT',
	/** Nothing says whose chart this is (no Patient resource and no patient given). */
	noPatient: 'INGEST_NO_PATIENT',
	/** A file without a Patient resource whose resources point at several patients. */
	patientMismatch: 'INGEST_PATIENT_MISMATCH',
	/** The pipeline: the chart's patient is not in Chartside and cannot be registered. */
	unknownPatient: 'INGEST_UNKNOWN_PATIENT',
	/** The pipeline: identifiers or documents of the chart belong to another patient. */
	patientConflict: 'INGEST_PATIENT_CONFLICT',
	/** The documents service: no such document to replace or remove. */
	documentNotFound: 'INGEST_DOCUMENT_NOT_FOUND',
} as const satisfies Record<string, IngestErrorCode>
export type IngestErrorCode = Extract<ErrorCode, `INGEST_${string}`>

export class IngestError extends AppError {
	declare readonly code: IngestErrorCode
	constructor(code: IngestErrorCode, message: string, options: { cause?: unknown } = {}) {
		// Messages are written for the person running the import and carry no PHI (the registry
		// gives every INGEST_ code the exposure 'user').
		super(code, message, options)
		this.name = 'IngestError'
	}
}
