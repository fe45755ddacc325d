import { HtmlToTextTransformer } from '@langchain/community/document_transformers/html_to_text'
import { Document } from '@langchain/core/documents'
import type { FormatCallback, HtmlToTextOptions } from 'html-to-text'

/**
 * HTML note attachments → plain text, through LangChain's HTML-to-text document transformer
 * (@langchain/community, on html-to-text; ADR 029). This module is the only one that imports it.
 * The options keep what the section splitter needs: scripts, styles, the head, images and rules
 * dropped; headings become markdown headings; block elements and <br> become line breaks; table
 * rows one per line with cells separated by " | "; list items start with "- "; links keep their
 * text only; every HTML entity is decoded; source line breaks are kept (a note's "PLAN:" line
 * stays a line). Not a browser: enough for clinical notes exported as HTML.
 */

/** `<hN>` → "#… text" on its own line (nothing for an empty heading). */
const markdownHeading: FormatCallback = (elem, walk, builder, options) => {
	const level = Number(options['level'] ?? 1)
	builder.openBlock({ leadingLineBreaks: 2 })
	walk(elem.children, builder)
	builder.closeBlock({
		trailingLineBreaks: 2,
		blockTransform: (text) => {
			const line = text.replace(/\s+/g, ' ').trim()
			return line ? `${'#'.repeat(level)} ${line}` : ''
		},
	})
}

/** A table row on its own line: its cells only, not the whitespace between them. */
const pipeRow: FormatCallback = (elem, walk, builder) => {
	builder.openBlock({ leadingLineBreaks: 2 })
	walk(
		elem.children.filter((c) => c.type !== 'text' || /\S/.test(c.data ?? '')),
		builder,
	)
	builder.closeBlock({ trailingLineBreaks: 2 })
}

/** A cell, " | " before it when a cell precedes it in the row. */
const pipeCell: FormatCallback = (elem, walk, builder) => {
	const siblings = (elem.parent?.children ?? []).filter(
		(c) => c.type !== 'text' || /\S/.test(c.data ?? ''),
	)
	const previous = siblings[siblings.indexOf(elem) - 1]
	if (previous?.type === 'tag' && /^t[dh]$/i.test(previous.name ?? '')) builder.addLiteral(' | ')
	walk(elem.children, builder)
}

const paragraph = { leadingLineBreaks: 2, trailingLineBreaks: 2 }
const listItems = { itemPrefix: '- ', ...paragraph }
const BLOCKS = [
	'p',
	'div',
	'table',
	'section',
	'article',
	'header',
	'footer',
	'main',
	'aside',
	'nav',
	'blockquote',
	'pre',
	'dl',
	'dt',
	'dd',
]

const OPTIONS: HtmlToTextOptions = {
	wordwrap: false,
	preserveNewlines: true,
	// html-to-text cuts longer input with an ellipsis; no file the loaders accept (MAX_FILE_BYTES)
	// is longer.
	limits: { maxInputLength: 100 * 1024 * 1024 },
	formatters: { markdownHeading, pipeRow, pipeCell },
	selectors: [
		...[1, 2, 3, 4, 5, 6].map((level) => ({
			selector: `h${level}`,
			format: 'markdownHeading',
			options: { level },
		})),
		...['head', 'title', 'script', 'style', 'img', 'hr'].map((selector) => ({
			selector,
			format: 'skip',
		})),
		...BLOCKS.map((selector) => ({ selector, format: 'block', options: paragraph })),
		{ selector: 'a', options: { ignoreHref: true } },
		{ selector: 'ul', options: listItems },
		{ selector: 'ol', format: 'unorderedList', options: listItems },
		{ selector: 'tr', format: 'pipeRow' },
		{ selector: 'td', format: 'pipeCell' },
		{ selector: 'th', format: 'pipeCell' },
	],
}

const transformer = new HtmlToTextTransformer(OPTIONS)

export async function htmlToText(html: string): Promise<string> {
	const [doc] = await transformer.transformDocuments([new Document({ pageContent: html })])
	return (doc?.pageContent ?? '')
		.split('\n')
		.map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim()
}
