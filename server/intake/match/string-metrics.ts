import { createRequire } from 'node:module'

/**
 * The only module that imports talisman (ADR 036): Jaro–Winkler for name agreement and double
 * metaphone for the phonetic blocking key. talisman ships CommonJS without types, so the two
 * functions are required by path and typed here; nothing else of the package is loaded.
 */
const require = createRequire(import.meta.url)

// Each file's module.exports is the function itself.
const talismanJaroWinkler = require('talisman/metrics/jaro-winkler.js') as (
	a: string,
	b: string,
) => number
const talismanDoubleMetaphone = require('talisman/phonetics/double-metaphone.js') as (
	word: string,
) => [string, string]

/**
 * Winkler's similarity in [0, 1] (prefix scale 0.1, common prefix of at most 4, boost only above
 * a Jaro score of 0.7), on the strings as given: callers normalize case and letters first.
 */
export function jaroWinkler(a: string, b: string): number {
	if (a.length === 0 || b.length === 0) return 0
	return talismanJaroWinkler(a, b)
}

/** Primary and alternate double-metaphone codes of one word (letters only, any case). */
export function phoneticKeys(word: string): string[] {
	const letters = word.toUpperCase().replace(/[^A-Z]/g, '')
	if (letters.length === 0) return []
	const [primary, alternate] = talismanDoubleMetaphone(letters)
	return [...new Set([primary, alternate].filter((k) => k.length > 0))]
}
