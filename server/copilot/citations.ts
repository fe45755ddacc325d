import { asc, eq, type SQL } from 'drizzle-orm'
import { chunks, documents } from '#db/schema/index.ts'
import type { RetrievedChunk } from '../retrieval/search.ts'
import type { Source } from '../gateway/untrusted.ts'
import type { CitationRef } from './types.ts'
import type { ScopedTransaction } from '../auth/scope.ts'

/**
 * What a citation chip opens, read from the chunk store (under the caller's row-level security) or
 * taken from a retrieval hit; and the same chunk as a gateway source.
 */

export async function readCitations(
	tx: ScopedTransaction,
	where: SQL,
	limit = 500,
): Promise<CitationRef[]> {
	const rows = await tx
		.select({
			id: chunks.id,
			documentId: chunks.documentId,
			text: chunks.text,
			metadata: chunks.metadata,
			injectionFlagged: chunks.injectionFlagged,
			documentTitle: documents.title,
			documentType: documents.type,
			authoredAt: documents.authoredAt,
		})
		.from(chunks)
		.innerJoin(documents, eq(documents.id, chunks.documentId))
		.where(where)
		.orderBy(asc(chunks.ordinal))
		.limit(limit)
	return rows.map((r) => ({
		chunkId: r.id,
		documentId: r.documentId,
		documentTitle: r.documentTitle,
		documentType: r.documentType,
		date: r.metadata.date ?? r.authoredAt?.toISOString().slice(0, 10) ?? null,
		section: r.metadata.section ?? null,
		fhirIds: r.metadata.fhirIds ?? [],
		text: r.text,
		injectionFlagged: r.injectionFlagged,
	}))
}

export const citationOfHit = (h: RetrievedChunk): CitationRef => ({
	chunkId: h.id,
	documentId: h.documentId,
	documentTitle: h.documentTitle,
	documentType: h.documentType,
	date: h.date,
	section: h.section,
	fhirIds: h.fhirIds,
	text: h.text,
	injectionFlagged: h.injectionFlagged,
})

/** A chunk as the gateway receives it: data, with its id for citations. */
export const sourceOf = (c: CitationRef): Source => ({
	id: c.chunkId,
	title: c.documentTitle,
	...(c.date ? { date: c.date } : {}),
	text: c.text,
})

/** Resolves a sentence's cited chunk ids to the given sources, dropping any it was not given. */
export function citationResolver(refs: readonly CitationRef[]): (ids: string[]) => CitationRef[] {
	const byId = new Map(refs.map((r) => [r.chunkId, r]))
	return (ids) => ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as CitationRef] : []))
}
