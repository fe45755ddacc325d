import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { EMBEDDING_DIMENSIONS } from '#db/schema/chunks.ts'
import { startWirePostgres } from '#tests/helpers/wire-postgres.ts'
import { measure, summarize, type Sample } from './harness.ts'

/**
 * Patient-filtered vector query latency: the shape of every retrieval Chartside will make
 * (WHERE patient_id = $1 ORDER BY embedding <=> $2 ASC LIMIT 8). Synthetic chunks with random
 * embeddings spread over 1,000 patients, measured in-process (PGlite) and through the Postgres wire
 * protocol with node-postgres. The plan is printed: with tens of chunks per patient the planner
 * serves the filter from the patient index and sorts exactly; the HNSW index is for unfiltered
 * searches (and for larger charts, with pgvector's iterative index scans).
 */
export const PATIENTS = 1_000
const QUERY =
	'select id from chunks where patient_id = $1 order by embedding <=> $2::vector asc limit 8'

export async function benchVectorQuery(
	chunkCount: number,
	options: { iterations: number; warmup: number; log: (line: string) => void },
): Promise<{ samples: Sample[]; plan: string }> {
	const wire = await startWirePostgres()
	const handle: DatabaseHandle = await openDatabase({ kind: 'server', url: wire.url, poolMax: 4 })
	try {
		await migrateDatabase(handle)
		options.log(`  loading ${chunkCount.toLocaleString()} chunks over ${PATIENTS} patients…`)
		const loadStart = performance.now()
		await load(wire.pglite, chunkCount)
		options.log(`  loaded and indexed in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`)

		const patientIds = (
			await wire.pglite.query<{ id: string }>('select id from patients order by mrn')
		).rows.map((r) => r.id)
		const queries = Array.from({ length: 64 }, () => vectorLiteral(randomVector()))
		const args = (i: number) => [
			patientIds[(i * 7919) % patientIds.length],
			queries[i % queries.length],
		]

		const plan = (
			await wire.pglite.query<{ 'QUERY PLAN': string }>(`explain ${QUERY}`, args(0))
		).rows
			.map((r) => r['QUERY PLAN'].replace(/'\[[^\]]*\]'::vector/g, "'[query vector]'::vector"))
			.join('\n')

		const params = {
			chunks: chunkCount,
			patients: PATIENTS,
			dimensions: EMBEDDING_DIMENSIONS,
			limit: 8,
		}
		const inProcess = await measure((i) => wire.pglite.query(QUERY, args(i)), options)
		const pool = new pg.Pool({ connectionString: wire.url, max: 1 })
		const overWire = await measure((i) => pool.query(QUERY, args(i)), options)
		await pool.end()
		return {
			plan,
			samples: [
				summarize('vector query', `${label(chunkCount)} chunks, in-process PGlite`, inProcess, {
					...params,
					mode: 'in-process',
				}),
				summarize(
					'vector query',
					`${label(chunkCount)} chunks, wire protocol + node-postgres`,
					overWire,
					{ ...params, mode: 'wire' },
				),
			],
		}
	} finally {
		await handle.close()
		await wire.stop()
	}
}

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n))

/** Synthetic rows generated inside Postgres: no PHI, nothing read from disk. */
async function load(db: DatabaseHandle['pglite'] & object, chunkCount: number) {
	await db.exec(`
		insert into patients (fhir_id, mrn, given_name, family_name, birth_date)
		select 'bench-' || g, 'BENCH-' || lpad(g::text, 6, '0'), 'Bench', 'Patient ' || g, date '1950-01-01' + g
		from generate_series(1, ${PATIENTS}) g;
		insert into documents (patient_id, source_system, source_id, type, title, content_hash, text)
		select id, 'bench', fhir_id, 'progress_note', 'Synthetic note', md5(fhir_id), 'synthetic'
		from patients;
	`)
	// Bulk load without the HNSW index, then build it once (as a production backfill would): the
	// index is the same one the migration creates, dropped and rebuilt on this throwaway database.
	await db.exec('drop index chunks_embedding_hnsw_idx')
	// Insert in batches so memory stays flat.
	const batch = 5_000
	for (let offset = 0; offset < chunkCount; offset += batch) {
		const size = Math.min(batch, chunkCount - offset)
		await db.exec(`
			with docs as (
				select array_agg(id order by source_id) as ids, array_agg(patient_id order by source_id) as pids
				from documents
			)
			insert into chunks (document_id, patient_id, ordinal, text, token_count, embedding, embedding_model)
			select docs.ids[1 + (${offset} + g) % ${PATIENTS}], docs.pids[1 + (${offset} + g) % ${PATIENTS}],
				${offset} + g, 'synthetic chunk ' || g, 3,
				(select array_agg(random() - 0.5) from generate_series(1, ${EMBEDDING_DIMENSIONS}) where g > 0)::vector,
				'bench-random'
			from docs, generate_series(1, ${size}) g;
		`)
	}
	await db.exec(`
		set maintenance_work_mem = '512MB';
		create index chunks_embedding_hnsw_idx on chunks using hnsw (embedding vector_cosine_ops);
		analyze chunks;
	`)
}

function randomVector(): number[] {
	return Array.from({ length: EMBEDDING_DIMENSIONS }, () => Math.random() - 0.5)
}

const vectorLiteral = (v: number[]) => `[${v.join(',')}]`
