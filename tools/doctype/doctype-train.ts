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
	parseDoctypeModel,
	scoreDocumentType,
	type DocType,
	type DoctypeFeatureJson,
	type DoctypeModel,
	type DoctypeModelJson,
	type DoctypeVocabulary,
} from '#server/gateway/providers/local/doctype-scoring.ts'

export type DoctypeRow = { id: string; text: string; label: DocType }

const rowSchema = z.object({
	id: z.string().min(1),
	text: z.string(),
	label: z.enum(DOC_TYPE_VALUES as [DocType, ...DocType[]]),
})

/** Parses labelled JSONL; a bad line is named by number, never by its text. */
export function parseDoctypeRows(jsonl: string): DoctypeRow[] {
	const rows: DoctypeRow[] = []
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
		rows.push({ id: result.data.id, text: result.data.text, label: result.data.label })
	})
	return rows
}

/** Rows of each label, sorted by id and shuffled with the seed: the basis of every split. */
function shuffledByLabel(rows: readonly DoctypeRow[], seed: number): DoctypeRow[][] {
	const random = seededRng(seed)
	return DOC_TYPE_VALUES.map((label) => {
		const group = rows.filter((r) => r.label === label).sort((a, b) => (a.id < b.id ? -1 : 1))
		for (let i = group.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1))
			const swap = group[i] as DoctypeRow
			group[i] = group[j] as DoctypeRow
			group[j] = swap
		}
		return group
	})
}

/** A stratified split: about `testShare` of every label (at least one if it has two) is held out. */
export function stratifiedSplit(
	rows: readonly DoctypeRow[],
	testShare: number,
	seed: number,
): { train: DoctypeRow[]; test: DoctypeRow[] } {
	const train: DoctypeRow[] = []
	const test: DoctypeRow[] = []
	for (const group of shuffledByLabel(rows, seed)) {
		const held = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * testShare))
		test.push(...group.slice(0, held))
		train.push(...group.slice(held))
	}
	return { train, test }
}

/** Stratified k folds: each label is dealt round-robin after its shuffle. */
export function stratifiedFolds(
	rows: readonly DoctypeRow[],
	k: number,
	seed: number,
): DoctypeRow[][] {
	const folds: DoctypeRow[][] = Array.from({ length: k }, () => [])
	let next = 0
	for (const group of shuffledByLabel(rows, seed)) {
		for (const row of group) {
			folds[next % k]?.push(row)
			next++
		}
	}
	return folds
}

export type DoctypeTrainSettings = {
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
	rows: readonly DoctypeRow[],
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

function toSparse(rows: readonly DoctypeRow[], vocabulary: DoctypeVocabulary): SparseMatrix {
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
	settings: DoctypeTrainSettings,
): { weights: Float64Array; bias: Float64Array; iterations: number } {
	const k = DOC_TYPE_VALUES.length
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
function exportModel(
	terms: readonly string[],
	vocabulary: DoctypeVocabulary,
	fit: { weights: Float64Array; bias: Float64Array },
	temperature: number,
	settings: DoctypeTrainSettings,
	identity: { id: string; version: string },
): DoctypeModelJson {
	const k = DOC_TYPE_VALUES.length
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
		labels: [...DOC_TYPE_VALUES],
		features: settings.features,
		temperature: round(temperature, settings.decimals),
		bias: Array.from(fit.bias, (b) => round(b, settings.decimals)),
		...kept,
	}
}

export type TrainedModel = {
	json: DoctypeModelJson
	model: DoctypeModel
	iterations: number
	vocabularySize: number
}

/** Fits vocabulary and weights on `rows`, exports them with the given temperature. */
export function fitDoctypeModel(
	rows: readonly DoctypeRow[],
	settings: DoctypeTrainSettings,
	temperature = 1,
	identity = { id: 'doctype-classifier', version: 'candidate' },
): TrainedModel {
	const { terms, vocabulary } = fitVocabulary(rows, settings.features)
	const labels = rows.map((r) => DOC_TYPE_VALUES.indexOf(r.label))
	const fit = fitSoftmax(toSparse(rows, vocabulary), labels, terms.length, settings)
	const json = exportModel(terms, vocabulary, fit, temperature, settings, identity)
	return {
		json,
		model: parseDoctypeModel(json),
		iterations: fit.iterations,
		vocabularySize: terms.length,
	}
}

type Scored = { label: DocType; logits: number[]; evidence: number }

/** The temperature minimizing log-loss of out-of-fold scores (golden-section search on log T). */
export function fitTemperature(scored: readonly Scored[], minEvidenceTokens: number): number {
	const loss = (logT: number) => {
		const t = Math.exp(logT)
		let total = 0
		for (const s of scored) {
			const p = doctypeProbabilities(s.logits, s.evidence, t, minEvidenceTokens)
			total -= Math.log(Math.max(1e-12, p[DOC_TYPE_VALUES.indexOf(s.label)] ?? 0))
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
export function outOfFoldScores(
	rows: readonly DoctypeRow[],
	settings: DoctypeTrainSettings,
): Scored[] {
	const folds = stratifiedFolds(rows, settings.calibrationFolds, settings.seed)
	const scored: Scored[] = []
	folds.forEach((held, f) => {
		const rest = folds.filter((_, g) => g !== f).flat()
		const { model } = fitDoctypeModel(rest, settings)
		for (const row of held) scored.push({ label: row.label, ...doctypeLogits(row.text, model) })
	})
	return scored
}

export type Prediction = { actual: DocType; predicted: DocType; confidence: number }

export type LabelFigures = { precision: number; recall: number; f1: number; support: number }

export type Evaluation = {
	n: number
	accuracy: number
	macroF1: number
	/** Mean negative log-likelihood of the true label. */
	logLoss: number
	/** Expected calibration error over ten equal-width confidence bins. */
	ece: number
	byLabel: Record<DocType, LabelFigures>
	/** confusion[actual][predicted] = count. */
	confusion: Record<DocType, Record<DocType, number>>
	/** What an intake queue would auto-file at each threshold, and how often it would be right. */
	thresholds: Array<{ threshold: number; share: number; accuracy: number | null; n: number }>
}

export const AUTO_FILE_THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] as const

const figure = (value: number) => Math.round(value * 10_000) / 10_000

export function evaluate(
	predictions: readonly Prediction[],
	trueProbabilities: readonly number[],
): Evaluation {
	const n = predictions.length
	const byLabel = {} as Record<DocType, LabelFigures>
	const confusion = {} as Record<DocType, Record<DocType, number>>
	for (const actual of DOC_TYPE_VALUES) {
		confusion[actual] = Object.fromEntries(DOC_TYPE_VALUES.map((p) => [p, 0])) as Record<
			DocType,
			number
		>
	}
	for (const p of predictions) confusion[p.actual][p.predicted]++
	const f1s: number[] = []
	for (const label of DOC_TYPE_VALUES) {
		const tp = confusion[label][label]
		const support = DOC_TYPE_VALUES.reduce((s, p) => s + confusion[label][p], 0)
		const predicted = DOC_TYPE_VALUES.reduce((s, a) => s + confusion[a][label], 0)
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
export function evaluateModel(rows: readonly DoctypeRow[], model: DoctypeModel): Evaluation {
	const predictions: Prediction[] = []
	const trueProbabilities: number[] = []
	for (const row of rows) {
		const result = scoreDocumentType(row.text, model)
		predictions.push({ actual: row.label, predicted: result.label, confidence: result.confidence })
		trueProbabilities.push(result.scores[row.label])
	}
	return evaluate(predictions, trueProbabilities)
}

/** Evaluates out-of-fold scores at a temperature (cross-validated figures). */
export function evaluateScores(
	scored: readonly Scored[],
	temperature: number,
	minEvidenceTokens: number,
): Evaluation {
	const predictions: Prediction[] = []
	const trueProbabilities: number[] = []
	for (const s of scored) {
		const p = doctypeProbabilities(s.logits, s.evidence, temperature, minEvidenceTokens)
		let best = 0
		for (let c = 1; c < p.length; c++) if ((p[c] ?? 0) > (p[best] ?? 0)) best = c
		predictions.push({
			actual: s.label,
			predicted: DOC_TYPE_VALUES[best] as DocType,
			confidence: p[best] ?? 0,
		})
		trueProbabilities.push(p[DOC_TYPE_VALUES.indexOf(s.label)] ?? 0)
	}
	return evaluate(predictions, trueProbabilities)
}

/** A calibrated model: weights from all `rows`, temperature from their out-of-fold scores. */
export function trainCalibrated(
	rows: readonly DoctypeRow[],
	settings: DoctypeTrainSettings,
	identity?: { id: string; version: string },
): TrainedModel & { temperature: number; crossValidated: Evaluation } {
	const scored = outOfFoldScores(rows, settings)
	const temperature = fitTemperature(scored, settings.features.minEvidenceTokens)
	const trained = fitDoctypeModel(rows, settings, temperature, identity)
	return {
		...trained,
		temperature,
		crossValidated: evaluateScores(scored, temperature, settings.features.minEvidenceTokens),
	}
}
