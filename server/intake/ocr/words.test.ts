import { describe, expect, test } from 'vitest'
import { correctClinicalText } from './clinical-text.ts'
import { wordsWithOffsets, type BlockTree } from './words.ts'

const box = (x0: number) => ({ x0, y0: 10, x1: x0 + 50, y1: 30 })
const tree = (...lines: string[][]): BlockTree => [
	{
		paragraphs: [
			{
				lines: lines.map((words) => ({
					words: words.map((text, i) => ({ text, confidence: 90, bbox: box(i * 60) })),
				})),
			},
		],
	},
]

describe('word boxes', () => {
	test('point at their characters in the corrected text', () => {
		const raw = 'HbAlc 7.O%\nK 1O.2 mmoI/L\n'
		const text = correctClinicalText(raw)
		const words = wordsWithOffsets(tree(['HbAlc', '7.O%'], ['K', '1O.2', 'mmoI/L']), raw, text)
		expect(words.map((w) => w.text)).toEqual(['HbA1c', '7.0%', 'K', '10.2', 'mmol/L'])
		for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.text)
		expect(words[3]).toMatchObject({ confidence: 0.9, bbox: { x0: 60, x1: 110 } })
	})
	test('a repeated word takes the next occurrence, not the first', () => {
		const raw = 'Na 140 Na 141'
		const words = wordsWithOffsets(tree(['Na', '140', 'Na', '141']), raw, raw)
		expect(words.map((w) => w.start)).toEqual([0, 3, 7, 10])
	})
	test('a word missing from the text is left out, and the rest still line up', () => {
		const raw = 'LAB RESULTS'
		const words = wordsWithOffsets(tree(['LAB', '???', 'RESULTS']), raw, raw)
		expect(words.map((w) => [w.text, w.start])).toEqual([
			['LAB', 0],
			['RESULTS', 4],
		])
	})
	test('no blocks, no words', () => {
		expect(wordsWithOffsets(null, 'text', 'text')).toEqual([])
	})
})
