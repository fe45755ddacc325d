import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { patients } from '#db/schema/patients.ts'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'

/**
 * Every route × every role × (a patient on the demo clinician's care team, a patient on no team of
 * his), asserting the HTTP status. Run twice: as shipped, and with the SQL care-team filter bypassed
 * through a test-only seam, so that row-level security alone must keep foreign charts out.
 */

const ROLES = ['anonymous', 'clinician', 'intake', 'safety_reviewer', 'admin'] as const
type Who = (typeof ROLES)[number]
const SUBJECT: Record<Exclude<Who, 'anonymous'>, string> = {
	clinician: 'dr-rivera',
	intake: 'intake-lee',
	safety_reviewer: 'reviewer-khan',
	admin: 'admin-diaz',
}

type Target = 'own' | 'foreign'
type Route = {
	name: string
	method: 'GET' | 'POST'
	path: (patientId: string) => string
	body?: (csrf: string) => Record<string, string>
	/** Expected status per role; `login` is a redirect to the sign-in page. */
	expect: (who: Who, target: Target) => number | 'login'
	/** Serves chart data: a foreign patient's name must never appear in the response. */
	chart?: boolean
}

const only = (role: Who, ok: number) => (who: Who) =>
	who === 'anonymous' ? 'login' : who === role ? ok : 403

const roles =
	(ok: number, ...allowed: Who[]) =>
	(who: Who) =>
		who === 'anonymous' ? 'login' : allowed.includes(who) ? ok : 403

const UNKNOWN_FAX = '00000000-0000-4000-8000-00000000fa70'

const ROUTES: Route[] = [
	{ name: 'overview', method: 'GET', path: () => '/', expect: () => 200 },
	{ name: 'health', method: 'GET', path: () => '/healthz', expect: () => 200 },
	{
		name: 'login page',
		method: 'GET',
		path: () => '/login',
		expect: (who) => (who === 'anonymous' ? 200 : 302),
	},
	{
		name: 'patient list',
		method: 'GET',
		path: () => '/patients',
		expect: only('clinician', 200),
		chart: true,
	},
	{
		name: 'chart',
		chart: true,
		method: 'GET',
		path: (id) => `/patients/${id}`,
		expect: (who, target) =>
			who === 'anonymous' ? 'login' : who === 'clinician' && target === 'own' ? 200 : 403,
	},
	{
		name: 'break-glass with a too-short reason',
		chart: true,
		method: 'POST',
		path: (id) => `/patients/${id}`,
		body: (csrf) => ({ csrf, reason: 'short' }),
		expect: only('clinician', 400),
	},
	{
		name: 'ask the copilot',
		chart: true,
		method: 'POST',
		path: (id) => `/patients/${id}/ask`,
		body: (csrf) => ({ csrf, question: 'Is the patient taking apixaban?' }),
		expect: (who, target) =>
			who === 'anonymous' ? 'login' : who === 'clinician' && target === 'own' ? 200 : 403,
	},
	{
		name: 'decide on an answer that does not exist',
		chart: true,
		method: 'POST',
		path: (id) => `/patients/${id}/answers/00000000-0000-4000-8000-000000000000`,
		body: (csrf) => ({ csrf, decision: 'accept' }),
		expect: (who, target) =>
			who === 'anonymous' ? 'login' : who === 'clinician' && target === 'own' ? 404 : 403,
	},
	{
		name: 'care-team admin',
		method: 'GET',
		path: () => '/admin/care-teams',
		expect: only('admin', 200),
	},
	{
		name: 'care-team change with unknown ids',
		method: 'POST',
		path: () => '/admin/care-teams',
		body: (csrf) => ({
			csrf,
			userId: '00000000-0000-4000-8000-000000000000',
			patientId: '00000000-0000-4000-8000-000000000000',
			member: 'true',
		}),
		expect: only('admin', 400),
	},
	{
		name: 'audit ledger',
		method: 'GET',
		path: () => '/admin/ledger',
		expect: roles(200, 'admin', 'safety_reviewer'),
	},
	{
		name: 'audit ledger search by patient',
		method: 'GET',
		path: (patientId) => `/admin/ledger?patient=${patientId}`,
		expect: roles(200, 'admin', 'safety_reviewer'),
	},
	{
		name: 'ledger verification',
		method: 'POST',
		path: () => '/admin/ledger',
		body: (csrf) => ({ csrf }),
		expect: only('admin', 200),
	},
	{
		name: 'jobs admin',
		method: 'GET',
		path: () => '/admin/jobs',
		expect: only('admin', 200),
	},
	{
		name: 'retry of a job that does not exist',
		method: 'POST',
		path: () => '/admin/jobs',
		body: (csrf) => ({
			csrf,
			kind: 'documents.reembed',
			id: '00000000-0000-4000-8000-000000000000',
		}),
		expect: only('admin', 400),
	},
	{ name: 'intake screen', method: 'GET', path: () => '/intake', expect: only('intake', 200) },
	{
		name: 'review queue',
		method: 'GET',
		path: () => '/intake/review',
		expect: only('intake', 200),
	},
	{
		name: 'review of a fax that does not exist',
		method: 'GET',
		path: () => `/intake/faxes/${UNKNOWN_FAX}`,
		expect: only('intake', 404),
	},
	{
		// Not a multipart upload: intake staff are told so (400), anyone else is refused first.
		name: 'fax upload without a valid form',
		method: 'POST',
		path: () => '/intake?index',
		body: (csrf) => ({ csrf, file: 'referral.pdf' }),
		expect: only('intake', 400),
	},
	{
		// Intake staff and clinicians may see fax pages (row-level security decides which); the
		// others get the same 404, recorded as a denial (the test below).
		name: 'page image of a fax that does not exist',
		method: 'GET',
		path: () => `/faxes/${UNKNOWN_FAX}/pages/1`,
		expect: (who) => (who === 'anonymous' ? 'login' : 404),
	},
]

describe.each([
	{ mode: 'as shipped (SQL filter and row-level security)', bypassSqlScope: false },
	{ mode: 'with the SQL filter bypassed (row-level security alone)', bypassSqlScope: true },
])('authorization matrix $mode', ({ bypassSqlScope }) => {
	let server: AppServer
	const ids: Record<Target, string> = { own: '', foreign: '' }
	const sessions: Partial<Record<Who, { cookie: string; csrf: string }>> = {}

	beforeAll(async () => {
		server = await startAppServer({}, { bypassSqlScope })
		const { db } = server.services.database
		const byMrn = async (mrn: string) =>
			(await db.select({ id: patients.id }).from(patients).where(eq(patients.mrn, mrn)))[0]?.id ??
			''
		ids.own = await byMrn('DEMO-100001') // Whitfield: on Dr. Rivera's care team
		ids.foreign = await byMrn('DEMO-100006') // Achterberg: on no team of his
		for (const role of ROLES)
			if (role !== 'anonymous') sessions[role] = await server.sessionFor(SUBJECT[role])
	})
	afterAll(async () => {
		await server.stop()
	})

	const cases = ROUTES.flatMap((route) =>
		ROLES.flatMap((who) => (['own', 'foreign'] as const).map((target) => ({ route, who, target }))),
	)
	test.each(cases)(
		'$route.method $route.name · $who · $target patient',
		async ({ route, who, target }) => {
			const session = sessions[who]
			const headers: Record<string, string> = session ? { Cookie: session.cookie } : {}
			const init: RequestInit = { method: route.method, headers, redirect: 'manual' }
			if (route.body) {
				headers['Content-Type'] = 'application/x-www-form-urlencoded'
				init.body = new URLSearchParams(route.body(session?.csrf ?? '')).toString()
			}
			const response = await fetch(`${server.base}${route.path(ids[target])}`, init)
			const expected = route.expect(who, target)
			if (expected === 'login') {
				expect(response.status).toBe(302)
				expect(response.headers.get('location')).toMatch(/^\/login\?/)
			} else {
				expect(response.status).toBe(expected)
			}
			const body = await response.text()
			// Administrators see the patient roster (to assign care teams) but never chart data.
			if (route.chart) expect(body).not.toContain('Achterberg')
		},
	)

	test('the clinician’s patient list holds exactly the care team', async () => {
		const response = await fetch(`${server.base}/patients`, {
			headers: { Cookie: sessions.clinician?.cookie ?? '' },
		})
		const html = await response.text()
		for (const name of [
			'Whitfield',
			'Oyelaran',
			'Ramanathan',
			'Brennick',
			'Lindqvist',
			'Castellanos',
		])
			expect(html).toContain(name)
		for (const name of ['Achterberg', 'Okonkwo']) expect(html).not.toContain(name)
	})

	test('a denied chart is recorded with the policy that decided', async () => {
		const denied = (await server.events(1000)).filter(
			(e) =>
				e.action === 'access.denied' &&
				e.resource.id === ids.foreign &&
				e.actor.role === 'clinician',
		)
		expect(denied.length).toBeGreaterThan(0)
		expect(denied[0]?.policy).toBe('scope.care-team')
	})

	test('a fax page asked for by a role without fax access is recorded as denied', async () => {
		const denied = (await server.events(2000)).filter(
			(e) =>
				e.action === 'access.denied' && e.resource.type === 'fax' && e.resource.id === UNKNOWN_FAX,
		)
		expect(new Set(denied.map((e) => e.actor.role))).toEqual(new Set(['safety_reviewer', 'admin']))
	})
})
