import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadPath } from './index.ts'
import { bundle, scratchDir } from './test-fixtures.ts'

/** How FHIR files are read and grouped per patient: bundles without a Patient, Bulk Data NDJSON. */
let scratch: Awaited<ReturnType<typeof scratchDir>>
beforeAll(async () => {
	scratch = await scratchDir()
})
afterAll(() => scratch.remove())

describe('a FHIR bundle without a Patient', () => {
	test('is filed under the patient given, its derived documents keyed by that patient', async () => {
		const file = await scratch.write(
			'no-patient.json',
			bundle([
				{
					resourceType: 'Condition',
					id: 'c1',
					code: { text: 'Asthma' },
					subject: { reference: 'Patient/given-1' },
				},
			]),
		)
		const { charts } = await loadPath(file, { patient: { fhirId: 'given-1' } })
		expect(charts).toHaveLength(1)
		expect(charts[0]?.patient).toBeNull()
		expect(charts[0]?.patientRef).toEqual({ fhirId: 'given-1' })
		expect(charts[0]?.documents.map((d) => d.sourceId)).toEqual(['Patient/given-1/problem-list'])
	})
})

describe('FHIR Bulk Data NDJSON', () => {
	const line = (r: object) => JSON.stringify(r)
	const condition = (i: number, patient: string) =>
		line({
			resourceType: 'Condition',
			id: `c${i}`,
			code: { text: `Problem ${i}` },
			subject: { reference: `Patient/${patient}` },
		})

	test('groups the resources of a folder of NDJSON files per patient', async () => {
		await scratch.write(
			'bulk/Patient.000.ndjson',
			['a', 'b'].map((id) => line({ resourceType: 'Patient', id })).join('\n'),
		)
		await scratch.write(
			'bulk/Condition.000.ndjson',
			[condition(0, 'a'), condition(1, 'b'), '', condition(2, 'b')].join('\n'),
		)
		const loaded = await loadPath(`${scratch.dir}/bulk`)
		expect(loaded.resources).toBe(5)
		expect(loaded.charts.map((c) => [c.patient?.fhirId, c.documents[0]?.fhirIds])).toEqual([
			['a', ['c0']],
			['b', ['c1', 'c2']],
		])
	})

	test('reads a single NDJSON file too', async () => {
		const file = await scratch.write(
			'single.ndjson',
			[line({ resourceType: 'Patient', id: 'a' }), condition(0, 'a')].join('\n'),
		)
		const loaded = await loadPath(file)
		expect(loaded.resources).toBe(2)
		expect(loaded.charts[0]?.documents[0]?.sections[0]?.text).toBe('Problem 0.')
	})
})
