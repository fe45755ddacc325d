import { UNCERTAIN_REASONS, type UncertainReason } from './labels.ts'
import { isEponymAt } from './word-forms.ts'
import type { Word } from './word-tokens.ts'

/**
 * The verdict on one chain of capitalised words: a name, a place, uncertain, or nothing. It reads
 * the cues around the chain: a title or a phrase before it ("seen by", "my name is", "lives in"),
 * a verb after it ("said", "lives"), a speaker label, the name lists, middle initials, and a name
 * line above contact details.
 */

/** Capitalised words, initials and particles on one line ("Maria de la Cruz", "Brad L Key"). */
export type Chain = { words: Word[]; start: number; end: number }

export type Verdict = {
	/** Not reported unless a neighbouring name upgrades it. */
	quiet?: boolean
	label: 'NAME' | 'GEOGRAPHIC'
	confidence: number
	uncertain?: boolean
	reason?: UncertainReason
	/**
	 * Kept as an uncertain region (the policy decides) instead of being redacted as a low-confidence
	 * detection: a word used as a modifier after an article ("the Quorvane clinic"), which names a
	 * brand or an organisation more often than a person or a place.
	 */
	held?: boolean
}

/** Between two names of a list: a comma, "and", "&" or "or". */
export const LIST_GAP =
	/^(?:['’]s)?(?:,[^\S\r\n]*|[^\S\r\n]+(?:and|&|or)[^\S\r\n]+|,[^\S\r\n]*(?:and|&|or)[^\S\r\n]+)$/

const STRONG_NAME_CUE =
	/(?:\bname(?:'s|s)?(?: is| was|:|\?| -)|\bnamed|\bcalled|\bcall me|\bcalls me|\bi am|\bi'm|\bthis is|\bmeet|\bdear|\bhi|\bhello|\bhey|\bthanks|\bthank you|\bsincerely|\bregards|\bsigned(?: by)?|\bseen by|\breferred by|\bspouse|\bhusband|\bwife|\bson|\bdaughter|\bmother|\bfather|\bbrother|\bsister|\bgrand(?:father|mother|son|daughter)|\bkid|\bchild|\bfriend|\bpartner|\bboyfriend|\bgirlfriend|\bfianc[eé]e?|\bnephew|\bniece|\buncle|\baunt|\bcousin|\bassistant to|\bunder|\bsaid|\bsays|\basked|\btold|\breplied|\bpatient|\bpt\.?|\buser:|\bcaregiver|\bguardian|\bcontact:|\battending:?|\bpcp:?|\bprovider:?|\bphysician:?|\bsurgeon:?|\bmaiden name is|\blast name\??|\bfirst name\??|\bemployer:?|\bemployed by|\bworks for)\s*[:,]?\s*$/
const NAME_FOLLOW_CUE =
	/^(?:'s)?\s*,?\s*(?:is|was|has|had|said|says|told|asked|shouted|explained|replied|lives|lived|works|worked|spent|reports|reported|states|stated|presents|presented|denies|denied|complains|underwent|went|came|arrived|flew|wrote|will be|was born)\b/
const LOCATION_VERB_CUE =
	/(?:(?:lives?|living|lived|resides?|residing|grew up|raised|born|originally|hails|comes|moved(?: here| back)?|relocated|flew|flying|fly|travel(?:l)?(?:ing|ed)?|trip|arrived|based|located|headquartered|visiting|visited|returned(?: home)?|coming|going|went|drove|driving|i'm|i am|we're|we are|stays?|staying)\s+(?:back\s+)?(?:here\s+)?(?:in|at|to|from|near|on|outside|around)|where:|home city|hometown|home town|(?:town|city|village|county|province|state|republic|port|university|college|district|municipality|region) of)\s+(?:the\s+)?$/
const LOCATION_CUE =
	/(?:^|[^\p{L}])(?:in|at|to|from|near|into|outside|toward|towards)\s+(?:the\s+)?$/u
const PERSON_VERB_CUE =
	/^(?:['’]s)?[^\S\r\n]+(?:said|says|told|asked|shouted|explained|replied|lives|lived|works|worked|spent|wrote|thinks|believes|wants|loves|married|began|is from|is very|is a very)\b/
const RELATIVE_AFTER =
	/^['’]s[^\S\r\n]+(?:kid|kids|son|daughter|wife|husband|mother|father|brother|sister|family|partner|friend)\b/
const CREDIT_BEFORE =
	/(?:^|[^\p{L}])(?:by|with|features|starring|producer|director)[^\S\r\n]*:?[^\S\r\n]+$/u

/** An article or a possessive determiner right before the chain. */
const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|this|that|our|their|your|its)[^\S\r\n]+$/u
/** A lower-case noun right after it ("the Quorvane clinic"). */
const MODIFIES_NOUN = /^[^\S\r\n]+\p{Ll}{3,}/u
/** …unless the noun is a person's household or kin ("the Ruoho family"). */
const PERSONAL_NOUN_AFTER =
	/^[^\S\r\n]+(?:family|families|household|residence|home|house|kids|children|brothers|sisters|twins|estate)\b/

/** An email, phone number or address starts within 160 characters of `offset`. */
function contactFollows(contactStarts: readonly number[], offset: number): boolean {
	// the first contact detail at or after offset (binary search)
	let lo = 0
	let hi = contactStarts.length
	while (lo < hi) {
		const mid = (lo + hi) >> 1
		if ((contactStarts[mid] as number) < offset) lo = mid + 1
		else hi = mid
	}
	const next = contactStarts[lo]
	return next !== undefined && next < offset + 160
}

/**
 * `words` is the text's word list, `contactStarts` the sorted starts of the emails, phone
 * numbers, URLs and addresses found in it.
 */
export function judgeChain(
	text: string,
	words: readonly Word[],
	c: Chain,
	contactStarts: readonly number[],
): Verdict | null {
	const first = c.words[0] as Word
	const last = c.words[c.words.length - 1] as Word
	const real = c.words.filter((w) => w.shape !== 'initial' && !(w.shape === 'lower'))
	const p = first.i > 0 ? (words[first.i - 1] as Word) : null
	if (real.length === 0) {
		// a lone initial counts only after a title ("Dr. K")
		if (p && p.facts.title && text.slice(p.end, first.start).length <= 2)
			return { label: 'NAME', confidence: 0.9 }
		return null
	}
	// the cues are short: 32 characters before the chain are enough
	const lineBefore = text.slice(Math.max(0, c.start - 32), c.start)
	const sameLine = lineBefore.slice(lineBefore.lastIndexOf('\n') + 1).toLowerCase()
	const followText = text.slice(last.end, last.end + 40).toLowerCase()

	// eponyms: "Parkinson disease", "Murphy's sign", "Graves' disease"
	if (isEponymAt(text, last)) return null

	const titled =
		p !== null && p.facts.title && /^\.?[^\S\r\n]{0,3}$/.test(text.slice(p.end, first.start))
	if (titled) return { label: 'NAME', confidence: 0.95 }
	if (STRONG_NAME_CUE.test(sameLine)) return { label: 'NAME', confidence: 0.9 }
	const speaker =
		first.lineStart &&
		/^[^\S\r\n]*:/.test(text.slice(last.end, last.end + 4)) &&
		c.words.length <= 3
	if (speaker) return { label: 'NAME', confidence: 0.85 }
	if (c.words.some((w) => w.lex === 'strong')) return { label: 'NAME', confidence: 0.9 }
	const initialInside =
		c.words.length >= 2 &&
		c.words.some((w, k) => w.shape === 'initial' && k > 0) &&
		(first.shape === 'cap' || first.shape === 'upper')
	if (initialInside) return { label: 'NAME', confidence: 0.85 }
	const leadingInitial = first.shape === 'initial' && text[first.end] === '.' && c.words.length >= 2
	if (leadingInitial) return { label: 'NAME', confidence: 0.8 }

	const weak = c.words.filter((w) => w.lex === 'weak')
	if (weak.length > 0) {
		if (c.words.length >= 2) return { label: 'NAME', confidence: 0.7 }
		if (!first.sentStart && first.shape === 'cap') return { label: 'NAME', confidence: 0.7 }
		if (NAME_FOLLOW_CUE.test(followText)) return { label: 'NAME', confidence: 0.6 }
		return null
	}

	// unknown words from here on
	if (PERSON_VERB_CUE.test(followText)) return { label: 'NAME', confidence: 0.7 }
	if (RELATIVE_AFTER.test(followText)) return { label: 'NAME', confidence: 0.75 }
	if (real.length >= 2 && CREDIT_BEFORE.test(sameLine)) return { label: 'NAME', confidence: 0.75 }
	const aloneOnLine =
		/^[^\S\r\n>]*$/.test(sameLine) &&
		/^[^\S\r\n.,]*(?:\r?\n|$)/.test(text.slice(last.end, last.end + 8))
	// a name line above contact details ("Marisa Alves\nLegistorm\n09457 Vana-Viru 25…")
	if (aloneOnLine && real.length >= 2 && real.length <= 4 && contactFollows(contactStarts, c.end)) {
		return { label: 'NAME', confidence: 0.8 }
	}
	const upperOnly = real.every((w) => w.shape === 'upper')
	if (LOCATION_VERB_CUE.test(sameLine)) return { label: 'GEOGRAPHIC', confidence: 0.75 }
	if (upperOnly && !LOCATION_CUE.test(sameLine)) {
		// an upper-case word alone on its line, outside a heading: a town in an address block
		if (aloneOnLine) {
			return {
				label: 'GEOGRAPHIC',
				confidence: 0.5,
				uncertain: true,
				reason: UNCERTAIN_REASONS.possiblePlace,
			}
		}
		// otherwise a name only when listed with one ("VINTNER, NORA")
		return { label: 'NAME', confidence: 0, uncertain: true, quiet: true }
	}
	// two or more unknown capitalised words: a proper name of some kind (the second word's
	// capital is not the sentence's)
	if (real.length >= 2 && !upperOnly && !LOCATION_CUE.test(sameLine)) {
		return { label: 'NAME', confidence: 0.6 }
	}
	if (LOCATION_CUE.test(sameLine)) {
		return {
			label: 'GEOGRAPHIC',
			confidence: 0.5,
			uncertain: true,
			reason: UNCERTAIN_REASONS.possiblePlace,
		}
	}
	const attributive =
		real.length === 1 &&
		ARTICLE_BEFORE.test(sameLine) &&
		MODIFIES_NOUN.test(followText) &&
		!PERSONAL_NOUN_AFTER.test(followText)
	return {
		label: 'NAME',
		confidence: 0.4,
		uncertain: true,
		reason: UNCERTAIN_REASONS.unknownCapitalized,
		...(attributive ? { held: true } : {}),
	}
}
