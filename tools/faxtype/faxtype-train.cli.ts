/**
 * Trains the local fax-type classifier and writes
 * server/gateway/providers/local/data/fax-type-model.json (decision 037):
 *
 *   npx tsx tools/faxtype/faxtype-train.cli.ts [--mtsamples FILE.jsonl] [--out FILE] [--check]
 *
 * 1. the corpus: synthetic faxes from the templates of corpus-templates.ts (training and held-out
 *    templates) and the MTSamples transcriptions mapped to fax types, every text de-identified as
 *    the gateway's classify route does it;
 * 2. on the training rows: out-of-fold scores over folds that each hold out whole templates fit
 *    the temperature; a model on all training rows is measured on the held-out templates, before
 *    and after calibration, alone and with the junk rules;
 * 3. the shipped model is retrained on every row (held-out templates included) with that
 *    temperature, and the figures of step 2 are recorded in the file.
 *
 * Deterministic: `--check` writes nothing and fails unless the model it trains equals the
 * committed file (`npm run models:check`). Prints counts and figures only, never document text.
 */
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { FAX_TYPE_VALUES, type FaxType } from '#server/gateway/fax-types.ts'
import { DOCTYPE_MODEL_KIND } from '#server/gateway/providers/local/doctype-scoring.ts'
import { fitDoctypeModel, parseDoctypeRows, type Evaluation } from '../doctype/doctype-train.ts'
import { DEFAULT_CORPUS_OPTIONS, mtsamplesCorpus, syntheticCorpus } from './corpus.ts'
import { FAXTYPE_TRAIN_SETTINGS, toFaxRows, trainAndMeasure } from './faxtype-train.ts'

export const FAXTYPE_MODEL_ID = 'fax-type-classifier'
export const FAXTYPE_MODEL_VERSION = '1'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const ROOT = path.resolve(HERE, '../..')
const DEFAULT_MTSAMPLES = path.resolve(ROOT, '../shared/data/doctype-mtsamples.jsonl')
const DEFAULT_OUT = path.resolve(ROOT, 'server/gateway/providers/local/data/fax-type-model.json')

const SHORT: Record<FaxType, string> = {
	referral: 'referral',
	consult_note: 'consult',
	history_and_physical: 'H&P',
	progress_note: 'progress',
	discharge_summary: 'dischrg',
	lab_result: 'lab',
	imaging_report: 'imaging',
	prior_authorization: 'priorauth',
	pharmacy_request: 'pharmacy',
	records_request: 'records',
	insurance_correspondence: 'insurance',
	junk: 'junk',
}

type Out = (line: string) => void

function option(args: readonly string[], name: string): string | undefined {
	const at = args.indexOf(name)
	if (at === -1) return undefined
	const value = args[at + 1]
	if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`)
	return value
}

const pct = (value: number | null) => (value === null ? '   –  ' : `${(value * 100).toFixed(1)}%`)

function printEvaluation(out: Out, title: string, e: Evaluation<FaxType>): void {
	out(`${title} (n=${e.n})`)
	out(
		`  accuracy ${pct(e.accuracy)}  macro-F1 ${e.macroF1.toFixed(3)}  log-loss ${e.logLoss.toFixed(3)}  ECE ${e.ece.toFixed(3)}`,
	)
	out('  per label                  precision recall   F1    support')
	for (const label of FAX_TYPE_VALUES) {
		const f = e.byLabel[label]
		out(
			`    ${label.padEnd(26)} ${f.precision.toFixed(2)}   ${f.recall.toFixed(2)}   ${f.f1.toFixed(2)}  ${String(f.support).padStart(4)}`,
		)
	}
	out('  confusion (rows: actual, columns: predicted)')
	out('    ' + ''.padEnd(10) + FAX_TYPE_VALUES.map((l) => SHORT[l].padStart(10)).join(''))
	for (const actual of FAX_TYPE_VALUES) {
		const cells = FAX_TYPE_VALUES.map((p) => String(e.confusion[actual][p]).padStart(10))
		out('    ' + SHORT[actual].padEnd(10) + cells.join(''))
	}
	out('  auto-file at confidence ≥ t: share of documents filed, accuracy of those filed')
	for (const t of e.thresholds) {
		out(
			`    t=${t.threshold.toFixed(2)}  filed ${pct(t.share)} (${t.n})  accuracy ${pct(t.accuracy)}`,
		)
	}
}

/** The figures kept in the file: the confusion matrix stays in the printout. */
const brief = ({ confusion: _confusion, ...e }: Evaluation<FaxType>) => e

export async function runFaxtypeTraining(args: readonly string[], out: Out): Promise<void> {
	const mtsPath = path.resolve(option(args, '--mtsamples') ?? DEFAULT_MTSAMPLES)
	const outPath = path.resolve(option(args, '--out') ?? DEFAULT_OUT)
	const settings = FAXTYPE_TRAIN_SETTINGS
	const corpusOptions = DEFAULT_CORPUS_OPTIONS
	const raw = await readFile(mtsPath, 'utf8')
	const synthetic = syntheticCorpus(corpusOptions)
	const mts = mtsamplesCorpus(parseDoctypeRows(raw), corpusOptions.seed)
	const { rows, deid } = toFaxRows([...synthetic, ...mts], settings.calibrationFolds)
	const count = (split: string, label: FaxType) =>
		rows.filter((r) => r.split === split && r.label === label).length
	out(
		`corpus: ${synthetic.length} synthetic rows (seed ${corpusOptions.seed}), ${mts.length} MTSamples rows mapped from ${path.basename(mtsPath)}`,
	)
	out(
		`de-identified: ${deid.certain} certain, ${deid.uncertainRedacted} with uncertain regions redacted, ${deid.refused} refused (left out)`,
	)
	out('  label                      train  held-out')
	for (const label of FAX_TYPE_VALUES)
		out(
			`    ${label.padEnd(26)} ${String(count('train', label)).padStart(5)}  ${String(count('heldout', label)).padStart(8)}`,
		)

	out(
		`\nstep 1: temperature from ${settings.calibrationFolds} template-held-out folds; a model on the training templates`,
	)
	const run = trainAndMeasure(rows, settings)
	out(
		`  vocabulary ${run.candidate.vocabularySize} terms, ${run.candidate.iterations} L-BFGS iterations, temperature ${run.temperature.toFixed(3)}`,
	)
	printEvaluation(out, '\n  cross-template, out of fold, calibrated', run.crossTemplate)
	printEvaluation(out, '\nheld-out templates, temperature 1', run.heldOutUncalibrated)
	printEvaluation(out, '\nheld-out templates, calibrated', run.heldOut)
	printEvaluation(
		out,
		'\nheld-out templates, calibrated, with the junk rules',
		run.heldOutWithRules,
	)
	out(`  the junk rules changed ${run.heldOutWithRules.ruledJunk} labels`)

	out(`\nstep 2: the shipped model is retrained on all ${rows.length} rows`)
	const shipped = fitDoctypeModel(rows, settings, run.temperature, {
		id: FAXTYPE_MODEL_ID,
		version: FAXTYPE_MODEL_VERSION,
	})
	out(
		`  vocabulary ${shipped.vocabularySize} terms (${shipped.json.terms.length} kept after pruning), ${shipped.iterations} L-BFGS iterations`,
	)

	const { terms, idf, weights, bias, temperature, ...head } = shipped.json
	const byLabel = (split: string) =>
		Object.fromEntries(FAX_TYPE_VALUES.map((l) => [l, count(split, l)])) as Record<FaxType, number>
	const file = {
		...head,
		description:
			'Local deterministic fax-type classifier: TF-IDF (word unigrams, bigrams, capitalised headings, one term per de-identification placeholder) into a multinomial logistic regression, temperature-calibrated, trained on de-identified text. Not a language model. Trained on a synthetic fax corpus and public MTSamples transcriptions; retrain on your own labelled faxes before relying on it.',
		trainingData: {
			synthetic: {
				generator: 'tools/faxtype/corpus.ts',
				...corpusOptions,
				rows: synthetic.length,
			},
			mtsamples: {
				name: path.basename(mtsPath),
				sha256: createHash('sha256').update(raw).digest('hex'),
				rows: mts.length,
				mapping: 'tools/faxtype/corpus.ts faxTypeOfMtsamples',
				licence: 'CC0',
			},
			deidentified: {
				policy:
					'as the classify route: refuse policy first, uncertain regions redacted when it refuses; rows refused even then are left out',
				...deid,
			},
			train: byLabel('train'),
			heldOut: byLabel('heldout'),
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
			calibration: `temperature scaling on out-of-fold scores of ${settings.calibrationFolds} folds that each hold out whole training templates`,
			seed: settings.seed,
		},
		evaluation: {
			heldOut: {
				split:
					'held-out templates (one per label, written differently) that the step-1 model never saw; the shipped model is then retrained on them too',
				uncalibrated: brief(run.heldOutUncalibrated),
				calibrated: brief(run.heldOut),
				withJunkRules: {
					...brief(run.heldOutWithRules),
					ruledJunk: run.heldOutWithRules.ruledJunk,
				},
			},
			crossTemplate: {
				split: `out-of-fold over ${settings.calibrationFolds} folds of whole training templates (the scores the temperature is fitted on)`,
				...brief(run.crossTemplate),
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
		`\nwrote ${path.relative(process.cwd(), outPath)}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ${terms.length} terms, model ${DOCTYPE_MODEL_KIND} ${FAXTYPE_MODEL_ID} v${FAXTYPE_MODEL_VERSION}`,
	)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	try {
		await runFaxtypeTraining(process.argv.slice(2), (line) => process.stdout.write(line + '\n'))
	} catch (error) {
		process.stderr.write(
			`faxtype-train: ${error instanceof Error ? error.message : String(error)}\n`,
		)
		process.exitCode = 1
	}
}
