/**
 * Training and evaluation of the fax-type model (decision 037), used by faxtype-train.cli.ts. The
 * model family and its optimizer are those of the document-type trainer (tools/doctype/); what is
 * new is the label set, the corpus, de-identified input, and calibration on held-out templates.
 *
 * Deterministic, like its sibling: the same corpus options and MTSamples file give the same model
 * file byte for byte. Nothing here prints or returns document text.
 */
import { FAX_TYPE_VALUES, type FaxType } from '#server/gateway/fax-types.ts'
import { deidentify, UNCERTAIN_POLICIES } from '#server/gateway/deid/tokenize.ts'
import { NORMALIZATION_VERSION } from '#server/gateway/providers/local/doctype-features.ts'
import { doctypeLogits, type TextModel } from '#server/gateway/providers/local/doctype-scoring.ts'
import { classifyFaxType } from '#server/gateway/providers/local/faxtype-classifier.ts'
import {
	evaluate,
	evaluateModel,
	evaluateScores,
	fitDoctypeModel,
	fitTemperature,
	type DoctypeRow,
	type DoctypeTrainSettings,
	type Evaluation,
	type Prediction,
	type Scored,
} from '../doctype/doctype-train.ts'
import type { CorpusRow } from './corpus.ts'

export type FaxRow = DoctypeRow<FaxType> & { split: CorpusRow['split']; fold: number }

export const FAXTYPE_TRAIN_SETTINGS: DoctypeTrainSettings<FaxType> = {
	labels: FAX_TYPE_VALUES,
	features: {
		normalizationVersion: NORMALIZATION_VERSION,
		ngrams: [1, 2],
		headings: true,
		tf: 'sublinear',
		idf: 'smooth',
		norm: 'l2',
		minDf: 3,
		maxFeatures: 10_000,
		maxChars: 100_000,
		maxTokens: 6_000,
		minEvidenceTokens: 12,
		placeholders: true,
	},
	l2: 1e-3,
	classWeightPower: 1,
	maxIterations: 300,
	decimals: 4,
	pruneBelow: 5e-4,
	calibrationFolds: 3,
	seed: 37,
}

export type DeidCounts = { certain: number; uncertainRedacted: number; refused: number }

/**
 * The text as the gateway's classify route sends it (decision 037): de-identified, uncertain
 * regions redacted when the detector is unsure; null when even that is refused (such a fax is
 * refused at run time too, so such a row is not trained on).
 */
export function deidentifyForClassify(
	text: string,
	counts?: DeidCounts,
): { text: string; uncertainRedacted: boolean } | null {
	try {
		const out = deidentify(text).text
		if (counts) counts.certain++
		return { text: out, uncertainRedacted: false }
	} catch {
		try {
			const out = deidentify(text, { onUncertain: UNCERTAIN_POLICIES.redact }).text
			if (counts) counts.uncertainRedacted++
			return { text: out, uncertainRedacted: true }
		} catch {
			if (counts) counts.refused++
			return null
		}
	}
}

/**
 * Corpus rows → training rows on de-identified text. Calibration folds: a synthetic training row's
 * fold is its template's index modulo `folds` (so each fold holds out whole templates); an
 * MTSamples row's is its position modulo `folds`. Held-out rows get fold -1.
 */
export function toFaxRows(
	corpus: readonly CorpusRow[],
	folds: number,
): { rows: FaxRow[]; deid: DeidCounts } {
	const deid: DeidCounts = { certain: 0, uncertainRedacted: 0, refused: 0 }
	const rows: FaxRow[] = []
	let other = 0
	for (const row of corpus) {
		const clean = deidentifyForClassify(row.text, deid)
		if (!clean) continue
		const fold =
			row.split === 'heldout'
				? -1
				: row.templateIndex >= 0
					? row.templateIndex % folds
					: other++ % folds
		rows.push({ id: row.id, text: clean.text, label: row.label, split: row.split, fold })
	}
	return { rows, deid }
}

/** Out-of-fold raw scores, each fold a set of whole templates the model did not see. */
export function templateOutOfFoldScores(
	rows: readonly FaxRow[],
	settings: DoctypeTrainSettings<FaxType>,
): Scored<FaxType>[] {
	const scored: Scored<FaxType>[] = []
	for (let f = 0; f < settings.calibrationFolds; f++) {
		const { model } = fitDoctypeModel(
			rows.filter((r) => r.fold !== f),
			settings,
		)
		for (const row of rows.filter((r) => r.fold === f))
			scored.push({ label: row.label, ...doctypeLogits(row.text, model) })
	}
	return scored
}

/** Figures of the whole local classifier (model and junk rules), as the gateway serves it. */
export function evaluateWithRules(
	rows: readonly FaxRow[],
	model: TextModel<FaxType>,
): Evaluation<FaxType> & { ruledJunk: number } {
	const predictions: Prediction<FaxType>[] = []
	const trueProbabilities: number[] = []
	let ruledJunk = 0
	for (const row of rows) {
		const result = classifyFaxType(row.text, model)
		if (result.label !== result.modelLabel) ruledJunk++
		predictions.push({ actual: row.label, predicted: result.label, confidence: result.confidence })
		trueProbabilities.push(result.scores[row.label])
	}
	return { ...evaluate(predictions, trueProbabilities, FAX_TYPE_VALUES), ruledJunk }
}

export type FaxTrainingRun = {
	temperature: number
	crossTemplate: Evaluation<FaxType>
	heldOutUncalibrated: Evaluation<FaxType>
	heldOut: Evaluation<FaxType>
	heldOutWithRules: Evaluation<FaxType> & { ruledJunk: number }
	candidate: { iterations: number; vocabularySize: number }
}

/**
 * Step 1 of the CLI: temperature from template-held-out folds of the training rows, a model on all
 * training rows, and its figures on the held-out templates (before and after calibration).
 */
export function trainAndMeasure(
	rows: readonly FaxRow[],
	settings: DoctypeTrainSettings<FaxType>,
): FaxTrainingRun & { model: TextModel<FaxType> } {
	const train = rows.filter((r) => r.split === 'train')
	const heldout = rows.filter((r) => r.split === 'heldout')
	const minEvidence = settings.features.minEvidenceTokens
	const scored = templateOutOfFoldScores(train, settings)
	const temperature = fitTemperature(scored, minEvidence, FAX_TYPE_VALUES)
	const candidate = fitDoctypeModel(train, settings, temperature)
	return {
		model: candidate.model,
		temperature,
		crossTemplate: evaluateScores(scored, temperature, minEvidence, FAX_TYPE_VALUES),
		heldOutUncalibrated: evaluateModel(heldout, { ...candidate.model, temperature: 1 }),
		heldOut: evaluateModel(heldout, candidate.model),
		heldOutWithRules: evaluateWithRules(heldout, candidate.model),
		candidate: { iterations: candidate.iterations, vocabularySize: candidate.vocabularySize },
	}
}
