import { sql } from 'drizzle-orm'
import {
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	real,
	text,
	uniqueIndex,
	uuid,
	vector,
} from 'drizzle-orm/pg-core'
import { createdAt, id, tsvector } from './columns.ts'
import { documents } from './documents.ts'
import { patients } from './patients.ts'

/** Width of every stored embedding. Changing it needs a migration and a re-embed. */
export const EMBEDDING_DIMENSIONS = 384

/** What a citation needs to point back into the chart. */
export type ChunkMetadata = {
	section?: string
	fhirIds?: string[]
	date?: string
}

/**
 * A retrievable passage of a document (PHI). Carries its patient so that every retrieval query
 * and row-level security policy can scope by patient without a join.
 */
export const chunks = pgTable(
	'chunks',
	{
		id: id(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id, { onDelete: 'cascade' }),
		patientId: uuid('patient_id')
			.notNull()
			.references(() => patients.id, { onDelete: 'cascade' }),
		ordinal: integer('ordinal').notNull(),
		text: text('text').notNull(),
		tokenCount: integer('token_count').notNull(),
		embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
		embeddingModel: text('embedding_model'),
		searchText: tsvector('search_text')
			.notNull()
			.generatedAlwaysAs(sql`to_tsvector('english', text)`),
		injectionFlagged: boolean('injection_flagged').notNull().default(false),
		injectionScore: real('injection_score'),
		metadata: jsonb('metadata').$type<ChunkMetadata>().notNull().default({}),
		createdAt: createdAt(),
	},
	(t) => [
		uniqueIndex('chunks_document_ordinal_key').on(t.documentId, t.ordinal),
		index('chunks_patient_idx').on(t.patientId),
		index('chunks_embedding_hnsw_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
		index('chunks_search_text_idx').using('gin', t.searchText),
	],
)

export type Chunk = typeof chunks.$inferSelect
export type NewChunk = typeof chunks.$inferInsert
