import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { careTeamMembers, patients, users } from '#db/schema/index.ts'
import { seedDemo } from '#ingest/demo/seed.ts'
import type { LedgerEntry } from '../audit/events.ts'
import { createLedgerStore } from '../audit/ledger-store.ts'
import type { PatientData } from '../auth/patient-data.ts'
import type { ResolvedSession } from '../auth/sessions.ts'
import { parseConfig } from '../config/index.ts'
import { createLogger } from '../log.ts'
import { createServices, type Services } from '../services.ts'
import { createTestDatabases, type TestDatabases } from '#tests/helpers/test-database.ts'
import type { CopilotEvent } from './types.ts'

/**
 * The copilot on the demo hospital, with the real ledger and the local deterministic models: a
 * cited answer and its records, "not found in the chart", the planted instruction, a summary, the
 * decisions, and the refusals for a patient outside the care team.
 */
let services: Services
let dataDir: string
let databases: TestDatabases
/** Dr. Rivera's data handle, made from a session resolved as a request's would be. */
let data: PatientData
let session: ResolvedSession
/** Ends the request the handle belongs to (used by the last tests only). */
const request = new AbortController()
let own: string
let castellanos: string
let foreign: string

const events = async (limit = 40) =>
	(await createLedgerStore(services.ledgerStore.db).search({ limit })).flatMap((r) =>
		r.entry ? [r.entry as LedgerEntry] : [],
	)
const collect = async (stream: AsyncIterable<CopilotEvent>) => {
	const out: CopilotEvent[] = []
	for await (const e of stream) out.push(e)
	return out
}
const ask = (patientId: string, question: string) =>
	collect(
		services.copilot.ask(data, {
			requestId: `req-${question.length}`,
			patientId,
			question,
		}),
	)
/** A session started for `userId` and resolved from its cookie, as a request's is. */
const signedIn = async (userId: string) => {
	const { setCookie } = await services.sessions.start(userId, null)
	const resolution = await services.sessions.resolve(
		new Request('http://chartside.test/', { headers: { Cookie: setCookie.split(';')[0] ?? '' } }),
	)
	if (resolution.status !== 'active') throw new Error('the session did not resolve')
	return resolution.user
}
const done = (out: CopilotEvent[]) => {
	const last = out.at(-1)
	if (last?.type !== 'done') throw new Error('the stream did not finish')
	return last.answer
}

beforeAll(async () => {
	dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-copilot-'))
	databases = await createTestDatabases()
	services = await createServices(parseConfig({ DATA_DIR: dataDir, ...databases.env }), {
		log: createLogger('silent'),
	})
	await seedDemo({ db: services.database.db, gateway: services.gateway, audit: services.audit })
	const [user] = await services.database.db
		.select()
		.from(users)
		.where(eq(users.subject, 'dr-rivera'))
	session = await signedIn(user?.id ?? '')
	data = services.access.forSession(session, { ended: request.signal })
	const byMrn = async (mrn: string) =>
		(
			await services.database.db
				.select({ id: patients.id })
				.from(patients)
				.where(eq(patients.mrn, mrn))
		)[0]?.id ?? ''
	own = await byMrn('DEMO-100001')
	castellanos = await byMrn('DEMO-100008')
	foreign = await byMrn('DEMO-100006')
}, 60_000)
afterAll(async () => {
	await services.close()
	await databases.drop()
	await rm(dataDir, { recursive: true, force: true })
})

describe('asking about a patient on the care team', () => {
	test('streams cited sentences, saves a draft, and records inference and render', async () => {
		const out = await ask(own, 'Is the patient taking apixaban?')
		const answer = done(out)
		expect(answer.status).toBe('draft')
		expect(answer.notFound).toBe(false)
		expect(answer.model.label).toMatch(/^local deterministic/)
		const first = answer.sentences[0]
		expect(first?.text).toMatch(/apixaban/i)
		expect(first?.supported).toBe(true)
		expect(first?.citations[0]).toMatchObject({
			documentTitle: expect.any(String),
			fhirIds: expect.any(Array),
		})
		expect(out.filter((e) => e.type === 'sentence').length).toBe(answer.sentences.length)
		const actions = (await events()).map((e) => e.action)
		expect(actions).toEqual(
			expect.arrayContaining(['phi.read', 'inference.stream_opened', 'inference', 'answer.render']),
		)
		const render = (await events()).find((e) => e.action === 'answer.render')
		expect(render).toMatchObject({ resource: { type: 'answer', id: answer.id, patientId: own } })
		expect(render?.details?.outputFingerprint).toMatch(/^sha256:/)
	})

	test('a question the chart cannot answer: "not found in the chart"', async () => {
		const answer = done(await ask(own, 'When was the last colonoscopy?'))
		expect(answer).toMatchObject({ notFound: true, sentences: [] })
	})

	test('a planted instruction in the chart does not change the answer', async () => {
		const answer = done(await ask(castellanos, 'What did the patient ask about insulin pens?'))
		const text = answer.sentences.map((s) => s.text).join(' ')
		expect(text).not.toMatch(
			/no known allergies|needs no follow-up|refill-help\.example|ignore all previous/i,
		)
	})

	test('summarizes a document with citations into that document', async () => {
		const chart = await services.chart.openChart(data, own, 'req-chart')
		if (chart.status !== 'ok') throw new Error('chart not open')
		const note = chart.chart.documents.find((d) => d.type === 'discharge_summary')
		const out = await collect(
			services.copilot.summarize(data, {
				requestId: 'req-sum',
				patientId: own,
				documentId: note?.id ?? '',
			}),
		)
		const answer = done(out)
		expect(answer.kind).toBe('summary')
		expect(answer.sentences.length).toBeGreaterThan(0)
		for (const s of answer.sentences)
			for (const c of s.citations) expect(c.documentId).toBe(note?.id)
	})
})

describe('deciding on a draft', () => {
	test('accept: the draft becomes the record, and the decision is a ledger event', async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await services.copilot.decide(data, {
			requestId: 'req-acc',
			patientId: own,
			answerId: answer.id,
			decision: 'accept',
		})
		const reopened = await services.copilot.getAnswer(data, {
			requestId: 'r',
			patientId: own,
			answerId: answer.id,
		})
		expect(reopened.status).toBe('accepted')
		expect(reopened.decision?.finalText).toMatch(/apixaban/i)
		const decision = (await events()).find((e) => e.action === 'answer.decision')
		expect(decision).toMatchObject({ clinicianDecision: { decision: 'accept', reasonCode: null } })
	})

	test('override with a reason: kept for review, never shown as accepted; the note is encrypted', async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await services.copilot.decide(data, {
			requestId: 'req-ovr',
			patientId: own,
			answerId: answer.id,
			decision: 'override',
			reasonCode: 'incomplete',
			reasonText: 'Dose changed at the last visit.',
		})
		const reopened = await services.copilot.getAnswer(data, {
			requestId: 'r',
			patientId: own,
			answerId: answer.id,
		})
		expect(reopened.status).toBe('overridden')
		expect(reopened.decision).toMatchObject({
			decision: 'override',
			reasonCode: 'incomplete',
			finalText: null,
		})
		const entry = (await events()).find((e) => e.action === 'answer.decision')
		expect(entry?.clinicianDecision).toMatchObject({
			decision: 'override',
			reasonCode: 'incomplete',
		})
		expect(JSON.stringify(entry)).not.toContain('Dose changed')
		expect(entry?.payload).toMatchObject({ alg: 'A256GCM' })
	})

	test("edit: the clinician's own text is stored, fingerprinted in the ledger", async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await services.copilot.decide(data, {
			requestId: 'req-edit',
			patientId: own,
			answerId: answer.id,
			decision: 'edit',
			editedText: 'Apixaban 5 mg twice daily, confirmed with the patient.',
		})
		const reopened = await services.copilot.getAnswer(data, {
			requestId: 'r',
			patientId: own,
			answerId: answer.id,
		})
		expect(reopened).toMatchObject({
			status: 'edited',
			decision: { finalText: 'Apixaban 5 mg twice daily, confirmed with the patient.' },
		})
		const entry = (await events()).find((e) => e.action === 'answer.decision')
		expect(entry?.clinicianDecision?.editedTextFingerprint).toMatch(/^sha256:/)
	})
})

describe('the copilot refuses, one test per case', () => {
	const refuses = async (work: Promise<unknown>, code: string) => {
		await expect(work).rejects.toMatchObject({ code })
	}

	test('asking about a patient outside the care team: refused, and the denial recorded', async () => {
		await refuses(ask(foreign, 'Is the patient taking apixaban?'), 'COPILOT_FORBIDDEN')
		expect((await events(5))[0]).toMatchObject({
			action: 'access.denied',
			decision: 'deny',
			resource: { patientId: foreign },
		})
	})

	test('deciding on an answer of a patient outside the care team: refused, and the denial recorded', async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await refuses(
			services.copilot.decide(data, {
				requestId: 'r',
				patientId: foreign,
				answerId: answer.id,
				decision: 'accept',
			}),
			'COPILOT_FORBIDDEN',
		)
		expect((await events(5))[0]).toMatchObject({
			action: 'access.denied',
			resource: { type: 'answer', patientId: foreign },
		})
	})

	test('a second decision on the same answer', async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		const decide = () =>
			services.copilot.decide(data, {
				requestId: 'r',
				patientId: own,
				answerId: answer.id,
				decision: 'accept',
			})
		await decide()
		await refuses(decide(), 'COPILOT_ALREADY_DECIDED')
	})

	test('an override without a reason from the list', async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await refuses(
			services.copilot.decide(data, {
				requestId: 'r',
				patientId: own,
				answerId: answer.id,
				decision: 'override',
				reasonCode: 'because',
			}),
			'COPILOT_DECISION_INVALID',
		)
	})

	test('an edit without text', async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await refuses(
			services.copilot.decide(data, {
				requestId: 'r',
				patientId: own,
				answerId: answer.id,
				decision: 'edit',
				editedText: '  ',
			}),
			'COPILOT_DECISION_INVALID',
		)
	})

	test('an unknown patient', async () => {
		await refuses(ask('00000000-0000-4000-8000-000000000000', 'apixaban?'), 'COPILOT_NOT_FOUND')
	})
})

describe('the copilot reads only as the handle it is given (ADR 031), one test per case', () => {
	let other: PatientData
	let otherId: string
	beforeAll(async () => {
		const [row] = await services.database.db
			.insert(users)
			.values({
				issuer: 'urn:chartside:test',
				subject: 'dr-other',
				displayName: 'Dr. Other (synthetic)',
				email: null,
				role: 'clinician',
			})
			.returning({ id: users.id })
		otherId = row?.id ?? ''
		other = services.access.forSession(await signedIn(otherId), {
			ended: new AbortController().signal,
		})
	})

	test("reopening Dr. Rivera's answer with another clinician's handle: refused, the denial recorded as the other", async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await expect(
			services.copilot.getAnswer(other, { requestId: 'r-b', patientId: own, answerId: answer.id }),
		).rejects.toMatchObject({ code: 'COPILOT_FORBIDDEN' })
		expect((await events(5))[0]).toMatchObject({
			action: 'access.denied',
			actor: { userId: otherId },
			resource: { type: 'answer', id: answer.id, patientId: own },
		})
	})

	test("the history of Dr. Rivera's patient with another clinician's handle: refused, the denial recorded", async () => {
		await expect(
			services.copilot.history(other, { requestId: 'r-b', patientId: own }),
		).rejects.toMatchObject({ code: 'COPILOT_FORBIDDEN' })
		expect((await events(5))[0]).toMatchObject({
			action: 'access.denied',
			actor: { userId: otherId },
			resource: { type: 'patient', patientId: own },
		})
	})

	test("deciding on Dr. Rivera's draft with the handle of another clinician on the same care team: refused", async () => {
		const answer = done(await ask(own, 'Is the patient taking apixaban?'))
		await services.database.db
			.insert(careTeamMembers)
			.values({ userId: otherId, patientId: own, source: 'admin' })
		try {
			await expect(
				services.copilot.decide(other, {
					requestId: 'r-b',
					patientId: own,
					answerId: answer.id,
					decision: 'accept',
				}),
			).rejects.toMatchObject({ code: 'COPILOT_FORBIDDEN' })
			const reopened = await services.copilot.getAnswer(data, {
				requestId: 'r',
				patientId: own,
				answerId: answer.id,
			})
			expect(reopened.status).toBe('draft')
		} finally {
			await services.database.db.delete(careTeamMembers).where(eq(careTeamMembers.userId, otherId))
		}
	})

	test('a handle made from anything but a resolved session: refused before any read', () => {
		expect(() =>
			services.access.forSession({ ...session }, { ended: new AbortController().signal }),
		).toThrow(expect.objectContaining({ code: 'AUTH_SCOPE_REQUIRED' }))
	})

	test('a handle made without the request it belongs to: refused', () => {
		expect(() => services.access.forSession(session, undefined as never)).toThrow(
			expect.objectContaining({ code: 'AUTH_SCOPE_REQUIRED' }),
		)
	})

	test('a handle whose request has ended: every use refused, nothing read or recorded', async () => {
		const before = JSON.stringify((await events(1))[0])
		request.abort()
		await expect(
			services.copilot.history(data, { requestId: 'r-late', patientId: own }),
		).rejects.toMatchObject({ code: 'AUTH_SCOPE_REQUIRED' })
		await expect(
			collect(
				services.copilot.ask(data, { requestId: 'r-late', patientId: own, question: 'apixaban?' }),
			),
		).rejects.toMatchObject({ code: 'AUTH_SCOPE_REQUIRED' })
		expect(JSON.stringify((await events(1))[0])).toBe(before)
	})
})
