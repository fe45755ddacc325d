/**
 * `npx tsx tools/injection/injection-train.cli.ts [--data ../shared/data] [--out …] [--seed 17]
 * [--check]`
 *
 * Trains the injection classifier's model and writes
 * server/gateway/guards/data/injection-model.json. `--check` writes nothing: it trains and exits 1
 * unless the result equals the committed file byte for byte (`npm run models:check`).
 * Reads (paths under --data, see its SOURCES.md for licences):
 *   bipia/text_attack_train.json, bipia/code_attack_train.json   positives (BIPIA, MIT)
 *   bipia/email_train.jsonl                                       benign e-mails (BIPIA, MIT)
 *   doctype-mtsamples.jsonl                                       benign notes (MTSamples, CC0)
 *   aci-bench/{train,valid}.csv                                   benign notes and dialogues (CC BY 4.0)
 *   charts/synthea-notes/DocumentReference.*.ndjson               out-of-domain benign notes, never trained on (CC0)
 *   injection-bipia.jsonl                                         held-out carriers, never trained on
 * Benign text written for the trainer is added to these: portal messages and patient instructions
 * (injection-train.ts) and structured chart text (injection-structured-negatives.ts).
 * Prints counts and rates only, never text from the data.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { loadInjectionModel, scoreInjection } from '#server/gateway/guards/injection.ts'
import {
	DEFAULT_TRAIN_OPTIONS,
	loadTrainingData,
	runTraining,
	type Rates,
	type TrainingReport,
} from './injection-train.ts'

const MODEL_FILE = fileURLToPath(
	new URL('../../server/gateway/guards/data/injection-model.json', import.meta.url),
)

const pct = (r: Rates) => `${(100 * r.rate).toFixed(1)}% (${r.flagged}/${r.n})`

function printReport(report: TrainingReport, out: (line: string) => void) {
	const { counts, crossValidation: cv, final } = report
	const a = counts.attacks
	out('')
	out(
		`data: ${a.total} attacks (${a.bipiaText} BIPIA text, ${a.bipiaCode} BIPIA code, ${a.authored} authored) in ${a.families} families`,
	)
	out(
		`      benign documents train/validation/test ${counts.benignDocuments.train}/${counts.benignDocuments.validation}/${counts.benignDocuments.test}, chunks ${counts.benignChunks.train}/${counts.benignChunks.validation}/${counts.benignChunks.test}`,
	)
	out(
		`      ${counts.outOfDomainDocuments} out-of-domain benign notes (Synthea), ${counts.carriers} held-out carriers`,
	)
	out(
		`      training windows ${counts.trainingWindows.positive} positive, ${counts.trainingWindows.negative} negative; dimension ${report.dimension}`,
	)
	out(
		`threshold ${report.threshold}: validation false positives ${pct(report.validation.falsePositives)} (sentences ${pct(report.validation.sentenceFalsePositives)}), validation recall (families unseen, cross-validated) ${pct(report.validation.recallUnseenFamilies)}`,
	)
	out(
		`  validation false positives by source: ${Object.entries(
			report.validation.falsePositivesBySource,
		)
			.map(([k, v]) => `${k} ${pct(v)}`)
			.join(', ')}`,
	)
	out('')
	out(
		`cross-validation by attack family (${cv.folds} folds; each family scored by a model that never saw it), test split:`,
	)
	out(
		`  planted chunks vs benign chunks: precision ${cv.precision.toFixed(3)}, recall ${cv.recall.toFixed(3)}, F1 ${cv.f1.toFixed(3)}  (tp ${cv.confusion.tp}, fp ${cv.confusion.fp}, fn ${cv.confusion.fn}, tn ${cv.confusion.tn})`,
	)
	out(
		`  injection-bipia carriers, family unseen: ${pct(cv.carriers)}; without the canary sentence: ${pct(cv.carriersWithoutCanary)}`,
	)
	const weakest = Object.entries(cv.byFamily)
		.sort(([, x], [, y]) => x.rate - y.rate)
		.slice(0, 6)
	out(
		`  weakest families (recall, unseen): ${weakest.map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`,
	)
	out('')
	out('final model (trained on every family; the carriers hold the same BIPIA attack strings):')
	out(
		`  injection-bipia carriers: ${pct(final.carriers.all)}  [model alone ${pct(final.carriers.model)}, rules alone ${pct(final.carriers.rules)}]`,
	)
	out(
		`    by placement: ${Object.entries(final.carriersByPlacement)
			.map(([k, v]) => `${k} ${pct(v)}`)
			.join(', ')}`,
	)
	out(
		`  without the canary sentence: ${pct(final.carriersWithoutCanary.all)}  [model alone ${pct(final.carriersWithoutCanary.model)}, rules alone ${pct(final.carriersWithoutCanary.rules)}]`,
	)
	out(`  attacks planted in test chunks: ${pct(final.plantedTest)}`)
	out(`  false positives, benign test chunks: ${pct(final.benignTest)}`)
	for (const [source, r] of Object.entries(final.benignTestBySource))
		out(`    ${source}: ${pct(r)}`)
	const seen = final.inDistribution
	out(
		`  planted vs benign test chunks: precision ${seen.precision.toFixed(3)}, recall ${seen.recall.toFixed(3)}, F1 ${seen.f1.toFixed(3)}`,
	)
	out(
		`  false positives, benign test sentences scored one by one: ${pct(final.benignTestSentences)}`,
	)
	out(
		`  false positives, out-of-domain benign chunks (Synthea, never trained on): ${pct(final.outOfDomain)}; sentences ${pct(final.outOfDomainSentences)}`,
	)
	out(`  non-zero weights: ${final.nonZeroWeights} of ${report.dimension}`)
}

/** Scoring speed on a ~2,000-token chunk of benign text; a figure, not a test. */
function timeScoring(text: string, file: unknown, out: (line: string) => void) {
	const model = loadInjectionModel(file)
	const chunk = text.split(/\s+/).slice(0, 1500).join(' ')
	for (let i = 0; i < 50; i++) scoreInjection(chunk, model)
	const times: number[] = []
	for (let i = 0; i < 300; i++) {
		const t0 = performance.now()
		scoreInjection(chunk, model)
		times.push(performance.now() - t0)
	}
	times.sort((x, y) => x - y)
	const at = (p: number) =>
		(times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(3)
	out(
		`scoring a 1,500-word chunk (~2,000 tokens, ${chunk.length} characters): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`,
	)
}

/** `--check`: the model just trained equals the committed file, byte for byte. */
function checkCommitted(json: string, file: string, out: (line: string) => void): number {
	const committed = readFileSync(file, 'utf8')
	const where = path.relative(process.cwd(), file)
	if (committed === json) {
		out(`${where} rebuilds byte for byte`)
		return 0
	}
	out(`${where} differs from the model this script trains: retrain, or find what changed`)
	return 1
}

function main(argv: string[]): number {
	const { values } = parseArgs({
		args: argv,
		options: {
			data: { type: 'string', default: '../shared/data' },
			out: { type: 'string', default: MODEL_FILE },
			seed: { type: 'string', default: String(DEFAULT_TRAIN_OPTIONS.seed) },
			bits: { type: 'string', default: String(DEFAULT_TRAIN_OPTIONS.bits) },
			epochs: { type: 'string', default: String(DEFAULT_TRAIN_OPTIONS.epochs) },
			check: { type: 'boolean', default: false },
		},
	})
	const int = (raw: string, name: string, min: number, max: number) => {
		const n = Number(raw)
		if (!Number.isSafeInteger(n) || n < min || n > max) {
			throw new Error(`--${name} must be a whole number from ${min} to ${max}`)
		}
		return n
	}
	const options = {
		...DEFAULT_TRAIN_OPTIONS,
		seed: int(values.seed, 'seed', 0, 2 ** 31),
		bits: int(values.bits, 'bits', 10, 20),
		epochs: int(values.epochs, 'epochs', 1, 100),
	}
	const out = (line: string) => process.stdout.write(line + '\n')
	const data = loadTrainingData(path.resolve(values.data))
	const started = performance.now()
	const { file, report } = runTraining(data, options, out)
	out(`trained in ${((performance.now() - started) / 1000).toFixed(1)} s`)
	printReport(report, out)
	const json = JSON.stringify(file, null, 2) + '\n'
	if (values.check) return checkCommitted(json, values.out, out)
	const sample = data.benign
		.filter((d) => d.source === 'mtsamples')
		.map((d) => d.text)
		.join(' ')
	timeScoring(sample, file, out)
	writeFileSync(values.out, json)
	out(`wrote ${path.relative(process.cwd(), values.out)} (${(json.length / 1024).toFixed(0)} KB)`)
	return 0
}

process.exitCode = main(process.argv.slice(2))
