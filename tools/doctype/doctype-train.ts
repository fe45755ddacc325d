/**
 * Training and evaluation of the document-type model (decision 018), used by doctype-train.cli.ts.
 * Everything is deterministic: splits come from a seeded generator over rows sorted by id, the
 * optimizer is full-batch L-BFGS from zero, and sums run in a fixed order, so the same data and
 * settings give the same model file byte for byte.
 *
 * Nothing here prints or returns document text: results are counts and figures.
 */
import { seededRng } from '../corpora/training-data.ts'
import { z } from 'zod'
import {
	countTerms,
	documentTerms,
	NORMALIZATION_VERSION,
} from '#server/gateway/providers/local/doctype-features.ts'
import {
	DOC_TYPE_VALUES,
	DOCTYPE_MODEL_KIND,
	doctypeLogits,
	doctypeProbabilities,
	doctypeVector,
	parseTextModel,
	scoreText,
	type DocType,
	type DoctypeFeatureJson,
	type DoctypeVocabulary,
	type TextModel,
	type TextModelJson,
} from '#server/gateway/providers/local/doctype-scoring.ts'

/*
 * The trainer serves every label set of this model family (decision 037): the MTSamples document
 * types (the default, `DOC_TYPE_VALUES`) and the fax types (tools/faxtype/). Labels come in the
 * settings (`labels`, in model order) or as the last argument; nothing else depends on them.
 */

export type DoctypeRow<L extends string = DocType> = { id: string; text: string; label: L }

/** The default label set, typed for whichever label set a caller names. */
const docTypes = <L extends string>() => DOC_TYPE_VALUES as readonly string[] as readonly L[]

/** Parses labelled JSONL; a bad line is named by number, never by its text. */
export function parseDoctypeRows<L extends string = DocType>(
	jsonl: string,
	labels: readonly L[] = docTypes<L>(),
): DoctypeRow<L>[] {
	const rowSchema = z.object({
		id: z.string().min(1),
		text: z.string(),
		label: z.enum(labels as readonly string[] as [string, ...string[]]),
	})
	const rows: DoctypeRow<L>[] = []
	const ids = new Set<string>()
	jsonl.split('\n').forEach((line, i) => {
		if (line.trim() === '') return
		let value: unknown
		try {
			value = JSON.parse(line)
		} catch {
			throw new Error(`line ${i + 1} is not JSON`)
		}
		const result = rowSchema.safeParse(value)
		if (!result.success) {
			const fields = result.error.issues.map((issue) => issue.path.join('.') || '(row)')
			throw new Error(`line ${i + 1}: ${fields.join(', ')} do not validate`)
		}
		if (ids.has(result.data.id)) throw new Error(`line ${i + 1}: the id repeats`)
		ids.add(result.data.id)
		rows.push({ id: result.data.id, text: result.data.text, label: result.data.label as L })
	})
	return rows
}

/** Rows of each label, sorted by id and shuffled with the seed: the basis of every split. */
function shuffledByLabel<L extends string>(
	rows: readonly DoctypeRow<L>[],
	seed: number,
	labels: readonly L[],
): DoctypeRow<L>[][] {
	const random = seededRng(seed)
	return labels.map((label) => {
		const group = rows.filter((r) => r.label === label).sort((a, b) => (a.id < b.id ? -1 : 1))
		for (let i = group.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1))
			const swap = group[i] as DoctypeRow<L>
			group[i] = group[j] as DoctypeRow<L>
			group[j] = swap
		}
		return group
	})
}

/** A stratified split: about `testShare` of every label (at least one if it has two) is held out. */
export function stratifiedSplit<L extends string = DocType>(
	rows: readonly DoctypeRow<L>[],
	testShare: number,
	seed: number,
	labels: readonly L[] = docTypes<L>(),
): { train: DoctypeRow<L>[]; test: DoctypeRow<L>[] } {
	const train: DoctypeRow<L>[] = []
	const test: DoctypeRow<L>[] = []
	for (const group of shuffledByLabel(rows, seed, labels)) {
		const held = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * testShare))
		test.push(...group.slice(0, held))
		train.push(...group.slice(held))
	}
	return { train, test }
}

/** Stratified k folds: each label is dealt round-robin after its shuffle. */
export function stratifiedFolds<L extends string = DocType>(
	rows: readonly DoctypeRow<L>[],
	k: number,
	seed: number,
	labels: readonly L[] = docTypes<L>(),
): DoctypeRow<L>[][] {
	const folds: DoctypeRow<L>[][] = Array.from({ length: k }, () => [])
	let next = 0
	for (const group of shuffledByLabel(rows, seed, labels)) {
		for (const row of group) {
			folds[next % k]?.push(row)
			next++
		}
	}
	return folds
}

export type DoctypeTrainSettings<L extends string = DocType> = {
	/** The label set, in model order. */
	labels: readonly L[]
	features: DoctypeFeatureJson
	/** L2 penalty on the weights (not the biases), against the mean loss. */
	l2: number
	/** Class weights (N / (K · n_label)) ^ power: 0 = none, 1 = fully balanced. */
	classWeightPower: number
	maxIterations: number
	/** Weights are rounded to this many decimals, and weights below `pruneBelow` dropped. */
	decimals: number
	pruneBelow: number
	/** Folds of the out-of-fold predictions the temperature is fitted on. */
	calibrationFolds: number
	seed: number
}

export const DEFAULT_TRAIN_SETTINGS: DoctypeTrainSettings = {
	labels: DOC_TYPE_VALUES,
	features: {
		normalizationVersion: NORMALIZATION_VERSION,
		ngrams: [1, 2],
		headings: true,
		tf: 'sublinear',
		idf: 'smooth',
		norm: 'l2',
		minDf: 2,
		maxFeatures: 8_000,
		maxChars: 100_000,
		maxTokens: 6_000,
		minEvidenceTokens: 20,
	},
	l2: 3e-4,
	classWeightPower: 1,
	maxIterations: 300,
	decimals: 4,
	pruneBelow: 5e-4,
	calibrationFolds: 5,
	seed: 18,
}

/** Terms with document frequency ≥ minDf, the most frequent maxFeatures of them (ties by term). */
export function fitVocabulary(
	rows: readonly DoctypeRow<string>[],
	features: DoctypeFeatureJson,
): { terms: string[]; vocabulary: DoctypeVocabulary } {
	const df = new Map<string, number>()
	for (const row of rows) {
		for (const term of countTerms(documentTerms(row.text, features).terms).keys()) {
			df.set(term, (df.get(term) ?? 0) + 1)
		}
	}
	const terms = [...df]
		.filter(([, n]) => n >= features.minDf)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
		.slice(0, features.maxFeatures)
		.map(([term]) => term)
		.sort()
	const n = rows.length
	const idf = terms.map((term) => Math.log((1 + n) / (1 + (df.get(term) ?? 0))) + 1)
	const termIndex = new Map(terms.map((term, i) => [term, i]))
	return { terms, vocabulary: { features, termIndex, idf } }
}

/** Minimizes a smooth convex function with L-BFGS and a backtracking (Armijo) line search. */
export function minimizeLbfgs(
	objective: (x: Float64Array, gradient: Float64Array) => number,
	start: Float64Array,
	options: { maxIterations: number; memory?: number; tolerance?: number },
): { x: Float64Array; value: number; iterations: number } {
	const n = start.length
	const memory = options.memory ?? 10
	const tolerance = options.tolerance ?? 1e-9
	const dot = (a: Float64Array, b: Float64Array) => {
		let s = 0
		for (let i = 0; i < n; i++) s += (a[i] as number) * (b[i] as number)
		return s
	}
	let x = Float64Array.from(start)
	let gradient = new Float64Array(n)
	let value = objective(x, gradient)
	const ss: Float64Array[] = []
	const ys: Float64Array[] = []
	const rhos: number[] = []
	let iterations = 0
	for (; iterations < options.maxIterations; iterations++) {
		// two-loop recursion: direction = −H·gradient
		const q = Float64Array.from(gradient)
		const alphas: number[] = []
		for (let i = ss.length - 1; i >= 0; i--) {
			const a = (rhos[i] as number) * dot(ss[i] as Float64Array, q)
			alphas[i] = a
			const y = ys[i] as Float64Array
			for (let j = 0; j < n; j++) q[j] = (q[j] as number) - a * (y[j] as number)
		}
		const last = ss.length - 1
		const gamma =
			last >= 0
				? dot(ss[last] as Float64Array, ys[last] as Float64Array) /
					dot(ys[last] as Float64Array, ys[last] as Float64Array)
				: 1 / Math.max(1e-12, Math.sqrt(dot(gradient, gradient)))
		for (let j = 0; j < n; j++) q[j] = (q[j] as number) * gamma
		for (let i = 0; i < ss.length; i++) {
			const b = (rhos[i] as number) * dot(ys[i] as Float64Array, q)
			const s = ss[i] as Float64Array
			const a = alphas[i] as number
			for (let j = 0; j < n; j++) q[j] = (q[j] as number) + (a - b) * (s[j] as number)
		}
		let direction = q.map((v) => -v)
		let slope = dot(gradient, direction)
		if (!(slope < 0)) {
			ss.length = ys.length = rhos.length = 0
			direction = gradient.map((v) => -v / Math.max(1e-12, Math.sqrt(dot(gradient, gradient))))
			slope = dot(gradient, direction)
		}
		let step = 1
		const nextX = new Float64Array(n)
		const nextGradient = new Float64Array(n)
		let nextValue = Infinity
		for (let tries = 0; tries < 40; tries++) {
			for (let j = 0; j < n; j++) nextX[j] = (x[j] as number) + step * (direction[j] as number)
			nextValue = objective(nextX, nextGradient)
			if (nextValue <= value + 1e-4 * step * slope) break
			step /= 2
		}
		if (!(nextValue < value)) break
		const s = nextX.map((v, j) => v - (x[j] as number))
		const y = nextGradient.map((v, j) => v - (gradient[j] as number))
		const sy = dot(s, y)
		if (sy > 1e-12) {
			ss.push(s)
			ys.push(y)
			rhos.push(1 / sy)
			if (ss.length > memory) {
				ss.shift()
				ys.shift()
				rhos.shift()
			}
		}
		const improvement = value - nextValue
		x = nextX
		gradient = nextGradient
		value = nextValue
		if (improvement <= tolerance * Math.max(1, Math.abs(value))) {
			iterations++
			break
		}
	}
	return { x, value, iterations }
}

type SparseMatrix = { rowStart: number[]; index: number[]; value: number[] }

function toSparse(
	rows: readonly DoctypeRow<string>[],
	vocabulary: DoctypeVocabulary,
): SparseMatrix {
	const matrix: SparseMatrix = { rowStart: [0], index: [], value: [] }
	for (const row of rows) {
		const { indices, values } = doctypeVector(row.text, vocabulary)
		matrix.index.push(...indices)
		matrix.value.push(...values)
		matrix.rowStart.push(matrix.index.length)
	}
	return matrix
}

/** Multinomial logistic regression, weighted mean cross-entropy + (l2/2)·‖W‖². */
function fitSoftmax(
	x: SparseMatrix,
	labels: readonly number[],
	terms: number,
	settings: DoctypeTrainSettings<string>,
): { weights: Float64Array; bias: Float64Array; iterations: number } {
	const k = settings.labels.length
	const n = labels.length
	const counts = new Array<number>(k).fill(0)
	for (const y of labels) counts[y] = (counts[y] ?? 0) + 1
	const classWeight = counts.map((c) => (c > 0 ? (n / (k * c)) ** settings.classWeightPower : 0))
	const sampleWeight = labels.map((y) => classWeight[y] ?? 0)
	const totalWeight = sampleWeight.reduce((a, b) => a + b, 0)
	const biasAt = terms * k
	const logits = new Float64Array(k)
	const objective = (params: Float64Array, gradient: Float64Array): number => {
		gradient.fill(0)
		let loss = 0
		for (let i = 0; i < n; i++) {
			const start = x.rowStart[i] as number
			const end = x.rowStart[i + 1] as number
			for (let c = 0; c < k; c++) logits[c] = params[biasAt + c] as number
			for (let j = start; j < end; j++) {
				const base = (x.index[j] as number) * k
				const v = x.value[j] as number
				for (let c = 0; c < k; c++)
					logits[c] = (logits[c] as number) + v * (params[base + c] as number)
			}
			let max = -Infinity
			for (let c = 0; c < k; c++) max = Math.max(max, logits[c] as number)
			let sum = 0
			for (let c = 0; c < k; c++) {
				const e = Math.exp((logits[c] as number) - max)
				logits[c] = e
				sum += e
			}
			const y = labels[i] as number
			const w = (sampleWeight[i] as number) / totalWeight
			loss -= w * Math.log((logits[y] as number) / sum)
			for (let c = 0; c < k; c++) {
				const residual = w * ((logits[c] as number) / sum - (c === y ? 1 : 0))
				gradient[biasAt + c] = (gradient[biasAt + c] as number) + residual
				for (let j = start; j < end; j++) {
					const at = (x.index[j] as number) * k + c
					gradient[at] = (gradient[at] as number) + residual * (x.value[j] as number)
				}
			}
		}
		for (let j = 0; j < biasAt; j++) {
			const p = params[j] as number
			loss += 0.5 * settings.l2 * p * p
			gradient[j] = (gradient[j] as number) + settings.l2 * p
		}
		return loss
	}
	const fit = minimizeLbfgs(objective, new Float64Array(biasAt + k), {
		maxIterations: settings.maxIterations,
	})
	return {
		weights: fit.x.subarray(0, biasAt),
		bias: fit.x.subarray(biasAt),
		iterations: fit.iterations,
	}
}

const round = (value: number, decimals: number) => {
	const r = Math.round(value * 10 ** decimals) / 10 ** decimals
	return r === 0 ? 0 : r // no −0 in the file
}

/** The model's scoring fields: weights rounded and pruned, terms left without a weight dropped. */
function exportModel<L extends string>(
	terms: readonly string[],
	vocabulary: DoctypeVocabulary,
	fit: { weights: Float64Array; bias: Float64Array },
	temperature: number,
	settings: DoctypeTrainSettings<L>,
	identity: { id: string; version: string },
): TextModelJson<L> {
	const k = settings.labels.length
	const kept: { terms: string[]; idf: number[]; weights: number[] } = {
		terms: [],
		idf: [],
		weights: [],
	}
	terms.forEach((term, t) => {
		const row = Array.from(fit.weights.subarray(t * k, t * k + k), (w) =>
			Math.abs(w) < settings.pruneBelow ? 0 : round(w, settings.decimals),
		)
		if (row.every((w) => w === 0)) return
		kept.terms.push(term)
		kept.idf.push(round(vocabulary.idf[t] ?? 1, settings.decimals))
		kept.weights.push(...row)
	})
	return {
		id: identity.id,
		version: identity.version,
		kind: DOCTYPE_MODEL_KIND,
		labels: [...settings.labels],
		features: settings.features,
		temperature: round(temperature, settings.decimals),
		bias: Array.from(fit.bias, (b) => round(b, settings.decimals)),
		...kept,
	}
}

export type TrainedModel<L extends string = DocType> = {
	json: TextModelJson<L>
	model: TextModel<L>
	iterations: number
	vocabularySize: number
}

/** Fits vocabulary and weights on `rows`, exports them with the given temperature. */
export function fitDoctypeModel<L extends string>(
	rows: readonly DoctypeRow<L>[],
	settings: DoctypeTrainSettings<L>,
	temperature = 1,
	identity = { id: 'doctype-classifier', version: 'candidate' },
): TrainedModel<L> {
	const { terms, vocabulary } = fitVocabulary(rows, settings.features)
	const labels = rows.map((r) => settings.labels.indexOf(r.label))
	const fit = fitSoftmax(toSparse(rows, vocabulary), labels, terms.length, settings)
	const json = exportModel(terms, vocabulary, fit, temperature, settings, identity)
	return {
		json,
		model: parseTextModel(json, settings.labels, identity.id, 'the training labels'),
		iterations: fit.iterations,
		vocabularySize: terms.length,
	}
}

export type Scored<L extends string = DocType> = { label: L; logits: number[]; evidence: number }

/** The temperature minimizing log-loss of out-of-fold scores (golden-section search on log T). */
export function fitTemperature<L extends string = DocType>(
	scored: readonly Scored<L>[],
	minEvidenceTokens: number,
	labels: readonly L[] = docTypes<L>(),
): number {
	const loss = (logT: number) => {
		const t = Math.exp(logT)
		let total = 0
		for (const s of scored) {
			const p = doctypeProbabilities(s.logits, s.evidence, t, minEvidenceTokens)
			total -= Math.log(Math.max(1e-12, p[labels.indexOf(s.label)] ?? 0))
		}
		return total
	}
	const phi = (Math.sqrt(5) - 1) / 2
	let lo = Math.log(0.02)
	let hi = Math.log(20)
	let a = hi - phi * (hi - lo)
	let b = lo + phi * (hi - lo)
	let fa = loss(a)
	let fb = loss(b)
	for (let i = 0; i < 80; i++) {
		if (fa <= fb) {
			hi = b
			b = a
			fb = fa
			a = hi - phi * (hi - lo)
			fa = loss(a)
		} else {
			lo = a
			a = b
			fa = fb
			b = lo + phi * (hi - lo)
			fb = loss(b)
		}
	}
	return Math.exp((lo + hi) / 2)
}

/** Out-of-fold raw scores: each row scored by a model that never saw it. */
export function outOfFoldScores<L extends string>(
	rows: readonly DoctypeRow<L>[],
	settings: DoctypeTrainSettings<L>,
): Scored<L>[] {
	const folds = stratifiedFolds(rows, settings.calibrationFolds, settings.seed, settings.labels)
	const scored: Scored<L>[] = []
	folds.forEach((held, f) => {
		const rest = folds.filter((_, g) => g !== f).flat()
		const { model } = fitDoctypeModel(rest, settings)
		for (const row of held) scored.push({ label: row.label, ...doctypeLogits(row.text, model) })
	})
	return scored
}

export type Prediction<L extends string = DocType> = { actual: L; predicted: L; confidence: number }

export type LabelFigures = { precision: number; recall: number; f1: number; support: number }

export type Evaluation<L extends string = DocType> = {
	n: number
	accuracy: number
	macroF1: number
	/** Mean negative log-likelihood of the true label. */
	logLoss: number
	/** Expected calibration error over ten equal-width confidence bins. */
	ece: number
	byLabel: Record<L, LabelFigures>
	/** confusion[actual][predicted] = count. */
	confusion: Record<L, Record<L, number>>
	/** What an intake queue would auto-file at each threshold, and how often it would be right. */
	thresholds: Array<{ threshold: number; share: number; accuracy: number | null; n: number }>
}

export const AUTO_FILE_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const

const figure = (value: number) => Math.round(value * 10_000) / 10_000

export function evaluate<L extends string = DocType>(
	predictions: readonly Prediction<L>[],
	trueProbabilities: readonly number[],
	labels: readonly L[] = docTypes<L>(),
): Evaluation<L> {
	const n = predictions.length
	const byLabel = {} as Record<L, LabelFigures>
	const confusion = {} as Record<L, Record<L, number>>
	for (const actual of labels) {
		confusion[actual] = Object.fromEntries(labels.map((p) => [p, 0])) as Record<L, number>
	}
	for (const p of predictions) confusion[p.actual][p.predicted]++
	const f1s: number[] = []
	for (const label of labels) {
		const tp = confusion[label][label]
		const support = labels.reduce((s, p) => s + confusion[label][p], 0)
		const predicted = labels.reduce((s, a) => s + confusion[a][label], 0)
		const precision = predicted > 0 ? tp / predicted : 0
		const recall = support > 0 ? tp / support : 0
		const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0
		byLabel[label] = {
			precision: figure(precision),
			recall: figure(recall),
			f1: figure(f1),
			support,
		}
		if (support > 0 || predicted > 0) f1s.push(f1)
	}
	const correct = predictions.filter((p) => p.actual === p.predicted).length
	let ece = 0
	for (let bin = 0; bin < 10; bin++) {
		const inBin = predictions.filter((p) => Math.min(9, Math.floor(p.confidence * 10)) === bin)
		if (inBin.length === 0) continue
		const accuracy = inBin.filter((p) => p.actual === p.predicted).length / inBin.length
		const confidence = inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length
		ece += (inBin.length / n) * Math.abs(accuracy - confidence)
	}
	const logLoss = -trueProbabilities.reduce((s, p) => s + Math.log(Math.max(1e-12, p)), 0) / n
	const thresholds = AUTO_FILE_THRESHOLDS.map((threshold) => {
		const above = predictions.filter((p) => p.confidence >= threshold)
		const right = above.filter((p) => p.actual === p.predicted).length
		return {
			threshold,
			share: figure(above.length / n),
			accuracy: above.length > 0 ? figure(right / above.length) : null,
			n: above.length,
		}
	})
	return {
		n,
		accuracy: figure(correct / n),
		macroF1: figure(f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length)),
		logLoss: figure(logLoss),
		ece: figure(ece),
		byLabel,
		confusion,
		thresholds,
	}
}

/** Scores rows with a finished model, through the same function the gateway calls. */
export function evaluateModel<L extends string>(
	rows: readonly DoctypeRow<L>[],
	model: TextModel<L>,
): Evaluation<L> {
	const predictions: Prediction<L>[] = []
	const trueProbabilities: number[] = []
	for (const row of rows) {
		const result = scoreText(row.text, model)
		predictions.push({ actual: row.label, predicted: result.label, confidence: result.confidence })
		trueProbabilities.push(result.scores[row.label])
	}
	return evaluate(predictions, trueProbabilities, model.labels)
}

/** Evaluates out-of-fold scores at a temperature (cross-validated figures). */
export function evaluateScores<L extends string = DocType>(
	scored: readonly Scored<L>[],
	temperature: number,
	minEvidenceTokens: number,
	labels: readonly L[] = docTypes<L>(),
): Evaluation<L> {
	const predictions: Prediction<L>[] = []
	const trueProbabilities: number[] = []
	for (const s of scored) {
		const p = doctypeProbabilities(s.logits, s.evidence, temperature, minEvidenceTokens)
		let best = 0
		for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c
		predictions.push({
			actual: s.label,
			predicted: labels[best] as L,
			confidence: p[best] ?? 0,
		})
		trueProbabilities.push(p[labels.indexOf(s.label)] ?? 0)
	}
	return evaluate(predictions, trueProbabilities, labels)
}

/** A calibrated model: weights from all `rows`, temperature from their out-of-fold scores. */
export function trainCalibrated<L extends string>(
	rows: readonly DoctypeRow<L>[],
	settings: DoctypeTrainSettings<L>,
	identity?: { id: string; version: string },
): TrainedModel<L> & { temperature: number; crossValidated: Evaluation<L> } {
	const scored = outOfFoldScores(rows, settings)
	const minEvidence = settings.features.minEvidenceTokens
	const temperature = fitTemperature(scored, minEvidence, settings.labels)
	const trained = fitDoctypeModel(rows, settings, temperature, identity)
	return {
		...trained,
		temperature,
		crossValidated: evaluateScores(scored, temperature, minEvidence, settings.labels),
	}
}
