import clinicalJson from './data/clinical.json' with { type: 'json' }
import namesJson from './data/names.json' with { type: 'json' }
import referenceJson from './data/reference-lists.json' with { type: 'json' }
import wordsJson from './data/words.json' with { type: 'json' }
import { readWordLists } from './word-lists.ts'

const SPECIAL_LETTERS: Record<string, string> = {
	ø: 'o',
	æ: 'ae',
	œ: 'oe',
	ß: 'ss',
	ł: 'l',
	đ: 'd',
	ð: 'd',
	þ: 'th',
	ı: 'i',
}

/** Lower case, accents removed, apostrophes dropped: the form every word list is written in. */
export function fold(word: string): string {
	let ascii = true
	for (let i = 0; i < word.length; i++) {
		if (word.charCodeAt(i) > 127) {
			ascii = false
			break
		}
	}
	if (ascii) {
		const lower = word.toLowerCase()
		return lower.includes("'") ? lower.replace(/'/g, '') : lower
	}
	return word
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[øæœßłđðþı]/g, (c) => SPECIAL_LETTERS[c] ?? c)
		.replace(/['’]/g, '')
}

/*
 * The word lists are data (deid/data/*.json, each list described there), read once when the
 * module loads; the sets below are built from them in file order.
 */
const names = readWordLists(namesJson, 'deid/data/names.json', [
	'givenNames',
	'surnames',
	'ambiguousNames',
])
const words = readWordLists(
	wordsJson,
	'deid/data/words.json',
	[
		'commonWords',
		'contractions',
		'clinicalWords',
		'permittedPlaces',
		'permittedPlacePhrases',
		'streetWords',
		'eponyms',
		'eponymFollowers',
		'months',
		'weekdays',
		'titles',
		'nameParticles',
	],
	['permittedPlacePhrases'],
)
const clinical = readWordLists(clinicalJson, 'deid/data/clinical.json', [
	'clinicalTerms',
	'clinicalPhrasing',
	'medicationNames',
	'clinicalAbbreviations',
])

// generated from pinned name-frequency and dictionary packages (decision 038)
const reference = readWordLists(referenceJson, 'deid/data/reference-lists.json', [
	'frequentGivenNames',
	'frequentSurnames',
	'commonEnglish',
])

const COMMON_WORDS_EARLY = new Set([...words.commonWords, ...words.contractions])
/** Common English words (SCOWL sizes 10 to 35, no proper names). */
const DICTIONARY = new Set(reference.commonEnglish)
/**
 * A generated-list name counts only when it is not a common English word and has three letters
 * or more ("to", "he", "grant" are not names without a cue; the curated lists decide those).
 */
const generated = (list: readonly string[]) =>
	list.filter((n) => n.length >= 3 && !DICTIONARY.has(n) && !COMMON_WORDS_EARLY.has(n))

export const GIVEN_NAMES = new Set([
	...names.givenNames,
	...generated(reference.frequentGivenNames),
])
export const SURNAMES = new Set([...names.surnames, ...generated(reference.frequentSurnames)])
/** Name-list words that are also ordinary words: names only with a cue. */
export const AMBIGUOUS_NAMES = new Set(names.ambiguousNames)
/** Everyday English, contractions folded ("I'm" → "im"). */
export const COMMON_WORDS = new Set([...words.commonWords, ...words.contractions])
export const CLINICAL_WORDS = new Set([
	...words.clinicalWords,
	...clinical.clinicalTerms,
	...clinical.clinicalPhrasing,
	...clinical.medicationNames,
	...clinical.clinicalAbbreviations,
	...words.eponymFollowers,
])
export const PERMITTED_PLACES = new Set(words.permittedPlaces)
export const PERMITTED_PLACE_PHRASES = new Set(words.permittedPlacePhrases)
export const STREET_WORDS = new Set(words.streetWords)
export const EPONYMS = new Set(words.eponyms)
export const EPONYM_FOLLOWERS = new Set(words.eponymFollowers)

export const MONTHS = new Set(words.months)
export const WEEKDAYS = new Set(words.weekdays)
/** Words that put a name right after them ("Dr. Ames"). */
export const TITLES = new Set(words.titles)
/** Particles inside names ("Ludwig van Beethoven", "Maria de la Cruz"). */
export const NAME_PARTICLES = new Set(words.nameParticles)

const LISTED = new Set([...GIVEN_NAMES, ...SURNAMES])
/**
 * Ordinary words: not a name candidate on their own. Dictionary words that are also listed names
 * ("grant", "chase") are not ordinary: they are weak names, names with a cue.
 */
const ORDINARY = new Set([
	...COMMON_WORDS,
	...CLINICAL_WORDS,
	...MONTHS,
	...WEEKDAYS,
	...TITLES,
	...[...DICTIONARY].filter((w) => !LISTED.has(w)),
])
/** Listed names that need no cue; a generated-list name must not be an English word either. */
const STRONG = new Set(
	[...LISTED].filter(
		(n) =>
			!AMBIGUOUS_NAMES.has(n) &&
			!PERMITTED_PLACES.has(n) &&
			!COMMON_WORDS.has(n) &&
			!CLINICAL_WORDS.has(n),
	),
)
/**
 * Names only with a cue: everyday words, permitted places and clinical words that are also
 * names ("Grace", "Georgia", "Colon"), and eponyms that are not on the name lists ("Babinski").
 */
const WEAK = new Set([
	...AMBIGUOUS_NAMES,
	...[...LISTED].filter((n) => !STRONG.has(n)),
	...[...EPONYMS].filter((n) => !LISTED.has(n)),
])

/** A name-list word that counts as a name without a cue. */
export function isStrongName(folded: string): boolean {
	return STRONG.has(folded)
}

/** A name-list word that is also an ordinary word or a permitted place: a name only with a cue. */
export function isWeakName(folded: string): boolean {
	return WEAK.has(folded)
}

/** An ordinary word: not a name candidate on its own. */
export function isOrdinaryWord(folded: string): boolean {
	return ORDINARY.has(folded)
}

/** A word of the curated everyday or clinical lists (function words, common verbs, clinical words). */
export function isCommonWord(folded: string): boolean {
	return COMMON_WORDS.has(folded) || CLINICAL_WORDS.has(folded)
}
