import addressWordsJson from './data/address-words.json' with { type: 'json' }
import { STREET_WORDS } from './lexicon.ts'
import type { Facts } from './word-forms.ts'
import { readWordLists } from './word-lists.ts'

/**
 * The vocabulary of the address scanner: street prefixes and suffixes in several languages
 * ("Rue", "-gasse", "-vej"), street and unit words, the particles inside street names, the field
 * labels that end an address line, and the phrases and shapes that start or hold an address
 * ("lives at", "PO Box 12", "Fairhaven, MA 02719", "zip code 02719"). The word lists are data
 * (deid/data/address-words.json); the suffixes and phrases are patterns, kept here.
 */

const lists = readWordLists(addressWordsJson, 'deid/data/address-words.json', [
	'streetPrefixes',
	'strongStreetWords',
	'unitWords',
	'addressParticles',
	'fieldLabels',
])

export const STREET_SUFFIX =
	/(?:gasse|strasse|straße|str|vej|vei|veien|vegur|gata|gatan|katu|(?<!t)tie|weg|laan|straat|gade|vägen|vagen|väg|graben|braut|stien|allee|platz|damm|plein|gracht|kuja|polku|utca|ulica|cesta)$/i
export const STREET_PREFIXES = new Set(lists.streetPrefixes)
/** Street words that mark an address even without a house number. */
export const STRONG_STREET_WORDS = new Set(lists.strongStreetWords)
export const UNIT_WORDS = new Set(lists.unitWords)
export const ADDRESS_PARTICLES = new Set(lists.addressParticles)
export const FIELD_LABELS = new Set(lists.fieldLabels)

export const ADDRESS_TRIGGER =
	/\b(?:(?:billing|street|home|mailing|new|primary|secondary) address(?:es)?(?: is| to the same)?|address(?:es)? is|address:|addr:|lives (?:at|on)|living (?:at|on)|live (?:at|on)|resides? (?:at|on)|residing (?:at|on)|located at|sent to|send (?:it |this |a new one |them )?to|return(?:ed)? to|mail(?:ed)? to|ship(?:ped)? to|deliver(?:ed|y)? to|meet me at|drops? (?:you |me )?off at|is at|is on|are on|corner of)\b[\s:,-]{0,8}/gi
export const MILITARY_OR_PO =
	/\b(?:(?:PSC|Unit|CMR) {1,3}\d{1,5},? {1,3}Box {1,3}\d{1,5}|[APD]PO {1,3}A[AEP] {1,3}\d{5}|US(?:NS|NV|S|CGC) {1,3}\p{Lu}[\p{L}'-]{0,40}|P\.? ?O\.? {1,3}Box {1,3}\d{1,8})/giu
export const CITY_STATE_ZIP =
	/\p{Lu}[\p{L}'.-]{0,40}(?: \p{Lu}[\p{L}'.-]{0,40}){0,3}, {0,3}[A-Z]{2} {1,3}\d{5}(?:-\d{4})?(?!\d)/gu
export const ZIP_CONTEXT =
	/\b(?:zip(?: ?code)?|postal code|post ?code)\b(?: is|:|#)? {0,4}([A-Z0-9][A-Z0-9 -]{1,9}[A-Z0-9]|\d{3,5})/gi

function isStreetWord(f: string): boolean {
	return STREET_WORDS.has(f) || STREET_PREFIXES.has(f) || UNIT_WORDS.has(f) || STREET_SUFFIX.test(f)
}

/** A street word, prefix, suffix or unit word, or the plural of one. */
export function isStreetish(facts: Facts): boolean {
	return (facts.street ??=
		isStreetWord(facts.f) || (facts.f.endsWith('s') && isStreetWord(facts.f.slice(0, -1))))
}

/** A word with a street suffix ("Brakkeveien", "Koskikatu"). */
export function isStreetSuffix(facts: Facts): boolean {
	return (facts.streetSuffix ??= STREET_SUFFIX.test(facts.f))
}

/** A lower-case word with a letter outside ASCII ("gräsvägen"). */
export function isForeignLower(w: { shape: string; text: string; facts: Facts }): boolean {
	return w.shape === 'lower' && (w.facts.foreign ??= /[^\p{ASCII}]/u.test(w.text))
}
