/**
 * Retrieval and ingestion benchmarks.
 *
 * Retrieval: `createRetrieval().search` end to end (the query embedded by the local embedder
 * through the gateway, then the hybrid statement under the care-team filter and row-level
 * security) over synthetic chunks spread across 1,000 patients, in-process (PGlite) and through
 * the Postgres wire protocol with node-postgres, and with `--server` again on a fresh database on a
 * PostgreSQL server as the application login. Chunk texts are generated from a clinical
 * vocabulary and embedded with the local embedder, so both rankings do real work.
 *
 * Ingestion: the committed demo bundles, plus up to 20 public Synthea bundles when
 * ../shared/data/charts/synthea-r4 is present, loaded into a fresh store: bundles/s and chunks/s.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { EMBEDDING_DIMENSIONS } from '#db/schema/chunks.ts'
import { DEMO_BUNDLES_DIR } from '#ingest/demo/seed.ts'
import { loadPath } from '#ingest/loaders/index.ts'
import { ingestLoaded } from '#ingest/pipeline.ts'
import type { Actor } from '#server/auth/scope.ts'
import { createGateway } from '#server/gateway/gateway.ts'
import { scoreInjection } from '#server/gateway/guards/injection.ts'
import { localProviders, passesInjectionGuard } from '#server/gateway/index.ts'
import { createLogger } from '#server/log.ts'
import { createDataAccess } from '#server/auth/patient-data.ts'
import { createRetrieval } from '#server/retrieval/search.ts'
import { startWirePostgres } from '#tests/helpers/wire-postgres.ts'
import { measure, onStore, summarize, type Sample } from './harness.ts'
import { pgliteOwner, serverOwner, type BenchServer, type Owner } from './server.ts'

const PATIENTS = 1_000
const LABS = [
	['Potassium', 'mmol/L', 3.5, 5.5],
	['Sodium', 'mmol/L', 133, 146],
	['Creatinine', 'mg/dL', 0.6, 1.8],
	['Hemoglobin A1c', '%', 5, 10],
	['Hemoglobin', 'g/dL', 9, 16],
	['TSH', 'mIU/L', 0.3, 6],
	['LDL cholesterol', 'mg/dL', 60, 190],
	['Glucose', 'mg/dL', 70, 240],
] as const
const MEDS = [
	'lisinopril 10 mg',
	'metformin 500 mg',
	'atorvastatin 40 mg',
	'apixaban 5 mg',
	'furosemide 40 mg',
	'levothyroxine 75 mcg',
	'sertraline 50 mg',
	'amlodipine 5 mg',
]
const PROBLEMS = [
	'hypertension',
	'type 2 diabetes',
	'atrial fibrillation',
	'heart failure',
	'hypothyroidism',
	'chronic kidney disease',
	'depression',
	'asthma',
]

function rng(seed: number) {
	let s = seed >>> 0
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32
}

function chunkText(i: number, random: () => number): string {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)] as T
	const lab = pick(LABS)
	const value = (lab[2] + random() * (lab[3] - lab[2])).toFixed(1)
	const day = `20${10 + (i % 16)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`
	return [
		`${lab[0]}\nMost recent: ${value} ${lab[1]} on ${day}.`,
		`Medications include ${pick(MEDS)} daily and ${pick(MEDS)} as needed.`,
		`Assessment: ${pick(PROBLEMS)}, stable; follow up in ${2 + (i % 10)} weeks.`,
	].join('\n')
}

/**
 * Synthetic rows (no PHI), inserted as the tables' owner: users, 1,000 patients on the
 * clinician's care team, chunks.
 */
async function load(db: Owner, chunkCount: number): Promise<Actor> {
	await db.exec(`
		insert into users (issuer, subject, display_name, email, role)
		values ('bench', 'bench-clinician', 'Bench Clinician', 'bench@example.invalid', 'clinician');
		insert into patients (fhir_id, mrn, given_name, family_name, birth_date)
		select 'bench-' || g, 'BENCH-' || lpad(g::text, 6, '0'), 'Bench', 'Patient ' || g, date '1950-01-01' + g
		from generate_series(1, ${PATIENTS}) g;
		insert into care_team_members (user_id, patient_id, source)
		select u.id, p.id, 'admin' from users u, patients p;
		insert into documents (patient_id, source_system, source_id, type, title, content_hash, text)
		select id, 'bench', fhir_id, 'progress_note', 'Synthetic note', md5(fhir_id), 'synthetic'
		from patients;
		drop index chunks_embedding_hnsw_idx;
	`)
	const docs = await db.query<{ id: string; patient_id: string }>(
		'select id, patient_id from documents order by source_id',
	)
	const embedder = localProviders(passesInjectionGuard).embeddings['local-hashed-embedder']
	if (!embedder) throw new Error('no local embedder')
	const random = rng(7)
	const batch = 500
	for (let offset = 0; offset < chunkCount; offset += batch) {
		const size = Math.min(batch, chunkCount - offset)
		const texts = Array.from({ length: size }, (_, j) => chunkText(offset + j, random))
		const vectors = await embedder.embedDocuments(texts)
		const values: unknown[] = []
		const rows = texts.map((text, j) => {
			const doc = docs[(offset + j) % docs.length]
			const base = values.length
			values.push(doc?.id, doc?.patient_id, offset + j, text, `[${(vectors[j] ?? []).join(',')}]`)
			return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, 40, $${base + 5}::vector, 'bench')`
		})
		await db.query(
			`insert into chunks (document_id, patient_id, ordinal, text, token_count, embedding, embedding_model) values ${rows.join(', ')}`,
			values,
		)
	}
	await db.exec(`
		set maintenance_work_mem = '512MB';
		create index chunks_embedding_hnsw_idx on chunks using hnsw (embedding vector_cosine_ops);
		analyze;
	`)
	const [user] = await db.query<{ id: string }>(
		"select id from users where subject = 'bench-clinician'",
	)
	return { userId: user?.id ?? '', role: 'clinician', sessionId: null }
}

const QUERIES = [
	'What was the most recent potassium?',
	'Is the patient on apixaban?',
	'Does the chart mention atrial fibrillation?',
	'latest hemoglobin A1c',
	'When is the follow up?',
]

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n))

function localGateway() {
	const local = localProviders(passesInjectionGuard)
	let seq = 0
	return createGateway({
		audit: { append: async () => ++seq },
		log: createLogger('silent'),
		injection: scoreInjection,
		deid: { deidentify: () => ({ text: '', vault: null }), restore: (t) => t },
		classify: () => ({
			label: 'referral',
			confidence: 1,
			blank: false,
			coverSheetOnly: false,
			misdirected: false,
		}),
		chatModels: local.chatModels,
		embeddings: local.embeddings,
	})
}

type RetrievalOptions = { iterations: number; warmup: number; log: (line: string) => void }

/** Loads the store as its owner; then the clinician, the queries and the sample parameters. */
async function prepare(owner: Owner, chunkCount: number, options: RetrievalOptions) {
	options.log(`  loading ${chunkCount.toLocaleString()} chunks over ${PATIENTS} patients…`)
	const started = performance.now()
	const actor = await load(owner, chunkCount)
	options.log(`  loaded and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	const patientIds = (
		await owner.query<{ id: string }>('select id from patients order by mrn')
	).map((r) => r.id)
	return {
		actor,
		args: (i: number) => ({
			requestId: `bench-${i}`,
			patientId: patientIds[(i * 7919) % patientIds.length] ?? '',
			query: QUERIES[i % QUERIES.length] ?? '',
			k: 8,
		}),
		params: { chunks: chunkCount, patients: PATIENTS, dimensions: EMBEDDING_DIMENSIONS, k: 8 },
	}
}

/** The benchmark's clinician has no sign-in: system path `evaluation` (ADR 031). */
const scoped = (db: DatabaseHandle['db'], actor: Actor) =>
	createDataAccess({ db, existence: db }).forSystemActor('evaluation', actor)

export async function benchRetrieval(
	chunkCount: number,
	options: RetrievalOptions,
): Promise<Sample[]> {
	const wire = await startWirePostgres()
	const server = await openDatabase({ kind: 'server', url: wire.url, poolMax: 2 })
	try {
		await migrateDatabase(server)
		const { actor, args, params } = await prepare(pgliteOwner(wire.pglite), chunkCount, options)
		// In-process: drizzle over the PGlite instance itself, no socket.
		const inProcessDb = (await import('drizzle-orm/pglite')).drizzle(wire.pglite, {
			schema: await import('#db/schema/index.ts'),
		}) as unknown as DatabaseHandle['db']
		const [inProcessData, overWireData] = [scoped(inProcessDb, actor), scoped(server.db, actor)]
		const retrieval = createRetrieval({ gateway: localGateway() })
		const a = await measure((i) => retrieval.search(inProcessData, args(i)), options)
		const b = await measure((i) => retrieval.search(overWireData, args(i)), options)
		return onStore('pglite', [
			summarize('retrieval', `hybrid search, ${label(chunkCount)} chunks, in-process PGlite`, a, {
				...params,
				mode: 'in-process',
			}),
			summarize(
				'retrieval',
				`hybrid search, ${label(chunkCount)} chunks, wire + node-postgres`,
				b,
				{
					...params,
					mode: 'wire',
				},
			),
		])
	} finally {
		await server.close()
		await wire.stop()
	}
}

/**
 * The same search on a fresh database on a PostgreSQL server, loaded as its owner (the
 * migrator) and searched as the application login, which owns nothing: the care-team filter and
 * row-level security apply as in production.
 */
export async function benchRetrievalOnServer(
	chunkCount: number,
	server: BenchServer,
	options: RetrievalOptions,
): Promise<Sample[]> {
	options.log(`  on the server (${server.description})`)
	const store = await server.databases.open('operational', { poolMax: 2 })
	try {
		const { actor, args, params } = await prepare(serverOwner(store), chunkCount, options)
		const data = scoped(store.db, actor)
		const retrieval = createRetrieval({ gateway: localGateway() })
		const durations = await measure((i) => retrieval.search(data, args(i)), options)
		return onStore('server', [
			summarize(
				'retrieval',
				`hybrid search, ${label(chunkCount)} chunks, PostgreSQL server`,
				durations,
				{ ...params, mode: 'server', server: server.description },
			),
		])
	} finally {
		await store.close()
	}
}

export async function benchIngestion(options: {
	log: (line: string) => void
}): Promise<{ samples: Sample[]; notes: string[] }> {
	const handle = await openDatabase({ kind: 'embedded' })
	try {
		await migrateDatabase(handle)
		const synthea = path.resolve('../shared/data/charts/synthea-r4')
		const files = [
			...readdirSync(DEMO_BUNDLES_DIR)
				.filter((f) => f.endsWith('.json'))
				.map((f) => path.join(DEMO_BUNDLES_DIR, f)),
			...(existsSync(synthea)
				? readdirSync(synthea)
						.filter((f) => f.endsWith('.json'))
						.sort()
						.slice(0, 20)
						.map((f) => path.join(synthea, f))
				: []),
		]
		options.log(`  ingesting ${files.length} bundles into a fresh embedded store`)
		const deps = {
			db: handle.db,
			gateway: localGateway(),
			audit: { record: async () => undefined },
		}
		const perBundle: number[] = []
		let chunks = 0
		const started = performance.now()
		for (const file of files) {
			const t = performance.now()
			const report = await ingestLoaded(deps, await loadPath(file))
			chunks += report.chunks
			perBundle.push(performance.now() - t)
		}
		const seconds = (performance.now() - started) / 1000
		const sample = summarize(
			'ingestion',
			'one FHIR bundle: load, chunk, embed, scan, store',
			perBundle,
			{
				bundles: files.length,
				chunks,
			},
		)
		sample.rate = {
			value: files.length / seconds,
			unit: `bundles/s (${Math.round(chunks / seconds)} chunks/s)`,
		}
		return {
			samples: [sample],
			notes: [
				`ingestion: ${files.length} bundles, ${chunks} chunks in ${seconds.toFixed(1)} s with the local embedder and the injection scan of every chunk; the ledger is a no-op sink here.`,
			],
		}
	} finally {
		await handle.close()
	}
}
