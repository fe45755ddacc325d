import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { patients } from '#db/schema/patients.ts'
import { startAppServer, type AppServer } from '#tests/helpers/app-server.ts'

/**
 * The copilot's HTTP routes on the real app: the stream a clinician gets, and each refusal, with
 * the denial recorded in the ledger. One test per rejected case.
 */
let server: AppServer
let clinician: { cookie: string; csrf: string; userId: string }
let intake: { cookie: string; csrf: string; userId: string }
let own = ''
let foreign = ''

const post = (path: string, who: { cookie: string }, fields: Record<string, string>) =>
	fetch(`${server.base}${path}`, {
		method: 'POST',
		headers: {
			cookie: who.cookie,
			'content-type': 'application/x-www-form-urlencoded',
			origin: server.base,
			'sec-fetch-site': 'same-origin',
		},
		body: new URLSearchParams(fields),
		redirect: 'manual',
	})

async function streamed(response: Response) {
	const text = await response.text()
	return text
		.split('\n\n')
		.filter(Boolean)
		.map((e) => JSON.parse(e.replace(/^data: /, '')) as { type: string; answer?: { id: string } })
}

beforeAll(async () => {
	server = await startAppServer()
	clinician = await server.sessionFor('dr-rivera')
	intake = await server.sessionFor('intake-lee')
	const byMrn = async (mrn: string) =>
		(
			await server.services.database.db
				.select({ id: patients.id })
				.from(patients)
				.where(eq(patients.mrn, mrn))
		)[0]?.id ?? ''
	own = await byMrn('DEMO-100001')
	foreign = await byMrn('DEMO-100006')
}, 60_000)
afterAll(async () => {
	await server.stop()
})

describe('the copilot over HTTP', () => {
	test('a clinician on the care team gets a stream of sentences, then the saved draft', async () => {
		const response = await post(`/patients/${own}/ask`, clinician, {
			csrf: clinician.csrf,
			question: 'Is the patient taking apixaban?',
		})
		expect(response.status).toBe(200)
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
		expect(response.headers.get('cache-control')).toBe('no-store')
		const events = await streamed(response)
		expect(events.at(-1)?.type).toBe('done')
		expect(events.some((e) => e.type === 'sentence')).toBe(true)
	})
})

describe('the copilot over HTTP refuses, one test per case', () => {
	test('asking about a patient outside the care team: 403, and a denied event', async () => {
		const response = await post(`/patients/${foreign}/ask`, clinician, {
			csrf: clinician.csrf,
			question: 'Is the patient taking apixaban?',
		})
		expect(response.status).toBe(403)
		expect(await response.text()).not.toContain('Achterberg')
		expect((await server.events(3))[0]).toMatchObject({
			action: 'access.denied',
			resource: { patientId: foreign },
		})
	})

	test('deciding on an answer of a patient outside the care team: 403, and a denied event', async () => {
		const asked = await streamed(
			await post(`/patients/${own}/ask`, clinician, {
				csrf: clinician.csrf,
				question: 'Is the patient taking apixaban?',
			}),
		)
		const answerId = asked.at(-1)?.answer?.id ?? ''
		const response = await post(`/patients/${foreign}/answers/${answerId}`, clinician, {
			csrf: clinician.csrf,
			decision: 'accept',
		})
		expect(response.status).toBe(403)
		expect((await server.events(3))[0]).toMatchObject({
			action: 'access.denied',
			decision: 'deny',
			resource: { type: 'answer', id: answerId, patientId: foreign },
		})
	})

	test('a role without the copilot: 403', async () => {
		const response = await post(`/patients/${own}/ask`, intake, {
			csrf: intake.csrf,
			question: 'Is the patient taking apixaban?',
		})
		expect(response.status).toBe(403)
	})

	test('a missing CSRF token: 403', async () => {
		const response = await post(`/patients/${own}/ask`, clinician, {
			question: 'Is the patient taking apixaban?',
		})
		expect(response.status).toBe(403)
	})

	test('an empty question: 400 with plain words', async () => {
		const response = await post(`/patients/${own}/ask`, clinician, {
			csrf: clinician.csrf,
			question: '   ',
		})
		expect(response.status).toBe(400)
		expect(((await response.json()) as { error: string }).error).toMatch(/question/i)
	})

	test('a decision that is not one of accept, edit, override: 400', async () => {
		const response = await post(
			`/patients/${own}/answers/00000000-0000-4000-8000-000000000000`,
			clinician,
			{
				csrf: clinician.csrf,
				decision: 'approve',
			},
		)
		expect(response.status).toBe(400)
	})
})
