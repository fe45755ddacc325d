import { eq, inArray } from 'drizzle-orm'
import type { Database, Transaction } from '#db/client.ts'
import { chunks, documents, type NewChunk } from '#db/schema/index.ts'
import {
	AUDIT_ACTIONS,
	AUDIT_COMPONENTS,
	SYSTEM_ACTOR,
	type AuditEvent,
	type AuditSink,
} from '#server/audit/sink.ts'
import type { Gateway } from '#server/gateway/index.ts'
import { sha256Hex } from '#server/platform/hashing.ts'
import { chunkDocument, type ChunkDraft } from './chunk.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import { documentText, type DocumentInput } from './types.ts'

/**
 * Storing chart documents, in three steps a caller may run apart (the ingestion pipeline embeds a
 * whole file before its one transaction, which also registers patients):
 * - `planDocuments`: which documents are new or changed (content hashes), chunked; no writes;
 * - `embedPlanned`: every chunk embedded and scanned for injection through the gateway (the only
 *   door to a model), in batches; no writes, so a failure here stores nothing;
 * - `writeEmbedded`: documents and chunks written in the caller's transaction, a changed document's
 *   old chunks replaced, each document's `document.ingest` ledger event recorded before the commit
 *   (a ledger that cannot record rolls the transaction back).
 */
export type DocumentsDeps = {
	db: Database
	gateway: Pick<Gateway, 'embed'>
	audit: AuditSink
}

export type { Transaction }

export type PlannedDocument = {
	doc: DocumentInput
	text: string
	hash: string
	/** The stored document this one replaces (same source system and id), or null when new. */
	existingId: string | null
	drafts: ChunkDraft[]
}

export type EmbeddedChunk = { vector: number[]; flagged: boolean; score: number }
/** Per chunk draft, its vector and injection verdict. */
export type Embeddings = Map<ChunkDraft, EmbeddedChunk>

/**
 * A document's ledger event (stored, changed or removed), written by the system actor inside the
 * document's transaction: a ledger that cannot record rolls the transaction back.
 */
export function recordDocumentEvent(
	audit: AuditSink,
	event: {
		requestId: string
		action: AuditEvent['action']
		policy: string
		document: { id: string; patientId: string }
		details: AuditEvent['details']
	},
): Promise<void> {
	return audit.record({
		at: new Date().toISOString(),
		requestId: event.requestId,
		component: AUDIT_COMPONENTS.ingest,
		action: event.action,
		actor: SYSTEM_ACTOR,
		resource: { type: 'document', id: event.document.id, patientId: event.document.patientId },
		decision: 'allow',
		policy: event.policy,
		outcome: 'success',
		details: event.details,
	})
}

/** What identifies a document's content: change any of these and its chunks are replaced. */
const contentHash = (doc: DocumentInput, text: string) =>
	sha256Hex(JSON.stringify([doc.type, doc.title, doc.authoredAt, doc.fhirIds, text]))

export function modelId(model: { endpoint: string; model: string; version: string | null }) {
	return `${model.endpoint}/${model.model}@${model.version ?? 'unversioned'}`
}

/** The documents that are new or changed, chunked; unchanged ones are left out. */
export async function planDocuments(
	db: Database,
	patientId: string | null,
	docs: DocumentInput[],
): Promise<PlannedDocument[]> {
	const keys = docs.map((d) => d.sourceId)
	const existing =
		keys.length === 0
			? []
			: await db
					.select({
						id: documents.id,
						patientId: documents.patientId,
						sourceSystem: documents.sourceSystem,
						sourceId: documents.sourceId,
						hash: documents.contentHash,
					})
					.from(documents)
					.where(inArray(documents.sourceId, keys))
	const planned: PlannedDocument[] = []
	for (const doc of docs) {
		const text = documentText(doc)
		const hash = contentHash(doc, text)
		const found = existing.find(
			(e) => e.sourceSystem === doc.sourceSystem && e.sourceId === doc.sourceId,
		)
		if (found && found.patientId !== patientId)
			throw new IngestError(
				INGEST_ERRORS.patientConflict,
				`Document ${doc.sourceId} is already filed under another patient.`,
			)
		if (found?.hash === hash) continue
		planned.push({
			doc,
			text,
			hash,
			existingId: found?.id ?? null,
			drafts: await chunkDocument(doc),
		})
	}
	return planned
}

/**
 * Embeds and scans the planned documents' chunks (title + text, as retrieval embeds them) in
 * batches of `batch`, one gateway call per batch naming the patient. Returns the vectors and
 * the embedder's id (null when nothing needed embedding).
 */
export async function embedPlanned(
	deps: Pick<DocumentsDeps, 'gateway'>,
	planned: PlannedDocument[],
	options: {
		requestId: string
		patientId: string | null
		batch?: number
		onProgress?: (event: { chunks: number }) => void
	},
): Promise<{ embeddings: Embeddings; model: string | null }> {
	const batch = options.batch ?? 64
	const embeddings: Embeddings = new Map()
	let model: string | null = null
	const drafts = planned.flatMap((p) => p.drafts.map((d) => ({ d, title: p.doc.title })))
	for (let i = 0; i < drafts.length; i += batch) {
		const slice = drafts.slice(i, i + batch)
		const result = await deps.gateway.embed({
			texts: slice.map(({ d, title }) => `${title}\n${d.text}`),
			purpose: 'document',
			requestId: options.requestId,
			actor: null,
			...(options.patientId ? { patientId: options.patientId } : {}),
		})
		model = modelId(result.model)
		slice.forEach(({ d }, j) => {
			const verdict = result.injection?.[j]
			embeddings.set(d, {
				vector: result.vectors[j] ?? [],
				flagged: verdict?.verdict === 'flag',
				score: verdict?.score ?? 0,
			})
		})
		options.onProgress?.({ chunks: slice.length })
	}
	return { embeddings, model }
}

/**
 * Writes planned, embedded documents of one patient in the caller's transaction: a new document
 * inserted, a changed one updated in place (same row id) with its chunks replaced, then one
 * `document.ingest` ledger event each. Returns the chunk and flagged-chunk counts.
 */
export async function writeEmbedded(
	tx: Transaction,
	audit: AuditSink,
	patientId: string,
	planned: PlannedDocument[],
	options: { requestId: string; embeddings: Embeddings; embeddingModel: string },
): Promise<{ documentIds: string[]; chunks: number; flagged: number }> {
	const { embeddings, embeddingModel } = options
	const written = { documentIds: [] as string[], chunks: 0, flagged: 0 }
	for (const p of planned) {
		const values = {
			patientId,
			sourceSystem: p.doc.sourceSystem,
			sourceId: p.doc.sourceId,
			type: p.doc.type,
			title: p.doc.title,
			authoredAt: p.doc.authoredAt ? new Date(p.doc.authoredAt) : null,
			contentHash: p.hash,
			text: p.text,
			fhirIds: p.doc.fhirIds,
		}
		let documentId: string
		if (p.existingId) {
			await tx.update(documents).set(values).where(eq(documents.id, p.existingId))
			await tx.delete(chunks).where(eq(chunks.documentId, p.existingId))
			documentId = p.existingId
		} else {
			const [row] = await tx.insert(documents).values(values).returning({ id: documents.id })
			if (!row) throw new Error('document insert returned no row')
			documentId = row.id
		}
		const rows: NewChunk[] = p.drafts.map((d) => {
			const e = embeddings.get(d)
			if (e?.flagged) written.flagged++
			return {
				documentId,
				patientId,
				ordinal: d.ordinal,
				text: d.text,
				tokenCount: d.tokenCount,
				embedding: e?.vector ?? null,
				embeddingModel: e ? embeddingModel : null,
				injectionFlagged: e?.flagged ?? false,
				injectionScore: e?.score ?? null,
				metadata: {
					...(d.section ? { section: d.section } : {}),
					fhirIds: d.fhirIds,
					...(d.date ? { date: d.date } : {}),
				},
			}
		})
		for (let i = 0; i < rows.length; i += 200)
			await tx.insert(chunks).values(rows.slice(i, i + 200))
		written.chunks += rows.length
		written.documentIds.push(documentId)
		await recordDocumentEvent(audit, {
			requestId: options.requestId,
			action: AUDIT_ACTIONS.documentIngest,
			policy: 'ingest.pipeline',
			document: { id: documentId, patientId },
			details: {
				change: p.existingId ? 'changed' : 'new',
				sourceSystem: p.doc.sourceSystem,
				documentType: p.doc.type,
				chunks: rows.length,
				flagged: rows.filter((r) => r.injectionFlagged).length,
				embeddingModel,
			},
		})
	}
	return written
}
