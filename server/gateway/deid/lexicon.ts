import {
	CLINICAL_ABBREVIATIONS_TEXT,
	CLINICAL_PHRASING_TEXT,
	CLINICAL_TERMS_TEXT,
	MEDICATION_NAMES_TEXT,
} from './clinical-lexicon.ts'
import { AMBIGUOUS_NAMES_TEXT, GIVEN_NAMES_TEXT, SURNAMES_TEXT } from './name-lexicon.ts'
import {
	CLINICAL_WORDS_TEXT,
	COMMON_WORDS_TEXT,
	EPONYM_FOLLOWERS_TEXT,
	EPONYMS_TEXT,
	PERMITTED_PLACE_PHRASES_TEXT,
	PERMITTED_PLACES_TEXT,
	STREET_WORDS_TEXT,
} from './word-lexicon.ts'

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

const set = (text: string) => new Set(text.split(/\s+/).filter(Boolean))

/** Contractions, folded (apostrophes dropped): "I'm" → "im". */
const CONTRACTIONS =
	' im ive ill id youre youve youll youd hes shes its thats theres theyre theyve theyll wed weve were dont doesnt didnt cant couldnt wont wouldnt shouldnt isnt wasnt arent werent havent hasnt hadnt lets whats whos wheres hows mom dad mommy daddy grandma grandpa '

export const GIVEN_NAMES = set(GIVEN_NAMES_TEXT)
export const SURNAMES = set(SURNAMES_TEXT)
/** Name-list words that are also ordinary words: names only with a cue. */
export const AMBIGUOUS_NAMES = set(AMBIGUOUS_NAMES_TEXT)
export const COMMON_WORDS = set(COMMON_WORDS_TEXT + CONTRACTIONS)
export const CLINICAL_WORDS = set(
	[
		CLINICAL_WORDS_TEXT,
		CLINICAL_TERMS_TEXT,
		CLINICAL_PHRASING_TEXT,
		MEDICATION_NAMES_TEXT,
		CLINICAL_ABBREVIATIONS_TEXT,
		EPONYM_FOLLOWERS_TEXT,
	].join(' '),
)
export const PERMITTED_PLACES = set(PERMITTED_PLACES_TEXT)
export const PERMITTED_PLACE_PHRASES = new Set(
	PERMITTED_PLACE_PHRASES_TEXT.split('\n')
		.map((l) => l.trim())
		.filter(Boolean),
)
export const STREET_WORDS = set(STREET_WORDS_TEXT)
export const EPONYMS = set(EPONYMS_TEXT)
export const EPONYM_FOLLOWERS = set(EPONYM_FOLLOWERS_TEXT)

export const MONTHS = set(
	'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec',
)
export const WEEKDAYS = set(
	'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun',
)
/** Words that put a name right after them ("Dr. Ames"). */
export const TITLES = set(
	'dr doctor mr mrs ms mx miss mister madam madame mme mlle dame sir prof professor rev reverend fr sr sra srta herr frau nurse judge capt captain sgt sergeant lt lieutenant col colonel officer',
)
/** Particles inside names ("Ludwig van Beethoven", "Maria de la Cruz"). */
export const NAME_PARTICLES = set(
	'van von de da del della der den di du la le ten ter bin ibn al el dos das do st',
)

/** Ordinary words: not a name candidate on their own. */
const ORDINARY = new Set([...COMMON_WORDS, ...CLINICAL_WORDS, ...MONTHS, ...WEEKDAYS, ...TITLES])
const LISTED = new Set([...GIVEN_NAMES, ...SURNAMES])
/** Listed names that need no cue. */
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
