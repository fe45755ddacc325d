/**
 * The local deterministic fax-type classifier (decision 037), the embedded default behind the
 * gateway's `classifyDocument`: the model family of decision 018 (TF-IDF over normalized words,
 * word pairs and headings; a multinomial logistic regression; a fitted temperature), trained on
 * de-identified text for the 12 fax types, plus the junk rules of fax-junk-signals.ts. Weights are
 * committed in data/fax-type-model.json, written by tools/faxtype/faxtype-train.cli.ts.
 *
 * It is given de-identified text (the route's envelope is `deidentified`): placeholders such as
 * `[[NAME_1]]` are one term per label, as in training. Total: empty, short, noisy or very long
 * text gets an answer, never an exception.
 */
import { FAX_TYPE_VALUES, FAX_TYPES, type FaxType } from '../../fax-types.ts'
import modelJson from './data/fax-type-model.json' with { type: 'json' }
import { parseTextModel, scoreText, type TextModel, type TextResult } from './doctype-scoring.ts'
import { faxJunkSignals, type FaxJunkSignals } from './fax-junk-signals.ts'

export type FaxTypeModel = TextModel<FaxType>

export type FaxTypeResult = TextResult<FaxType> &
	FaxJunkSignals & {
		/** What the model alone proposed, before a junk rule decided (the same label otherwise). */
		modelLabel: FaxType
	}

/** Checks a fax-type model file (parsed JSON, still `unknown`): GATEWAY_CONFIG_INVALID if unfit. */
export function parseFaxTypeModel(value: unknown): FaxTypeModel {
	return parseTextModel(value, FAX_TYPE_VALUES, 'fax-type', 'FAX_TYPES')
}

let defaultModel: FaxTypeModel | undefined

/** The committed model (data/fax-type-model.json), parsed once. */
export function loadFaxTypeModel(): FaxTypeModel {
	defaultModel ??= parseFaxTypeModel(modelJson)
	return defaultModel
}

/**
 * Proposes a fax type for de-identified OCR text, with the model's calibrated confidence. A blank
 * page, a cover sheet alone and a misdirected-fax notice are `junk` whatever the model says; the
 * confidence is then the model's own probability of junk, so a rule the model doubts still waits
 * for a person.
 */
export function classifyFaxType(
	text: string,
	model: FaxTypeModel = loadFaxTypeModel(),
): FaxTypeResult {
	const safe = typeof text === 'string' ? text : ''
	const scored = scoreText(safe, model)
	const signals = faxJunkSignals(safe)
	const ruled = signals.blank || signals.coverSheetOnly || signals.misdirected
	const label = ruled ? FAX_TYPES.junk : scored.label
	return {
		...scored,
		...signals,
		label,
		confidence: scored.scores[label],
		modelLabel: scored.label,
	}
}
