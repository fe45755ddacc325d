/**
 * The document-type model of decision 018: its vocabulary of labels, the model file's schema, and
 * scoring (TF-IDF of the terms of doctype-features.ts, a linear layer, a calibrated softmax).
 * Used by the classifier with the committed model and by training with models in the making.
 */
import { z } from 'zod'
import { GATEWAY_ERRORS, GatewayError } from '../../errors.ts'
import {
	countTerms,
	documentTerms,
	HEADING_PREFIX,
	NORMALIZATION_VERSION,
	NUMBER_TOKEN,
} from './doctype-features.ts'

/** The document types the model proposes: the labels of its training data, in model order. */
export const DOC_TYPES = {
	consultHistoryPhysical: 'consult_history_physical',
	radiologyReport: 'radiology_report',
	progressNote: 'progress_note',
	dischargeSummary: 'discharge_summary',
	emergencyDeptReport: 'emergency_dept_report',
	officeNote: 'office_note',
	letterCorrespondence: 'letter_correspondence',
	labPathologyReport: 'lab_pathology_report',
	autopsyReport: 'autopsy_report',
} as const
export type DocType = (typeof DOC_TYPES)[keyof typeof DOC_TYPES]
export const DOC_TYPE_VALUES: readonly DocType[] = Object.values(DOC_TYPES)

/** Marks the model as what it is, in the model file and in every result that names it. */
export const DOCTYPE_MODEL_KIND = 'local-deterministic'

const featureSettingsSchema = z.object({
	normalizationVersion: z.literal(NORMALIZATION_VERSION),
	ngrams: z.tuple([z.literal(1), z.literal(2)]),
	headings: z.boolean(),
	tf: z.literal('sublinear'),
	idf: z.literal('smooth'),
	norm: z.literal('l2'),
	minDf: z.number().int().min(1),
	maxFeatures: z.number().int().min(1),
	maxChars: z.number().int().min(1000),
	maxTokens: z.number().int().min(100),
	minEvidenceTokens: z.number().int().min(0),
	/** De-identification placeholders (`[[NAME_1]]`) read as one term each (`phname`); absent = no. */
	placeholders: z.boolean().optional(),
})
export type DoctypeFeatureJson = z.infer<typeof featureSettingsSchema>

const modelSchema = z.object({
	id: z.string().min(1),
	version: z.string().min(1),
	kind: z.literal(DOCTYPE_MODEL_KIND),
	labels: z.array(z.string().min(1)),
	features: featureSettingsSchema,
	temperature: z.number().positive().finite(),
	bias: z.array(z.number().finite()),
	terms: z.array(z.string().min(1)),
	idf: z.array(z.number().positive().finite()),
	/** Term-major: the weight of term t for label k is weights[t * labels.length + k]. */
	weights: z.array(z.number().finite()),
})
/** What the model file holds besides descriptive metadata (training data, evaluation). */
export type TextModelJson<L extends string = string> = Omit<
	z.infer<typeof modelSchema>,
	'labels'
> & {
	labels: L[]
}
export type DoctypeModelJson = TextModelJson<DocType>

/**
 * A parsed, checked linear text model ready to score with. The same model family serves more than
 * one label set (the MTSamples document types here, the fax types of decision 037).
 */
export type TextModel<L extends string> = {
	readonly id: string
	readonly version: string
	readonly kind: typeof DOCTYPE_MODEL_KIND
	readonly labels: readonly L[]
	readonly features: DoctypeFeatureJson
	readonly temperature: number
	readonly bias: readonly number[]
	readonly idf: readonly number[]
	readonly weights: readonly number[]
	readonly termIndex: ReadonlyMap<string, number>
}
export type DoctypeModel = TextModel<DocType>

export type TextResult<L extends string> = {
	label: L
	/** The calibrated probability of `label`, in [0, 1]. */
	confidence: number
	/** A probability per label; they sum to 1. */
	scores: Record<L, number>
	/** Which model answered, for the ledger and the UI label. */
	model: { id: string; version: string; kind: typeof DOCTYPE_MODEL_KIND }
}
export type DocTypeResult = TextResult<DocType>

function invalidModel(what: string, problem: string, cause?: unknown): GatewayError {
	return new GatewayError(
		GATEWAY_ERRORS.configInvalid,
		`The ${what} model is invalid: ${problem}`,
		{
			cause,
		},
	)
}

/** Checks a model file (parsed JSON, still `unknown`) and indexes its terms. */
export function parseDoctypeModel(value: unknown): DoctypeModel {
	return parseTextModel(value, DOC_TYPE_VALUES, 'document-type', 'DOC_TYPES')
}

/**
 * Checks a model file of this family against the label set it must have (`labels`, in order) and
 * indexes its terms. `what` and `vocabulary` only name the model in the error message.
 */
export function parseTextModel<L extends string>(
	value: unknown,
	labels: readonly L[],
	what: string,
	vocabulary: string,
): TextModel<L> {
	const invalid = (problem: string, cause?: unknown) => invalidModel(what, problem, cause)
	const result = modelSchema.safeParse(value)
	if (!result.success) {
		const where = result.error.issues.map((i) => i.path.join('.') || '(model)').join(', ')
		throw invalid(`fields ${where} do not validate`, result.error)
	}
	const json = result.data
	if (json.labels.join() !== labels.join()) {
		throw invalid(`its labels are not ${vocabulary} in order`)
	}
	const k = json.labels.length
	if (json.bias.length !== k) throw invalid('one bias per label is required')
	if (json.idf.length !== json.terms.length) throw invalid('one idf per term is required')
	if (json.weights.length !== json.terms.length * k) {
		throw invalid('one weight per term and label is required')
	}
	const termIndex = new Map<string, number>()
	json.terms.forEach((term, i) => termIndex.set(term, i))
	if (termIndex.size !== json.terms.length) throw invalid('its terms repeat')
	return {
		id: json.id,
		version: json.version,
		kind: json.kind,
		labels,
		features: json.features,
		temperature: json.temperature,
		bias: json.bias,
		idf: json.idf,
		weights: json.weights,
		termIndex,
	}
}

/** What turns text into a feature vector: the term vocabulary with its idf. */
export type DoctypeVocabulary = {
	readonly features: DoctypeFeatureJson
	readonly termIndex: ReadonlyMap<string, number>
	readonly idf: readonly number[]
}

export type DoctypeVector = {
	/** Term indices (in first-occurrence order) and their L2-normalized TF-IDF values. */
	indices: number[]
	values: number[]
	/** Occurrences of known words (unigrams, numbers aside), the evidence behind a score. */
	evidence: number
}

/** A unigram that is a word: not a number, a bigram or a heading feature. */
const isWordTerm = (term: string) =>
	term !== NUMBER_TOKEN && !term.includes(' ') && !term.startsWith(HEADING_PREFIX)

/** Sublinear TF × smoothed IDF over known terms, L2-normalized; unknown terms are dropped. */
export function doctypeVector(text: string, vocabulary: DoctypeVocabulary): DoctypeVector {
	const counts = countTerms(documentTerms(text, vocabulary.features).terms)
	const indices: number[] = []
	const values: number[] = []
	let norm = 0
	let evidence = 0
	for (const [term, count] of counts) {
		const index = vocabulary.termIndex.get(term)
		if (index === undefined) continue
		if (isWordTerm(term)) evidence += count
		const value = (1 + Math.log(count)) * (vocabulary.idf[index] ?? 0)
		indices.push(index)
		values.push(value)
		norm += value * value
	}
	const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
	return { indices, values: values.map((v) => v * scale), evidence }
}

/** The model's raw scores, bias + weights · vector, before temperature. */
export function doctypeLogits(
	text: string,
	model: Pick<TextModel<string>, 'labels' | 'bias' | 'weights' | keyof DoctypeVocabulary>,
): { logits: number[]; evidence: number } {
	const k = model.labels.length
	const { indices, values, evidence } = doctypeVector(text, model)
	const logits = [...model.bias]
	for (let j = 0; j < indices.length; j++) {
		const base = (indices[j] ?? 0) * k
		const x = values[j] ?? 0
		for (let c = 0; c < k; c++) logits[c] = (logits[c] ?? 0) + x * (model.weights[base + c] ?? 0)
	}
	return { logits, evidence }
}

/** Softmax of logits / temperature, shrunk towards uniform when evidence is thin. */
export function doctypeProbabilities(
	logits: readonly number[],
	evidence: number,
	temperature: number,
	minEvidenceTokens: number,
): number[] {
	const scaled = logits.map((z) => z / temperature)
	const max = Math.max(...scaled)
	const exp = scaled.map((z) => Math.exp(z - max))
	const sum = exp.reduce((a, b) => a + b, 0)
	const weight = minEvidenceTokens > 0 ? Math.min(1, evidence / minEvidenceTokens) : 1
	const uniform = 1 / logits.length
	return exp.map((e) => weight * (e / sum) + (1 - weight) * uniform)
}

/** The label, confidence and scores `model` gives `text` (see classifyDocumentType). */
export function scoreDocumentType(text: string, model: DoctypeModel): DocTypeResult {
	return scoreText(text, model)
}

/** The label, confidence and scores a model of this family gives `text`. */
export function scoreText<L extends string>(text: string, model: TextModel<L>): TextResult<L> {
	const { logits, evidence } = doctypeLogits(typeof text === 'string' ? text : '', model)
	const probabilities = doctypeProbabilities(
		logits,
		evidence,
		model.temperature,
		model.features.minEvidenceTokens,
	)
	let best = 0
	for (let c = 1; c < probabilities.length; c++) {
		if ((probabilities[c] ?? 0) > (probabilities[best] ?? 0)) best = c
	}
	const scores = Object.fromEntries(
		model.labels.map((label, c) => [label, probabilities[c] ?? 0]),
	) as Record<L, number>
	const label = model.labels[best] ?? (model.labels[0] as L)
	return {
		label,
		confidence: scores[label],
		scores,
		model: { id: model.id, version: model.version, kind: model.kind },
	}
}
