import { describe, expect, test } from 'vitest'
import { NOT_FOUND } from '../prompts/types.ts'
import { verifyCitations } from './citations.ts'

const SOURCES = [
	{ id: 'c1', text: 'Potassium was 5.1 mmol/L on 2026-10-02.' },
	{ id: 'c2', text: 'Lisinopril 10 mg once daily for hypertension.' },
]

describe('the citation verifier marks as unsupported a sentence that', () => {
	test('cites nothing', () => {
		const [s] = verifyCitations('Potassium was 5.1 mmol/L.', SOURCES).sentences
		expect(s).toMatchObject({ supported: false, sources: [] })
	})
	test('cites a source it was not given', () => {
		const [s] = verifyCitations('Potassium was 5.1 mmol/L. [c9]', SOURCES).sentences
		expect(s).toMatchObject({ supported: false, sources: [] })
	})
	test('cites a source that does not say it', () => {
		const [s] = verifyCitations('Potassium was 5.1 mmol/L. [c2]', SOURCES).sentences
		expect(s?.supported).toBe(false)
	})
	test("sits after a supported sentence and borrows its neighbour's citation", () => {
		// "A. [c1] B. [c1]" is two sentences: B is judged on its own, not pooled with A.
		const report = verifyCitations(
			'Potassium was 5.1 mmol/L. [c1] Warfarin was stopped for bleeding. [c1]',
			SOURCES,
		)
		expect(report.sentences.map((s) => s.supported)).toEqual([true, false])
	})
	test('adds claims its source does not hold', () => {
		const report = verifyCitations(
			'Potassium was 5.1 mmol/L, so dialysis was started urgently with calcium gluconate. [c1]',
			SOURCES,
		)
		expect(report.sentences[0]?.supported).toBe(false)
		expect(report.allSupported).toBe(false)
	})
})

describe('the citation verifier accepts', () => {
	test('a sentence its cited source supports (positive control)', () => {
		const report = verifyCitations('Potassium was 5.1 mmol/L on 2026-10-02. [c1]', SOURCES)
		expect(report).toMatchObject({ allSupported: true, notFound: false })
		expect(report.sentences[0]).toMatchObject({ sources: ['c1'], supported: true })
	})
	test('several citations in one bracket', () => {
		const [s] = verifyCitations(
			'Lisinopril 10 mg daily; potassium 5.1. [c1, c2]',
			SOURCES,
		).sentences
		expect(s).toMatchObject({ sources: ['c1', 'c2'], supported: true })
	})
	test('a bracket glued to a word and naming no source as the chart\'s own text ("mm[Hg]")', () => {
		const sources = [
			{ id: 'c4', text: 'Blood Pressure: Systolic 132 mm[Hg], Diastolic 84 mm[Hg] on 2020-06-11.' },
		]
		const report = verifyCitations(
			'Blood Pressure: Systolic 132 mm[Hg], Diastolic 84 mm[Hg] on 2020-06-11. [c4]',
			sources,
		)
		expect(report.sentences).toEqual([
			expect.objectContaining({
				text: 'Blood Pressure: Systolic 132 mm[Hg], Diastolic 84 mm[Hg] on 2020-06-11.',
				sources: ['c4'],
				supported: true,
			}),
		])
	})
	test('a bracket naming no given source as text, units included ("80 [lb_av]")', () => {
		const sources = [{ id: 'c5', text: 'Body Weight 80 [lb_av] on 2020-06-11.' }]
		const [s] = verifyCitations('Body Weight 80 [lb_av] on 2020-06-11. [c5]', sources).sentences
		expect(s).toMatchObject({
			text: 'Body Weight 80 [lb_av] on 2020-06-11.',
			sources: ['c5'],
			supported: true,
		})
	})
	test('a citation glued to the sentence, when it names a given source', () => {
		const [s] = verifyCitations('Potassium was 5.1 mmol/L.[c1]', SOURCES).sentences
		expect(s).toMatchObject({ text: 'Potassium was 5.1 mmol/L.', sources: ['c1'], supported: true })
	})
	test('"not found in the chart" as a first-class answer', () => {
		expect(verifyCitations(NOT_FOUND, SOURCES)).toEqual({
			sentences: [],
			notFound: true,
			allSupported: true,
		})
	})
})
