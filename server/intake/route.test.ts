import { describe, expect, it } from 'vitest'
import { routeFax } from './route.ts'

const MIN = 0.8

describe('routeFax', () => {
	it('files a confident, non-junk fax with exactly one certain match', () => {
		expect(routeFax({ type: 'lab_result', confidence: 0.93, grades: ['certain'] }, MIN)).toEqual({
			kind: 'file',
			reason: 'auto_filed',
		})
	})

	it('never files a fax that matches nobody', () => {
		expect(routeFax({ type: 'lab_result', confidence: 0.99, grades: [] }, MIN).reason).toBe(
			'no_match',
		)
	})

	it('holds a probable or possible match for a person', () => {
		for (const grade of ['probable', 'possible'] as const)
			expect(routeFax({ type: 'referral', confidence: 0.99, grades: [grade] }, MIN).reason).toBe(
				'match_not_certain',
			)
	})

	it('holds two certain matches (an ambiguity is a person’s call)', () => {
		expect(
			routeFax({ type: 'referral', confidence: 0.99, grades: ['certain', 'certain'] }, MIN).reason,
		).toBe('match_not_certain')
	})

	it('holds a certain match when the type is below the threshold', () => {
		expect(routeFax({ type: 'referral', confidence: 0.79, grades: ['certain'] }, MIN).reason).toBe(
			'type_uncertain',
		)
	})

	it('holds junk, however sure, for a person to reject', () => {
		expect(routeFax({ type: 'junk', confidence: 1, grades: ['certain'] }, MIN).reason).toBe('junk')
	})

	it('holds a fax whose analysis failed', () => {
		expect(routeFax({ type: null, confidence: null, grades: ['certain'] }, MIN).reason).toBe(
			'analysis_failed',
		)
	})
})
