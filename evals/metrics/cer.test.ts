import { describe, expect, test } from 'vitest'
import { characterErrorRate, levenshtein, normalizeWhitespace } from './cer.ts'

describe('Levenshtein distance', () => {
	test.each([
		['', '', 0],
		['abc', '', 3],
		['', 'abc', 3],
		['kitten', 'sitting', 3],
		['flaw', 'lawn', 2],
		['A1c', 'Alc', 1],
		['10.2', '1O.2', 1],
		['mmol/L', 'mmol/L.', 1],
	])('%j → %j is %i', (a, b, distance) => {
		expect(levenshtein(a, b)).toBe(distance)
		expect(levenshtein(b, a)).toBe(distance)
	})
})

describe('character error rate', () => {
	test('is 0 for the same text laid out differently', () => {
		expect(
			characterErrorRate('LAB RESULTS\nPotassium 5.1', '  LAB   RESULTS Potassium\t5.1\n\n'),
		).toBe(0)
	})
	test('is edits over the reference length', () => {
		// 'Potassium 5.1 mmol/L' is 20 characters; one substitution.
		expect(characterErrorRate('Potassium 5.1 mmol/L', 'Potassium 5.l mmol/L')).toBeCloseTo(1 / 20)
	})
	test('counts a missing space between words, and case', () => {
		expect(characterErrorRate('A1c 7.2', 'A1c7.2')).toBeCloseTo(1 / 7)
		expect(characterErrorRate('A1c', 'A1C')).toBeCloseTo(1 / 3)
	})
	test('can exceed 1 when the hypothesis is much longer', () => {
		expect(characterErrorRate('ab', 'abcdef')).toBe(2)
	})
	test('an empty reference gives 0 for nothing read and 1 for anything read', () => {
		expect(characterErrorRate(' \n', '')).toBe(0)
		expect(characterErrorRate('', 'noise')).toBe(1)
	})
	test('whitespace runs become one space, ends trimmed', () => {
		expect(normalizeWhitespace('\ta \n\n b  ')).toBe('a b')
	})
})
