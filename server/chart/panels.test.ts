import { describe, expect, test } from 'vitest'
import { itemsOf } from './panels.ts'

describe('chart panel items from a chunk of a structured document', () => {
	test('one item per section: the heading, and its first line without the repeated name', () => {
		const chunk =
			'Atrial fibrillation\nAtrial fibrillation. Onset 2023-09-27. Status: active.\n\nHypertension\nHypertension — SNOMED 38341003. Onset 2004-06-11. Status: active.\n\nPotassium\nMost recent: 4.4 mmol/L on 2026-09-26.\nEarlier results:\n2026-03-01: 4.2 mmol/L'
		expect(itemsOf(chunk, 'c1')).toEqual([
			{ name: 'Atrial fibrillation', detail: 'Onset 2023-09-27. Status: active.', chunkId: 'c1' },
			{
				name: 'Hypertension',
				detail: 'SNOMED 38341003. Onset 2004-06-11. Status: active.',
				chunkId: 'c1',
			},
			{ name: 'Potassium', detail: 'Most recent: 4.4 mmol/L on 2026-09-26.', chunkId: 'c1' },
		])
	})
	test('a heading repeated in one chunk is listed once', () => {
		expect(
			itemsOf('Stress\nStress. Onset 2001.\n\nStress\nStress. Onset 2003.', 'c2'),
		).toHaveLength(1)
	})
})
