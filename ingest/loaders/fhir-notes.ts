import { documentTypeFromLoinc } from '../fhir/document-types.ts'
import type { DocumentReferenceResource } from '../fhir/resources.ts'
import { byDateDesc, conceptText, day, instant, unique } from './fhir-format.ts'
import { FHIR_SOURCE, type ChartResources } from './fhir-types.ts'
import { htmlToText } from './html.ts'
import { splitSections } from './sections.ts'
import type { LoadedDocument } from './types.ts'

/**
 * Clinical notes: one document per DocumentReference with a base64 text attachment (text/plain,
 * text/markdown, or text/html stripped to text), split into sections on the note's own headings.
 * Each section carries the DocumentReference id and, when the note names its encounter, the
 * Encounter id. Notes with only other attachments (PDF, images, URLs) make no document here.
 */
const TEXT_TYPES = new Set(['text/plain', 'text/markdown', 'text/html'])

export async function noteDocuments(chart: ChartResources): Promise<LoadedDocument[]> {
	const date = (d: DocumentReferenceResource) => day(d.date ?? d.context?.period?.start)
	const notes = [...chart.notes].sort(byDateDesc(date))
	const documents: LoadedDocument[] = []
	for (const d of notes) {
		const doc = await note(chart, d, date(d))
		if (doc) documents.push(doc)
	}
	return documents
}

async function note(
	chart: ChartResources,
	doc: DocumentReferenceResource,
	date: string | null,
): Promise<LoadedDocument | null> {
	const text = await attachmentText(doc)
	if (text === null) return null
	const encounters = (doc.context?.encounter ?? [])
		.map((ref) => chart.resolve(ref))
		.filter((id): id is string => Boolean(id))
	const fhirIds = unique([doc.id, ...encounters])
	const sections = splitSections(text, fhirIds, date)
	if (sections.length === 0) return null
	const attachment = doc.content.find((c) => c.attachment.title)?.attachment
	return {
		sourceSystem: FHIR_SOURCE,
		sourceId: `DocumentReference/${doc.id}`,
		type: documentTypeFromLoinc(doc.type?.coding?.map((c) => c.code) ?? []),
		title: doc.description?.trim() || conceptText(doc.type) || attachment?.title || 'Clinical note',
		authoredAt: instant(doc.date) ?? instant(doc.context?.period?.start),
		sections,
		fhirIds,
	}
}

/** The first text attachment with inline data, decoded; null when there is none. */
async function attachmentText(doc: DocumentReferenceResource): Promise<string | null> {
	for (const { attachment } of doc.content) {
		const mediaType = attachment.contentType?.split(';')[0]?.trim().toLowerCase() ?? ''
		if (!TEXT_TYPES.has(mediaType) || !attachment.data) continue
		const decoded = Buffer.from(attachment.data, 'base64')
			.toString('utf8')
			.replace(/^\uFEFF/, '')
		return mediaType === 'text/html' ? htmlToText(decoded) : decoded
	}
	return null
}
