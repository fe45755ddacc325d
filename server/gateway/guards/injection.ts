import { z } from 'zod'
import { GATEWAY_ERRORS, GatewayError } from '../errors.ts'
import {
	featureWindows,
	INJECTION_FEATURES_VERSION,
	maxWindowLogit,
	normalizeCodes,
} from './injection-features.ts'
import { INJECTION_RULES, matchInjectionRules } from './injection-rules.ts'
import committedModel from './data/injection-model.json' with { type: 'json' }

/**
 * The input injection classifier: scores untrusted text (chart chunks, OCR text, uploads, tool
 * output) for instructions aimed at the model. Two parts, combined as independent evidence:
 *
 * - rules (injection-rules.ts): phrasing that addresses a model, chat-template markup, hidden
 *   characters, encoded payloads, code that reaches the network;
 * - a small logistic-regression model over hashed character and word n-grams
 *   (injection-features.ts), trained by tools/injection/injection-train.cli.ts; weights in
 *   data/injection-model.json.
 *
 * The model reads overlapping word windows and keeps the most suspicious one, so an instruction
 * planted in a long note is not averaged away. The text is only ever measured, never executed or
 * echoed. See docs/decisions/017-injection-classifier.md.
 */

/** The guard's id in audit records (`guards: [{ guard, verdict, score }]`). */
export const INJECTION_GUARD = 'injection'

export const INJECTION_VERDICTS = { pass: 'pass', flag: 'flag' } as const
export type InjectionVerdict = (typeof INJECTION_VERDICTS)[keyof typeof INJECTION_VERDICTS]

export type InjectionModel = {
	readonly id: string
	readonly version: number
	/** Number of hashed feature buckets, a power of two. */
	readonly dimension: number
	/** Words per window, and words between window starts. */
	readonly window: number
	readonly stride: number
	/** The threshold the model was calibrated for (0.5); callers may set their own. */
	readonly threshold: number
	readonly bias: number
	readonly weights: Float32Array
}

export type InjectionScore = {
	/** Combined probability-like score in [0, 1]: rules and model as independent evidence. */
	score: number
	verdict: InjectionVerdict
	/** Ids of the rules that fired, in rule order. */
	rules: string[]
	/**
	 * The model's score alone, for its most suspicious window. Calibrated so that 0.5 is the
	 * operating point chosen on validation data, the same scale the rule weights use.
	 */
	modelScore: number
}

export type InjectionOptions = {
	/** Flag at or above this score; defaults to the model's trained threshold. */
	threshold?: number
}

/** The committed model file's shape: weights are int8, `scale` apart, base64 encoded. */
export const injectionModelFileSchema = z.object({
	id: z.string().min(1),
	version: z.number().int().min(1),
	features: z.literal(INJECTION_FEATURES_VERSION),
	dimension: z
		.number()
		.int()
		.min(2)
		.max(2 ** 24)
		.refine((d) => (d & (d - 1)) === 0, 'a power of two'),
	window: z.number().int().min(4).max(1024),
	stride: z.number().int().min(1),
	threshold: z.number().gt(0).lt(1),
	bias: z.number().finite(),
	scale: z.number().positive().finite(),
	encoding: z.literal('int8-base64'),
	weights: z.string(),
	training: z.unknown().optional(),
})
export type InjectionModelFile = z.infer<typeof injectionModelFileSchema>

/** Parses a model file (as `unknown`); a model that does not validate makes the guard fail. */
export function loadInjectionModel(json: unknown): InjectionModel {
	const parsed = injectionModelFileSchema.safeParse(json)
	if (!parsed.success || parsed.data.stride > parsed.data.window) {
		throw new GatewayError(
			GATEWAY_ERRORS.guardFailed,
			'The injection model file does not validate',
			{
				cause: parsed.success ? 'stride larger than window' : parsed.error,
			},
		)
	}
	const file = parsed.data
	const bytes = Buffer.from(file.weights, 'base64')
	if (bytes.length !== file.dimension) {
		throw new GatewayError(GATEWAY_ERRORS.guardFailed, 'The injection model has the wrong size', {
			cause: `expected ${file.dimension} weights, found ${bytes.length}`,
		})
	}
	const quantized = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length)
	const weights = new Float32Array(file.dimension)
	for (let i = 0; i < file.dimension; i++) weights[i] = (quantized[i] ?? 0) * file.scale
	return {
		id: file.id,
		version: file.version,
		dimension: file.dimension,
		window: file.window,
		stride: file.stride,
		threshold: file.threshold,
		bias: file.bias,
		weights,
	}
}

let defaultModel: InjectionModel | null = null

/** The committed model (server/gateway/guards/data/injection-model.json), parsed once. */
export function defaultInjectionModel(): InjectionModel {
	defaultModel ??= loadInjectionModel(committedModel as unknown)
	return defaultModel
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** The model's logit for its most suspicious window (`-Infinity` for text with no words). */
export function modelInjectionLogit(text: string, model: InjectionModel): number {
	const codes = normalizeCodes(text)
	const windows = featureWindows(codes, model.window, model.stride)
	return maxWindowLogit(codes, windows, model.weights, model.bias, model.dimension - 1)
}

/** The model's score alone: the sigmoid of its most suspicious window (0 for empty text). */
export function modelInjectionScore(text: string, model: InjectionModel): number {
	return sigmoid(modelInjectionLogit(text, model))
}

const RULE_WEIGHTS = new Map(INJECTION_RULES.map((r) => [r.id, r.weight]))

/** Rules and model as independent evidence: 1 - (1 - model) × Π(1 - rule weight). */
export function combineInjectionEvidence(modelScore: number, rules: readonly string[]): number {
	let clean = 1 - modelScore
	for (const id of rules) clean *= 1 - (RULE_WEIGHTS.get(id) ?? 0)
	return 1 - clean
}

/**
 * Scores one untrusted text (a chunk, a message, a page of OCR). Throws GATEWAY_GUARD_FAILED if it
 * cannot score (bad input, bad threshold, broken model): the caller must then refuse, never pass
 * the text on unguarded.
 */
export function scoreInjection(
	text: string,
	model: InjectionModel = defaultInjectionModel(),
	options: InjectionOptions = {},
): InjectionScore {
	const threshold = options.threshold ?? model.threshold
	if (typeof text !== 'string') {
		throw new GatewayError(GATEWAY_ERRORS.guardFailed, 'The injection guard was given no text')
	}
	if (!(threshold > 0 && threshold < 1)) {
		throw new GatewayError(
			GATEWAY_ERRORS.guardFailed,
			'The injection threshold must lie strictly between 0 and 1',
		)
	}
	try {
		const rules = matchInjectionRules(text)
		const modelScore = modelInjectionScore(text, model)
		const score = combineInjectionEvidence(modelScore, rules)
		if (!Number.isFinite(score)) throw new Error('score is not a number')
		return {
			score,
			verdict: score >= threshold ? INJECTION_VERDICTS.flag : INJECTION_VERDICTS.pass,
			rules,
			modelScore,
		}
	} catch (cause) {
		throw new GatewayError(GATEWAY_ERRORS.guardFailed, 'The injection guard could not score', {
			cause,
		})
	}
}

/** The audit ledger's guard entry for a score (server/audit/events.ts `guards`). */
export function injectionGuardRecord(result: InjectionScore): {
	guard: typeof INJECTION_GUARD
	verdict: InjectionVerdict
	score: number
} {
	return { guard: INJECTION_GUARD, verdict: result.verdict, score: result.score }
}
