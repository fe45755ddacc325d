import { describe, expect, test } from 'vitest'
import { deidentify } from '../../deid/tokenize.ts'
import { GATEWAY_ERRORS } from '../../errors.ts'
import { FAX_TYPE_VALUES, type FaxType } from '../../fax-types.ts'
import modelJson from './data/fax-type-model.json' with { type: 'json' }
import { faxJunkSignals } from './fax-junk-signals.ts'
import { classifyFaxType, loadFaxTypeModel, parseFaxTypeModel } from './faxtype-classifier.ts'

// Synthetic faxes written for these tests (no dataset text, no real person), de-identified as
// the gateway's classify route does it before the classifier sees them.
const deid = (text: string) => deidentify(text, { onUncertain: 'redact' }).text

const COVER = `FAX COVER SHEET
To: Dr. Ines Marlowe   Fax: (555) 301-4477
From: Lakeview Family Practice   Phone: (555) 301-4400
Date: 03/14/2026   Pages (including cover): 3
Re: patient records
CONFIDENTIALITY NOTICE: This facsimile contains confidential health information. If you have
received this fax in error, please notify the sender immediately and destroy all copies.`

const DOCUMENTS: Record<string, { label: FaxType; text: string }> = {
	'discharge summary': {
		label: 'discharge_summary',
		text: `DISCHARGE SUMMARY
Admission Date: 02/01/2026  Discharge Date: 02/05/2026
ADMITTING DIAGNOSIS: Community-acquired pneumonia.
DISCHARGE DIAGNOSES: 1. Pneumonia, improved. 2. Type 2 diabetes.
HOSPITAL COURSE: The patient was admitted and treated with IV antibiotics. Oxygen requirement
resolved by hospital day three.
DISCHARGE MEDICATIONS: Amoxicillin for five more days, metformin.
CONDITION ON DISCHARGE: Stable. Follow up with primary care in one week.`,
	},
	'imaging report': {
		label: 'imaging_report',
		text: `CT ABDOMEN AND PELVIS WITH CONTRAST
INDICATION: Right lower quadrant pain.
TECHNIQUE: Axial images were obtained after intravenous contrast.
COMPARISON: None.
FINDINGS: The appendix is dilated with surrounding fat stranding. No free air.
IMPRESSION: Findings consistent with acute appendicitis.`,
	},
	'pharmacy refill request': {
		label: 'pharmacy_request',
		text: `REFILL REQUEST
Corner Drug  Fax (555) 410-2233
To prescriber: Dr. Ines Marlowe
Patient: Tobias Grell  DOB 07/19/1958
Drug: lisinopril 20 mg daily  Qty: 90  Refills remaining: 0
[ ] Approved  refills: ____  [ ] Denied  [ ] Needs appointment
Prescriber signature: ____________ Please fax back to the pharmacy.`,
	},
	'lab report': {
		label: 'lab_result',
		text: `LABORATORY REPORT  FINAL
Collected: 03/02/2026  Reported: 03/03/2026
COMPREHENSIVE METABOLIC PANEL
Sodium 139 mmol/L 136-145
Potassium 5.4 H mmol/L 3.5-5.1
Creatinine 1.1 mg/dL 0.6-1.2
Glucose 142 H mg/dL 70-99
Specimen: serum. Status: FINAL.`,
	},
}

describe('the committed model', () => {
	test('loads, is labelled local deterministic, and its labels are the fax types in order', () => {
		const model = loadFaxTypeModel()
		expect(model.kind).toBe('local-deterministic')
		expect(model.id).toBe('fax-type-classifier')
		expect(model.labels).toEqual(FAX_TYPE_VALUES)
		expect(model.features.placeholders).toBe(true)
		expect(model.termIndex.size).toBeGreaterThan(1000)
	})

	test('records its held-out figures and its calibration', () => {
		const heldOut = modelJson.evaluation.heldOut
		expect(heldOut.calibrated.n).toBeGreaterThan(500)
		expect(heldOut.calibrated.accuracy).toBeGreaterThan(0.75)
		expect(heldOut.calibrated.ece).toBeLessThan(heldOut.uncalibrated.ece)
	})

	test('holds no placeholder numbering: placeholders are one term per label', () => {
		expect(modelJson.terms.some((t) => /\[\[|name_\d/.test(t))).toBe(false)
		expect(modelJson.terms).toContain('phname')
	})
})

describe('classifyFaxType', () => {
	test.each(Object.entries(DOCUMENTS))('labels a synthetic %s', (_, { label, text }) => {
		const result = classifyFaxType(deid(text))
		expect(result.label).toBe(label)
		expect(result.confidence).toBe(result.scores[label])
		expect(result).toMatchObject({ blank: false, coverSheetOnly: false, misdirected: false })
	})

	test.each(Object.entries(DOCUMENTS))(
		'labels a synthetic %s behind a cover sheet, and in capitals',
		(_, { label, text }) => {
			expect(classifyFaxType(deid(`${COVER}\f${text}`)).label).toBe(label)
			expect(classifyFaxType(deid(text.toUpperCase())).label).toBe(label)
		},
	)

	test('a cover sheet alone is junk, and says why', () => {
		const result = classifyFaxType(deid(COVER))
		expect(result).toMatchObject({ label: 'junk', coverSheetOnly: true, misdirected: false })
	})

	test('a misdirected-fax notice is junk, and says why', () => {
		const notice = `MISDIRECTED FAX NOTICE
To: Sending facility  Fax: (555) 301-4477
We received the attached fax in error. This patient is not known to our practice. The pages
have been shredded. Please verify the number before resending.`
		expect(classifyFaxType(deid(notice))).toMatchObject({ label: 'junk', misdirected: true })
	})

	test('blank pages are junk', () => {
		for (const text of ['', '  \n\f ', '. ~', 'Page 1 of 3']) {
			expect(classifyFaxType(text)).toMatchObject({ label: 'junk', blank: true })
		}
	})

	test('is deterministic and gives probabilities that sum to 1', () => {
		const text = deid(DOCUMENTS['lab report']?.text ?? '')
		const first = classifyFaxType(text)
		expect(classifyFaxType(text, parseFaxTypeModel(modelJson))).toEqual(first)
		const sum = Object.values(first.scores).reduce((a, b) => a + b, 0)
		expect(sum).toBeCloseTo(1, 10)
		expect(Object.keys(first.scores)).toEqual([...FAX_TYPE_VALUES])
	})

	test('handles a very long input without throwing', () => {
		const long = Object.values(DOCUMENTS)
			.map((d) => d.text)
			.join('\n')
			.repeat(1_500)
		expect(FAX_TYPE_VALUES).toContain(classifyFaxType(long).label)
	})
})

describe('the junk rules', () => {
	test('the confidentiality notice of a cover sheet is not a misdirected fax', () => {
		expect(faxJunkSignals(COVER).misdirected).toBe(false)
		expect(
			faxJunkSignals('Should you receive this fax in error, call us. See the attached referral.')
				.misdirected,
		).toBe(false)
	})

	test('a cover sheet in front of a document is not a cover sheet alone', () => {
		const text = `${COVER}\f${DOCUMENTS['discharge summary']?.text ?? ''}`
		expect(faxJunkSignals(text).coverSheetOnly).toBe(false)
	})

	test('placeholders are not words', () => {
		expect(faxJunkSignals('[[NAME_1]] [[DATE_2]] [[PHONE_3]] [[MRN_4]]').blank).toBe(true)
	})
})

describe('parseFaxTypeModel refuses a model that does not fit', () => {
	const rejected = (value: unknown) => {
		try {
			parseFaxTypeModel(value)
		} catch (error) {
			return error
		}
		throw new Error('the model was accepted')
	}
	const configInvalid = { code: GATEWAY_ERRORS.configInvalid }

	test('the MTSamples label set', () => {
		const labels = ['consult_history_physical', ...modelJson.labels.slice(1)]
		expect(rejected({ ...modelJson, labels })).toMatchObject(configInvalid)
	})
	test('labels in another order', () => {
		const labels = [...modelJson.labels].reverse()
		expect(rejected({ ...modelJson, labels })).toMatchObject(configInvalid)
	})
	test('weights that do not match terms × labels', () => {
		expect(rejected({ ...modelJson, weights: modelJson.weights.slice(1) })).toMatchObject(
			configInvalid,
		)
	})
})

describe('a cover sheet in front of a short document', () => {
	test('on its own page, is not a cover sheet alone', () => {
		const table = 'Sodium 139 mmol/L 136-145\nPotassium 5.4 H mmol/L 3.5-5.1'
		expect(faxJunkSignals(`${COVER}\f${table}`).coverSheetOnly).toBe(false)
		expect(faxJunkSignals(`${COVER}\f \f`).coverSheetOnly).toBe(true)
	})
})
