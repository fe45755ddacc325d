/**
 * HTML note attachments → plain text: scripts, styles and comments dropped, block elements and
 * <br> become line breaks, headings become markdown headings (so the section splitter sees them),
 * table cells are separated by " | ", list items start with "- ", every other tag is removed and
 * entities are decoded. Not a browser: enough for clinical notes exported as HTML.
 */
const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
	ndash: '–',
	mdash: '—',
	hellip: '…',
	deg: '°',
	plusmn: '±',
	micro: 'µ',
	times: '×',
	le: '≤',
	ge: '≥',
}

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code =
				name[1] === 'x' || name[1] === 'X'
					? parseInt(name.slice(2), 16)
					: parseInt(name.slice(1), 10)
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff
				? String.fromCodePoint(code)
				: whole
		}
		return ENTITIES[name.toLowerCase()] ?? whole
	})
}

export function htmlToText(html: string): string {
	const text = html
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
		.replace(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi, (_, level: string, inner: string) => {
			const heading = inner
				.replace(/<[^>]*>/g, '')
				.replace(/\s+/g, ' ')
				.trim()
			return heading ? `\n${'#'.repeat(Number(level))} ${heading}\n` : '\n'
		})
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<li\b[^>]*>/gi, '\n- ')
		.replace(/<\/li\s*>/gi, '')
		.replace(/<\/t[dh]\s*>\s*(?=<t[dh]\b)/gi, ' | ')
		.replace(
			/<\/?(p|div|tr|table|ul|ol|section|article|header|footer|blockquote|pre|dl|dt|dd)\b[^>]*>/gi,
			'\n',
		)
		.replace(/<[^>]*>/g, '')
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()
}
