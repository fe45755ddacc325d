import { describe, expect, test } from 'vitest'
import { detectIdentifiers } from './detect.ts'
import { analysisText } from './ocr-text.ts'

// Synthetic values only: invented people and places, 555 telephone numbers.

/** True when a detection (not an uncertain region) overlaps `value` in `text`. */
function found(text: string, value: string): boolean {
	const at = text.indexOf(value)
	if (at < 0) throw new Error(`test text does not contain ${value}`)
	return detectIdentifiers(text).spans.some((s) => s.start < at + value.length && at < s.end)
}

describe('the text the detector reads', () => {
	test('keeps the length and the offsets', () => {
		for (const text of [
			'PATIENT NAME: KOWALCZYK, BRONISLAWA  DOB: O4/12/l957',
			'straße STRASSE İSTANBUL ß',
			'MEDlCATlONS REVIEWED WITH P0RT STAFF',
		])
			expect(analysisText(text)).toHaveLength(text.length)
	})

	test('reads confused digits in numbers and letters in words', () => {
		const read = analysisText('DOB: O4/12/l957  TEL (S55) 013-2O07')
		expect(read).toContain('04/12/1957')
		expect(read).toContain('(555) 013-2007')
		expect(analysisText('P0RT')).toBe('PORT')
		expect(analysisText('MEDlCATlONS')).toBe('MEDICATIONS')
	})

	test('leaves clinical codes and addresses with digits alone', () => {
		for (const text of ['HbA1c 7.2%', 'IL10 level', 'B12 low', 'client_ip |86.121.97.248|'])
			expect(analysisText(text)).toBe(text)
	})

	test('re-cases an upper-case line as prose, and leaves placeholders as they are', () => {
		expect(analysisText('PATIENT SEEN WITH HER DAUGHTER')).toBe('patient seen with her daughter')
		const text = 'SEEN BY [[NAME_1]] TODAY'
		expect(analysisText(text, [{ start: 8, end: 18 }])).toContain('[[NAME_1]]')
	})
})

describe('OCR and upper-case text', () => {
	test('names in upper case, surname first', () => {
		expect(found('RE: QUARVELLO, TAMSIN  DOB: 03/14/1961', 'QUARVELLO, TAMSIN')).toBe(true)
		expect(found('PATIENT: BRELLOCK ZAUNDER\nADMITTED: 04/25/2019', 'BRELLOCK ZAUNDER')).toBe(true)
	})

	test('dates and phone numbers with confused characters', () => {
		expect(found('BIRTH DATE: 12/l8/20O5   SEX: M', '12/l8/20O5')).toBe(true)
		expect(found('HOME PHONE: (S55) 013-4421', '(S55) 013-4421')).toBe(true)
	})

	test('a town, state and ZIP code in upper case', () => {
		const text = 'ADDR: 842 W VICKRIDGE ST APT 3\nRATHHAVEN FALLS, WA 06493'
		expect(found(text, '842 W VICKRIDGE ST')).toBe(true)
		expect(found(text, 'RATHHAVEN FALLS')).toBe(true)
		expect(found(text, '06493')).toBe(true)
	})

	test('a relative named after a kin word, in upper case and in prose', () => {
		expect(found('LIVES WITH HIS HUSBAND SHOCK, WHO DRIVES', 'SHOCK')).toBe(true)
		expect(found('She is accompanied by her son, Poll, today.', 'Poll')).toBe(true)
	})

	test('places made of ordinary words', () => {
		expect(found('Originally from Lake Toll; moved in 2015.', 'Lake Toll')).toBe(true)
		expect(found('She moved to Rim Springs last year.', 'Rim Springs')).toBe(true)
		expect(found('Discharged home to 4520 Rack Terrace.', '4520 Rack Terrace')).toBe(true)
	})

	test('upper-case headings and clinical lines stay in the text', () => {
		const text =
			'HISTORY OF PRESENT ILLNESS: CHEST PAIN FOR TWO DAYS.\nPHYSICAL EXAMINATION: NORMAL.'
		expect(detectIdentifiers(text).spans).toEqual([])
	})
})
