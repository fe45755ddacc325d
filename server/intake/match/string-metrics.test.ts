import { expect, test } from 'vitest'
import { jaroWinkler, phoneticKeys } from './string-metrics.ts'

test("Jaro–Winkler gives Winkler's published values", () => {
	expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3)
	expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3)
	expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3)
})

test('the common prefix counts at most four letters', () => {
	// Jaro 0.9583; with a prefix of 4: 0.9583 + 0.4 × 0.0417 = 0.975 (a prefix of 5 would give 0.979).
	expect(jaroWinkler('JOHNSON', 'JOHNSTON')).toBeCloseTo(0.975, 3)
})

test('empty strings are not similar to anything', () => {
	expect(jaroWinkler('', 'SMITH')).toBe(0)
	expect(jaroWinkler('', '')).toBe(0)
})

test('double metaphone keys spelling variants alike', () => {
	expect(phoneticKeys('Smith')).toEqual(expect.arrayContaining(phoneticKeys('Smyth')))
	expect(phoneticKeys('Jacobsen')).toEqual(phoneticKeys('Jacobson'))
	expect(phoneticKeys("O'Connell")).toEqual(phoneticKeys('OConnell'))
	expect(phoneticKeys('123')).toEqual([])
})
