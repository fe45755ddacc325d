import { IDENTIFIER_LABELS, type IdentifierLabel } from './labels.ts'

/**
 * The placeholder syntax: `[[NAME_1]]`, `[[HEALTH_PLAN_2]]`. One function writes it and one
 * pattern reads it back, leniently, because models mangle placeholders: they drop a bracket, add
 * spaces, change case or the separator (`[NAME 1]`, `[[name-1]]`, `NAME_1`).
 *
 * The same lenient pattern is used on the way in: anything in the input that `restore` would read
 * as a placeholder is itself replaced by a placeholder first, so a text that already contains
 * `[[NAME_1]]` cannot collide with (or be "restored" into) a real name.
 */
export function formatToken(label: IdentifierLabel, n: number): string {
	return `[[${label}_${n}]]`
}

// HEALTH_PLAN and OTHER_ID contain their own separator, which a model may also mangle.
const LABEL_ALTERNATION = [...IDENTIFIER_LABELS]
	.sort((a, b) => b.length - a.length)
	.map((l) => l.replace('_', '[ _-]?'))
	.join('|')

/**
 * Bracketed forms (at least one bracket, any case, `_`, `-`, space or nothing before the number)
 * and the bare upper-case form `NAME_1`. Bounded quantifiers only: linear in the text.
 */
export const LOOSE_TOKEN = new RegExp(
	`\\[{1,2} {0,2}(${LABEL_ALTERNATION})[ _-]?(\\d{1,6}) {0,2}\\]{0,2}` +
		`|(?<![\\p{L}\\p{N}_])(${LABEL_ALTERNATION})_(\\d{1,6}) {0,2}\\]{1,2}` +
		`|(?<![\\p{L}\\p{N}_\\[])(${IDENTIFIER_LABELS.join('|')})_(\\d{1,6})(?![\\p{L}\\p{N}_\\]])`,
	'giu',
)

/** The canonical token a lenient match stands for, or null if the label is not one of ours. */
export function canonicalToken(match: RegExpExecArray | RegExpMatchArray): string | null {
	const rawLabel = match[1] ?? match[3] ?? match[5]
	const rawNumber = match[2] ?? match[4] ?? match[6]
	if (rawLabel === undefined || rawNumber === undefined) return null
	// without brackets only the exact upper-case form counts ("NAME_1", not "name_1")
	if (match[5] !== undefined && match[5] !== match[5].toUpperCase()) return null
	const label = rawLabel.toUpperCase().replace(/[ -]/g, '_')
	const normalized =
		label === 'HEALTHPLAN' ? 'HEALTH_PLAN' : label === 'OTHERID' ? 'OTHER_ID' : label
	const found = IDENTIFIER_LABELS.find((l) => l === normalized)
	if (!found) return null
	return formatToken(found, Number.parseInt(rawNumber, 10))
}

/** Every lenient token match in `text`, as [start, end) ranges. */
export function tokenRanges(text: string): Array<{ start: number; end: number }> {
	const ranges: Array<{ start: number; end: number }> = []
	if (!text.includes('[') && !text.includes('_')) return ranges
	for (const m of text.matchAll(LOOSE_TOKEN)) {
		ranges.push({ start: m.index, end: m.index + m[0].length })
	}
	return ranges
}
