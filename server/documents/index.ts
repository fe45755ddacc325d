import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { documents } from '#db/schema/index.ts'
import type { SystemPath } from '../auth/system-access.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import { reembed } from './reembed.ts'
import { removeDocument, type DocumentRef } from './remove.ts'
import {
	embedPlanned,
	planDocuments,
	writeEmbedded,
	type DocumentsDeps,
	type Embeddings,
	type PlannedDocument,
	type Transaction,
} from './store.ts'
import type { DocumentInput } from './types.ts'

/**
 * The documents service: store, chunk, embed, scan, replace and remove one chart document, each
 * write in one transaction with its ledger event. It takes documents already parsed (the loaders
 * of ingest/ turn files into them) and is what `npm run ingest`, the demo seed, the evaluations
 * and (next) fax filing and patient deletion call.
 *
 * This is a system path: it reads and writes as the database owner (no row-level-security
 * context, like migrations; migration 0003), and its ledger events name no user. It must never be
 * handed to a request on a user's behalf. Its callers take the owner handle under the name below,
 * its entry in the list of owner-access system paths (server/auth/system-access.ts).
 */
export const DOCUMENTS_SYSTEM_PATH = 'documents' satisfies SystemPath

export type { DocumentsDeps, Embeddings, PlannedDocument, Transaction } from './store.ts'
export type { DocumentInput, DocumentSection } from './types.ts'
export type { DocumentRef } from './remove.ts'
export { documentText } from './types.ts'
export { modelId } from './store.ts'
export { configuredEmbedder, hasStaleEmbeddings } from './reembed.ts'
export { IngestError, INGEST_ERRORS, type IngestErrorCode } from './errors.ts'

export type StoreResult = {
	documentId: string
	change: 'new' | 'changed' | 'unchanged'
	chunks: number
	flagged: number
}

type WriteOptions = {
	/** The request the ledger events belong to; a fresh `ingest-…` id when not given. */
	requestId?: string
	/** Chunks per gateway call. */
	batch?: number
}

export type DocumentsService = ReturnType<typeof createDocumentsService>

export function createDocumentsService(deps: DocumentsDeps) {
	const requestIdOf = (options: WriteOptions) => options.requestId ?? `ingest-${randomUUID()}`

	async function put(
		patientId: string,
		doc: DocumentInput,
		options: WriteOptions & { mustExist: boolean },
	): Promise<StoreResult> {
		const requestId = requestIdOf(options)
		const [planned] = await planDocuments(deps.db, patientId, [doc])
		if (!planned) {
			// Unchanged (same content hash): nothing to do, nothing recorded.
			const [row] = await deps.db
				.select({ id: documents.id })
				.from(documents)
				.where(
					and(eq(documents.sourceSystem, doc.sourceSystem), eq(documents.sourceId, doc.sourceId)),
				)
			if (!row) throw new Error('an unchanged document has no row')
			return { documentId: row.id, change: 'unchanged', chunks: 0, flagged: 0 }
		}
		if (options.mustExist && planned.existingId === null)
			throw new IngestError(
				INGEST_ERRORS.documentNotFound,
				`Document ${doc.sourceId} is not stored; there is nothing to replace.`,
			)
		const { embeddings, model } = await embedPlanned(deps, [planned], {
			requestId,
			patientId,
			...(options.batch ? { batch: options.batch } : {}),
		})
		const written = await deps.db.transaction((tx) =>
			writeEmbedded(tx, deps.audit, patientId, [planned], {
				requestId,
				embeddings,
				embeddingModel: model ?? '',
			}),
		)
		const [documentId] = written.documentIds
		if (!documentId) throw new Error('a stored document has no row id')
		return {
			documentId,
			change: planned.existingId ? 'changed' : 'new',
			chunks: written.chunks,
			flagged: written.flagged,
		}
	}

	return {
		/**
		 * Stores one document of a patient: new, or a new version of the one with the same source
		 * system and id (its chunks replaced, same row id); unchanged content changes nothing.
		 */
		store: (patientId: string, doc: DocumentInput, options: WriteOptions = {}) =>
			put(patientId, doc, { ...options, mustExist: false }),

		/** A new version of a stored document (same source id); refuses one that is not stored. */
		replace: (patientId: string, doc: DocumentInput, options: WriteOptions = {}) =>
			put(patientId, doc, { ...options, mustExist: true }),

		/** Deletes a document with its chunks and embeddings, recorded in the ledger. */
		remove: (ref: DocumentRef, options: Pick<WriteOptions, 'requestId'> = {}) =>
			deps.db.transaction((tx) =>
				removeDocument(tx, deps.audit, ref, { requestId: requestIdOf(options) }),
			),

		/** Embeds again the chunks another embedder made (or all), batch by batch. */
		reembed: (options: { all: boolean; batch?: number }) => reembed(deps, options),

		// The steps of `store`, for a caller that writes many documents (and its own rows, such as
		// newly registered patients) in one transaction: the ingestion pipeline, one file at a time.

		/** Which documents are new or changed, chunked; no writes. */
		plan: (patientId: string | null, docs: DocumentInput[]) =>
			planDocuments(deps.db, patientId, docs),

		/** Embeds and scans the planned chunks through the gateway; no writes. */
		embed: (
			planned: PlannedDocument[],
			options: Parameters<typeof embedPlanned>[2],
		): ReturnType<typeof embedPlanned> => embedPlanned(deps, planned, options),

		/** Writes planned documents in the caller's transaction, one ledger event each. */
		write: (
			tx: Transaction,
			patientId: string,
			planned: PlannedDocument[],
			options: { requestId: string; embeddings: Embeddings; embeddingModel: string },
		) => writeEmbedded(tx, deps.audit, patientId, planned, options),
	}
}
