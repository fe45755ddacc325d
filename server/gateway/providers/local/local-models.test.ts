import { describe, expect, test } from 'vitest'
import { NOT_FOUND } from '../../prompts/types.ts'
import { extractAnswer, extractSummary } from './extractive.ts'
import { embedText, EMBEDDING_DIMENSION } from './hashed-embedder.ts'

const cosine = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0)
const SOURCES = [
	{ id: 'c1', text: 'Potassium was 5.1 mmol/L on 2026-10-02. Sodium was 139 mmol/L.' },
	{ id: 'c2', text: 'Lisinopril 10 mg once daily for hypertension.' },
]
const all = () => true

describe('the hashed-feature embedder', () => {
	test('is deterministic, fixed-dimension and L2-normalized', () => {
		const v = embedText('Potassium 5.1 mmol/L')
		expect(v).toEqual(embedText('Potassium 5.1 mmol/L'))
		expect(v).toHaveLength(EMBEDDING_DIMENSION)
		expect(Math.hypot(...v)).toBeCloseTo(1, 9)
	})
	test('brings an abbreviation near its expansion', () => {
		const q = embedText('HTN medication')
		expect(cosine(q, embedText('hypertension medication'))).toBeGreaterThan(
			cosine(q, embedText('fracture of the left wrist')),
		)
	})
	test('gives the empty text a zero vector, not NaN', () => {
		expect(embedText('').every((x) => x === 0)).toBe(true)
	})
})

describe('the extractive answerer', () => {
	test('selects and cites the sentence that answers', () => {
		expect(extractAnswer('What was the potassium?', SOURCES, { allowed: all })).toBe(
			'Potassium was 5.1 mmol/L on 2026-10-02. [c1]',
		)
	})
	test('answers "not found in the chart" below the threshold', () => {
		expect(extractAnswer('When was the colonoscopy?', SOURCES, { allowed: all })).toBe(NOT_FOUND)
	})
	test('is not led by the words that frame a question ("the last colonoscopy")', () => {
		const sources = [{ id: 'n1', text: 'The last ejection fraction was 30 percent on 2026-08-20.' }]
		expect(extractAnswer('When was the last colonoscopy?', sources, { allowed: all })).toBe(
			NOT_FOUND,
		)
		expect(extractAnswer('What was the last ejection fraction?', sources, { allowed: all })).toBe(
			'The last ejection fraction was 30 percent on 2026-08-20. [n1]',
		)
	})
	test('answers a question naming a thing in several words only with a sentence holding them all', () => {
		const sources = [{ id: 'p1', text: 'Laceration of hand (disorder). Onset 2019-03-02.' }]
		expect(
			extractAnswer('Does the chart document a laceration of forearm?', sources, { allowed: all }),
		).toBe(NOT_FOUND)
		expect(
			extractAnswer('Does the chart document a laceration of hand?', sources, { allowed: all }),
		).toBe('Laceration of hand (disorder). [p1]')
	})
	test('takes a word and its variant for the same name ("allergic", "allergy")', () => {
		const sources = [
			{ id: 'a1', text: 'Penicillin: medication allergy, hives, recorded 2019-01-02.' },
		]
		expect(
			extractAnswer('Is the patient allergic to penicillin?', sources, { allowed: all }),
		).toContain('[a1]')
	})
	test('answers each thing of a question asking about two', () => {
		const answer = extractAnswer('Potassium and lisinopril?', SOURCES, { allowed: all })
		expect(answer).toContain('[c1]')
		expect(answer).toContain('[c2]')
	})
	test('never selects a sentence the guard refuses', () => {
		expect(
			extractAnswer('What was the potassium?', SOURCES, {
				allowed: (s) => !s.includes('Potassium'),
			}),
		).not.toContain('Potassium')
	})
	test('summarizes in document order with citations', () => {
		const summary = extractSummary(SOURCES, { allowed: all, maxSentences: 2 })
		expect(summary).toMatch(/\[c[12]\]/)
	})
})
