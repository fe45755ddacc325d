/**
 * Trains the local document-type classifier and writes server/gateway/providers/local/data/doctype-model.json (decision 018):
 *
 *   npx tsx tools/doctype/doctype-train.cli.ts [--data FILE.jsonl] [--out FILE] [--check]
 *
 * 1. a stratified 80/20 split with a fixed seed; on the 80 %, out-of-fold scores (5 folds) fit
 *    the temperature and a model is trained; the 20 % it never saw gives the held-out figures;
 * 2. the shipped model is then retrained on all rows with the same settings (temperature again
 *    from 5-fold out-of-fold scores), and the held-out figures of step 1 are recorded in the file.
 *
 * Deterministic: the same data gives the same file byte for byte; `--check` writes nothing and
 * fails unless the model it trains equals the committed file (`npm run models:check`). Prints
 * counts and figures only, never document text.
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import {
	DOC_TYPE_VALUES,
	DOCTYPE_MODEL_KIND,
	type DocType,
} from '#server/gateway/providers/local/doctype-scoring.ts'
import {
	DEFAULT_TRAIN_SETTINGS,
	evaluateModel,
	parseDoctypeRows,
	stratifiedSplit,
	trainCalibrated,
	type DoctypeRow,
	type Evaluation,
} from './doctype-train.ts'

export const DOCTYPE_MODEL_ID = 'doctype-classifier'
export const DOCTYPE_MODEL_VERSION = '1'
const TEST_SHARE = 0.2

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '../..')
const DEFAULT_DATA = path.resolve(ROOT, '../shared/data/doctype-mtsamples.jsonl')
const DEFAULT_OUT = path.resolve(ROOT, 'server/gateway/providers/local/data/doctype-model.json')

const SHORT: Record<DocType, string> = {
	consult_history_physical: 'consult',
	radiology_report: 'radiol',
	progress_note: 'progress',
	discharge_summary: 'dischrg',
	emergency_dept_report: 'ED',
	office_note: 'office',
	letter_correspondence: 'letter',
	lab_pathology_report: 'path',
	autopsy_report: 'autopsy',
}

type Out = (line: string) => void

function option(args: readonly string[], name: string): string | undefined {
	const at = args.indexOf(name)
	if (at === -1) return undefined
	const value = args[at + 1]
	if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`)
	return value
}

function countByLabel(rows: readonly DoctypeRow[]): Record<DocType, number> {
	const counts = Object.fromEntries(DOC_TYPE_VALUES.map((l) => [l, 0])) as Record<DocType, number>
	for (const row of rows) counts[row.label]++
	return counts
}

const pct = (value: number | null) => (value === null ? '   –  ' : `${(value * 100).toFixed(1)}%`)

function printEvaluation(out: Out, title: string, e: Evaluation): void {
	out(`${title} (n=${e.n})`)
	out(
		`  accuracy ${pct(e.accuracy)}  macro-F1 ${e.macroF1.toFixed(3)}  log-loss ${e.logLoss.toFixed(3)}  ECE ${e.ece.toFixed(3)}`,
	)
	out('  per label            precision recall   F1    support')
	for (const label of DOC_TYPE_VALUES) {
		const f = e.byLabel[label]
		out(
			`    ${label.padEnd(26)} ${f.precision.toFixed(2)}   ${f.recall.toFixed(2)}   ${f.f1.toFixed(2)}  ${String(f.support).padStart(4)}`,
		)
	}
	out('  confusion (rows: actual, columns: predicted)')
	out('    ' + ''.padEnd(9) + DOC_TYPE_VALUES.map((l) => SHORT[l].padStart(9)).join(''))
	for (const actual of DOC_TYPE_VALUES) {
		const cells = DOC_TYPE_VALUES.map((p) => String(e.confusion[actual][p]).padStart(9))
		out('    ' + SHORT[actual].padEnd(9) + cells.join(''))
	}
	out('  auto-file at confidence ≥ t: share of documents filed, accuracy of those filed')
	for (const t of e.thresholds) {
		out(
			`    t=${t.threshold.toFixed(2)}  filed ${pct(t.share)} (${t.n})  accuracy ${pct(t.accuracy)}`,
		)
	}
}

export async function runDoctypeTraining(args: readonly string[], out: Out): Promise<void> {
	const dataPath = path.resolve(option(args, '--data') ?? DEFAULT_DATA)
	const outPath = path.resolve(option(args, '--out') ?? DEFAULT_OUT)
	const raw = await readFile(dataPath, 'utf8')
	const rows = parseDoctypeRows(raw)
	const settings = DEFAULT_TRAIN_SETTINGS
	const counts = countByLabel(rows)
	out(`data ${path.basename(dataPath)}: ${rows.length} rows`)
	for (const label of DOC_TYPE_VALUES) out(`  ${label.padEnd(26)} ${counts[label]}`)
	const missing = DOC_TYPE_VALUES.filter((l) => counts[l] === 0)
	if (missing.length > 0) throw new Error(`no rows labelled ${missing.join(', ')}`)

	const { train, test } = stratifiedSplit(rows, TEST_SHARE, settings.seed)
	out(
		`\nstep 1: stratified split (seed ${settings.seed}): ${train.length} train, ${test.length} held out`,
	)
	const candidate = trainCalibrated(train, settings)
	out(
		`  vocabulary ${candidate.vocabularySize} terms, ${candidate.iterations} L-BFGS iterations, temperature ${candidate.temperature.toFixed(3)}`,
	)
	printEvaluation(
		out,
		'\n  cross-validated on the training split, 5 folds',
		candidate.crossValidated,
	)
	const heldOut = evaluateModel(test, candidate.model)
	printEvaluation(out, '\nheld-out test split', heldOut)

	out(`\nstep 2: the shipped model is retrained on all ${rows.length} rows with the same settings`)
	const shipped = trainCalibrated(rows, settings, {
		id: DOCTYPE_MODEL_ID,
		version: DOCTYPE_MODEL_VERSION,
	})
	out(
		`  vocabulary ${shipped.vocabularySize} terms (${shipped.json.terms.length} kept after pruning), ${shipped.iterations} L-BFGS iterations, temperature ${shipped.temperature.toFixed(3)}`,
	)
	printEvaluation(out, '\n  cross-validated on all rows, 5 folds', shipped.crossValidated)

	const { terms, idf, weights, bias, temperature, ...head } = shipped.json
	const file = {
		...head,
		description:
			'Local deterministic document-type classifier: TF-IDF (word unigrams, bigrams, capitalised headings) into a multinomial logistic regression, temperature-calibrated. Not a language model. Trained on public MTSamples transcriptions; retrain on your own labelled faxes before relying on it.',
		trainingData: {
			name: path.basename(dataPath),
			sha256: createHash('sha256').update(raw).digest('hex'),
			rows: rows.length,
			byLabel: counts,
			source:
				'MTSamples (mtsamples.com) via the Kaggle CC0 release; labels mapped from MTSamples categories',
			licence: 'CC0',
		},
		training: {
			method: 'multinomial logistic regression, L2, full-batch L-BFGS from zero',
			l2: settings.l2,
			classWeightPower: settings.classWeightPower,
			maxIterations: settings.maxIterations,
			iterations: shipped.iterations,
			vocabularyBeforePruning: shipped.vocabularySize,
			decimals: settings.decimals,
			pruneBelow: settings.pruneBelow,
			calibration: `temperature scaling on ${settings.calibrationFolds}-fold out-of-fold scores`,
			seed: settings.seed,
		},
		evaluation: {
			heldOut: {
				split: `stratified ${Math.round((1 - TEST_SHARE) * 100)}/${Math.round(TEST_SHARE * 100)}, seed ${settings.seed}; model trained and calibrated on the ${train.length} training rows only`,
				trainRows: train.length,
				...heldOut,
			},
			crossValidated: {
				split: `stratified ${settings.calibrationFolds}-fold over all ${rows.length} rows (the out-of-fold scores the shipped temperature is fitted on)`,
				...shipped.crossValidated,
			},
		},
		temperature,
		bias,
		terms,
		idf,
		weights,
	}
	const prettierConfig = (await resolveConfig(outPath)) ?? {}
	const text = await format(JSON.stringify(file), { ...prettierConfig, filepath: outPath })
	if (args.includes('--check')) {
		const where = path.relative(process.cwd(), outPath)
		if ((await readFile(outPath, 'utf8')) !== text) {
			throw new Error(`${where} differs from the model this script trains`)
		}
		out(`\n${where} rebuilds byte for byte`)
		return
	}
	await writeFile(outPath, text)
	out(
		`\nwrote ${path.relative(process.cwd(), outPath)}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ${terms.length} terms, model ${DOCTYPE_MODEL_KIND} ${DOCTYPE_MODEL_ID} v${DOCTYPE_MODEL_VERSION}`,
	)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		await runDoctypeTraining(process.argv.slice(2), (line) => process.stdout.write(line + '\n'))
	} catch (error) {
		process.stderr.write(
			`doctype-train: ${error instanceof Error ? error.message : String(error)}\n`,
		)
		process.exitCode = 1
	}
}
