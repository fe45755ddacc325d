import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { IngestError, INGEST_ERRORS } from './errors.ts'

/**
 * XML → a small ordered element tree (name, attributes, children in document order, so mixed
 * narrative content keeps its order), with namespace prefixes removed and comments dropped.
 * Entities are decoded here (the five XML ones and numeric references), never expanded from a
 * DOCTYPE. Malformed XML is refused by line and column only.
 */
export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlNode[] }
export type XmlNode = XmlElement | string

const parser = new XMLParser({
	preserveOrder: true,
	ignoreAttributes: false,
	attributeNamePrefix: '',
	removeNSPrefix: true,
	trimValues: false,
	parseTagValue: false,
	parseAttributeValue: false,
	processEntities: false,
	commentPropName: false,
	cdataPropName: '#cdata',
	ignoreDeclaration: true,
	ignorePiTags: true,
	maxNestedTags: 500,
})

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, unknown> }

export function parseXml(xml: string, file: string): XmlElement {
	const valid = XMLValidator.validate(xml)
	if (valid !== true)
		throw new IngestError(
			INGEST_ERRORS.invalidCcda,
			`${file} is not well-formed XML (line ${valid.err.line}, column ${valid.err.col}).`,
		)
	let nodes: XmlNode[]
	try {
		nodes = convert(parser.parse(xml) as OrderedNode[])
	} catch {
		// The parser's own messages may quote the document.
		throw new IngestError(INGEST_ERRORS.invalidCcda, `${file} could not be read as XML.`)
	}
	const root = nodes.find((n): n is XmlElement => typeof n !== 'string')
	if (!root) throw new IngestError(INGEST_ERRORS.invalidCcda, `${file} has no XML element.`)
	return root
}

/**
 * Entities of a text node or attribute: XML's five, numeric references, and the few HTML names
 * C-CDA authors paste into narrative (the validator lets them through; without a DTD they are not
 * XML). The HTML notes' decoding is html-to-text's (./html.ts); this is XML text, not HTML.
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

function convert(nodes: OrderedNode[]): XmlNode[] {
	const out: XmlNode[] = []
	for (const node of nodes) {
		for (const [key, value] of Object.entries(node)) {
			if (key === ':@') continue
			if (key === '#text') out.push(decodeEntities(String(value)))
			else if (key === '#cdata')
				out.push(...convert(value as OrderedNode[]).filter((n) => typeof n === 'string'))
			else {
				const attrs: Record<string, string> = {}
				for (const [name, v] of Object.entries(node[':@'] ?? {}))
					attrs[name] = decodeEntities(String(v))
				out.push({ name: key, attrs, children: convert(value as OrderedNode[]) })
			}
		}
	}
	return out
}

export function elements(el: XmlElement | undefined, name?: string): XmlElement[] {
	if (!el) return []
	return el.children.filter(
		(c): c is XmlElement => typeof c !== 'string' && (name === undefined || c.name === name),
	)
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
	return elements(el, name)[0]
}

/** The element at a path of child names, e.g. path(doc, 'recordTarget', 'patientRole'). */
export function path(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
	let current = el
	for (const name of names) current = child(current, name)
	return current
}

/** All descendant text, whitespace collapsed. */
export function textContent(el: XmlElement | undefined): string {
	if (!el) return ''
	const parts: string[] = []
	const walk = (node: XmlNode) => {
		if (typeof node === 'string') parts.push(node)
		else node.children.forEach(walk)
	}
	walk(el)
	return parts.join('').replace(/\s+/g, ' ').trim()
}

/** Every descendant element of a name (depth first). */
export function descendants(el: XmlElement | undefined, name: string): XmlElement[] {
	const out: XmlElement[] = []
	const walk = (node: XmlElement) => {
		for (const c of elements(node)) {
			if (c.name === name) out.push(c)
			walk(c)
		}
	}
	if (el) walk(el)
	return out
}
