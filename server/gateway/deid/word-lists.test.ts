import { describe, expect, test } from 'vitest'
import { readWordLists } from './word-lists.ts'

const file = (lists: Record<string, unknown>) => ({ about: 'test lists', ...lists })
const list = (...entries: string[]) => ({ about: 'a list', entries })

describe('readWordLists', () => {
	test('reads the named lists, in file order', () => {
		const lists = readWordLists(
			file({ words: list('grace', 'e-mail', "they'd"), phrases: list('new york', 'rhode island') }),
			'test.json',
			['words', 'phrases'],
			['phrases'],
		)
		expect(lists).toEqual({
			words: ['grace', 'e-mail', "they'd"],
			phrases: ['new york', 'rhode island'],
		})
	})
	test('refuses what is not a word-list file', () => {
		for (const json of [null, 'grace walker', [], { entries: ['grace'] }]) {
			expect(() => readWordLists(json, 'test.json', ['words'])).toThrow(/^test\.json: /)
		}
	})
	test('refuses a missing list', () => {
		expect(() =>
			readWordLists(file({ words: list('grace') }), 'test.json', ['words', 'more']),
		).toThrow('the list more is missing')
	})
	test('refuses a list the detector does not read', () => {
		expect(() =>
			readWordLists(file({ words: list('grace'), stray: list('x') }), 'test.json', ['words']),
		).toThrow('lists not read by the detector: stray')
	})
	test('refuses an empty list', () => {
		expect(() => readWordLists(file({ words: list() }), 'test.json', ['words'])).toThrow(
			/words\.entries/,
		)
	})
	test('refuses an entry in upper case, empty, or with stray spaces', () => {
		for (const bad of ['Grace', '', ' grace', 'grace ', 'new  york', 'new\tyork']) {
			expect(() =>
				readWordLists(file({ words: list('walker', bad) }), 'test.json', ['words'], ['words']),
			).toThrow(/lower case/)
		}
	})
	test('refuses a phrase in a list of single words', () => {
		expect(() => readWordLists(file({ words: list('new york') }), 'test.json', ['words'])).toThrow(
			'words holds single words, not phrases',
		)
	})
	test('refuses a list with fields besides about and entries', () => {
		expect(() =>
			readWordLists(file({ words: { ...list('grace'), extra: 1 } }), 'test.json', ['words']),
		).toThrow(/^test\.json: /)
	})
})
