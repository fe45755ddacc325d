import { describe, expect, test } from 'vitest'
import {
	DOC_TYPE_VALUES,
	scoreDocumentType,
	type DocType,
} from '#server/gateway/providers/local/doctype-scoring.ts'
import {
	DEFAULT_TRAIN_SETTINGS,
	evaluate,
	evaluateModel,
	fitTemperature,
	minimizeLbfgs,
	parseDoctypeRows,
	stratifiedFolds,
	stratifiedSplit,
	trainCalibrated,
	type DoctypeRow,
	type DoctypeTrainSettings,
} from './doctype-train.ts'

// A synthetic corpus: each label has words of its own, every document shares filler words.
const LABEL_WORDS: Record<DocType, string[]> = {
	consult_history_physical: ['consultation', 'requested', 'referring', 'assessment'],
	radiology_report: ['impression', 'findings', 'contrast', 'axial'],
	progress_note: ['subjective', 'objective', 'followup', 'improving'],
	discharge_summary: ['discharge', 'admitted', 'hospital', 'course'],
	emergency_dept_report: ['emergency', 'triage', 'ambulance', 'arrived'],
	office_note: ['office', 'visit', 'refill', 'routine'],
	letter_correspondence: ['dear', 'sincerely', 'thank', 'regards'],
	lab_pathology_report: ['specimen', 'gross', 'microscopic', 'margin'],
	autopsy_report: ['autopsy', 'decedent', 'postmortem', 'manner'],
}
const FILLER = ['the', 'patient', 'was', 'seen', 'today', 'with', 'pain', 'and', 'noted', 'plan']

function syntheticRows(perLabel: number): DoctypeRow[] {
	const rows: DoctypeRow[] = []
	for (const label of DOC_TYPE_VALUES) {
		const own = LABEL_WORDS[label]
		for (let i = 0; i < perLabel; i++) {
			const words = Array.from({ length: 40 }, (_, j) =>
				j % 3 === 0 ? own[(i + j) % own.length] : FILLER[(i * 7 + j) % FILLER.length],
			)
			rows.push({ id: `${label}-${i}`, label, text: words.join(' ') })
		}
	}
	return rows
}

const SMALL: DoctypeTrainSettings = {
	...DEFAULT_TRAIN_SETTINGS,
	features: { ...DEFAULT_TRAIN_SETTINGS.features, maxFeatures: 500 },
	calibrationFolds: 3,
}

describe('parseDoctypeRows', () => {
	test('reads JSONL rows and skips blank lines', () => {
		const jsonl = `{"id":"a","text":"x","label":"letter_correspondence","source":"s"}\n\n`
		expect(parseDoctypeRows(jsonl)).toEqual([
			{ id: 'a', text: 'x', label: 'letter_correspondence' },
		])
	})

	test('names a line that is not JSON by number, without its text', () => {
		expect(() => parseDoctypeRows('{"id":"a"\n')).toThrow(/^line 1 is not JSON$/)
	})

	test('refuses a label outside DOC_TYPES, naming the field, not the text', () => {
		const line = JSON.stringify({ id: 'a', text: 'secret words', label: 'referral' })
		expect(() => parseDoctypeRows(line)).toThrow(/^line 1: label do not validate$/)
	})

	test('refuses a repeated id', () => {
		const line = JSON.stringify({ id: 'a', text: '', label: 'office_note' })
		expect(() => parseDoctypeRows(`${line}\n${line}`)).toThrow(/line 2: the id repeats/)
	})
})

describe('splits', () => {
	const rows = syntheticRows(10)

	test('the stratified split is deterministic, disjoint and holds out every label', () => {
		const a = stratifiedSplit(rows, 0.2, 7)
		const b = stratifiedSplit([...rows].reverse(), 0.2, 7)
		expect(a.test.map((r) => r.id)).toEqual(b.test.map((r) => r.id))
		expect(a.train.length + a.test.length).toBe(rows.length)
		const held = new Set(a.test.map((r) => r.id))
		expect(a.train.some((r) => held.has(r.id))).toBe(false)
		expect(new Set(a.test.map((r) => r.label)).size).toBe(DOC_TYPE_VALUES.length)
		expect(a.test).toHaveLength(DOC_TYPE_VALUES.length * 2)
	})

	test('another seed holds out other rows', () => {
		const ids = (seed: number) => stratifiedSplit(rows, 0.2, seed).test.map((r) => r.id)
		expect(ids(1)).not.toEqual(ids(2))
	})

	test('folds partition the rows, each label spread across them', () => {
		const folds = stratifiedFolds(rows, 5, 3)
		expect(
			folds
				.flat()
				.map((r) => r.id)
				.sort(),
		).toEqual(rows.map((r) => r.id).sort())
		for (const fold of folds)
			expect(new Set(fold.map((r) => r.label)).size).toBe(DOC_TYPE_VALUES.length)
	})
})

describe('minimizeLbfgs', () => {
	test('finds the minimum of a convex quadratic', () => {
		const target = [3, -1, 0.5]
		const { x } = minimizeLbfgs(
			(p, g) => {
				let value = 0
				p.forEach((v, i) => {
					const d = v - (target[i] ?? 0)
					value += (i + 1) * d * d
					g[i] = 2 * (i + 1) * d
				})
				return value
			},
			new Float64Array(3),
			{ maxIterations: 100, tolerance: 1e-14 },
		)
		target.forEach((t, i) => expect(x[i]).toBeCloseTo(t, 5))
	})
})

describe('fitTemperature', () => {
	test('softens over-confident scores and sharpens timid ones', () => {
		// right 60 % of the time: a confident model is told to soften, a timid one to sharpen
		const [first, second] = DOC_TYPE_VALUES as [DocType, DocType]
		const scored = (scale: number) =>
			Array.from({ length: 100 }, (_, i) => {
				const logits = DOC_TYPE_VALUES.map((_, c) => (c === 0 ? scale : 0))
				const label: DocType = i % 5 < 3 ? first : second
				return { label, logits, evidence: 100 }
			})
		expect(fitTemperature(scored(20), 0)).toBeGreaterThan(1)
		expect(fitTemperature(scored(0.5), 0)).toBeLessThan(1)
	})
})

describe('evaluate', () => {
	test('counts accuracy, macro-F1, confusion and the auto-file share', () => {
		const [a, b] = DOC_TYPE_VALUES as [DocType, DocType]
		const e = evaluate(
			[
				{ actual: a, predicted: a, confidence: 0.95 },
				{ actual: a, predicted: b, confidence: 0.55 },
				{ actual: b, predicted: b, confidence: 0.85 },
				{ actual: b, predicted: b, confidence: 0.65 },
			],
			[0.95, 0.3, 0.85, 0.65],
		)
		expect(e.accuracy).toBe(0.75)
		expect(e.byLabel[a]).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 })
		expect(e.byLabel[b]).toEqual({ precision: 0.6667, recall: 1, f1: 0.8, support: 2 })
		expect(e.macroF1).toBe(0.7333)
		expect(e.confusion[a][b]).toBe(1)
		expect(e.thresholds.find((t) => t.threshold === 0.8)).toEqual({
			threshold: 0.8,
			share: 0.5,
			accuracy: 1,
			n: 2,
		})
		expect(e.thresholds.find((t) => t.threshold === 0.5)?.accuracy).toBe(0.75)
	})
})

describe('trainCalibrated', () => {
	const rows = syntheticRows(8)
	const { train, test: held } = stratifiedSplit(rows, 0.25, 5)
	const first = trainCalibrated(train, SMALL)

	test('learns a synthetic corpus it can then label', () => {
		expect(evaluateModel(held, first.model).accuracy).toBe(1)
		expect(first.temperature).toBeGreaterThan(0)
	})

	test('is deterministic to the byte', () => {
		expect(JSON.stringify(trainCalibrated(train, SMALL).json)).toBe(JSON.stringify(first.json))
	})

	test('writes rounded weights that the classifier reads back', () => {
		const decimals = (w: number) => (String(w).split('.')[1] ?? '').length
		expect(Math.max(...first.json.weights.map(decimals))).toBeLessThanOrEqual(SMALL.decimals)
		const row = held[0] as DoctypeRow
		expect(scoreDocumentType(row.text, first.model).label).toBe(row.label)
	})
})
