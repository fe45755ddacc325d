import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { careTeamMembers, documents, patients, users } from '#db/schema/index.ts'
import { seedDemoForTest } from '#tests/helpers/demo-seed.ts'

describe('the demo seed', () => {
	let handle: DatabaseHandle

	beforeAll(async () => {
		handle = await openDatabase({ kind: 'embedded' })
		await migrateDatabase(handle)
	})
	afterAll(async () => {
		await handle.close()
	})

	test('loads the demo hospital into an empty database', async () => {
		const summary = await seedDemoForTest(handle.db)
		// 33 notes, plus the problem, medication, allergy and results lists and one summary per visit.
		expect(summary).toMatchObject({ users: 4, patients: 8, documents: 89, careTeamMembers: 6 })
		expect(summary.chunks).toBeGreaterThanOrEqual(summary.documents)
		expect(summary.events.filter((e) => e.action === 'document.ingest')).toHaveLength(89)
		const roles = await handle.db.select({ role: users.role }).from(users)
		expect(roles.map((r) => r.role).sort()).toEqual([
			'admin',
			'clinician',
			'intake',
			'safety_reviewer',
		])
	})

	test('is idempotent: a second run inserts nothing and changes nothing', async () => {
		const before = await handle.query<{ n: number }>('select count(*)::int as n from documents')
		const summary = await seedDemoForTest(handle.db)
		expect(summary).toMatchObject({
			users: 0,
			patients: 0,
			documents: 0,
			chunks: 0,
			careTeamMembers: 0,
		})
		expect(summary.events).toEqual([])
		const after = await handle.query<{ n: number }>('select count(*)::int as n from documents')
		expect(after).toEqual(before)
	})

	test('puts the demo clinician on some care teams but not all', async () => {
		const rows = await handle.db
			.select({ mrn: patients.mrn })
			.from(careTeamMembers)
			.innerJoin(users, eq(users.id, careTeamMembers.userId))
			.innerJoin(patients, eq(patients.id, careTeamMembers.patientId))
			.where(eq(users.subject, 'dr-rivera'))
		const total = await handle.db.select({ id: patients.id }).from(patients)
		expect(rows.length).toBeGreaterThan(0)
		expect(rows.length).toBeLessThan(total.length)
	})

	test('stores each note with its type, date, FHIR id and content hash', async () => {
		const docs = await handle.db
			.select()
			.from(documents)
			.innerJoin(patients, eq(patients.id, documents.patientId))
			.where(eq(patients.mrn, 'DEMO-100001'))
		const notes = docs.filter((d) => d.documents.sourceId.startsWith('DocumentReference/'))
		expect(notes.map((n) => n.documents.type).sort()).toEqual([
			'discharge_summary',
			'history_and_physical',
			'progress_note',
			'referral',
		])
		for (const { documents: doc } of notes) {
			expect(doc.authoredAt).toBeInstanceOf(Date)
			expect(doc.fhirIds.length).toBeGreaterThanOrEqual(1)
			expect(doc.contentHash).toMatch(/^[0-9a-f]{64}$/)
			expect(doc.text.length).toBeGreaterThan(200)
		}
		expect(docs.map((d) => d.documents.type)).toEqual(
			expect.arrayContaining(['problem_list', 'medication_list', 'lab_timeline']),
		)
	})

	test('includes a note with a planted instruction, for the injection guard', async () => {
		const rows = await handle.query<{ n: number }>(
			"select count(*)::int as n from documents where text ilike '%ignore all previous instructions%'",
		)
		expect(rows[0]?.n).toBe(1)
	})
})

describe('care-team memberships from FHIR', () => {
	test('come from Encounter participants when a bundle has no CareTeam', async () => {
		const { mkdtemp, readFile, writeFile, rm } = await import('node:fs/promises')
		const os = await import('node:os')
		const path = await import('node:path')
		const { DEMO_BUNDLES_DIR } = await import('./seed.ts')
		const dir = await mkdtemp(path.join(os.tmpdir(), 'chartside-bundles-'))
		const bundle = JSON.parse(
			await readFile(path.join(DEMO_BUNDLES_DIR, '06-achterberg.json'), 'utf8'),
		) as {
			entry: Array<{ resource: Record<string, unknown> & { resourceType: string; id: string } }>
		}
		expect(bundle.entry.some((e) => e.resource.resourceType === 'CareTeam')).toBe(false)
		bundle.entry.push({
			resource: {
				resourceType: 'Practitioner',
				id: 'pr-encounter-test',
				identifier: [{ system: 'urn:chartside:dev-idp', value: 'dr-rivera' }],
			},
		})
		const encounter = bundle.entry.find((e) => e.resource.resourceType === 'Encounter')
		if (!encounter) throw new Error('no encounter in the demo bundle')
		encounter.resource.participant = [
			{ individual: { reference: 'Practitioner/pr-encounter-test' } },
		]
		await writeFile(path.join(dir, 'only.json'), JSON.stringify(bundle))

		const handle = await openDatabase({ kind: 'embedded' })
		try {
			await migrateDatabase(handle)
			await seedDemoForTest(handle.db, dir)
			const rows = await handle.db
				.select({ source: careTeamMembers.source, subject: users.subject })
				.from(careTeamMembers)
				.innerJoin(users, eq(users.id, careTeamMembers.userId))
			expect(rows).toEqual([{ source: 'fhir_encounter', subject: 'dr-rivera' }])
		} finally {
			await handle.close()
			await rm(dir, { recursive: true, force: true })
		}
	})
})
