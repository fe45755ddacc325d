import type { LoadedSection } from './types.ts'

/**
 * Splits a note's plain text into sections on its own headings: markdown headings ("# Chief
 * Complaint"), lines in capitals ending with a colon ("CHIEF COMPLAINT:"), and a short heading
 * with a colon at the start of a line ("Assessment: stable" — the rest of the line is the first
 * line of the section). A heading with nothing under it before a deeper markdown heading is
 * carried into that heading ("Assessment and Plan / Plan"). Text before the first heading is a
 * section without a heading. Every section gets the same ids and date.
 */

const MARKDOWN = /^(#{1,6})\s+(.+?)\s*#*\s*$/
/** "CHIEF COMPLAINT:" or "HISTORY OF PRESENT ILLNESS: text" (capitals, digits, a little punctuation). */
const CAPS = /^([A-Z][A-Z0-9 &/,()'-]{1,60}?)\s*:(?!\/\/)\s*(.*)$/
/**
 * "Assessment:" or "Plan of care: text" — one to four words, the first capitalised. A colon that
 * starts a link ("Visit http://…") is not a heading.
 */
const TITLE = /^([A-Z][a-z]+(?:[ -](?:[A-Za-z][a-z]*|of|and|&)){0,3})\s*:(?!\/\/)\s*(.*)$/

type Heading = { text: string; rest: string; level: number | null }

export function headingOf(line: string): Heading | null {
	const trimmed = line.trim()
	const md = MARKDOWN.exec(trimmed)
	if (md) return { text: (md[2] as string).trim(), rest: '', level: (md[1] as string).length }
	const caps = CAPS.exec(trimmed)
	if (caps && /[A-Z]{2}/.test(caps[1] as string) && !/\d{1,2}:\d{2}/.test(trimmed))
		return { text: tidy(caps[1] as string), rest: (caps[2] as string).trim(), level: null }
	const title = TITLE.exec(trimmed)
	if (title)
		return { text: tidy(title[1] as string), rest: (title[2] as string).trim(), level: null }
	return null
}

function tidy(heading: string): string {
	return heading.replace(/\s+/g, ' ').trim()
}

export function splitSections(
	text: string,
	fhirIds: string[],
	date: string | null,
): LoadedSection[] {
	const lines = normalizeText(text).split('\n')
	const sections: LoadedSection[] = []
	const current: { heading: string | null; level: number | null; body: string[] } = {
		heading: null,
		level: null,
		body: [],
	}
	// An empty heading waiting for a deeper markdown heading to carry it.
	const waiting: { parent: { text: string; level: number } | null } = { parent: null }

	const flush = () => {
		const content = tidyBody(current.body)
		if (content)
			sections.push({ heading: current.heading, text: content, fhirIds: [...fhirIds], date })
		else if (current.heading && current.level !== null)
			waiting.parent = { text: current.heading, level: current.level }
		current.body = []
	}

	for (const line of lines) {
		const found = headingOf(line)
		if (!found) {
			current.body.push(line)
			continue
		}
		flush()
		const carried = waiting.parent
		waiting.parent = null
		current.heading =
			carried && found.level !== null && found.level > carried.level
				? `${carried.text} / ${found.text}`
				: found.text
		current.level = found.level
		if (found.rest) current.body.push(found.rest)
	}
	flush()
	return sections
}

/** CRLF → LF, tabs and non-breaking spaces → spaces, trailing blanks off. */
export function normalizeText(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[\t\u00a0]/g, ' ')
		.split('\n')
		.map((l) => l.trimEnd())
		.join('\n')
}

/** Trimmed; runs of blank lines become one. */
function tidyBody(lines: string[]): string {
	return lines
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()
}
