import { describe, expect, test } from 'vitest'
import { answerSentences } from './guards/citations.ts'
import { SentenceBuffer } from './sentence-stream.ts'

const ANSWER =
	'Potassium was 5.1 mmol/L on 2026-10-02. [c1] Sodium was 139 mmol/L. [c1, c2] Lisinopril 10 mg daily [c2]\nMetformin 500 mg twice daily. [c3]'

const GIVEN = new Set(['c1', 'c2', 'c3'])

describe('the sentence buffer', () => {
	test('releases only complete sentences, and the same ones the whole text splits into', () => {
		// Every way of cutting the text into pieces gives the sentences of the whole text.
		for (const size of [1, 2, 3, 7, 16, 1000]) {
			const buffer = new SentenceBuffer(GIVEN)
			const released: string[] = []
			for (let i = 0; i < ANSWER.length; i += size)
				released.push(...buffer.push(ANSWER.slice(i, i + size)))
			expect(released).toEqual(answerSentences(ANSWER, GIVEN).slice(0, -1))
			released.push(...buffer.end())
			expect(released).toEqual(answerSentences(ANSWER, GIVEN))
		}
	})

	test('holds a sentence back until the next one starts', () => {
		const buffer = new SentenceBuffer(GIVEN)
		expect(buffer.push('Potassium was 5.1 mmol/L. [c1]')).toEqual([])
		expect(buffer.push(' ')).toEqual([])
		expect(buffer.push('S')).toEqual(['Potassium was 5.1 mmol/L. [c1]'])
	})

	test('does not end a sentence at a unit in brackets ("mm[Hg]")', () => {
		const buffer = new SentenceBuffer(new Set(['c4']))
		expect(buffer.push('Systolic 132 mm[Hg] on 2020-06-11. [c4] Next')).toEqual([
			'Systolic 132 mm[Hg] on 2020-06-11. [c4]',
		])
	})

	test('applies the transform to the whole text (placeholders split across pieces)', () => {
		const buffer = new SentenceBuffer(GIVEN)
		const restore = (t: string) => t.replaceAll('[[NAME_1]]', 'Ada Quill')
		expect(buffer.push('Seen by [[NAM', restore)).toEqual([])
		expect(buffer.push('E_1]]. [c1] Next', restore)).toEqual(['Seen by Ada Quill. [c1]'])
		expect(buffer.end(restore)).toEqual(['Next'])
	})
})
