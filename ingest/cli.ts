import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { createDocumentsService } from '#server/documents/index.ts'
import { isAppError, type ErrorCode } from '#server/platform/errors.ts'
import { loadPath } from './loaders/index.ts'
import { ingestLoaded, type IngestDeps, type IngestReport } from './pipeline.ts'

/**
 * `npm run ingest -- PATH... [--patient ID] [--dry-run] [--reembed]`: loads every chart file under
 * the paths (FHIR bundles, Bulk Data NDJSON folders, C-CDA, text, PDF), one file at a time, with a
 * progress line and a summary table. A bad file is reported with a plain message and its code and
 * leaves nothing stored; the batch goes on. Exit code 0 when every file went in, 1 when any failed,
 * 2 for bad arguments.
 */
export type Io = { out(line: string): void; err(line: string): void; progress?(line: string): void }

const USAGE = `usage: npm run ingest -- PATH... [--patient ID|MRN] [--dry-run]
       npm run ingest -- --reembed [--inline | --all]
  PATH     a FHIR R4 bundle (.json), a Bulk Data folder or file (.ndjson), a C-CDA document (.xml),
           text (.txt, .md) or a PDF with a text layer; folders are walked
  --patient  the patient (FHIR Patient id or MRN) a text or PDF belongs to; for FHIR data, only
           that patient's chart is ingested
  --dry-run  load, check and chunk, store nothing
  --reembed  queue a documents.reembed job: the workers re-embed chunks made by another embedder
           (--inline: do it here and now; --all: every chunk, here and now)`

type Row = { file: string; report?: IngestReport; error?: string; ms: number }

/** What the CLI opens: the documents' dependencies and, when asked for, the job queue. */
export type IngestConnection = {
	deps: IngestDeps
	/** Queues a documents.reembed job (server/jobs); its id, or null when one is already waiting. */
	enqueueReembed?: () => Promise<string | null>
	close(): Promise<void>
}

/** Whether these arguments ask for the job queue (a queued re-embed rather than one run here). */
export const wantsJobQueue = (argv: string[]) =>
	argv.includes('--reembed') && !argv.includes('--inline') && !argv.includes('--all')

export async function runIngestCli(
	argv: string[],
	connect: () => Promise<IngestConnection>,
	io: Io,
): Promise<number> {
	let parsed
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				patient: { type: 'string' },
				'dry-run': { type: 'boolean' },
				reembed: { type: 'boolean' },
				inline: { type: 'boolean' },
				all: { type: 'boolean' },
				help: { type: 'boolean' },
			},
		})
	} catch {
		io.err(USAGE)
		return 2
	}
	const { values, positionals } = parsed
	if (values.help) {
		io.out(USAGE)
		return 0
	}
	if (
		(values.reembed ? positionals.length > 0 : positionals.length === 0) ||
		((values.inline || values.all) && !values.reembed)
	) {
		io.err(USAGE)
		return 2
	}
	// A FHIR Patient id or an MRN: either may match.
	const patient = values.patient ? { fhirId: values.patient, mrn: values.patient } : undefined

	// Paths are checked before the database is opened.
	const files: string[] = []
	const missing: Row[] = []
	for (const p of positionals) {
		try {
			files.push(...(await expand(path.resolve(p))))
		} catch {
			missing.push({ file: p, error: 'does not exist or cannot be read (INGEST_NOT_FOUND)', ms: 0 })
		}
	}

	const { deps, close, enqueueReembed } = await connect()
	try {
		if (values.reembed && !values.inline && !values.all && enqueueReembed) {
			const id = await enqueueReembed()
			io.out(
				id
					? `queued re-embedding as job ${id}; the app's workers or \`npm run worker\` run it (see /admin/jobs)`
					: 'a re-embedding job is already waiting; it covers every chunk made by another embedder',
			)
			return 0
		}
		if (values.reembed) {
			const result = await createDocumentsService(deps).reembed({ all: values.all ?? false })
			io.out(`re-embedded ${result.chunks} chunks with ${result.model}`)
			return 0
		}
		const rows: Row[] = [...missing]
		const totals = { files: 0, resources: 0, chunks: 0, started: performance.now() }
		const progress = (current: string) => {
			const seconds = (performance.now() - totals.started) / 1000
			const rate = seconds > 0 ? Math.round(totals.chunks / seconds) : 0
			const done = totals.files
			const width = 24
			const filled = Math.round((done / Math.max(1, files.length)) * width)
			io.progress?.(
				`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${files.length} files · ${totals.resources.toLocaleString('en-US')} resources · ${totals.chunks.toLocaleString('en-US')} chunks · ${rate} chunks/s · ${path.basename(current)}`,
			)
		}
		for (const file of files) {
			const started = performance.now()
			const name = path.relative(process.cwd(), file) || file
			progress(file)
			try {
				const loaded = await loadPath(file, patient ? { patient } : {})
				const report = await ingestLoaded(deps, loaded, {
					...(patient ? { patient } : {}),
					dryRun: values['dry-run'] ?? false,
					onProgress: ({ chunks }) => {
						totals.chunks += chunks
						progress(file)
					},
				})
				if (values['dry-run']) totals.chunks += report.chunks
				totals.resources += report.resources
				rows.push({ file: name, report, ms: performance.now() - started })
			} catch (error) {
				rows.push({ file: name, error: describe(error), ms: performance.now() - started })
			}
			totals.files++
			progress(file)
		}
		io.progress?.('')
		for (const line of table(rows, values['dry-run'] ?? false)) io.out(line)
		const failed = rows.filter((r) => r.error)
		for (const row of failed) io.err(`✗ ${row.file}: ${row.error}`)
		return failed.length > 0 ? 1 : 0
	} finally {
		await close()
	}
}

/** A file, or every chart file under a folder; a folder holding NDJSON is one Bulk Data export. */
async function expand(target: string): Promise<string[]> {
	const info = await stat(target)
	if (!info.isDirectory()) return [target]
	const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) =>
		a.name.localeCompare(b.name),
	)
	if (entries.some((e) => e.isFile() && e.name.endsWith('.ndjson'))) return [target]
	const out: string[] = []
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue
		const full = path.join(target, entry.name)
		if (entry.isDirectory()) out.push(...(await expand(full)))
		else if (/\.(json|ndjson|xml|txt|md|pdf)$/i.test(entry.name)) out.push(full)
	}
	return out
}

function describe(error: unknown): string {
	if (isAppError(error) && error.exposure === 'user') return `${error.message} (${error.code})`
	if (isAppError(error)) return `could not be ingested (${error.code})`
	return `could not be ingested (${'INGEST_FAILED' satisfies ErrorCode})`
}

function table(rows: Row[], dryRun: boolean): string[] {
	const header = [
		'file',
		'result',
		'resources',
		'documents new/changed/same',
		'chunks',
		'flagged',
		's',
	]
	const body = rows.map((r) => {
		const rep = r.report
		return [
			r.file.length > 60 ? `…${r.file.slice(-59)}` : r.file,
			r.error ? 'failed' : dryRun ? 'checked' : 'ok',
			rep ? rep.resources.toLocaleString('en-US') : '',
			rep ? `${rep.documents.new}/${rep.documents.changed}/${rep.documents.unchanged}` : '',
			rep ? rep.chunks.toLocaleString('en-US') : '',
			rep ? String(rep.flagged) : '',
			(r.ms / 1000).toFixed(1),
		]
	})
	const sum = (pick: (r: IngestReport) => number) =>
		rows.reduce((s, r) => s + (r.report ? pick(r.report) : 0), 0)
	body.push([
		`total (${rows.length} files, ${rows.filter((r) => r.error).length} failed)`,
		'',
		sum((r) => r.resources).toLocaleString('en-US'),
		`${sum((r) => r.documents.new)}/${sum((r) => r.documents.changed)}/${sum((r) => r.documents.unchanged)}`,
		sum((r) => r.chunks).toLocaleString('en-US'),
		String(sum((r) => r.flagged)),
		(rows.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(1),
	])
	const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]?.length ?? 0)))
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)]
}
