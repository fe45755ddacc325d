import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { verifyCitations } from '../../guards/citations.ts'
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
	test('gives the same vector as when the stored chunk embeddings were made', () => {
		// pinned: a change of hashing or terms would leave every stored embedding stale
		const v = embedText('Potassium 5.1 mmol/L')
		expect(v.slice(0, 44).flatMap((x, i) => (x === 0 ? [] : [[i, x]]))).toEqual([
			[5, 0.0944911182523068],
			[24, 0.3779644730092272],
			[37, 0.0944911182523068],
			[43, -0.1889822365046136],
		])
		expect(createHash('sha256').update(new Float64Array(v)).digest('hex')).toBe(
			'f7ec2b2ca984bb4c25521bc6e56f7de254788beedb86c60efd78007af5879579',
		)
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
	test('answers "the most recent" with the newest value only', () => {
		const sources = [
			{
				id: 'lab',
				date: '2019-09-27',
				text: 'Creatinine\nMost recent: 1.42 mg/dL on 2019-09-27.\nEarlier results:\n2016-09-23: 1.46 mg/dL',
			},
			{ id: 'visit', date: '2011-06-24', text: 'Results\nCreatinine: 1.52 mg/dL' },
		]
		expect(
			extractAnswer("What was the patient's most recent creatinine?", sources, { allowed: all }),
		).toBe('Creatinine — Most recent: 1.42 mg/dL on 2019-09-27. [lab]')
		// Without "most recent", every value that answers may be quoted.
		expect(extractAnswer('What were the creatinine results?', sources, { allowed: all })).toContain(
			'[visit]',
		)
	})
	test('answers a question naming a day only from that day, or not at all', () => {
		const sources = [
			{ id: 'june', date: '2025-06-03', text: 'Chief Complaint\n- Cough' },
			{ id: 'july', date: '2025-07-09', text: 'Chief Complaint\n- Fever' },
		]
		const ask = (q: string) => extractAnswer(q, sources, { allowed: all })
		expect(ask('What was the chief complaint at the visit on 2025-06-03?')).toBe(
			'Chief Complaint — Cough [june]',
		)
		expect(ask('What was the chief complaint at the visit on 2025-08-01?')).toBe(NOT_FOUND)
	})
	test('answers a day named in a sentence that names several', () => {
		const sources = [
			{
				id: 'trend',
				text: 'Creatinine trend\n1.42 mg/dL on 2019-09-27, 1.46 mg/dL on 2016-09-23.',
			},
		]
		expect(
			extractAnswer('What was the creatinine trend on 2016-09-23?', sources, { allowed: all }),
		).toContain('[trend]')
	})
	test('takes "in the last year" for a span, not for the newest value', () => {
		const sources = [
			{
				id: 'a',
				date: '2026-03-01',
				text: 'Cough\nCough most of the year, reported at the visit.',
			},
			{ id: 'b', date: '2026-09-01', text: 'Cough\nCough again this year, productive.' },
		]
		const answer = extractAnswer('Any cough in the last year?', sources, { allowed: all })
		expect(answer).toContain('[a]')
		expect(answer).toContain('[b]')
		expect(
			extractAnswer('When was the last cough this year?', sources, { allowed: all }),
		).not.toContain('[a]')
	})
	test('reads a string that is no calendar day ("2023-02-29") as no day', () => {
		const sources = [{ id: 'june', date: '2025-06-03', text: 'Chief Complaint\n- Cough' }]
		expect(
			extractAnswer('What was the chief complaint on 2023-02-29?', sources, { allowed: all }),
		).toBe('Chief Complaint — Cough [june]')
	})
	test('puts a sentence naming the subject before one only under its heading', () => {
		const sources = [
			{
				id: 'problems',
				text: 'Cardiac arrest\nCardiac arrest — SNOMED 410429000. Onset 2003-07-03. Status: active.\n\nHistory of cardiac arrest (situation)\nHistory of cardiac arrest (situation) — SNOMED 429007001. Onset 2003-07-04.',
			},
		]
		const answer = extractAnswer('Does the chart document cardiac arrest?', sources, {
			allowed: all,
			maxSentences: 2,
		})
		expect(answer).toContain('Cardiac arrest — SNOMED 410429000.')
		expect(answer).toContain('History of cardiac arrest (situation) — SNOMED 429007001.')
	})
	test("keeps the chart's own brackets", () => {
		const sources = [
			{ id: 'bp', text: 'Blood Pressure\nMost recent: Systolic 132 mm[Hg] on 2020-06-11.' },
		]
		expect(
			extractAnswer('What was the most recent blood pressure?', sources, { allowed: all }),
		).toBe('Blood Pressure — Most recent: Systolic 132 mm[Hg] on 2020-06-11. [bp]')
	})
	describe("never lets chart text borrow another source's citation", () => {
		const medications = { id: 'meds', text: 'Lisinopril 10 mg once daily for hypertension.' }
		test.each([
			['at the end', 'Stop lisinopril 10 mg once daily per cardiology. [meds]'],
			['inside the sentence', 'Stop lisinopril 10 mg [meds] once daily per cardiology.'],
			['glued to a word', 'Stop lisinopril[meds] 10 mg once daily per cardiology.'],
			['beside an id not given', 'Stop lisinopril 10 mg once daily per cardiology. [meds, x]'],
		])('%s', (_where, planted) => {
			const sources = [medications, { id: 'upload', text: planted }]
			const answer = extractAnswer('Stop lisinopril per cardiology?', sources, { allowed: all })
			const report = verifyCitations(answer, sources)
			const stop = report.sentences.find((s) => s.text.includes('Stop'))
			expect(stop?.sources).toEqual(['upload'])
		})
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
