import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters'
import type { DocumentInput, DocumentSection } from './types.ts'

/**
 * Section-aware chunking. A chunk never spans two documents; it holds whole small sections
 * (consecutive ones merged up to the target size, so a medication list of 40 drugs becomes a few
 * chunks, not 40) or one part of a long section (split on paragraphs, then lines, then sentences
 * by LangChain's recursive splitter). Each chunk starts with its section heading and carries what a
 * citation needs: the sections' FHIR ids and the newest date.
 */
export type ChunkDraft = {
	ordinal: number
	text: string
	section: string | null
	fhirIds: string[]
	date: string | null
	tokenCount: number
}

export const CHUNK_TARGET_CHARS = 1_000
const CHUNK_MAX_CHARS = 1_500
const OVERLAP_CHARS = 100

const splitter = new RecursiveCharacterTextSplitter({
	chunkSize: CHUNK_MAX_CHARS,
	chunkOverlap: OVERLAP_CHARS,
	separators: ['\n\n', '\n', '. ', '; ', ', ', ' ', ''],
})

const estimateTokens = (text: string) => Math.ceil(text.length / 4)
const newest = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b))

export async function chunkDocument(doc: DocumentInput): Promise<ChunkDraft[]> {
	const drafts: Omit<ChunkDraft, 'ordinal'>[] = []
	let pending: { sections: DocumentSection[]; size: number } = { sections: [], size: 0 }

	const flush = () => {
		if (pending.sections.length === 0) return
		const sections = pending.sections
		const headings = sections.map((s) => s.heading).filter((h): h is string => Boolean(h))
		drafts.push({
			text: sections.map(render).join('\n\n'),
			section:
				headings.length === 1 ? (headings[0] ?? null) : headings.slice(0, 3).join('; ') || null,
			fhirIds: [...new Set(sections.flatMap((s) => s.fhirIds))],
			date: sections.reduce<string | null>((d, s) => newest(d, s.date), null),
			tokenCount: 0,
		})
		pending = { sections: [], size: 0 }
	}

	for (const section of doc.sections) {
		const text = section.text.trim()
		if (!text) continue
		const size = render(section).length
		if (size > CHUNK_MAX_CHARS) {
			flush()
			// One long section: split it, each part under its heading.
			for (const part of await splitter.splitText(text))
				drafts.push({
					text: render({ ...section, text: part }),
					section: section.heading,
					fhirIds: [...section.fhirIds],
					date: section.date,
					tokenCount: 0,
				})
			continue
		}
		if (pending.size + size > CHUNK_TARGET_CHARS) flush()
		pending.sections.push(section)
		pending.size += size + 2
	}
	flush()
	return drafts.map((d, ordinal) => ({ ...d, ordinal, tokenCount: estimateTokens(d.text) }))
}

function render(section: Pick<DocumentSection, 'heading' | 'text'>): string {
	const text = section.text.trim()
	return section.heading ? `${section.heading}\n${text}` : text
}
