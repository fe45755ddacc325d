import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { phoneOf } from './fhir-chart.ts'
import { documentText, loadPath } from './index.ts'
import { base64, bundle, expectWellFormed, scratchDir } from './test-fixtures.ts'
import type { LoadedChart } from './types.ts'

/**
 * FHIR resources → readable documents, on a small synthetic bundle whose every fact is known:
 * the lists, the lab timeline, encounter summaries and notes, and the ids each section carries.
 */
let scratch: Awaited<ReturnType<typeof scratchDir>>
beforeAll(async () => {
	scratch = await scratchDir()
})
afterAll(() => scratch.remove())

const SNOMED = 'http://snomed.info/sct'
const LOINC = 'http://loinc.org'
const subject = { reference: 'urn:uuid:0f1e2d3c-0000-4000-8000-000000000001' }
const visit = { reference: 'Encounter/enc-1' }

const RESOURCES = [
	{
		resourceType: 'Patient',
		id: 'pat-1',
		identifier: [
			{ system: 'urn:example:ssn', value: '000-00-0000' },
			{ type: { coding: [{ code: 'MR' }] }, system: 'urn:example:mrn', value: 'MRN-0001' },
		],
		name: [{ use: 'official', family: 'Testperson', given: ['Ada', 'Q'] }],
		gender: 'female',
		telecom: [
			{ system: 'email', value: 'ada@example.org' },
			{ system: 'phone', value: '+1 (555) 010-2233', use: 'home' },
			{ system: 'phone', value: '555-010-9999', use: 'work' },
		],
		birthDate: '1960-05',
	},
	{
		resourceType: 'Encounter',
		id: 'enc-1',
		status: 'finished',
		class: { code: 'AMB' },
		type: [{ text: 'Office visit' }],
		subject,
		period: { start: '2020-01-02T09:00:00Z', end: '2020-01-02T09:30:00Z' },
		reasonReference: [{ reference: 'Condition/cond-htn' }],
	},
	{
		resourceType: 'Condition',
		id: 'cond-htn',
		clinicalStatus: { coding: [{ code: 'active' }] },
		code: { coding: [{ system: SNOMED, code: '38341003', display: 'Hypertension' }] },
		subject,
		encounter: visit,
		onsetDateTime: '2010-03-01T00:00:00Z',
	},
	{
		resourceType: 'Condition',
		id: 'cond-flu',
		clinicalStatus: { coding: [{ code: 'resolved' }] },
		code: { text: 'Influenza' },
		subject,
		onsetDateTime: '2019-12-01',
		abatementDateTime: '2019-12-10',
	},
	{
		resourceType: 'Condition',
		id: 'cond-dm',
		clinicalStatus: { coding: [{ code: 'active' }] },
		code: { text: 'Prediabetes' },
		subject,
		onsetDateTime: '2015-06-01',
	},
	...['2018-02-11', '2019-02-11'].map((date, i) => ({
		resourceType: 'MedicationRequest',
		id: `med-${i}`,
		status: i === 1 ? 'active' : 'stopped',
		intent: 'order',
		medicationCodeableConcept: { text: 'Simvastatin 20 MG Oral Tablet' },
		subject,
		encounter: i === 1 ? visit : undefined,
		authoredOn: date,
		reasonReference: [{ reference: 'Condition/cond-htn' }],
		dosageInstruction: [{ text: 'one tablet at night' }],
	})),
	...(
		[
			['obs-mchc-old', '2018-02-11', 34.1],
			['obs-mchc-new', '2019-02-11', 33.77123],
		] as const
	).map(([id, date, value]) => ({
		resourceType: 'Observation',
		id,
		status: 'final',
		category: [{ coding: [{ code: 'laboratory' }] }],
		code: {
			coding: [{ system: LOINC, code: '786-4', display: 'MCHC [Mass/volume] by Automated count' }],
		},
		subject,
		effectiveDateTime: `${date}T08:00:00Z`,
		valueQuantity: { value, unit: 'g/dL' },
	})),
	{
		resourceType: 'Observation',
		id: 'obs-bp',
		status: 'final',
		category: [{ coding: [{ code: 'vital-signs' }] }],
		code: { coding: [{ system: LOINC, code: '55284-4', display: 'Blood Pressure' }] },
		subject,
		encounter: visit,
		effectiveDateTime: '2020-01-02T09:10:00Z',
		component: [
			{
				code: { coding: [{ code: '8462-4', display: 'Diastolic' }] },
				valueQuantity: { value: 80, unit: 'mmHg' },
			},
			{
				code: { coding: [{ code: '8480-6', display: 'Systolic' }] },
				valueQuantity: { value: 120, unit: 'mmHg' },
			},
		],
	},
	{
		resourceType: 'DiagnosticReport',
		id: 'rep-1',
		status: 'final',
		code: { text: 'Complete blood count' },
		subject,
		effectiveDateTime: '2019-02-11T08:00:00Z',
		result: [
			{ reference: 'urn:uuid:obs-mchc-new' },
			{ reference: 'Observation/elsewhere', display: 'Platelets' },
		],
	},
	{
		resourceType: 'AllergyIntolerance',
		id: 'alg-1',
		clinicalStatus: { coding: [{ code: 'active' }] },
		category: ['food'],
		type: 'allergy',
		criticality: 'low',
		code: { text: 'Peanut' },
		patient: subject,
		recordedDate: '2001-04-04',
		reaction: [{ manifestation: [{ text: 'Hives' }], severity: 'mild' }],
	},
	...['2018-10-01', '2019-10-01'].map((date, i) => ({
		resourceType: 'Immunization',
		id: `imm-${i}`,
		status: 'completed',
		vaccineCode: {
			coding: [
				{ system: 'http://hl7.org/fhir/sid/cvx', code: '140', display: 'Influenza, seasonal' },
			],
		},
		patient: subject,
		occurrenceDateTime: date,
	})),
	{
		resourceType: 'Procedure',
		id: 'proc-1',
		status: 'completed',
		code: { text: 'Medication reconciliation' },
		subject,
		encounter: visit,
		performedPeriod: { start: '2020-01-02T09:15:00Z' },
	},
	{
		resourceType: 'DocumentReference',
		id: 'doc-1',
		status: 'current',
		type: { coding: [{ system: LOINC, code: '11506-3', display: 'Progress note' }] },
		subject,
		date: '2020-01-02T10:00:00Z',
		content: [
			{
				attachment: {
					contentType: 'text/html; charset=utf-8',
					data: base64(
						'<h1>Chief Complaint</h1><p>Headache &amp; dizziness</p><h2>Plan</h2><ul><li>Rest</li><li>Fluids</li></ul>',
					),
				},
			},
		],
		context: { encounter: [visit] },
	},
	{
		resourceType: 'DocumentReference',
		id: 'doc-err',
		status: 'entered-in-error',
		subject,
		content: [{ attachment: { contentType: 'text/plain', data: base64('wrong chart') } }],
	},
	{
		resourceType: 'DocumentReference',
		id: 'doc-pdf',
		status: 'current',
		subject,
		content: [{ attachment: { contentType: 'application/pdf', data: 'JVBERi0=' } }],
	},
	{
		resourceType: 'Condition',
		id: 'cond-err',
		verificationStatus: { coding: [{ code: 'entered-in-error' }] },
		code: { text: 'Wrong-patient diagnosis' },
		subject,
	},
	// Another patient's resource in the same file: never attached to pat-1.
	{
		resourceType: 'Condition',
		id: 'cond-other',
		code: { text: 'Gout' },
		subject: { reference: 'Patient/someone-else' },
	},
	{ resourceType: 'Claim', id: 'claim-1', patient: subject },
]

let chart: LoadedChart
let resources = 0
const doc = (sourceId: string) => {
	const found = chart.documents.find((d) => d.sourceId === sourceId)
	if (!found) throw new Error(`no document ${sourceId}`)
	return found
}

beforeAll(async () => {
	// The Patient's fullUrl is a urn:uuid other than its id: references through it still resolve.
	const json = JSON.parse(bundle(RESOURCES, 'transaction')) as {
		entry: Array<{ fullUrl?: string }>
	}
	if (json.entry[0]) json.entry[0].fullUrl = subject.reference
	const loaded = await loadPath(await scratch.write('chart.json', JSON.stringify(json)))
	expect(loaded.charts).toHaveLength(1)
	chart = loaded.charts[0] as LoadedChart
	resources = loaded.resources
})

describe('a FHIR bundle', () => {
	test('gives the patient: MRN from the MR identifier, a partial birth date as null, the first phone as digits', () => {
		expect(resources).toBe(RESOURCES.length)
		expect(chart.patient).toEqual({
			fhirId: 'pat-1',
			mrn: 'MRN-0001',
			givenName: 'Ada Q',
			familyName: 'Testperson',
			birthDate: null,
			sex: 'female',
			phone: '5550102233',
		})
		expect(chart.patientRef).toEqual({ fhirId: 'pat-1', mrn: 'MRN-0001' })
	})

	test('gives a problem list: active conditions first, then newest onset first', () => {
		const list = doc('Patient/pat-1/problem-list')
		expect(list.type).toBe('problem_list')
		expect(list.sections.map((s) => s.heading)).toEqual([
			'Prediabetes',
			'Hypertension',
			'Influenza',
		])
		expect(list.sections[1]).toEqual({
			heading: 'Hypertension',
			text: 'Hypertension — SNOMED 38341003. Onset 2010-03-01. Status: active.',
			fhirIds: ['cond-htn'],
			date: '2010-03-01',
		})
		expect(list.sections[2]?.text).toBe(
			'Influenza. Onset 2019-12-01. Resolved 2019-12-10. Status: resolved.',
		)
		expect(list.fhirIds).not.toContain('cond-other') // another patient's
		expect(list.fhirIds).not.toContain('cond-err') // entered in error
	})

	test('gives a medication list: one section per medication, orders newest first', () => {
		const list = doc('Patient/pat-1/medication-list')
		expect(list.sections).toHaveLength(1)
		expect(list.sections[0]).toEqual({
			heading: 'Simvastatin 20 MG Oral Tablet',
			text: [
				'2019-02-11: Simvastatin 20 MG Oral Tablet — status active; reason: Hypertension; dosage: one tablet at night',
				'2018-02-11: Simvastatin 20 MG Oral Tablet — status stopped; reason: Hypertension; dosage: one tablet at night',
			].join('\n'),
			fhirIds: ['med-1', 'med-0'],
			date: '2019-02-11',
		})
	})

	test('gives a lab timeline: the most recent value named as such, panels by component, reports with their results', () => {
		const timeline = doc('Patient/pat-1/lab-timeline')
		const mchc = timeline.sections.find(
			(s) => s.heading === 'MCHC [Mass/volume] by Automated count',
		)
		expect(mchc).toEqual({
			heading: 'MCHC [Mass/volume] by Automated count',
			text: 'Most recent: 33.77 g/dL on 2019-02-11.\nEarlier results:\n2018-02-11: 34.1 g/dL',
			fhirIds: ['obs-mchc-new', 'obs-mchc-old'],
			date: '2019-02-11',
		})
		const bp = timeline.sections.find((s) => s.heading === 'Blood Pressure')
		expect(bp?.text).toBe('Most recent: Systolic 120 mmHg, Diastolic 80 mmHg on 2020-01-02.')
		const report = timeline.sections.find((s) => s.heading === 'Complete blood count (2019-02-11)')
		expect(report?.fhirIds).toEqual(['rep-1', 'obs-mchc-new'])
		expect(report?.text).toContain('MCHC [Mass/volume] by Automated count: 33.77 g/dL')
		expect(report?.text).toContain('Platelets: result not in this chart')
	})

	test('gives allergies and immunizations', () => {
		expect(doc('Patient/pat-1/allergies').sections[0]?.text).toBe(
			'Peanut. Food allergy. Criticality: low. Status: active. Recorded 2001-04-04. Reactions: Hives (mild).',
		)
		const flu = doc('Patient/pat-1/immunizations').sections[0]
		expect(flu?.text).toBe('Influenza, seasonal — most recent 2019-10-01.\n2019-10-01\n2018-10-01')
		expect(flu?.fhirIds).toEqual(['imm-1', 'imm-0'])
	})

	test('gives one summary per encounter, with what the chart links to it', () => {
		const summary = doc('Encounter/enc-1')
		expect(summary.type).toBe('encounter_summary')
		expect(summary.title).toBe('Visit 2020-01-02: Office visit')
		expect(summary.authoredAt).toBe('2020-01-02T09:00:00Z')
		expect(summary.sections[0]?.text).toBe(
			'Type: Office visit.\nClass: ambulatory.\nStatus: finished.\nDate: 2020-01-02.\nReason: Hypertension.',
		)
		const part = (heading: string) => summary.sections.find((s) => s.heading === heading)
		expect(part('Diagnoses')?.fhirIds).toEqual(['cond-htn'])
		expect(part('Procedures')?.text).toBe('Medication reconciliation, 2020-01-02')
		expect(part('Medications ordered')?.text).toBe('Simvastatin 20 MG Oral Tablet (status active)')
		expect(part('Observations and results')?.fhirIds).toEqual(['obs-bp'])
		expect(summary.fhirIds).toEqual(['enc-1', 'cond-htn', 'proc-1', 'med-1', 'obs-bp'])
	})

	test('gives one document per text note, split on its headings, with the note and encounter ids', () => {
		const note = doc('DocumentReference/doc-1')
		expect(note).toMatchObject({
			type: 'progress_note',
			title: 'Progress note',
			authoredAt: '2020-01-02T10:00:00Z',
		})
		expect(note.sections).toEqual([
			{
				heading: 'Chief Complaint',
				text: 'Headache & dizziness',
				fhirIds: ['doc-1', 'enc-1'],
				date: '2020-01-02',
			},
			{
				heading: 'Plan',
				text: '- Rest\n- Fluids',
				fhirIds: ['doc-1', 'enc-1'],
				date: '2020-01-02',
			},
		])
		expect(documentText(note)).toBe(
			'Chief Complaint\n\nHeadache & dizziness\n\nPlan\n\n- Rest\n- Fluids',
		)
		// Entered in error, or only a PDF attachment: no document.
		expect(chart.documents.map((d) => d.sourceId)).not.toContain('DocumentReference/doc-err')
		expect(chart.documents.map((d) => d.sourceId)).not.toContain('DocumentReference/doc-pdf')
	})

	test('keeps every document well formed: sections with text, ids the union of the sections', () => {
		for (const d of chart.documents) expectWellFormed(d)
	})
})

describe('the patient phone (fax intake matches on it)', () => {
	test.each([
		[[{ system: 'phone', value: '(555) 201-3344' }], '5552013344'],
		[[{ system: 'phone', value: '+1 555.201.3344' }], '5552013344'],
		[
			[
				{ system: 'fax', value: '555-201-0000' },
				{ system: 'phone', value: '555 201 7788' },
			],
			'5552017788',
		],
		[[{ system: 'email', value: 'a@example.org' }], null],
		[[{ system: 'phone' }], null],
		[undefined, null],
	])('%j → %s', (telecom, phone) => {
		expect(phoneOf({ telecom })).toBe(phone)
	})
})
