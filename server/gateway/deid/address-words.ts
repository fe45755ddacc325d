import { STREET_WORDS } from './lexicon.ts'
import type { Facts } from './word-forms.ts'

/**
 * The vocabulary of the address scanner: street prefixes and suffixes in several languages
 * ("Rue", "-gasse", "-vej"), street and unit words, the particles inside street names, the field
 * labels that end an address line, and the phrases and shapes that start or hold an address
 * ("lives at", "PO Box 12", "Fairhaven, MA 02719", "zip code 02719").
 */

export const STREET_SUFFIX =
	/(?:gasse|strasse|straße|str|vej|vei|veien|vegur|gata|gatan|katu|(?<!t)tie|weg|laan|straat|gade|vägen|vagen|väg|graben|braut|stien|allee|platz|damm|plein|gracht|kuja|polku|utca|ulica|cesta)$/i
export const STREET_PREFIXES = new Set(
	'rue rua calle via avenida av avenue viale strada paseo camino carrer chemin plaza praca largo travessa rambla ul ulica route avinguda carrera calzada'.split(
		' ',
	),
)
/** Street words that mark an address even without a house number. */
export const STRONG_STREET_WORDS = new Set(
	'street avenue ave road rd boulevard blvd lane ln highway hwy parkway pkwy bypass crescent terrace strasse drive'.split(
		' ',
	),
)
export const UNIT_WORDS = new Set(
	'apt apartment suite ste unit box po floor fl room rm bldg building flat lot'.split(' '),
)
export const ADDRESS_PARTICLES = new Set(
	'de del della des du la le les los las da do dos das di von van der den ten ter y e and of the ul al el nan'.split(
		' ',
	),
)
export const FIELD_LABELS = new Set(
	'phone mobile desk fax tel telephone email e-mail website web name date dob when where cell office home work'.split(
		' ',
	),
)

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
