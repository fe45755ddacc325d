import { describe, expect, test } from 'vitest'
import { FAX_TYPE_VALUES } from '#server/gateway/fax-types.ts'
import { faxTypeOfMtsamples, mtsamplesCorpus, syntheticCorpus } from './corpus.ts'
import { toFaxRows } from './faxtype-train.ts'

const SMALL = { seed: 5, perTrainTemplate: 2, perHeldoutTemplate: 2 }

describe('the synthetic fax corpus', () => {
	test('is the same for the same seed, and differs for another', () => {
		expect(syntheticCorpus(SMALL)).toEqual(syntheticCorpus(SMALL))
		expect(syntheticCorpus({ ...SMALL, seed: 6 })).not.toEqual(syntheticCorpus(SMALL))
	})

	test('has training and held-out templates for every fax type, never the same ones', () => {
		const rows = syntheticCorpus(SMALL)
		for (const label of FAX_TYPE_VALUES) {
			const train = new Set(
				rows.filter((r) => r.label === label && r.split === 'train').map((r) => r.template),
			)
			const heldout = new Set(
				rows.filter((r) => r.label === label && r.split === 'heldout').map((r) => r.template),
			)
			expect(train.size).toBeGreaterThanOrEqual(3)
			expect(heldout.size).toBeGreaterThanOrEqual(1)
			for (const t of heldout) expect(train.has(t)).toBe(false)
		}
		expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
	})

	test('trains on de-identified text, with folds of whole templates', () => {
		const { rows, deid } = toFaxRows(syntheticCorpus(SMALL), 3)
		expect(deid.certain + deid.uncertainRedacted + deid.refused).toBe(syntheticCorpus(SMALL).length)
		expect(rows.some((r) => r.text.includes('[[NAME_'))).toBe(true)
		for (const row of rows) expect(row.fold).toBe(row.split === 'heldout' ? -1 : row.fold)
		const folds = new Set(rows.filter((r) => r.split === 'train').map((r) => r.fold))
		expect([...folds].sort()).toEqual([0, 1, 2])
	})
})

describe('MTSamples categories as fax types', () => {
	test('map where a fax type corresponds, and are left out where none does', () => {
		expect(faxTypeOfMtsamples('radiology_report', '')).toBe('imaging_report')
		expect(faxTypeOfMtsamples('office_note', '')).toBe('progress_note')
		expect(faxTypeOfMtsamples('consult_history_physical', 'REASON FOR CONSULTATION: x')).toBe(
			'consult_note',
		)
		expect(faxTypeOfMtsamples('consult_history_physical', 'CHIEF COMPLAINT: x')).toBe(
			'history_and_physical',
		)
		expect(faxTypeOfMtsamples('autopsy_report', '')).toBeNull()
		expect(faxTypeOfMtsamples('emergency_dept_report', '')).toBeNull()
	})

	test('mapped rows are deterministic and keep their ids', () => {
		const source = [
			{ id: 'b', text: 'FINDINGS: normal. IMPRESSION: normal.', label: 'radiology_report' },
			{ id: 'a', text: 'Autopsy.', label: 'autopsy_report' },
		]
		const rows = mtsamplesCorpus(source, 1)
		expect(rows.map((r) => r.id)).toEqual(['mtsamples-b'])
		expect(mtsamplesCorpus(source, 1)).toEqual(rows)
	})
})
