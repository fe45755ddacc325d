import { readdir } from 'node:fs/promises'
import { and, asc, cosineDistance, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import { chunks, documents, patients } from '#db/schema/index.ts'
import { unitVector } from '#tests/helpers/vectors.ts'
import { startWirePostgres, type WirePostgres } from '#tests/helpers/wire-postgres.ts'

/**
 * The migrations must apply to an empty database both in-process (PGlite) and through the Postgres
 * wire protocol with the production driver, and a patient-filtered vector similarity query must
 * return the expected rows on both.
 */

type Mode = { name: string; open(): Promise<DatabaseHandle>; stop(): Promise<void> }

let wire: WirePostgres | null = null
const modes: Mode[] = [
	{
		name: 'in-process PGlite',
		open: () => openDatabase({ kind: 'embedded' }),
		stop: async () => {},
	},
	{
		name: 'wire protocol (pglite-socket + node-postgres)',
		open: async () => {
			wire = await startWirePostgres()
			return openDatabase({ kind: 'server', url: wire.url, poolMax: 4, statementTimeoutMs: 10_000 })
		},
		stop: async () => {
			await wire?.stop()
		},
	},
]

describe.each(modes)('migrations on $name', (mode) => {
	let handle: DatabaseHandle

	// Each test stands alone: the database is migrated once here, from empty.
	beforeAll(async () => {
		handle = await mode.open()
		await migrateDatabase(handle)
	})
	afterAll(async () => {
		await handle.close()
		await mode.stop()
	})

	test('apply to an empty database, create every table and enable pgvector', async () => {
		const tables = await handle.query<{ tablename: string }>(
			"select tablename from pg_tables where schemaname = 'public' order by tablename",
		)
		expect(tables.map((t) => t.tablename)).toEqual([
			'answers',
			'break_glass_grants',
			'care_team_members',
			'chunks',
			'decisions',
			'documents',
			'fax_filings',
			'fax_pages',
			'faxes',
			'patients',
			'sessions',
			'users',
		])
		const extensions = await handle.query<{ extname: string }>(
			"select extname from pg_extension where extname = 'vector'",
		)
		expect(extensions).toHaveLength(1)
	})

	test('are recorded once each, so running them again changes nothing', async () => {
		await migrateDatabase(handle)
		const files = (await readdir(MIGRATIONS_FOLDER)).filter((f) => f.endsWith('.sql'))
		const applied = await handle.query<{ n: number }>(
			'select count(*)::int as n from drizzle.__drizzle_migrations',
		)
		expect(applied[0]?.n).toBe(files.length)
	})

	test('give the system role (ADR 033) every row of every table, and nothing of the schema', async () => {
		// A table a later migration adds without a chartside_system policy would be invisible to
		// the system paths on a server (the application login owns nothing), and only there.
		const unpolicied = await handle.query<{ table: string }>(
			`select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
			  where n.nspname = 'public' and c.relkind = 'r' and c.relrowsecurity
			    and not exists (select 1 from pg_policy p where p.polrelid = c.oid
			                      and 'chartside_system'::regrole = any (p.polroles))`,
		)
		expect(unpolicied).toEqual([])
		const privileges = await handle.query<{ table: string; dml: boolean; ddl: boolean }>(
			`select c.relname as table,
			        has_table_privilege('chartside_system', c.oid, 'SELECT, INSERT, UPDATE, DELETE') as dml,
			        has_table_privilege('chartside_system', c.oid, 'TRUNCATE')
			          or has_table_privilege('chartside_system', c.oid, 'TRIGGER')
			          or has_table_privilege('chartside_system', c.oid, 'REFERENCES') as ddl
			   from pg_class c join pg_namespace n on n.oid = c.relnamespace
			  where n.nspname = 'public' and c.relkind = 'r' order by 1`,
		)
		expect(privileges.length).toBeGreaterThan(0)
		for (const row of privileges) expect(row).toEqual({ table: row.table, dml: true, ddl: false })
	})

	test('a patient-filtered vector query returns that patient’s nearest chunks, nearest first', async () => {
		const { db } = handle
		const [alpha, beta] = await db
			.insert(patients)
			.values([
				{
					fhirId: 'pt-alpha',
					mrn: 'TEST-1',
					givenName: 'Test',
					familyName: 'Alpha',
					birthDate: '1970-01-01',
				},
				{
					fhirId: 'pt-beta',
					mrn: 'TEST-2',
					givenName: 'Test',
					familyName: 'Beta',
					birthDate: '1980-01-01',
				},
			])
			.returning({ id: patients.id })
		if (!alpha || !beta) throw new Error('patients not inserted')
		const [docA, docB] = await db
			.insert(documents)
			.values([
				{
					patientId: alpha.id,
					sourceSystem: 'test',
					sourceId: 'a',
					type: 'progress_note',
					title: 'A',
					contentHash: 'a',
					text: 'a',
				},
				{
					patientId: beta.id,
					sourceSystem: 'test',
					sourceId: 'b',
					type: 'progress_note',
					title: 'B',
					contentHash: 'b',
					text: 'b',
				},
			])
			.returning({ id: documents.id })
		if (!docA || !docB) throw new Error('documents not inserted')

		const chunk = (
			documentId: string,
			patientId: string,
			ordinal: number,
			text: string,
			embedding: number[],
		) => ({
			documentId,
			patientId,
			ordinal,
			text,
			tokenCount: text.split(/\s+/).length,
			embedding,
			embeddingModel: 'test-axis-v1',
		})
		await db.insert(chunks).values([
			chunk(docA.id, alpha.id, 0, 'potassium is normal', unitVector(0, 0.1)),
			chunk(docA.id, alpha.id, 1, 'heart failure is compensated', unitVector(1)),
			chunk(docA.id, alpha.id, 2, 'potassium was low last month', unitVector(0, 0.5)),
			// The closest vector of all belongs to another patient and must never come back.
			chunk(docB.id, beta.id, 0, 'potassium replaced', unitVector(0)),
		])

		const query = unitVector(0)
		const distance = cosineDistance(chunks.embedding, query)
		const rows = await db
			.select({ text: chunks.text, distance })
			.from(chunks)
			.where(eq(chunks.patientId, alpha.id))
			.orderBy(asc(distance))
			.limit(2)

		expect(rows.map((r) => r.text)).toEqual(['potassium is normal', 'potassium was low last month'])
		expect(Number(rows[0]?.distance)).toBeLessThan(Number(rows[1]?.distance))

		const fullText = await db
			.select({ text: chunks.text })
			.from(chunks)
			.where(
				and(
					eq(chunks.patientId, alpha.id),
					sql`${chunks.searchText} @@ plainto_tsquery('english', 'heart failure')`,
				),
			)
		expect(fullText.map((r) => r.text)).toEqual(['heart failure is compensated'])
	})

	test('reject a chunk whose embedding has the wrong width', async () => {
		const [row] = await handle.query<{ id: string; patient_id: string }>(
			`with p as (
				insert into patients (fhir_id, mrn, given_name, family_name, birth_date)
				values ('pt-width', 'TEST-W', 'Test', 'Width', '1990-01-01') returning id
			)
			insert into documents (patient_id, source_system, source_id, type, title, content_hash, text)
			select id, 'test', 'width', 'other', 'W', 'w', 'w' from p
			returning id, patient_id`,
		)
		await expect(
			handle.query(
				'insert into chunks (document_id, patient_id, ordinal, text, token_count, embedding) values ($1, $2, 99, $3, 1, $4)',
				[row?.id, row?.patient_id, 'x', '[1,0,0]'],
			),
		).rejects.toThrow(/dimensions/)
	})

	test('reject a value outside a vocabulary (CHECK constraint)', async () => {
		await expect(
			handle.query(
				"insert into users (issuer, subject, display_name, role) values ('urn:test', 'x', 'X', 'superuser')",
			),
		).rejects.toThrow(/users_role_check/)
	})
})
