import { and, eq } from 'drizzle-orm'
import { chunks, documents } from '#db/schema/index.ts'
import { AUDIT_ACTIONS, type AuditSink } from '#server/audit/sink.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import { recordDocumentEvent, type Transaction } from './store.ts'

/** A stored document, by its row id or by where it came from. */
export type DocumentRef = { documentId: string } | { sourceSystem: string; sourceId: string }

/**
 * Deletes one document and its chunks (embeddings are columns of the chunks) in the caller's
 * transaction, then records `document.remove` before the commit: a ledger that cannot record
 * rolls the deletion back. Refuses an unknown document (INGEST_DOCUMENT_NOT_FOUND).
 */
export async function removeDocument(
	tx: Transaction,
	audit: AuditSink,
	ref: DocumentRef,
	options: { requestId: string },
): Promise<{ documentId: string; patientId: string; chunks: number }> {
	const where =
		'documentId' in ref
			? eq(documents.id, ref.documentId)
			: and(eq(documents.sourceSystem, ref.sourceSystem), eq(documents.sourceId, ref.sourceId))
	const [doc] = await tx
		.select({
			id: documents.id,
			patientId: documents.patientId,
			sourceSystem: documents.sourceSystem,
			type: documents.type,
		})
		.from(documents)
		.where(where)
	if (!doc) throw new IngestError(INGEST_ERRORS.documentNotFound, 'No such document is stored.')
	// Chunks first and explicitly: the foreign key would cascade, but the count goes to the ledger.
	const removed = await tx
		.delete(chunks)
		.where(eq(chunks.documentId, doc.id))
		.returning({ id: chunks.id })
	await tx.delete(documents).where(eq(documents.id, doc.id))
	await recordDocumentEvent(audit, {
		requestId: options.requestId,
		action: AUDIT_ACTIONS.documentRemove,
		policy: 'ingest.remove',
		document: doc,
		details: {
			sourceSystem: doc.sourceSystem,
			documentType: doc.type,
			chunks: removed.length,
		},
	})
	return { documentId: doc.id, patientId: doc.patientId, chunks: removed.length }
}
