import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openTestDatabase, type TestDatabase } from '#tests/helpers/test-database.ts'
import { patients } from '#db/schema/patients.ts'
import { users } from '#db/schema/users.ts'
import { withAccessScope, type Actor } from '#server/auth/scope.ts'
import { seedDemoForTest } from '#tests/helpers/demo-seed.ts'

/**
 * Row-level security on its own, straight against the database: what the application role may
 * read and write for each kind of user, with no application code in between. Queries here have no
 * WHERE clause for the user on purpose.
 */
let handle: TestDatabase
let clinician: Actor
let admin: Actor
let intake: Actor
let reviewer: Actor
let own: string
let foreign: string

const count = async (actor: Actor, table: string, patientId?: string) =>
	withAccessScope(handle.db, actor, async (tx) => {
		const where = patientId
			? sql` where ${sql.raw(table === 'patients' ? 'id' : 'patient_id')} = ${patientId}`
			: sql``
		const result = await tx.execute(
			sql`select count(*)::int as n from ${sql.raw(`public.${table}`)}${where}`,
		)
		return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n)
	})

const attempt = (actor: Actor, statement: ReturnType<typeof sql>) =>
	withAccessScope(handle.db, actor, (tx) => tx.execute(statement))

/** The database's own refusal (drizzle wraps it as "Failed query: …" with the error as cause). */
async function refusal(work: Promise<unknown>): Promise<string> {
	try {
		await work
	} catch (error) {
		const cause = (error as { cause?: { message?: unknown } }).cause
		return String(cause?.message ?? (error as Error).message)
	}
	throw new Error('expected the database to refuse')
}

beforeAll(async () => {
	handle = await openTestDatabase()
	await seedDemoForTest(handle.db)
	const actor = async (subject: string): Promise<Actor> => {
		const [u] = await handle.db
			.select({ id: users.id, role: users.role })
			.from(users)
			.where(eq(users.subject, subject))
		if (!u) throw new Error(subject)
		return { userId: u.id, role: u.role, sessionId: null }
	}
	clinician = await actor('dr-rivera')
	admin = await actor('admin-diaz')
	intake = await actor('intake-lee')
	reviewer = await actor('reviewer-khan')
	const byMrn = async (mrn: string) =>
		(await handle.db.select({ id: patients.id }).from(patients).where(eq(patients.mrn, mrn)))[0]
			?.id ?? ''
	own = await byMrn('DEMO-100001')
	foreign = await byMrn('DEMO-100006')
})

afterAll(async () => {
	await handle.close()
})

describe('a clinician under row-level security', () => {
	test('sees the care team’s patients and documents, and nothing of a foreign patient', async () => {
		expect(await count(clinician, 'patients')).toBe(6)
		expect(await count(clinician, 'patients', foreign)).toBe(0)
		expect(await count(clinician, 'documents', own)).toBe(11)
		expect(await count(clinician, 'documents', foreign)).toBe(0)
		expect(await count(clinician, 'chunks', own)).toBeGreaterThan(0)
		expect(await count(clinician, 'chunks', foreign)).toBe(0)
		expect(await count(clinician, 'care_team_members')).toBe(6)
	})
	test.each([
		['update a patient', sql`update public.patients set family_name = 'X'`],
		['delete a patient', sql`delete from public.patients`],
		[
			'insert a patient',
			sql`insert into public.patients (fhir_id, mrn, given_name, family_name, birth_date) values ('x', 'x', 'x', 'x', '2000-01-01')`,
		],
		['update a document', sql`update public.documents set text = 'x'`],
		['delete a document', sql`delete from public.documents`],
		['delete a chunk', sql`delete from public.chunks`],
		['delete a decision', sql`delete from public.decisions`],
		[
			'write a break-glass grant directly',
			sql`insert into public.break_glass_grants (user_id, patient_id, reason, expires_at) select chartside_user_id(), id, 'long enough reason', 'infinity' from public.patients limit 1`,
		],
		['read sessions', sql`select * from public.sessions`],
	])('cannot %s', async (_name, statement) => {
		expect(await refusal(attempt(clinician, statement))).toMatch(/permission denied/)
	})
	test('cannot add a care-team membership for anyone', async () => {
		expect(
			await refusal(
				attempt(
					clinician,
					sql`insert into public.care_team_members (user_id, patient_id, source) values (${clinician.userId}, ${foreign}, 'admin')`,
				),
			),
		).toMatch(/row-level security/)
	})
})

describe('intake staff under row-level security (migration 0008)', () => {
	test('see the roster’s demographics, but no chart content and no care teams', async () => {
		expect(await count(intake, 'patients')).toBe(8)
		expect(await count(intake, 'patients', foreign)).toBe(1)
		expect(await count(intake, 'documents')).toBe(0)
		expect(await count(intake, 'chunks')).toBe(0)
		expect(await count(intake, 'answers')).toBe(0)
		expect(await count(intake, 'care_team_members')).toBe(0)
	})
	test.each([
		['update a patient', () => sql`update public.patients set family_name = 'X'`],
		['delete a patient', () => sql`delete from public.patients`],
		[
			'put themselves on a care team',
			() =>
				sql`insert into public.care_team_members (user_id, patient_id, source) values (${intake.userId}, ${own}, 'admin')`,
		],
	])('cannot %s', async (_name, statement) => {
		expect(await refusal(attempt(intake, statement()))).toMatch(
			/permission denied|row-level security/,
		)
	})
})

describe('faxes under row-level security (migration 0008)', () => {
	let faxId = ''
	let filingId = ''
	/** A patient on no care team of the clinician's at the time of the test. */
	let stranger = ''

	beforeAll(async () => {
		const [fax] = await handle.asOwner<{ id: string }>(
			`insert into faxes (content_hash, original, file_kind, file_name, byte_size, page_count, pages_read, source, status)
				 values ('rls-test-' || gen_random_uuid(), decode('255044462d', 'hex'), 'pdf', 'synthetic.pdf', 5, 3, 3, 'upload', 'waiting_review')
				 returning id`,
		)
		faxId = fax!.id
		for (const page of [1, 2, 3])
			await handle.asOwner(
				`insert into fax_pages (fax_id, page, image, width, height, text, confidence, text_source)
				 values ($1, $2, decode('89504e47', 'hex'), 1, 1, 'Synthetic page text', 0.9, 'ocr')`,
				[faxId, page],
			)
		const [other] = await handle.asOwner<{ id: string }>(
			`select id from patients p where not exists (
					select 1 from care_team_members m where m.patient_id = p.id and m.user_id = $1)
				 order by mrn limit 1`,
			[clinician.userId],
		)
		stranger = other!.id
	})

	const pagesOf = (actor: Actor) =>
		withAccessScope(handle.db, actor, async (tx) => {
			const result = await tx.execute(
				sql`select page from public.fax_pages where fax_id = ${faxId} order by page`,
			)
			return (result as unknown as { rows: Array<{ page: number }> }).rows.map((r) => r.page)
		})

	test('intake staff see the fax, its pages and its filings', async () => {
		expect(await count(intake, 'faxes')).toBeGreaterThanOrEqual(1)
		expect(await pagesOf(intake)).toEqual([1, 2, 3])
	})

	test.each([
		['a clinician', () => clinician],
		['a safety reviewer', () => reviewer],
		['an administrator', () => admin],
	])('%s sees no faxes and no pages of an unfiled fax', async (_name, who) => {
		expect(await count(who(), 'faxes')).toBe(0)
		expect(await count(who(), 'fax_pages')).toBe(0)
		expect(await count(who(), 'fax_filings')).toBe(0)
	})

	test.each([
		['change a fax’s original', sql`update public.faxes set original = decode('00', 'hex')`],
		['delete a fax', sql`delete from public.faxes`],
		[
			'write a page',
			sql`insert into public.fax_pages (fax_id, page, image, width, height, text, confidence, text_source) select id, 9, decode('00', 'hex'), 1, 1, 'x', 1, 'ocr' from public.faxes limit 1`,
		],
		['delete a page', sql`delete from public.fax_pages`],
		['file a fax directly', sql`delete from public.fax_filings`],
	])('intake staff cannot %s (the intake system path does)', async (_name, statement) => {
		expect(await refusal(attempt(intake, statement))).toMatch(/permission denied/)
	})

	test('a clinician cannot receive a fax', async () => {
		expect(
			await refusal(
				attempt(
					clinician,
					sql`insert into public.faxes (content_hash, original, file_kind, file_name, byte_size, page_count, source) values ('x', decode('00', 'hex'), 'pdf', 'x.pdf', 1, 1, 'upload')`,
				),
			),
		).toMatch(/row-level security/)
	})

	test('a clinician sees the pages of a live filing for a care-team patient, and only those', async () => {
		// Pages 1-2 filed to a patient on the clinician's care team, page 3 to a stranger.
		const [filing] = await handle.asOwner<{ id: string }>(
			`insert into fax_filings (fax_id, first_page, last_page, type, patient_id, automatic)
				 values ($1, 1, 2, 'lab_result', $2, false) returning id`,
			[faxId, own],
		)
		filingId = filing!.id
		await handle.asOwner(
			`insert into fax_filings (fax_id, first_page, last_page, type, patient_id, automatic)
			 values ($1, 3, 3, 'referral', $2, false)`,
			[faxId, stranger],
		)
		expect(await pagesOf(clinician)).toEqual([1, 2])
		expect(await count(clinician, 'fax_filings')).toBe(1)
		// The fax row itself (the original, the candidates) stays intake's.
		expect(await count(clinician, 'faxes')).toBe(0)
		expect(await pagesOf(reviewer)).toEqual([])
		expect(await pagesOf(admin)).toEqual([])
		expect(await pagesOf(intake)).toEqual([1, 2, 3])
	})

	test('a refiled (removed) filing hides its pages from the clinician again', async () => {
		await handle.asOwner(
			`update fax_filings set removed_at = now(), removed_by = $2 where id = $1`,
			[filingId, intake.userId],
		)
		expect(await pagesOf(clinician)).toEqual([])
		expect(await count(clinician, 'fax_filings')).toBe(0)
		expect(await count(intake, 'fax_filings')).toBe(2)
	})
})

describe('break-glass under row-level security', () => {
	test('is refused without a real reason', async () => {
		expect(
			await refusal(
				attempt(clinician, sql`select public.chartside_break_glass(${foreign}::uuid, 'short', 60)`),
			),
		).toMatch(/reason/)
	})
	test('is refused for more than a day', async () => {
		expect(
			await refusal(
				attempt(
					clinician,
					sql`select public.chartside_break_glass(${foreign}::uuid, 'a reason long enough', 100000)`,
				),
			),
		).toMatch(/1440/)
	})
	test('is refused to an administrator', async () => {
		expect(
			await refusal(
				attempt(
					admin,
					sql`select public.chartside_break_glass(${foreign}::uuid, 'a reason long enough', 60)`,
				),
			),
		).toMatch(/clinicians/)
	})
	test('an expired grant opens nothing', async () => {
		await handle.query(
			"insert into break_glass_grants (user_id, patient_id, reason, expires_at) values ($1, $2, 'an old emergency', now() - interval '1 minute')",
			[clinician.userId, foreign],
		)
		expect(await count(clinician, 'documents', foreign)).toBe(0)
	})
	test('a granted clinician sees the patient until the grant ends; nobody else does', async () => {
		await attempt(
			clinician,
			sql`select public.chartside_break_glass(${foreign}::uuid, 'covering the ward tonight', 60)`,
		)
		expect(await count(clinician, 'documents', foreign)).toBe(11)
		expect(await count(intake, 'documents', foreign)).toBe(0)
		await handle.query(
			"update break_glass_grants set expires_at = now() - interval '1 second' where user_id = $1",
			[clinician.userId],
		)
		expect(await count(clinician, 'documents', foreign)).toBe(0)
	})
})

describe('an administrator under row-level security', () => {
	test('sees the patient roster and every membership, but no chart content', async () => {
		expect(await count(admin, 'patients')).toBe(8)
		expect(await count(admin, 'care_team_members')).toBeGreaterThanOrEqual(6)
		expect(await count(admin, 'documents')).toBe(0)
		expect(await count(admin, 'chunks')).toBe(0)
		expect(await count(admin, 'answers')).toBe(0)
	})
	test('cannot put themselves on a care team', async () => {
		expect(
			await refusal(
				attempt(
					admin,
					sql`insert into public.care_team_members (user_id, patient_id, source) values (${admin.userId}, ${own}, 'admin')`,
				),
			),
		).toMatch(/row-level security/)
	})
	test('can assign a clinician (positive control)', async () => {
		await attempt(
			admin,
			sql`insert into public.care_team_members (user_id, patient_id, source) values (${clinician.userId}, ${foreign}, 'admin')`,
		)
		expect(await count(clinician, 'documents', foreign)).toBe(11)
	})
})

describe('without an acting user', () => {
	test('row-level security shows nothing', async () => {
		const nobody = await handle.db.transaction(async (tx) => {
			await tx.execute(sql`set local role chartside_app`)
			const result = await tx.execute(sql`select count(*)::int as n from public.patients`)
			return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]?.n)
		})
		expect(nobody).toBe(0)
	})
})
