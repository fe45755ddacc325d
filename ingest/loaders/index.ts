import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import type { DocumentType } from '#db/schema/documents.ts'
import { loadCcda } from './ccda.ts'
import { IngestError, INGEST_ERRORS } from './errors.ts'
import { buildCharts } from './fhir-chart.ts'
import { readBundle, readNdjson } from './fhir-input.ts'
import { loadPdf, loadText, requirePatient } from './text.ts'
import type { LoadResult } from './types.ts'

/**
 * The chart loaders' entry point: a file or folder → charts of readable documents, pure (no
 * database). By kind:
 * - `.json`: a FHIR R4 Bundle, one chart per Patient in it;
 * - a folder holding `*.ndjson`, or one `.ndjson` file: a FHIR Bulk Data export, grouped per
 *   Patient (a folder without NDJSON: each `.json` / `.xml` file in it, merged);
 * - `.xml`: a C-CDA document; `.txt` / `.md`: text; `.pdf`: its text layer (both need a patient).
 * Sizes are checked before anything is read; errors are IngestErrors whose messages name the file
 * and a position, never its content.
 */
export const MAX_FILE_BYTES = 100 * 1024 * 1024

export type LoadOptions = {
	/** Whose chart a file that names no patient (text, PDF, a bundle without Patient) belongs to. */
	patient?: { fhirId?: string; mrn?: string }
	/** The document type of a text or PDF file ('other' if not given). */
	type?: DocumentType
}

export { documentText } from './types.ts'
export type * from './types.ts'
export { IngestError, INGEST_ERRORS } from './errors.ts'

export async function loadPath(target: string, options: LoadOptions = {}): Promise<LoadResult> {
	const name = path.basename(target)
	let info
	try {
		info = await stat(target)
	} catch (error) {
		throw new IngestError(INGEST_ERRORS.notFound, `${name} does not exist or cannot be read.`, {
			cause: error,
		})
	}
	if (info.isDirectory()) return loadFolder(target, options)
	if (!info.isFile())
		throw new IngestError(INGEST_ERRORS.unsupportedFile, `${name} is not a regular file.`)

	const ext = path.extname(target).toLowerCase()
	if (!['.json', '.ndjson', '.xml', '.txt', '.md', '.pdf'].includes(ext))
		throw new IngestError(
			INGEST_ERRORS.unsupportedFile,
			`${name}: unsupported kind of file (FHIR .json / .ndjson, C-CDA .xml, .txt, .md or .pdf).`,
		)
	assertSize(name, info.size)

	switch (ext) {
		case '.json': {
			const input = await readBundle(target)
			return {
				charts: await buildCharts(input, name, options.patient),
				resources: input.resources.length,
			}
		}
		case '.ndjson': {
			const input = await readNdjson([target])
			return {
				charts: await buildCharts(input, name, options.patient),
				resources: input.resources.length,
			}
		}
		case '.xml':
			return loadCcda(await readFile(target, 'utf8'), name, options.patient)
		case '.pdf':
			requirePatient(name, options.patient)
			return loadPdf(new Uint8Array(await readFile(target)), name, options)
		default:
			requirePatient(name, options.patient)
			return loadText(await readFile(target, 'utf8'), name, options)
	}
}

async function loadFolder(folder: string, options: LoadOptions): Promise<LoadResult> {
	const name = path.basename(folder)
	const entries = (await readdir(folder, { withFileTypes: true }))
		.filter((e) => e.isFile() && !e.name.startsWith('.'))
		.map((e) => e.name)
		.sort()
	const ndjson = entries.filter((f) => f.toLowerCase().endsWith('.ndjson'))
	if (ndjson.length > 0) {
		const files = ndjson.map((f) => path.join(folder, f))
		for (const file of files) assertSize(path.basename(file), (await stat(file)).size)
		const input = await readNdjson(files)
		return {
			charts: await buildCharts(input, name, options.patient),
			resources: input.resources.length,
		}
	}
	const charts = entries.filter((f) => /\.(json|xml)$/i.test(f))
	if (charts.length === 0)
		throw new IngestError(
			INGEST_ERRORS.unsupportedFile,
			`${name} holds no FHIR NDJSON, FHIR bundles or C-CDA documents.`,
		)
	const result: LoadResult = { charts: [], resources: 0 }
	for (const file of charts) {
		const loaded = await loadPath(path.join(folder, file), options)
		result.charts.push(...loaded.charts)
		result.resources += loaded.resources
	}
	return result
}

function assertSize(name: string, size: number) {
	if (size > MAX_FILE_BYTES)
		throw new IngestError(
			INGEST_ERRORS.fileTooLarge,
			`${name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; split it before loading.`,
		)
}
