/**
 * `npx tsx tools/deid/evaluate.cli.ts [--data DIR] [--split all|dev|holdout] [--json] [--misses]`
 *
 * Scores the de-identification detector on the public evaluation data (default `../shared/data`
 * relative to the repository root): the Presidio research sentences (`deid-presidio.jsonl`) and
 * the synthetic patient and clinician names of ACI-Bench (`aci-bench/*_metadata.csv`, found in
 * the dialogues and notes of `train.csv` / `valid.csv`). Prints counts and record ids only, never
 * text; `--misses` adds the ids of records with a missed Safe Harbor span. `--split dev` /
 * `holdout` scores the records whose numeric id is not / is 3 modulo 4: the rules were tuned on
 * the errors of the first, only the totals of the second were ever run.
 *
 * `--synthetic tune|aside` scores the generated development records of `synthetic.ts` instead
 * (decision 038: clinic notes, fax cover sheets, OCR-styled demographics blocks); the `aside` part
 * is for totals only.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { detectIdentifiers } from '#server/gateway/deid/detect.ts'
import { SYNTHETIC_PARTS, syntheticRecords, type SyntheticPart } from './synthetic.ts'
import {
	aciCategory,
	aciGold,
	aciNames,
	parseCsv,
	score,
	totals,
	type GoldRecord,
	type RecallRow,
	type Score,
} from './evaluate.ts'

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
const out = (line = '') => process.stdout.write(line + '\n')
const err = (line: string) => process.stderr.write(line + '\n')

const OPTIONS = {
	data: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/data') },
	split: { type: 'string', default: 'all' },
	json: { type: 'boolean', default: false },
	misses: { type: 'boolean', default: false },
	synthetic: { type: 'string' },
} as const

function parse() {
	try {
		return parseArgs({ options: OPTIONS }).values
	} catch {
		err(
			'Usage: npx tsx tools/deid/evaluate.cli.ts [--data DIR] [--split all|dev|holdout] [--synthetic tune|aside] [--json] [--misses]',
		)
		process.exit(2)
	}
}
const args = parse()
const dataDir = path.resolve(REPO_ROOT, args.data)
const split = args.split
if (!['all', 'dev', 'holdout'].includes(split)) {
	err('--split takes all, dev or holdout')
	process.exit(2)
}

function inSplit(id: string): boolean {
	if (split === 'all') return true
	const n = Number.parseInt(/(\d+)\s*$/.exec(id)?.[1] ?? '0', 10)
	return split === 'holdout' ? n % 4 === 3 : n % 4 !== 3
}

/** A data error names the file and line, never the text (JSON.parse quotes what it cannot read). */
class DataError extends Error {}

function parseJsonLine(line: string, where: string): unknown {
	try {
		return JSON.parse(line)
	} catch {
		throw new DataError(`${where}: not JSON`)
	}
}

async function readData(file: string): Promise<string> {
	try {
		return await readFile(path.join(dataDir, file), 'utf8')
	} catch (error) {
		throw new DataError(
			`cannot read ${path.join(dataDir, file)} (${(error as { code?: string }).code ?? 'error'})`,
		)
	}
}

function parsePresidio(line: string, lineNo: number): GoldRecord {
	const value = parseJsonLine(line, `deid-presidio.jsonl line ${lineNo}`)
	if (typeof value !== 'object' || value === null)
		throw new DataError(`deid-presidio.jsonl line ${lineNo}: not an object`)
	const { id, text, spans } = value as { id?: unknown; text?: unknown; spans?: unknown }
	if (typeof id !== 'string' || typeof text !== 'string' || !Array.isArray(spans)) {
		throw new DataError(`deid-presidio.jsonl line ${lineNo}: expected {id, text, spans}`)
	}
	return {
		id,
		text,
		spans: spans.map((s: unknown) => {
			const { start, end, label } = (s ?? {}) as { start?: unknown; end?: unknown; label?: unknown }
			if (typeof start !== 'number' || typeof end !== 'number' || typeof label !== 'string') {
				throw new DataError(`deid-presidio.jsonl line ${lineNo}: bad span`)
			}
			return { start, end, label }
		}),
	}
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : (a / b).toFixed(3).padStart(6))

function printRecall(title: string, rows: RecallRow[]) {
	out(title)
	out(
		`  ${'category'.padEnd(36)} ${'gold'.padStart(5)} ${'found'.padStart(6)} ${'recall'.padStart(6)} ${'full'.padStart(6)} ${'+unc.'.padStart(6)}`,
	)
	const line = (r: RecallRow) =>
		out(
			`  ${r.category.padEnd(36)} ${String(r.gold).padStart(5)} ${String(r.found).padStart(6)} ${pct(r.found, r.gold)} ${pct(r.fullyCovered, r.gold)} ${pct(r.foundWithUncertain, r.gold)}`,
		)
	for (const r of rows.filter((r) => r.counted)) line(r)
	line(totals(rows))
	const apart = rows.filter((r) => !r.counted)
	if (apart.length > 0) {
		out('  not Safe Harbor identifiers (not counted):')
		for (const r of apart) line(r)
	}
}

function printPrecision(s: Score) {
	out('  precision by detected label (a detection is correct when it overlaps any gold span):')
	out(
		`  ${'label'.padEnd(36)} ${'found'.padStart(5)} ${'right'.padStart(6)} ${'prec.'.padStart(6)}`,
	)
	let detected = 0
	let correct = 0
	for (const r of s.precision) {
		detected += r.detected
		correct += r.correct
		out(
			`  ${r.label.padEnd(36)} ${String(r.detected).padStart(5)} ${String(r.correct).padStart(6)} ${pct(r.correct, r.detected)}`,
		)
	}
	out(
		`  ${'all'.padEnd(36)} ${String(detected).padStart(5)} ${String(correct).padStart(6)} ${pct(correct, detected)}`,
	)
}

function printSummary(name: string, s: Score) {
	out(
		`  records ${s.n}; with an uncertain region (refused under onUncertain 'refuse'): ${s.refused} (${pct(s.refused, s.n).trim()}); uncertain regions ${s.uncertainRegions}; detection ${(s.elapsedMs / Math.max(1, s.n)).toFixed(2)} ms/record`,
	)
	if (args.misses && s.missedIds.length > 0)
		out(`  ${name} records with a missed Safe Harbor span: ${s.missedIds.join(' ')}`)
}

if (args.synthetic !== undefined) {
	if (!(args.synthetic in SYNTHETIC_PARTS)) {
		err('--synthetic takes tune or aside')
		process.exit(2)
	}
	const s = score(syntheticRecords(args.synthetic as SyntheticPart))
	if (args.json) {
		const t = totals(s.recall)
		const detected = s.precision.reduce((a, r) => a + r.detected, 0)
		const correct = s.precision.reduce((a, r) => a + r.correct, 0)
		const byLabel = Object.fromEntries(
			s.recall.map((r) => [
				r.category,
				{ counted: r.counted, n: r.gold, recall: r.found / r.gold },
			]),
		)
		out(
			JSON.stringify(
				{
					part: args.synthetic,
					recall: t.found / t.gold,
					precision: correct / detected,
					by_label: byLabel,
					n: s.n,
				},
				null,
				2,
			),
		)
	} else {
		out(`De-identification detector, synthetic development records: ${args.synthetic}`)
		printRecall('recall by category:', s.recall)
		printPrecision(s)
		printSummary(`synthetic ${args.synthetic}`, s)
	}
	process.exit(0)
}

const results: Record<string, Score> = {}

// Presidio research sentences
process.on('uncaughtException', (error) => {
	err(
		error instanceof DataError
			? error.message
			: `evaluation failed (${error instanceof Error ? error.name : typeof error})`,
	)
	process.exit(1)
})

const presidioText = await readData('deid-presidio.jsonl')
const presidio = presidioText
	.split('\n')
	.map((l, i) => [l, i + 1] as const)
	.filter(([l]) => l.trim() !== '')
	.map(([l, n]) => parsePresidio(l, n))
	.filter((r) => inSplit(r.id))
results.presidio = score(presidio)

// ACI-Bench: the metadata names in dialogues and in notes
const aciDialogues: GoldRecord[] = []
const aciNotes: GoldRecord[] = []
for (const part of ['train', 'valid']) {
	const meta = parseCsv(await readData(path.join('aci-bench', `${part}_metadata.csv`)))
	const encounters = parseCsv(await readData(path.join('aci-bench', `${part}.csv`)))
	const byId = new Map(meta.map((m) => [m.encounter_id ?? '', m]))
	for (const e of encounters) {
		const id = e.encounter_id ?? ''
		const m = byId.get(id)
		if (!m || !inSplit(id)) continue
		const names = aciNames(m)
		aciDialogues.push(aciGold(id, e.dialogue ?? '', names))
		aciNotes.push(aciGold(id, e.note ?? '', names))
	}
}
results.aciDialogues = score(aciDialogues, aciCategory)
results.aciNotes = score(aciNotes, aciCategory)

// clinical notes without identifier labels: how often the default policy would refuse them
let notesRefused = 0
let notesN = 0
const mts = await readFile(path.join(dataDir, 'doctype-mtsamples.jsonl'), 'utf8').catch(
	(error: unknown) => {
		if ((error as { code?: unknown }).code === 'ENOENT') return ''
		throw error
	},
)
for (const line of mts.split('\n')) {
	if (line.trim() === '') continue
	const value = parseJsonLine(line, 'doctype-mtsamples.jsonl')
	const { id, text } = (value ?? {}) as { id?: unknown; text?: unknown }
	if (typeof id !== 'string' || typeof text !== 'string' || !inSplit(id)) continue
	notesN++
	if (detectIdentifiers(text).uncertain.length > 0) notesRefused++
}

// speed: CPU time (not wall-clock, which another process can inflate) for chunks of 1,500 words,
// about 2,000 model tokens, built from each corpus
function chunkOf(texts: string[]): string {
	const all = texts.join('\n')
	let chunk = ''
	while (chunk.split(/\s+/).length < 1500 && all.length > 0) chunk += all + '\n'
	return chunk
		.split(/(?<=\s)/)
		.slice(0, 1500)
		.join('')
}
function cpuMedianMs(chunk: string): number {
	for (let i = 0; i < 5; i++) detectIdentifiers(chunk)
	const timings: number[] = []
	for (let i = 0; i < 25; i++) {
		const t0 = process.cpuUsage()
		detectIdentifiers(chunk)
		const t = process.cpuUsage(t0)
		timings.push((t.user + t.system) / 1000)
	}
	timings.sort((a, b) => a - b)
	return timings[Math.floor(timings.length / 2)] ?? 0
}
const speed = {
	presidio: cpuMedianMs(chunkOf(presidio.map((r) => r.text))),
	aciDialogue: cpuMedianMs(chunkOf(aciDialogues.map((r) => r.text))),
	aciNote: cpuMedianMs(chunkOf(aciNotes.map((r) => r.text))),
}

if (args.json) {
	const byLabel = (s: Score) =>
		Object.fromEntries(
			s.recall.map((r) => [
				r.category,
				{
					counted: r.counted,
					n: r.gold,
					recall: r.gold ? r.found / r.gold : null,
					full: r.gold ? r.fullyCovered / r.gold : null,
				},
			]),
		)
	const deid = (s: Score) => {
		const t = totals(s.recall)
		const detected = s.precision.reduce((a, r) => a + r.detected, 0)
		const correct = s.precision.reduce((a, r) => a + r.correct, 0)
		return {
			recall: t.gold ? t.found / t.gold : null,
			precision: detected ? correct / detected : null,
			by_label: byLabel(s),
			n: s.n,
			refused: s.refused,
		}
	}
	out(
		JSON.stringify(
			{
				split,
				presidio: deid(results.presidio),
				aci_dialogues: deid(results.aciDialogues),
				aci_notes: deid(results.aciNotes),
				mtsamples_with_uncertain: { n: notesN, refused: notesRefused },
				cpu_ms_per_2000_tokens: speed,
			},
			null,
			2,
		),
	)
} else {
	out(`De-identification detector, split: ${split} (data: ${dataDir})`)
	out(
		'recall: a gold span is found when a detection overlaps it; full: detections cover all of it;',
	)
	out(
		"+unc.: found by a detection or an uncertain region (removed under 'redact', refused under 'refuse')",
	)
	out()
	printRecall(
		'Presidio research sentences (deid-presidio.jsonl), recall by category:',
		results.presidio.recall,
	)
	printPrecision(results.presidio)
	printSummary('presidio', results.presidio)
	out()
	printRecall('ACI-Bench dialogues, metadata names:', results.aciDialogues.recall)
	printSummary('aci dialogues', results.aciDialogues)
	out()
	printRecall('ACI-Bench notes, metadata names:', results.aciNotes.recall)
	printSummary('aci notes', results.aciNotes)
	out()
	if (notesN > 0) {
		out(
			`MTSamples transcriptions (doctype-mtsamples.jsonl, no identifier labels): ${notesRefused} of ${notesN} (${pct(notesRefused, notesN).trim()}) have an uncertain region`,
		)
	}
	out(
		`speed (median CPU ms, 1,500-word ≈ 2,000-token chunk): Presidio sentences ${speed.presidio.toFixed(1)}, ACI dialogue ${speed.aciDialogue.toFixed(1)}, ACI note ${speed.aciNote.toFixed(1)}`,
	)
}
