/**
 * The ingestion error codes live with the documents service (server/documents/errors.ts), which
 * raises some of them itself; the loaders import them from here.
 */
export { IngestError, INGEST_ERRORS, type IngestErrorCode } from '#server/documents/errors.ts'
