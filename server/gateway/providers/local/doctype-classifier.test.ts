import { stat } from 'node:fs/promises'
import { describe, expect, test } from 'vitest'
import { GATEWAY_ERRORS } from '../../errors.ts'
import {
	classifyDocumentType,
	DOC_TYPE_VALUES,
	DOC_TYPES,
	DOCTYPE_MODEL_KIND,
	loadDoctypeModel,
	parseDoctypeModel,
	type DocType,
} from './doctype-classifier.ts'
import modelJson from './data/doctype-model.json' with { type: 'json' }

// Synthetic documents written for these tests; no dataset text.
const SYNTHETIC: Record<string, { label: DocType; text: string }> = {
	'discharge summary': {
		label: DOC_TYPES.dischargeSummary,
		text: `DISCHARGE SUMMARY
Admission Date: [date]  Discharge Date: [date]
ADMITTING DIAGNOSIS: Community-acquired pneumonia.
DISCHARGE DIAGNOSES: 1. Pneumonia, improved. 2. Type 2 diabetes.
HOSPITAL COURSE: The patient was admitted to the medical floor and treated with IV antibiotics.
Her oxygen requirement resolved by hospital day three and she tolerated a regular diet.
DISCHARGE MEDICATIONS: Amoxicillin for five more days, metformin.
DISCHARGE INSTRUCTIONS: Follow up with her primary care physician in one week.
CONDITION ON DISCHARGE: Stable.`,
	},
	'radiology report': {
		label: DOC_TYPES.radiologyReport,
		text: `CT ABDOMEN AND PELVIS WITH CONTRAST
INDICATION: Right lower quadrant pain.
TECHNIQUE: Axial images were obtained from the lung bases through the pubic symphysis after
intravenous contrast. Coronal and sagittal reformats were reviewed.
COMPARISON: None.
FINDINGS: The appendix is dilated to 11 mm with surrounding fat stranding. No free air. The liver,
spleen and kidneys are unremarkable.
IMPRESSION: Findings consistent with acute appendicitis. No abscess.`,
	},
	'pathology report': {
		label: DOC_TYPES.labPathologyReport,
		text: `SURGICAL PATHOLOGY REPORT
SPECIMEN: Skin, left forearm, shave biopsy.
GROSS DESCRIPTION: Received in formalin is a tan-white shave of skin measuring 0.6 x 0.5 x 0.1 cm.
The specimen is inked, bisected and entirely submitted in one cassette.
MICROSCOPIC DESCRIPTION: Sections show atypical basaloid cells with peripheral palisading and
retraction artifact extending to the deep margin.
DIAGNOSIS: Basal cell carcinoma, nodular type. Deep margin involved.`,
	},
	letter: {
		label: DOC_TYPES.letterCorrespondence,
		text: `Dear Dr. Rivera,
Thank you for referring your patient to our clinic. I saw her today in consultation regarding
her chronic headaches. My impression is tension-type headache without red flags. I have
recommended a trial of amitriptyline at bedtime and physical therapy, and I will see her again
in six weeks.
Please do not hesitate to contact me with any questions.
Sincerely,
A. Synthetic, MD`,
	},
}

/** What a poor fax and OCR do: l read as 1, o as 0, words hyphenated across broken lines. */
function ocrNoise(text: string): string {
	return text
		.replace(/l/g, '1')
		.replace(/o/g, '0')
		.replace(/\b(\w{4})(\w{4,})\b/g, '$1-\n$2')
}

const sum = (scores: Record<DocType, number>) => Object.values(scores).reduce((a, b) => a + b, 0)

describe('the committed model', () => {
	test('loads and is labelled as a local deterministic model', () => {
		const model = loadDoctypeModel()
		expect(model.kind).toBe(DOCTYPE_MODEL_KIND)
		expect(model.id).toBe('doctype-classifier')
		expect(model.version).toBe('1')
		expect(model.termIndex.size).toBeGreaterThan(1000)
	})

	test('its labels are DOC_TYPES, in order', () => {
		expect(loadDoctypeModel().labels).toEqual(DOC_TYPE_VALUES)
		expect(modelJson.labels).toEqual(Object.values(DOC_TYPES))
	})

	test('records its training data and held-out figures', () => {
		expect(modelJson.trainingData.name).toBe('doctype-mtsamples.jsonl')
		const heldOut = modelJson.evaluation.heldOut
		expect(heldOut.n).toBeGreaterThan(100)
		expect(heldOut.accuracy).toBeGreaterThan(0.7)
		expect(heldOut.macroF1).toBeGreaterThan(0.5)
		expect(heldOut.thresholds.length).toBeGreaterThan(0)
	})

	test('stays under 1.5 MB', async () => {
		const { size } = await stat(new URL('./data/doctype-model.json', import.meta.url))
		expect(size).toBeLessThan(1.5 * 1024 * 1024)
	})
})

describe('classifyDocumentType', () => {
	test.each(Object.entries(SYNTHETIC))('labels a synthetic %s', (_, { label, text }) => {
		const result = classifyDocumentType(text)
		expect(result.label).toBe(label)
		expect(result.confidence).toBe(result.scores[label])
		expect(result.confidence).toBeGreaterThan(0.5)
	})

	test.each(Object.entries(SYNTHETIC))(
		'labels a synthetic %s through OCR noise',
		(_, { label, text }) => {
			const noisy = ocrNoise(text)
			expect(noisy).not.toBe(text)
			expect(classifyDocumentType(noisy).label).toBe(label)
			expect(classifyDocumentType(noisy.toUpperCase()).label).toBe(label)
		},
	)

	test('is deterministic, also with a model parsed afresh from the same file', () => {
		const text = SYNTHETIC['radiology report']?.text ?? ''
		const first = classifyDocumentType(text)
		expect(classifyDocumentType(text)).toEqual(first)
		expect(classifyDocumentType(text, parseDoctypeModel(modelJson))).toEqual(first)
	})

	test('gives probabilities that sum to 1', () => {
		for (const text of [...Object.values(SYNTHETIC).map((s) => s.text), '', 'Dear Dr.']) {
			const { scores } = classifyDocumentType(text)
			expect(Object.keys(scores)).toEqual([...DOC_TYPE_VALUES])
			expect(sum(scores)).toBeCloseTo(1, 10)
			for (const p of Object.values(scores)) {
				expect(p).toBeGreaterThanOrEqual(0)
				expect(p).toBeLessThanOrEqual(1)
			}
		}
	})

	test('gives empty or blank text uniform scores and a low confidence', () => {
		for (const text of ['', '   \n\t ', '12/03/2026 14:05', '— . —']) {
			const result = classifyDocumentType(text)
			expect(result.confidence).toBeCloseTo(1 / DOC_TYPE_VALUES.length, 10)
			for (const p of Object.values(result.scores)) expect(p).toBeCloseTo(result.confidence, 10)
		}
	})

	test('gives a few words a low confidence, even when they point the right way', () => {
		const result = classifyDocumentType('DISCHARGE SUMMARY')
		expect(result.label).toBe(DOC_TYPES.dischargeSummary)
		expect(result.confidence).toBeLessThan(0.5)
	})

	test('handles a very long input without throwing', () => {
		const long = Object.values(SYNTHETIC)
			.map((s) => s.text)
			.join('\n')
			.repeat(2_000)
		expect(long.length).toBeGreaterThan(1_000_000)
		const result = classifyDocumentType(long)
		expect(DOC_TYPE_VALUES).toContain(result.label)
		expect(sum(result.scores)).toBeCloseTo(1, 10)
	})
})

describe('parseDoctypeModel refuses a model that does not fit', () => {
	const rejected = (value: unknown) => {
		try {
			parseDoctypeModel(value)
		} catch (error) {
			return error
		}
		throw new Error('the model was accepted')
	}
	const configInvalid = { code: GATEWAY_ERRORS.configInvalid }

	test('not an object', () => {
		expect(rejected(null)).toMatchObject(configInvalid)
	})

	test('another kind of model', () => {
		expect(rejected({ ...modelJson, kind: 'remote' })).toMatchObject(configInvalid)
	})

	test('labels in another order', () => {
		const labels = [...modelJson.labels].reverse()
		expect(rejected({ ...modelJson, labels })).toMatchObject(configInvalid)
	})

	test('a label outside DOC_TYPES', () => {
		const labels = [...modelJson.labels.slice(0, -1), 'referral']
		expect(rejected({ ...modelJson, labels })).toMatchObject(configInvalid)
	})

	test('a different normalization version', () => {
		const features = { ...modelJson.features, normalizationVersion: 999 }
		expect(rejected({ ...modelJson, features })).toMatchObject(configInvalid)
	})

	test('weights that do not match terms × labels', () => {
		const weights = modelJson.weights.slice(1)
		expect(rejected({ ...modelJson, weights })).toMatchObject(configInvalid)
	})

	test('one idf short', () => {
		expect(rejected({ ...modelJson, idf: modelJson.idf.slice(1) })).toMatchObject(configInvalid)
	})

	test('a bias missing', () => {
		expect(rejected({ ...modelJson, bias: modelJson.bias.slice(1) })).toMatchObject(configInvalid)
	})

	test('a repeated term', () => {
		const terms = [...modelJson.terms]
		terms[1] = terms[0] ?? ''
		expect(rejected({ ...modelJson, terms })).toMatchObject(configInvalid)
	})

	test('a non-finite temperature', () => {
		expect(rejected({ ...modelJson, temperature: Infinity })).toMatchObject(configInvalid)
	})
})
