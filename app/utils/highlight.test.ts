import { describe, expect, test } from 'vitest'
import { supportingPassage } from './highlight.ts'

describe('the supporting passage of a citation', () => {
	test('is the line sharing the most words with the sentence', () => {
		const chunk =
			'Potassium\nMost recent: 5.1 mmol/L on 2026-10-02.\nEarlier results:\n2026-03-01: 4.2 mmol/L'
		const [before, passage, after] = supportingPassage(
			chunk,
			'Most recent: 5.1 mmol/L on 2026-10-02.',
		)
		expect(passage).toBe('Most recent: 5.1 mmol/L on 2026-10-02.')
		expect(before + passage + after).toBe(chunk)
	})
	test('is nothing when no word is shared', () => {
		expect(supportingPassage('Sodium 139 mmol/L.', 'Colonoscopy')).toEqual([
			'Sodium 139 mmol/L.',
			'',
			'',
		])
	})
})
