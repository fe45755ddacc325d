import { describe, expect, test } from 'vitest'
import { chartSentences } from './chart-sentences.ts'

const all = () => true

describe('chart text as the local answerer reads it', () => {
	const [lab] = [
		{
			id: 'lab',
			date: '2019-09-27',
			text: 'Creatinine\nMost recent: 1.42 mg/dL on 2019-09-27.\nEarlier results:\n2016-09-23: 1.46 mg/dL\n\nSodium\nMost recent: 139 mmol/L on 2019-09-27.',
		},
	]

	test('a sentence under a heading is about what the heading names, and says so', () => {
		const [first] = chartSentences([lab!], all)
		expect(first).toMatchObject({
			text: 'Creatinine — Most recent: 1.42 mg/dL on 2019-09-27.',
			ownTerms: expect.not.arrayContaining(['creatinine']),
			terms: expect.arrayContaining(['creatinine', '1.42']),
		})
	})

	test('neither a heading alone nor a label line is a sentence', () => {
		const texts = chartSentences([lab!], all).map((s) => s.text)
		expect(texts).not.toContain('Creatinine')
		expect(texts.some((t) => t.endsWith('Earlier results:'))).toBe(false)
		expect(texts).toHaveLength(3)
	})

	test('a sentence is dated by its own days, else its heading, else its source', () => {
		const sources = [
			lab!,
			{
				id: 'cbc',
				date: '2020-01-01',
				text: 'Complete blood count (2011-12-09)\nHemoglobin: 13.1 g/dL\n\nVisit summary\nSeen for a cough.\n\nCreatinine trend\n1.42 on 2019-09-27, 1.46 on 2016-09-23.',
			},
		]
		const dated = Object.fromEntries(chartSentences(sources, all).map((s) => [s.text, s.days]))
		expect(dated['Creatinine — 2016-09-23: 1.46 mg/dL']).toEqual(['2016-09-23'])
		expect(dated['Complete blood count (2011-12-09) — Hemoglobin: 13.1 g/dL']).toEqual([
			'2011-12-09',
		])
		expect(dated['Visit summary — Seen for a cough.']).toEqual(['2020-01-01'])
		expect(dated['Creatinine trend — 1.42 on 2019-09-27, 1.46 on 2016-09-23.']).toEqual([
			'2019-09-27',
			'2016-09-23',
		])
	})

	test.each([
		['a list item', '- Lisinopril 10 mg daily\n- Metformin 500 mg twice daily', 2],
		['a value', 'Potassium 5.1 mmol/L\nSodium 139 mmol/L', 2],
		[
			'prose wrapped onto the next line',
			'Pain in the left arm and\nshoulder since Monday. Denies fever.',
			3,
		],
	])('the first line is not a heading when it is %s', (_what, text, count) => {
		const texts = chartSentences([{ id: 'n', text }], all).map((s) => s.text)
		expect(texts).toHaveLength(count)
		expect(texts.some((t) => t.includes(' — '))).toBe(false)
	})

	test('a heading may hold digits that are not a value ("Hemoglobin A1c")', () => {
		const texts = chartSentences(
			[{ id: 'n', text: 'Hemoglobin A1c\nMost recent: 7.9 % on 2026-09-12.' }],
			all,
		).map((s) => s.text)
		expect(texts).toEqual(['Hemoglobin A1c — Most recent: 7.9 % on 2026-09-12.'])
	})

	test('keeps a sentence that names its heading as written, list marks removed', () => {
		const texts = chartSentences(
			[{ id: 'n', text: '# Chief Complaint\n- Cough\n\nAsthma\nAsthma — SNOMED 195967001.' }],
			all,
		).map((s) => s.text)
		expect(texts).toEqual(['Chief Complaint — Cough', 'Asthma — SNOMED 195967001.'])
	})

	test('never keeps a sentence the guard refuses, heading included', () => {
		const texts = chartSentences([lab!], (s) => !s.startsWith('Sodium')).map((s) => s.text)
		expect(texts.some((t) => t.includes('139'))).toBe(false)
	})
})
