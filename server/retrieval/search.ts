import { sql, type SQL } from 'drizzle-orm'
import type { DocumentType } from '#db/schema/documents.ts'
import type { PatientData } from '../auth/patient-data.ts'
import { careTeamFilterFor } from '../auth/scope.ts'
import { AppError } from '../platform/errors.ts'
import type { Gateway } from '../gateway/index.ts'
import { contentTerms, daysIn, withoutDays } from '../platform/text/terms.ts'

/**
 * Patient-scoped hybrid retrieval: pgvector cosine distance (ascending, with LIMIT, so the index
 * serves it) and Postgres full-text search (ts_rank over the generated tsvector), fused by
 * reciprocal rank; when the query names a day ("the visit on 1986-12-27"), the chunks dated that
 * day, nearest first, are a third ranking in the fusion. The patient is in every WHERE clause together with the care-team rule, and the
 * query runs as chartside_app under row-level security, so a bug in one layer still returns no
 * chunk of a patient the user may not see. The query's embedding comes from the gateway.
 * Each hit carries what a citation needs: document title, type and date, section, FHIR ids, and
 * the ingest-time injection mark. The acting user is the request's PatientData's, never an input.
 */
export type RetrievedChunk = {
	id: string
	documentId: string
	ordinal: number
	text: string
	section: string | null
	fhirIds: string[]
	date: string | null
	documentTitle: string
	documentType: DocumentType
	authoredAt: string | null
	injectionFlagged: boolean
	/** Reciprocal-rank fusion score (higher is better). */
	score: number
}

export type SearchInput = {
	requestId: string
	patientId: string
	query: string
	k?: number
	/** Inclusive bounds on the document's date (ISO dates). */
	from?: string
	to?: string
	types?: readonly DocumentType[]
	signal?: AbortSignal
}

export type Retrieval = { search(data: PatientData, input: SearchInput): Promise<RetrievedChunk[]> }

/** Candidates taken from each ranking before fusion, and the RRF constant. */
const CANDIDATES = 40
const RRF_K = 60
const MAX_QUERY_CHARS = 2_000

export function createRetrieval(deps: {
	gateway: Pick<Gateway, 'embed'>
	/** Test-only seam: drop the SQL care-team filter so row-level security is the only guard. */
	bypassSqlScope?: boolean
}): Retrieval {
	return {
		async search(data, input) {
			const query = input.query.trim()
			if (!query || query.length > MAX_QUERY_CHARS)
				throw new AppError('RETRIEVAL_QUERY_INVALID', 'A search is 1 to 2,000 characters.')
			const k = Math.min(Math.max(input.k ?? 8, 1), 50)
			const { vectors } = await deps.gateway.embed({
				texts: [query],
				purpose: 'query',
				requestId: input.requestId,
				actor: data.actor,
				patientId: input.patientId,
				...(input.signal ? { signal: input.signal } : {}),
			})
			const vector = `[${(vectors[0] ?? []).join(',')}]`
			// A day the query names ("the visit on 1986-12-27") is matched as a day, not as numbers.
			const days = [...new Set(daysIn(query))].slice(0, 8)
			const terms = [...new Set(contentTerms(withoutDays(query)))]
				.map((t) => t.replace(/[^a-z0-9]/g, ''))
				.filter(Boolean)
				.slice(0, 32)
			const statement = hybridQuery({
				...input,
				k,
				vector,
				tsquery: terms.join(' | '),
				days,
				scope: careTeamFilterFor(input.patientId, data.actor, {
					bypass: deps.bypassSqlScope ?? false,
				}),
			})
			return data.read(async (tx) => {
				// Filtered HNSW scans keep looking until LIMIT rows pass the filter (pgvector 0.8).
				await tx.execute(sql`set local hnsw.iterative_scan = relaxed_order`)
				// Both drivers (PGlite, node-postgres) answer raw statements with `{ rows }`.
				const result = (await tx.execute(statement)) as unknown as { rows: Row[] }
				return result.rows.map(toChunk)
			})
		},
	}
}

type Row = {
	id: string
	document_id: string
	ordinal: number
	text: string
	metadata: { section?: string; fhirIds?: string[]; date?: string } | null
	title: string
	type: DocumentType
	authored_at: string | Date | null
	injection_flagged: boolean
	score: number | string
}

function toChunk(row: Row): RetrievedChunk {
	const authored =
		row.authored_at instanceof Date ? row.authored_at.toISOString() : (row.authored_at ?? null)
	return {
		id: row.id,
		documentId: row.document_id,
		ordinal: row.ordinal,
		text: row.text,
		section: row.metadata?.section ?? null,
		fhirIds: row.metadata?.fhirIds ?? [],
		date: row.metadata?.date ?? authored?.slice(0, 10) ?? null,
		documentTitle: row.title,
		documentType: row.type,
		authoredAt: authored,
		injectionFlagged: row.injection_flagged,
		score: Number(row.score),
	}
}

/**
 * The one statement: each ranking limited on its own (so each can use its index), then fused.
 * Exported for the plan test.
 */
export function hybridQuery(input: {
	patientId: string
	vector: string
	tsquery: string
	/** Days the query names: chunks dated on one of them form a third ranking. */
	days?: readonly string[]
	k: number
	from?: string
	to?: string
	types?: readonly DocumentType[]
	scope: SQL
}): SQL {
	const filters: SQL[] = [sql`c.patient_id = ${input.patientId}::uuid`, input.scope]
	if (input.from || input.to || input.types?.length) {
		const docFilters: SQL[] = []
		if (input.from)
			docFilters.push(sql`coalesce(d.authored_at, d.created_at) >= ${input.from}::date`)
		if (input.to)
			docFilters.push(sql`coalesce(d.authored_at, d.created_at) < ${input.to}::date + 1`)
		if (input.types?.length)
			docFilters.push(
				sql`d.type in (${sql.join(
					input.types.map((t) => sql`${t}`),
					sql`, `,
				)})`,
			)
		filters.push(
			sql`exists (select 1 from documents d where d.id = c.document_id and ${sql.join(docFilters, sql` and `)})`,
		)
	}
	const where = sql.join(filters, sql` and `)
	const fts = input.tsquery
		? sql`select id, row_number() over (order by rank desc, id) as r from (
				select c.id, ts_rank(c.search_text, q) as rank
				from chunks c, to_tsquery('english', ${input.tsquery}) q
				where ${where} and c.search_text @@ q
				order by rank desc
				limit ${CANDIDATES}
			) t`
		: sql`select null::uuid as id, 0::bigint as r where false`
	const dated = input.days?.length
		? sql`select id, row_number() over (order by distance, id) as r from (
				select c.id, c.embedding <=> ${input.vector}::vector as distance
				from chunks c
				join documents d on d.id = c.document_id
				where ${where} and c.embedding is not null and (
					c.metadata->>'date' in (${sql.join(
						input.days.map((day) => sql`${day}`),
						sql`, `,
					)})
					or coalesce(d.authored_at, d.created_at)::date in (${sql.join(
						input.days.map((day) => sql`${day}::date`),
						sql`, `,
					)})
				)
				order by distance
				limit ${CANDIDATES}
			) t`
		: sql`select null::uuid as id, 0::bigint as r where false`
	return sql`
		with vec as (
			select id, row_number() over (order by distance, id) as r from (
				select c.id, c.embedding <=> ${input.vector}::vector as distance
				from chunks c
				where ${where} and c.embedding is not null
				order by c.embedding <=> ${input.vector}::vector asc
				limit ${CANDIDATES}
			) t
		),
		fts as (${fts}),
		dated as (${dated}),
		fused as (
			select id, sum(1.0 / (${RRF_K} + r)) as score
			from (select id, r from vec union all select id, r from fts union all select id, r from dated) u
			group by id
		)
		select c.id, c.document_id, c.ordinal, c.text, c.metadata, c.injection_flagged,
			d.title, d.type, d.authored_at, f.score
		from fused f
		join chunks c on c.id = f.id
		join documents d on d.id = c.document_id
		order by f.score desc, c.id
		limit ${input.k}`
}
