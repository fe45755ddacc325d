import { describe, expect, test } from 'vitest'
import { GRADE_THRESHOLDS, scoreCandidates } from './score.ts'
import type { Demographics, PatientRecord } from './types.ts'

/** Synthetic patients and fax demographics only. */
const record = (overrides: Partial<PatientRecord> = {}): PatientRecord => ({
	id: 'p-smith',
	givenName: 'William',
	familyName: 'Smith',
	birthDate: '1956-03-04',
	mrn: 'DEMO-100001',
	sex: 'male',
	phone: '5552013344',
	...overrides,
})
const fax = (overrides: Partial<Demographics> = {}): Demographics => ({
	names: [{ given: 'William', family: 'Smith' }],
	birthDates: ['1956-03-04'],
	mrns: [],
	phones: [],
	...overrides,
})
const only = (d: Demographics, r: PatientRecord = record()) => scoreCandidates(d, [r])[0]
const evidence = (d: Demographics, field: string, r: PatientRecord = record()) =>
	only(d, r)?.evidence.find((e) => e.field === field)

describe('grades at their boundaries', () => {
	test('certain: record number, name and birth date agree', () => {
		const c = only(fax({ mrns: ['DEMO-100001'] }))
		expect(c?.grade).toBe('certain')
		expect(c?.score).toBeGreaterThanOrEqual(GRADE_THRESHOLDS.certain)
	})

	test('certain: name, birth date and phone agree', () => {
		expect(only(fax({ phones: ['5552013344'] }))?.grade).toBe('certain')
	})

	test('certain: the full name letter for letter and the birth date, nothing disagreeing', () => {
		const c = only(fax())
		expect(c?.grade).toBe('certain')
		expect(c?.score).toBeLessThan(GRADE_THRESHOLDS.certain)
		expect(c?.score).toBeGreaterThanOrEqual(GRADE_THRESHOLDS.probable)
	})

	test('probable, not certain: name and birth date, the name only alike or a nickname', () => {
		expect(only(fax({ names: [{ given: 'Bill', family: 'Smith' }] }))?.grade).toBe('probable')
		expect(only(fax({ names: [{ given: 'William', family: 'Smyth' }] }))?.grade).not.toBe('certain')
	})

	test('probable, not certain: name and birth date with a record number that disagrees', () => {
		expect(only(fax({ mrns: ['OUT-55821'] }))?.grade).toBe('probable')
	})

	test('two records with the same full name and birth date: neither is certain', () => {
		const twins = scoreCandidates(fax(), [
			record(),
			record({ id: 'p-smith-2', mrn: 'DEMO-100009' }),
		])
		expect(twins.map((c) => c.grade)).toEqual(['probable', 'probable'])
	})

	test('possible: the name alone', () => {
		const c = only(fax({ birthDates: [] }))
		expect(c?.grade).toBe('possible')
		expect(c?.score).toBeLessThan(GRADE_THRESHOLDS.probable)
	})

	test('none: only the birth date agrees and both names disagree', () => {
		expect(
			scoreCandidates(fax({ names: [{ given: 'Rosa', family: 'Delgado' }] }), [record()]),
		).toEqual([])
	})

	test('not certain without the name, even over the threshold (record number, birth date, phone)', () => {
		const c = only(fax({ names: [], mrns: ['DEMO-100001'], phones: ['5552013344'] }))
		expect(c?.score).toBeGreaterThanOrEqual(GRADE_THRESHOLDS.certain)
		expect(c?.grade).toBe('probable')
	})

	test('not certain when a field disagrees, even over the threshold (sex)', () => {
		const c = only(fax({ mrns: ['DEMO-100001'], phones: ['5552013344'], sex: 'female' }))
		expect(c?.score).toBeGreaterThanOrEqual(GRADE_THRESHOLDS.certain)
		expect(c?.grade).toBe('probable')
	})
})

describe('a near miss (same name, another birth date) is never certain', () => {
	test('with nothing else, it is only possible', () => {
		const c = only(fax({ birthDates: ['1961-10-22'] }))
		expect(c?.grade).toBe('possible')
		expect(evidence(fax({ birthDates: ['1961-10-22'] }), 'birthDate')?.outcome).toBe('disagree')
	})

	test('even when the record number and the phone agree as well', () => {
		const d = fax({ birthDates: ['1961-10-22'], mrns: ['DEMO-100001'], phones: ['5552013344'] })
		expect(only(d)?.grade).not.toBe('certain')
	})

	test('even when the birth date is only near (day and month transposed)', () => {
		const d = fax({ birthDates: ['1956-04-03'], mrns: ['DEMO-100001'], phones: ['5552013344'] })
		expect(evidence(d, 'birthDate')?.outcome).toBe('partial')
		expect(only(d)?.grade).toBe('probable')
	})
})

describe('missing is missing, not disagreement', () => {
	test('a phone on the fax and none in the chart weighs nothing', () => {
		const withPhone = only(fax({ phones: ['5559990000'] }), record({ phone: null }))
		const without = only(fax(), record({ phone: null }))
		expect(withPhone?.score).toBe(without?.score)
		expect(withPhone?.evidence.find((e) => e.field === 'phone')).toEqual({
			field: 'phone',
			outcome: 'missing',
			weight: 0,
		})
	})

	test('no record number on the fax weighs nothing; another one weighs against', () => {
		expect(evidence(fax(), 'mrn')).toMatchObject({ outcome: 'missing', weight: 0 })
		expect(evidence(fax({ mrns: ['OTHER-77'] }), 'mrn')?.weight).toBeLessThan(0)
	})

	test('sex unknown in the chart weighs nothing', () => {
		expect(evidence(fax({ sex: 'female' }), 'sex', record({ sex: 'unknown' }))).toMatchObject({
			outcome: 'missing',
			weight: 0,
		})
	})
})

describe('ambiguity goes to a person', () => {
	test('two certain candidates are both demoted to probable', () => {
		const twin = record({ id: 'p-smith-2', mrn: 'DEMO-100002' })
		const candidates = scoreCandidates(fax({ phones: ['5552013344'] }), [record(), twin])
		expect(candidates.map((c) => c.grade)).toEqual(['probable', 'probable'])
	})

	test('one certain candidate beside a probable one stays certain', () => {
		const other = record({ id: 'p-other', mrn: 'DEMO-100009', phone: '5550000000' })
		const candidates = scoreCandidates(fax({ phones: ['5552013344'] }), [record(), other])
		expect(candidates.map((c) => [c.patientId, c.grade])).toEqual([
			['p-smith', 'certain'],
			['p-other', 'probable'],
		])
	})
})

describe('names', () => {
	test.each([
		['Bill', 'William', 'agree'],
		['Liz', 'Elizabeth', 'agree'],
		['Jon', 'Jonathan', 'agree'],
		['W', 'William', 'partial'],
		['Wiliam', 'William', 'agree'],
		['Ann', 'Mary Ann', 'partial'],
		['Robert', 'William', 'disagree'],
	])('given name %s against %s: %s', (given, recorded, outcome) => {
		const d = fax({ names: [{ given, family: 'Smith' }] })
		const name = evidence(d, 'name', record({ givenName: recorded }))
		expect(name?.outcome).toBe(outcome === 'agree' ? 'agree' : 'partial')
		if (outcome === 'disagree')
			expect(name?.weight).toBeLessThan(evidence(fax(), 'name')?.weight ?? 0)
	})

	test('family names by Jaro–Winkler: ≥ 0.94 agrees, 0.85–0.94 in part, below disagrees', () => {
		const outcome = (family: string) =>
			only(fax({ names: [{ given: 'William', family }], birthDates: [] }), record())?.evidence[0]
		expect(outcome('Smith')?.outcome).toBe('agree')
		expect(
			only(
				fax({ names: [{ given: 'William', family: 'Jonson' }] }),
				record({ familyName: 'Johnson' }),
			)?.evidence[0]?.outcome,
		).toBe('agree') // 0.96
		expect(outcome('Smyth')?.outcome).toBe('partial') // 0.89
		expect(
			scoreCandidates(fax({ names: [{ given: 'William', family: 'Brown' }], birthDates: [] }), [
				record(),
			]),
		).toEqual([])
	})

	test('a name written the other way round agrees only in part and is never certain', () => {
		const d = fax({
			names: [{ given: 'Smith', family: 'William' }],
			mrns: ['DEMO-100001'],
			phones: ['5552013344'],
		})
		const c = only(d)
		expect(c?.evidence[0]?.outcome).toBe('partial')
		expect(c?.grade).toBe('probable')
	})

	test('the best of several names read is taken', () => {
		const d = fax({
			names: [
				{ given: 'Karen', family: 'Holt' },
				{ given: 'William', family: 'Smith' },
			],
			phones: ['5552013344'],
		})
		expect(only(d)?.grade).toBe('certain')
	})
})

test('record numbers compare without case, punctuation or leading zeros', () => {
	expect(evidence(fax({ mrns: ['demo 100001'] }), 'mrn')?.outcome).toBe('agree')
	expect(evidence(fax({ mrns: ['0048812'] }), 'mrn', record({ mrn: '48812' }))?.outcome).toBe(
		'agree',
	)
})

test('candidates come best first', () => {
	const near = record({ id: 'p-near', birthDate: '1956-03-05', phone: null })
	const candidates = scoreCandidates(fax({ mrns: ['DEMO-100001'] }), [near, record()])
	expect(candidates.map((c) => c.patientId)).toEqual(['p-smith', 'p-near'])
	expect(candidates[0]!.score).toBeGreaterThan(candidates[1]!.score)
})
