import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openDatabase, type DatabaseHandle } from '#db/client.ts'
import { migrateDatabase } from '#db/migrate.ts'
import { createDataAccess, type PatientData } from '#server/auth/patient-data.ts'
import { createRetrieval, type Retrieval } from '#server/retrieval/search.ts'
import { seedDemoForTest } from '#tests/helpers/demo-seed.ts'
import { gatewayWith } from '#tests/helpers/gateway-fixtures.ts'
import { evaluationClinician, runRetrievalSuite, type QaCase } from './retrieval.ts'

/** The retrieval suite on the demo hospital, with questions whose gold sources are its FHIR ids. */
const WHITFIELD = 'ad5eeb82-3c27-4048-b80c-25a48e3da727'
const CASES: QaCase[] = [
	{
		id: 'q-apixaban',
		patient: WHITFIELD,
		question: 'Is the patient on apixaban?',
		answerable: true,
		gold_facts: ['Apixaban'],
		gold_sources: ['744ef30e-a8f6-42f3-b5c0-78a79ea6e514'],
	},
	{
		id: 'q-afib',
		patient: WHITFIELD,
		question: 'Does the chart document atrial fibrillation?',
		answerable: true,
		gold_facts: ['Atrial fibrillation'],
		gold_sources: ['b27fc07c-3319-4b64-b25f-b35313170fc0'],
	},
	{
		id: 'q-unknown-patient',
		patient: 'no-such-patient',
		question: 'Is the patient on apixaban?',
		answerable: true,
		gold_facts: [],
		gold_sources: ['x'],
	},
	{
		id: 'q-unanswerable',
		patient: WHITFIELD,
		question: 'Was a colonoscopy done?',
		answerable: false,
		gold_facts: [],
		gold_sources: [],
	},
]

let handle: DatabaseHandle
let data: PatientData
let retrieval: Retrieval
beforeAll(async () => {
	handle = await openDatabase({ kind: 'embedded' })
	await migrateDatabase(handle)
	await seedDemoForTest(handle.db)
	data = createDataAccess({ db: handle.db, existence: handle.db }).forSystemActor(
		'evaluation',
		await evaluationClinician(handle.db),
	)
	retrieval = createRetrieval({ gateway: gatewayWith() })
}, 60_000)
afterAll(async () => {
	await handle.close()
})

describe('the retrieval suite', () => {
	test('finds the gold sources of answerable questions, and counts a missing patient as a miss', async () => {
		const result = await runRetrievalSuite({ db: handle.db, retrieval, data, cases: CASES })
		expect(result.n).toBe(3)
		expect(result.cases.map((c) => [c.id, c.outcome])).toEqual([
			['q-apixaban', 'hit'],
			['q-afib', 'hit'],
			['q-unknown-patient', 'no_patient'],
		])
		expect(result.recall_at_8).toBeCloseTo(2 / 3, 5)
	})

	test('a retriever that returns the wrong chunks scores lower (the suite can fail)', async () => {
		const degraded: Retrieval = {
			search: async (scope, input) => (await retrieval.search(scope, input)).reverse().slice(0, 1),
		}
		const good = await runRetrievalSuite({ db: handle.db, retrieval, data, cases: CASES })
		const bad = await runRetrievalSuite({ db: handle.db, retrieval: degraded, data, cases: CASES })
		expect(bad.recall_at_8).toBeLessThan(good.recall_at_8)
		expect(bad.mrr).toBeLessThan(good.mrr)
	})
})
