import { and, asc, eq, inArray } from 'drizzle-orm'
import { chunks, documents } from '#db/schema/index.ts'
import type { ScopedTransaction } from '../auth/scope.ts'

/**
 * The chart's summary panels (problems, medications, recent results) read back from the readable
 * documents ingestion made of the structured record: each section of those documents is one
 * item, its heading the name and its first line the detail ("Most recent: 5.1 mmol/L on …").
 * Chunks hold whole sections ("heading\nbody", sections separated by a blank line), so the items
 * come straight from the chunk store, under the caller's row-level security.
 */
export type PanelItem = { name: string; detail: string; chunkId: string }
export type ChartPanels = { problems: PanelItem[]; medications: PanelItem[]; results: PanelItem[] }

const PANEL_TYPES = {
	problem_list: 'problems',
	medication_list: 'medications',
	lab_timeline: 'results',
} as const

export async function readPanels(tx: ScopedTransaction, patientId: string): Promise<ChartPanels> {
	const rows = await tx
		.select({ id: chunks.id, text: chunks.text, type: documents.type })
		.from(chunks)
		.innerJoin(documents, eq(documents.id, chunks.documentId))
		.where(
			and(
				eq(chunks.patientId, patientId),
				inArray(documents.type, Object.keys(PANEL_TYPES) as Array<keyof typeof PANEL_TYPES>),
			),
		)
		.orderBy(asc(documents.type), asc(chunks.ordinal))
	const panels: ChartPanels = { problems: [], medications: [], results: [] }
	for (const row of rows) {
		const panel = PANEL_TYPES[row.type as keyof typeof PANEL_TYPES]
		panels[panel].push(...itemsOf(row.text, row.id))
	}
	return panels
}

/** "heading\nfirst line\n…" blocks → items (a repeated heading is shown once). */
export function itemsOf(text: string, chunkId: string): PanelItem[] {
	const seen = new Set<string>()
	const items: PanelItem[] = []
	for (const block of text.split(/\n{2,}/)) {
		const [name, first] = block.split('\n').map((l) => l.trim())
		if (!name || seen.has(name)) continue
		seen.add(name)
		// "X — SNOMED 123. Onset …" repeats the name: show what follows it.
		const line = first ?? ''
		const detail = line.startsWith(name)
			? line.slice(name.length).replace(/^\s*[—.-]\s*/, '')
			: line
		items.push({ name, detail, chunkId })
	}
	return items
}
