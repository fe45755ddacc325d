import { randomBytes } from 'node:crypto'

/**
 * Untrusted content (chart text, OCR text, uploaded documents, tool output) enters a prompt only
 * as data: each source in its own block between per-request random boundary markers, with anything
 * that could look like a marker escaped, and datamarked ("spotlighting": every space replaced by
 * ˆ), so that the model can always tell the data apart from the instructions and no text inside
 * can close its block. Instructions never include source text.
 */
export type Source = {
	/** The chunk or document id a citation names: letters, digits, `_`, `-`, `:`, `.`. */
	id: string
	title?: string
	/** e.g. the document date. */
	date?: string
	text: string
}

export const DATAMARK = '\u02c6'
// Control characters (but tab and newline), zero-width and bidirectional controls: never data.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g
const SAFE_ID = /^[A-Za-z0-9_.:-]{1,100}$/

export const newBoundary = (): string => randomBytes(8).toString('hex')

export function assertSafeSourceId(id: string): void {
	if (!SAFE_ID.test(id)) throw new TypeError('a source id must be a plain token')
}

/** Makes text inert inside a data block: no markers, no control characters, spaces marked. */
export function escapeData(text: string): string {
	return text
		.replace(INVISIBLE, '')
		.replace(/<{2,}|>{2,}/g, (m) => (m[0] === '<' ? '‹'.repeat(m.length) : '›'.repeat(m.length)))
		.replaceAll(DATAMARK, "'")
		.replace(/[ \t]+/g, DATAMARK)
}

/** Undoes the datamarking (for the local models, which read the blocks back). */
export const unmark = (text: string): string => text.replaceAll(DATAMARK, ' ')

const attribute = (value: string) => escapeData(value).replace(/"/g, "'").slice(0, 200)

export function renderSources(sources: readonly Source[], boundary: string): string {
	return sources
		.map((s) => {
			assertSafeSourceId(s.id)
			const attrs = [
				`id="${s.id}"`,
				s.title ? `title="${attribute(s.title)}"` : null,
				s.date ? `date="${attribute(s.date)}"` : null,
			]
				.filter(Boolean)
				.join(' ')
			return `<<<DATA ${boundary} ${attrs}>>>\n${escapeData(s.text)}\n<<<END ${boundary}>>>`
		})
		.join('\n')
}

/** Reads the blocks of one boundary back out of a rendered prompt (the local models' input). */
export function parseSources(prompt: string, boundary: string): Source[] {
	const pattern = new RegExp(
		`<<<DATA ${boundary} id="([^"]+)"(?: title="([^"]*)")?(?: date="([^"]*)")?>>>\\n([\\s\\S]*?)\\n<<<END ${boundary}>>>`,
		'g',
	)
	return [...prompt.matchAll(pattern)].map((m) => ({
		id: m[1] as string,
		...(m[2] ? { title: unmark(m[2]) } : {}),
		...(m[3] ? { date: unmark(m[3]) } : {}),
		text: unmark(m[4] as string),
	}))
}
