import { describe, expect, test } from 'vitest'
import {
	aciCategory,
	aciGold,
	aciNames,
	goldCategory,
	parseCsv,
	score,
	totals,
	type GoldRecord,
} from './evaluate.ts'
import type { Detection } from '#server/gateway/deid/labels.ts'

const span = (text: string, value: string, label: string) => {
	const start = text.indexOf(value)
	return { start, end: start + value.length, label }
}

describe('gold labels map to Safe Harbor categories', () => {
	const text = 'Nora Vintner, 64, of Fairhaven, Estonia, Acme Corp, 1998, age 93'
	const category = (value: string, label: string) => goldCategory(span(text, value, label), text)

	test('names, places and numbers map to their category', () => {
		expect(category('Nora Vintner', 'PERSON')).toEqual({ category: 'NAME', counted: true })
		expect(category('Fairhaven', 'GPE')).toEqual({ category: 'GEOGRAPHIC', counted: true })
		expect(category('93', 'AGE')).toEqual({ category: 'DATE', counted: true })
	})

	test('what Safe Harbor permits or does not name is reported apart, not counted', () => {
		expect(category('64', 'AGE').counted).toBe(false)
		expect(category('1998', 'DATE_TIME').counted).toBe(false)
		expect(category('Estonia', 'GPE').counted).toBe(false)
		expect(category('Acme Corp', 'ORGANIZATION').counted).toBe(false)
		expect(category('Acme Corp', 'SOMETHING_NEW').counted).toBe(false)
	})
})

describe('scoring', () => {
	const record: GoldRecord = {
		id: 'r1',
		text: 'Nora Vintner lives at 42 Larkspur Lane.',
		spans: [
			{ start: 0, end: 12, label: 'PERSON' },
			{ start: 22, end: 38, label: 'STREET_ADDRESS' },
		],
	}

	test('a gold span is found when a detection overlaps it; full only when covered', () => {
		const detect = (): Detection => ({
			spans: [
				{ start: 0, end: 4, label: 'NAME', confidence: 1 },
				{ start: 22, end: 38, label: 'GEOGRAPHIC', confidence: 1 },
			],
			uncertain: [],
		})
		const s = score([record], goldCategory, detect)
		const name = s.recall.find((r) => r.category === 'NAME')
		expect(name).toMatchObject({ gold: 1, found: 1, fullyCovered: 0 })
		expect(totals(s.recall)).toMatchObject({ gold: 2, found: 2, fullyCovered: 1 })
		expect(s.missedIds).toEqual([])
	})

	test('uncertain regions count only in the "+uncertain" column, and mark the record refused', () => {
		const detect = (): Detection => ({
			spans: [],
			uncertain: [
				{ start: 0, end: 12, label: 'NAME', confidence: 0.4, reason: 'UNKNOWN_CAPITALIZED' },
			],
		})
		const s = score([record], goldCategory, detect)
		expect(totals(s.recall)).toMatchObject({ found: 0, foundWithUncertain: 1 })
		expect(s.refused).toBe(1)
		expect(s.missedIds).toEqual(['r1'])
	})

	test('a detection overlapping no gold span lowers precision', () => {
		const detect = (): Detection => ({
			spans: [
				{ start: 0, end: 12, label: 'NAME', confidence: 1 },
				{ start: 13, end: 18, label: 'NAME', confidence: 1 },
			],
			uncertain: [],
		})
		expect(score([record], goldCategory, detect).precision).toEqual([
			{ label: 'NAME', detected: 2, correct: 1 },
		])
	})
})

describe('ACI-Bench inputs', () => {
	test('CSV fields may hold commas, quotes and line breaks', () => {
		const rows = parseCsv('id,dialogue\nD1,"[doctor] hi , nora .\n[patient] ""hi"""\r\nD2,plain\n')
		expect(rows).toEqual([
			{ id: 'D1', dialogue: '[doctor] hi , nora .\n[patient] "hi"' },
			{ id: 'D2', dialogue: 'plain' },
		])
	})

	test('metadata names become whole-word, case-insensitive gold spans; titles are dropped', () => {
		const names = aciNames({
			patient_firstname: 'Nora ',
			patient_familyname: 'vintner',
			doctor_name: 'Dr. Korrin',
		})
		expect(names.map((n) => n.value)).toEqual(['Nora', 'vintner', 'Korrin'])
		const gold = aciGold('D1', 'hi nora . nora vintner, seen by dr. korrin. noravale', names)
		expect(gold.spans.map((s) => s.label)).toEqual([
			'patient first name',
			'patient first name',
			'patient family name',
			'clinician',
		])
		expect(aciCategory(gold.spans[0] as (typeof gold.spans)[0])).toEqual({
			category: 'NAME: patient first name',
			counted: true,
		})
	})
})
