import { addCandidate as add, type Candidate } from './candidate.ts'
import { luhnValid } from './checksums.ts'
import { UNCERTAIN_REASONS } from './labels.ts'
import { after, before, contextLabel } from './number-context.ts'

/**
 * Telephone and fax numbers: digit groups with separators, labelled by the words around them
 * ("fax", "call", "mobile", "at"), by the North American shape, or a leading "+". A run of that
 * shape with no such cue is a possible phone number (uncertain); runs of small numbers ("102 24
 * 18") are taken for lab values.
 */

const PHONE =
	/(?<![\w+./-])(?:\+\d{1,3}[ .-]?|00\d{1,3}[ .-])?(?:\(\d{1,5}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,8}){0,5}(?:[ ]?(?:x|ext\.?|extension)[ ]?\d{1,6})?(?![\w/]|[.-]\d)/gi

const digitsOf = (s: string) => s.replace(/\D/g, '')

export function phones(text: string, out: Candidate[]): void {
	for (const m of text.matchAll(PHONE)) {
		const s = m[0]
		const start = m.index
		const end = start + s.length
		if (!/[ .()-]/.test(s.replace(/^\+/, ''))) continue // one unbroken run: LONG_NUMBER's job
		const digits = digitsOf(s)
		if (digits.length < 7 || digits.length > 19) continue
		// a decimal ("12.5") or a dotted version is not a phone number
		if (/^\d{1,3}\.\d{1,3}$/.test(s)) continue
		const ctxBefore = before(text, start, 30)
		const ctxAfter = after(text, end, 12)
		const label = contextLabel(ctxBefore)
		if (/fax/.test(ctxBefore.slice(-16)) || /^\s*-?\s*fax/.test(ctxAfter)) {
			add(out, start, end, 'FAX', 0.9)
			continue
		}
		if (label && label !== 'PHONE') {
			add(out, start, end, label, 0.9)
			continue
		}
		if (
			label === 'PHONE' ||
			/(registered|answering|reach|dial|ring|whatsapp|number|\bph\b|#|\bat|\bon)\W*$/.test(
				ctxBefore,
			) ||
			/^\s*-?\s*(office|mobile|cell|home|work|desk)/.test(ctxAfter)
		) {
			add(out, start, end, 'PHONE', 0.9)
			continue
		}
		if (/^(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]\d{4}(?:.*)?$/.test(s)) {
			add(out, start, end, 'PHONE', 0.85)
			continue
		}
		if (digits.length >= 13 && luhnValid(digits)) {
			add(out, start, end, 'ACCOUNT', 0.85)
			continue
		}
		if (/^\+/.test(s)) {
			add(out, start, end, 'PHONE', 0.85)
			continue
		}
		const groups = s.split(/[ .()-]+/).filter(Boolean)
		// runs of small numbers ("102 24 18") are lab values more often than phone numbers
		if (groups.length >= 3 && groups.every((g) => g.length <= 3) && digits.length <= 8) continue
		add(out, start, end, 'PHONE', 0.5, UNCERTAIN_REASONS.possiblePhone)
	}
}
