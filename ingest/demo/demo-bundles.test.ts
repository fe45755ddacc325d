import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { bundleResource, documentReferenceResource, patientResource } from '../fhir/resources.ts'
import { renderDemoBundles } from './generate.cli.ts'
import { DEMO_BUNDLES_DIR } from './seed.ts'
import { DEMO_PATIENTS } from './patients.ts'

describe('the committed demo bundles', () => {
	test('are exactly what the generator produces (regenerate with npm run demo:generate)', async () => {
		const committed = (await readdir(DEMO_BUNDLES_DIR)).filter((f) => f.endsWith('.json')).sort()
		const rendered = renderDemoBundles()
		expect(committed).toEqual(rendered.map((b) => b.file))
		for (const { file, json } of rendered) {
			expect(await readFile(path.join(DEMO_BUNDLES_DIR, file), 'utf8'), file).toBe(json)
		}
	})

	test('are valid FHIR R4 transaction bundles, one patient each, tagged synthetic', async () => {
		for (const { file, json } of renderDemoBundles()) {
			const raw = JSON.parse(json) as { meta: { tag: Array<{ code: string }> } }
			const bundle = bundleResource.parse(raw)
			expect(bundle.type, file).toBe('transaction')
			expect(raw.meta.tag.map((t) => t.code)).toContain('synthetic')
			const resources = bundle.entry.map((e) => e.resource)
			expect(
				resources.filter((r) => r.resourceType === 'Patient'),
				file,
			).toHaveLength(1)
			patientResource.parse(resources.find((r) => r.resourceType === 'Patient'))
		}
	})

	test('give every patient varied charts: conditions, medications, dated labs with units, allergies and four kinds of note', () => {
		for (const { file, json } of renderDemoBundles()) {
			const resources = bundleResource.parse(JSON.parse(json)).entry.map((e) => e.resource)
			const count = (type: string) => resources.filter((r) => r.resourceType === type).length
			expect(count('Condition'), file).toBeGreaterThanOrEqual(2)
			expect(count('MedicationRequest'), file).toBeGreaterThanOrEqual(2)
			expect(count('AllergyIntolerance'), file).toBeGreaterThanOrEqual(1)
			const labs = resources.filter((r) => r.resourceType === 'Observation') as Array<{
				effectiveDateTime?: string
				valueQuantity?: { unit?: string }
			}>
			expect(labs.length, file).toBeGreaterThanOrEqual(3)
			for (const lab of labs) {
				expect(lab.effectiveDateTime).toMatch(/^\d{4}-\d{2}-\d{2}T/)
				expect(lab.valueQuantity?.unit).toBeTruthy()
			}
			const noteCodes = resources
				.filter((r) => r.resourceType === 'DocumentReference')
				.map((r) => documentReferenceResource.parse(r).type?.coding?.[0]?.code)
			expect(noteCodes, file).toEqual(
				expect.arrayContaining(['34117-2', '11506-3', '18842-5', '57133-1']),
			)
		}
	})

	test('name the demo clinician only in the charts of patients on his care team', () => {
		for (const { file, json } of renderDemoBundles()) {
			const resources = bundleResource.parse(JSON.parse(json)).entry.map((e) => e.resource)
			const noteTexts = resources
				.filter((r) => r.resourceType === 'DocumentReference')
				.map((r) => documentReferenceResource.parse(r).content[0]?.attachment.data ?? '')
				.map((data) => Buffer.from(data, 'base64').toString('utf8'))
			const everything = [json, ...noteTexts].join('\n')
			const onTeam = resources.some((r) => r.resourceType === 'CareTeam')
			expect(everything.includes('Sam Rivera'), file).toBe(onTeam)
		}
	})

	test('hold about eight patients with distinct record numbers', () => {
		expect(DEMO_PATIENTS.length).toBe(8)
		expect(new Set(DEMO_PATIENTS.map((p) => p.mrn)).size).toBe(8)
		for (const p of DEMO_PATIENTS) expect(p.mrn).toMatch(/^DEMO-\d{6}$/)
	})
})
