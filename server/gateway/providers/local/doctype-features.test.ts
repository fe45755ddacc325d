import { describe, expect, test } from 'vitest'
import {
	DEFAULT_TERM_SETTINGS,
	documentTerms,
	HEADING_PREFIX,
	NUMBER_TOKEN,
	tokenize,
} from './doctype-features.ts'

describe('tokenize', () => {
	test('lowercases, so headings in capitals are the same words', () => {
		expect(tokenize('HOSPITAL COURSE')).toEqual(tokenize('hospital course'))
	})

	test('collapses numbers, and a run of them, into one token', () => {
		expect(tokenize('seen on 01/18/2026 at 14:05, BP 143/83')).toEqual([
			'seen',
			'on',
			NUMBER_TOKEN,
			'at',
			NUMBER_TOKEN,
			'bp',
			NUMBER_TOKEN,
		])
	})

	test('splits a number from its unit', () => {
		expect(tokenize('135bpm 12x7')).toEqual([NUMBER_TOKEN, 'bpm', NUMBER_TOKEN])
	})

	test('reads A1c the way OCR spells it', () => {
		for (const spelling of ['A1c', 'Alc', 'HbA1c', 'HbAlc'])
			expect(tokenize(spelling)).toEqual(['a1c'])
	})

	test('repairs a 0 or 1 that OCR read inside a word', () => {
		expect(tokenize('rep0rt c1inic h0spita1')).toEqual(['report', 'clinic', 'hospital'])
	})

	test('keeps short alphanumeric terms such as vitamin B12 and spine levels', () => {
		expect(tokenize('B12 L4 T10')).toEqual(['b12', 'l4', 't10'])
	})

	test('reads a number OCR spelt with letters as a number', () => {
		expect(tokenize('1O0 mg')).toEqual([NUMBER_TOKEN, 'mg'])
	})

	test('expands clinical shorthand', () => {
		expect(tokenize('45 y/o pt s/p appy, f/u in 2 wks, hx of HTN')).toEqual([
			NUMBER_TOKEN,
			'year',
			'old',
			'patient',
			'status',
			'post',
			'appy',
			'followup',
			'in',
			NUMBER_TOKEN,
			'wks',
			'history',
			'of',
			'hypertension',
		])
	})

	test('keeps the head and the tail of an over-long text', () => {
		const words = Array.from(
			{ length: 100 },
			(_, i) => `w${'abcdefghij'[Math.floor(i / 10)]}${'abcdefghij'[i % 10]}`,
		)
		const tokens = tokenize(words.join(' '), { ...DEFAULT_TERM_SETTINGS, maxTokens: 20 })
		expect(tokens).toHaveLength(20)
		expect(tokens[0]).toBe(words[0])
		expect(tokens.at(-1)).toBe(words.at(-1))
	})
})

describe('documentTerms', () => {
	test('has unigrams and bigrams', () => {
		const { terms, tokenCount } = documentTerms('discharge diagnoses')
		expect(terms).toEqual(['discharge', 'diagnoses', 'discharge diagnoses'])
		expect(tokenCount).toBe(2)
	})

	test('joins a word hyphenated across a broken line', () => {
		expect(documentTerms('the dis-\ncharge was uneventful').terms).toContain('discharge')
	})

	test('adds a feature per capitalised heading', () => {
		const { terms } = documentTerms(
			'HISTORY OF PRESENT ILLNESS:, Cough.,REVIEW OF SYSTEMS: Negative.',
		)
		expect(terms).toContain(`${HEADING_PREFIX}history_of_present_illness`)
		expect(terms).toContain(`${HEADING_PREFIX}review_of_systems`)
		expect(terms.filter((t) => t.startsWith(HEADING_PREFIX))).toHaveLength(2)
	})

	test('does not take a sentence in lower case for a heading', () => {
		const { terms } = documentTerms('The plan is as follows: rest.')
		expect(terms.filter((t) => t.startsWith(HEADING_PREFIX))).toEqual([])
	})

	test('gives empty text no terms', () => {
		expect(documentTerms('')).toEqual({ terms: [], tokenCount: 0 })
	})
})
