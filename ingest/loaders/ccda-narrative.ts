import { elements, type XmlElement, type XmlNode } from './ccda-xml.ts'

/**
 * A CDA narrative block (a section's `<text>`) → readable plain text: tables row by row with cells
 * separated by " | " (empty trailing cells dropped), lists one item per line ("- " or "1. ", nested
 * lists indented), paragraphs and captions on their own lines, <br/> as a line break, inline
 * markup (content, sub, sup, linkHtml…) as its text. Multimedia references and footnote marks
 * are left out.
 */
class Lines {
	readonly lines: string[] = []
	private current = ''

	inline(text: string) {
		this.current += text
	}

	end() {
		const line = this.current.replace(/\s+/g, ' ').trim()
		if (line) this.lines.push(line)
		this.current = ''
	}

	push(...lines: string[]) {
		this.end()
		this.lines.push(...lines)
	}
}

const SKIPPED = new Set(['renderMultiMedia', 'footnoteRef', 'col', 'colgroup'])

export function renderNarrative(text: XmlElement | undefined): string {
	if (!text) return ''
	const out = new Lines()
	renderNodes(text.children, out)
	out.end()
	return out.lines.join('\n').trim()
}

function renderNodes(nodes: XmlNode[], out: Lines) {
	for (const node of nodes) {
		if (typeof node === 'string') {
			out.inline(node)
			continue
		}
		switch (node.name) {
			case 'br':
				out.end()
				break
			case 'paragraph':
			case 'caption':
				out.end()
				renderNodes(node.children, out)
				out.end()
				break
			case 'list':
				out.push(...renderList(node))
				break
			case 'table':
				out.push(...renderTable(node))
				break
			default:
				if (!SKIPPED.has(node.name)) renderNodes(node.children, out)
		}
	}
}

function blockLines(nodes: XmlNode[]): string[] {
	const out = new Lines()
	renderNodes(nodes, out)
	out.end()
	return out.lines
}

function renderList(list: XmlElement): string[] {
	const lines: string[] = []
	const caption = elements(list, 'caption')
	if (caption.length > 0) lines.push(...blockLines(caption.flatMap((c) => c.children)))
	const ordered = list.attrs.listType === 'ordered'
	elements(list, 'item').forEach((item, i) => {
		const itemLines = blockLines(item.children)
		if (itemLines.length === 0) return
		const marker = ordered ? `${i + 1}. ` : '- '
		lines.push(`${marker}${itemLines[0]}`, ...itemLines.slice(1).map((l) => `  ${l}`))
	})
	return lines
}

function renderTable(table: XmlElement): string[] {
	const lines: string[] = []
	const rows: XmlElement[] = []
	for (const part of elements(table)) {
		if (part.name === 'caption') lines.push(...blockLines(part.children))
		else if (part.name === 'tr') rows.push(part)
		else if (part.name === 'thead' || part.name === 'tbody' || part.name === 'tfoot')
			rows.push(...elements(part, 'tr'))
	}
	for (const row of rows) {
		const cells = elements(row).filter((c) => c.name === 'td' || c.name === 'th')
		const texts = cells.map((cell) => blockLines(cell.children).join('; '))
		while (texts.length > 0 && !texts[texts.length - 1]) texts.pop()
		if (texts.length > 0) lines.push(texts.join(' | '))
	}
	return lines
}
