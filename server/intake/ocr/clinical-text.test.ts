import { describe, expect, test } from 'vitest'
import { CLINICAL_UNITS, correctClinicalText } from './clinical-text.ts'

describe('clinical OCR corrections', () => {
	test.each([
		['Hemoglobin Alc 7.2%', 'Hemoglobin A1c 7.2%'],
		['HbAlc: 6.9 %', 'HbA1c: 6.9 %'],
		['A1C 8.1', 'A1c 8.1'],
		['AIc = 5.6', 'A1c = 5.6'],
		['A|c 7%', 'A1c 7%'],
		['HbA1C <5.7', 'HbA1c <5.7'],
		['Alc 7.O%', 'A1c 7.0%'],
	])('A1c before a value: %j', (raw, fixed) => {
		expect(correctClinicalText(raw)).toBe(fixed)
	})

	test.each([
		['Potassium 1O.2 mmol/L', 'Potassium 10.2 mmol/L'],
		['Sodium 14O mmol/L', 'Sodium 140 mmol/L'],
		['7.O%', '7.0%'],
		['WBC l2.5', 'WBC 12.5'],
		['K 5.l', 'K 5.1'],
		['Platelets 2l5', 'Platelets 215'],
		['on 1O/12/2026', 'on 10/12/2026'],
		['call 555-O1O2', 'call 555-0102'],
	])('digits inside numbers: %j', (raw, fixed) => {
		expect(correctClinicalText(raw)).toBe(fixed)
	})

	test.each([
		['glucose 102 mg/dl', 'glucose 102 mg/dL'],
		['glucose 102mg/dl', 'glucose 102mg/dL'],
		['creatinine 1.1 mg/dI', 'creatinine 1.1 mg/dL'],
		['K 5.1 mmoI/L', 'K 5.1 mmol/L'],
		['K 5.1 mmol/l', 'K 5.1 mmol/L'],
		['Na 140 mEq/l', 'Na 140 mEq/L'],
		['troponin 0.02 ng/ml', 'troponin 0.02 ng/mL'],
		['ALT 30 U/l', 'ALT 30 U/L'],
		['eGFR 60 mL/mln', 'eGFR 60 mL/min'],
	])('units: %j', (raw, fixed) => {
		expect(correctClinicalText(raw)).toBe(fixed)
	})

	test.each([
		// Alcohol, not A1c: no value that looks like one follows.
		'Alc use: none',
		'Alc 2 drinks per day',
		'Alcohol 7.2 units',
		// Words are never touched, even when they hold a confusable letter next to a digit.
		'O2 sat 98% on room air',
		'5Omg tablet',
		'Hemoglobin Hematocrit Oncology',
		'I saw the patient. Io and Ol are names.',
		'10l of fluid',
		'take 1 tablet',
		// A table rule between numbers is not a one.
		'5.1 | 140',
		'5.1|140',
		// Units in capitals are a lab's style.
		'GLUCOSE 102 MG/DL',
		// Not a unit we know.
		'and/or w/o s/p',
		'A1c 7.2%',
		'',
	])('leaves alone %j', (text) => {
		expect(correctClinicalText(text)).toBe(text)
	})

	test('keeps every offset: the output has the length of the input', () => {
		const text =
			'LAB RESULTS\nHbAlc 7.O% Potassium 1O.2 mmoI/L glucose l02 mg/dl\nAlc use: none. O2 sat 98%'
		const fixed = correctClinicalText(text)
		expect(fixed).toBe(
			'LAB RESULTS\nHbA1c 7.0% Potassium 10.2 mmol/L glucose 102 mg/dL\nAlc use: none. O2 sat 98%',
		)
		expect(fixed).toHaveLength(text.length)
	})

	test('is idempotent', () => {
		const once = correctClinicalText('HbAlc 7.O% K 1O.2 mmoI/L glucose l02 mg/dl')
		expect(correctClinicalText(once)).toBe(once)
	})

	test('every known unit is left as it is spelled', () => {
		for (const unit of CLINICAL_UNITS) expect(correctClinicalText(`5 ${unit}`)).toBe(`5 ${unit}`)
	})
})
