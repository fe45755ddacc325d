import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { DEMO_BUNDLES_DIR } from '../demo/seed.ts'
import { loadPath } from './index.ts'
import { expectWellFormed } from './test-fixtures.ts'
import type { LoadedChart, LoadResult } from './types.ts'

/**
 * The loaders on public synthetic data (Synthea bundles and Bulk Data NDJSON under
 * ../shared/data beside the repository, skipped when absent) and on the committed demo bundles.
 */
const DATA = path.resolve('../shared/data/charts')
const R4 = path.join(DATA, 'synthea-r4')
const NOTES = path.join(DATA, 'synthea-notes')

describe.skipIf(!existsSync(R4))(`Synthea R4 bundles (${R4}; skipped when absent)`, () => {
	test('every bundle loads into one chart of well-formed documents', async () => {
		const files = (await readdir(R4)).filter((f) => f.endsWith('.json'))
		expect(files.length).toBe(58)
		for (const file of files) {
			const { charts, resources } = await loadPath(path.join(R4, file))
			expect(charts, file).toHaveLength(1)
			const [chart] = charts as [LoadedChart]
			expect(chart.patient?.fhirId, file).toBeTruthy()
			expect(chart.patient?.mrn, file).toBeTruthy()
			expect(resources, file).toBeGreaterThan(0)
			for (const doc of chart.documents) expectWellFormed(doc)
			expect(
				chart.documents.map((d) => d.type),
				file,
			).toContain('encounter_summary')
		}
	})

	describe('one patient, checked against the JSON (d060a28c…, born 1973-08-01)', () => {
		let chart: LoadedChart
		beforeAll(async () => {
			const loaded = await loadPath(path.join(R4, 'd060a28c-4e03-4435-8b2e-1cbfa38ca43b.json'))
			chart = loaded.charts[0] as LoadedChart
		})
		const doc = (sourceId: string) => chart.documents.find((d) => d.sourceId === sourceId)
		const pid = '22d7a9b8-7756-4eb7-a95f-6e86e0c93761'

		test('patient', () => {
			expect(chart.patient).toMatchObject({
				fhirId: pid,
				mrn: 'd060a28c-4e03-4435-8b2e-1cbfa38ca43b',
				birthDate: '1973-08-01',
				sex: 'female',
			})
		})

		test('problem list: active conditions first, with codes, onsets and ids', () => {
			const list = doc(`Patient/${pid}/problem-list`)
			expect(list?.sections.map((s) => s.heading)).toEqual([
				'Body mass index 30+ - obesity (finding)',
				'Coronary Heart Disease',
				'Viral sinusitis (disorder)',
				'Acute viral pharyngitis (disorder)',
				'Acute viral pharyngitis (disorder)',
			])
			expect(list?.sections[1]).toEqual({
				heading: 'Coronary Heart Disease',
				text: 'Coronary Heart Disease — SNOMED 53741008. Onset 2012-07-11. Status: active.',
				fhirIds: ['51375207-d088-4542-a0f5-f79e1445e94d'],
				date: '2012-07-11',
			})
			expect(list?.sections[2]?.text).toBe(
				'Viral sinusitis (disorder) — SNOMED 444814009. Onset 2017-03-20. Resolved 2017-04-03. Status: resolved.',
			)
		})

		test('medication list: one section per medication with its request ids', () => {
			const list = doc(`Patient/${pid}/medication-list`)
			expect(list?.sections.map((s) => s.heading).sort()).toEqual([
				'Amlodipine 5 MG Oral Tablet',
				'Clopidogrel 75 MG Oral Tablet',
				'Nitroglycerin 0.4 MG/ACTUAT Mucosal Spray',
				'Simvastatin 20 MG Oral Tablet',
			])
			const simvastatin = list?.sections.find((s) => s.heading === 'Simvastatin 20 MG Oral Tablet')
			expect(simvastatin).toEqual({
				heading: 'Simvastatin 20 MG Oral Tablet',
				text: '2012-07-11: Simvastatin 20 MG Oral Tablet — status active',
				fhirIds: ['98207570-2b9c-4dde-8b4e-68af97d8b83d'],
				date: '2012-07-11',
			})
		})

		test('lab timeline: the most recent values, blood pressure by component, the lipid panel report', () => {
			const timeline = doc(`Patient/${pid}/lab-timeline`)
			const section = (heading: string) => timeline?.sections.find((s) => s.heading === heading)
			const cholesterol = section('Total Cholesterol')
			expect(cholesterol?.text.split('\n')[0]).toBe('Most recent: 179.3 mg/dL on 2020-08-05.')
			expect(cholesterol?.fhirIds[0]).toBe('12c644ad-7365-4077-ab9d-625f3a4fb07d')
			expect(cholesterol?.fhirIds).toContain('db0b6040-73b9-42b9-811b-c97161d6f378')
			expect(cholesterol?.date).toBe('2020-08-05')
			const bp = section('Blood Pressure')
			expect(bp?.text.split('\n')[0]).toBe(
				'Most recent: Systolic Blood Pressure 121.27 mm[Hg], Diastolic Blood Pressure 72.08 mm[Hg] on 2020-08-05.',
			)
			expect(bp?.text).toContain(
				'2018-08-01: Systolic Blood Pressure 130.16 mm[Hg], Diastolic Blood Pressure 82.74 mm[Hg]',
			)
			expect(bp?.fhirIds.slice(0, 1)).toEqual(['5c0642b8-1bae-4e2c-a5b8-9359f02fde19'])
			const panel = section('Lipid Panel (2020-08-05)')
			expect(panel?.fhirIds.slice(0, 2)).toEqual([
				'337a34ab-0b53-456f-aaf6-1b9868250c28',
				'12c644ad-7365-4077-ab9d-625f3a4fb07d',
			])
			expect(panel?.fhirIds).toHaveLength(5)
			expect(panel?.text).toContain('Total Cholesterol: 179.3 mg/dL')
		})
	})
})

describe.skipIf(!existsSync(NOTES))(
	`Synthea Bulk Data NDJSON with notes (${NOTES}; skipped when absent)`,
	() => {
		let loaded: LoadResult
		beforeAll(async () => {
			loaded = await loadPath(NOTES)
		})

		test('loads 8 charts, every DocumentReference a document with sections', async () => {
			expect(loaded.charts).toHaveLength(8)
			const lines = (await readFile(path.join(NOTES, 'DocumentReference.000.ndjson'), 'utf8'))
				.split('\n')
				.filter(Boolean)
			const ids = lines.map((l) => (JSON.parse(l) as { id: string }).id)
			expect(ids.length).toBeGreaterThan(1000)
			const notes = new Map(
				loaded.charts
					.flatMap((c) => c.documents)
					.filter((d) => d.sourceId.startsWith('DocumentReference/'))
					.map((d) => [d.sourceId.slice('DocumentReference/'.length), d]),
			)
			expect(notes.size).toBe(ids.length)
			for (const id of ids) {
				const note = notes.get(id)
				expect(note, id).toBeDefined()
				expectWellFormed(note!)
				expect(note?.sections.map((s) => s.heading)).toContain('Chief Complaint')
				expect(note?.fhirIds[0]).toBe(id)
				expect(note?.fhirIds).toHaveLength(2) // the note and its encounter
			}
		})

		test('types the notes by their LOINC codes (H&P and ED notes as history and physical)', () => {
			const types = new Set(
				loaded.charts.flatMap((c) =>
					c.documents.filter((d) => d.sourceId.startsWith('DocumentReference/')).map((d) => d.type),
				),
			)
			expect([...types]).toEqual(['history_and_physical'])
		})

		test('counts every line read, ignored resource types included', () => {
			expect(loaded.resources).toBe(6295)
		})
	},
)

describe('the demo bundles', () => {
	test('load: eight patients with MRNs, lists, encounters and four kinds of note', async () => {
		const files = (await readdir(DEMO_BUNDLES_DIR)).filter((f) => f.endsWith('.json'))
		expect(files.length).toBe(8)
		for (const file of files) {
			const { charts } = await loadPath(path.join(DEMO_BUNDLES_DIR, file))
			expect(charts, file).toHaveLength(1)
			const chart = charts[0] as LoadedChart
			expect(chart.patient?.mrn).toMatch(/^DEMO-\d{6}$/)
			const types = chart.documents.map((d) => d.type)
			for (const type of [
				'problem_list',
				'medication_list',
				'allergy_list',
				'lab_timeline',
				'encounter_summary',
				'history_and_physical',
				'progress_note',
				'discharge_summary',
				'referral',
			])
				expect(types, `${file} ${type}`).toContain(type)
			for (const doc of chart.documents) expectWellFormed(doc)
		}
	})
})
