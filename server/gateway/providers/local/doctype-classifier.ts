/**
 * The local deterministic document-type classifier (decision 018), the embedded default behind
 * the gateway's `classifyDocument`: TF-IDF over normalized word unigrams, bigrams and capitalised
 * headings, then a multinomial logistic regression with temperature-calibrated probabilities.
 * Weights are committed in data/doctype-model.json, written by tools/doctype/doctype-train.cli.ts;
 * nothing here learns or reaches the network, and the same text always gets the same answer.
 *
 * Intake files a fax automatically only above a confidence threshold, so `confidence` is the
 * calibrated probability of the proposed label, shrunk towards uniform when the text holds too
 * few known words to judge: an empty or near-empty OCR result waits for a person.
 */
import modelJson from './data/doctype-model.json' with { type: 'json' }
import {
	parseDoctypeModel,
	scoreDocumentType,
	type DocTypeResult,
	type DoctypeModel,
} from './doctype-scoring.ts'

export {
	DOC_TYPES,
	DOC_TYPE_VALUES,
	DOCTYPE_MODEL_KIND,
	parseDoctypeModel,
	type DocType,
	type DocTypeResult,
	type DoctypeModel,
} from './doctype-scoring.ts'

let defaultModel: DoctypeModel | undefined

/** The committed model (data/doctype-model.json), parsed once. */
export function loadDoctypeModel(): DoctypeModel {
	defaultModel ??= parseDoctypeModel(modelJson)
	return defaultModel
}

/**
 * Proposes a document type for OCR text, with a calibrated confidence. Total: empty, short, noisy
 * or very long text gets an answer (a short one a low confidence), never an exception.
 */
export function classifyDocumentType(
	text: string,
	model: DoctypeModel = loadDoctypeModel(),
): DocTypeResult {
	return scoreDocumentType(text, model)
}
