import { describe, expect, test } from 'vitest'
import { DEV_EXAMPLES } from './extract.dev.fixtures.ts'
import { fieldHits } from './extract.fixtures.ts'
import { extractDemographics, parseName } from './extract.ts'

/** Synthetic fax texts only (invented people, numbers and clinics). */
const TODAY = new Date('2026-11-05T12:00:00Z')
const extract = (text: string) => extractDemographics(text, { today: TODAY })

describe('development examples', () => {
	test.each(DEV_EXAMPLES.map((e) => [e.id, e] as const))('%s', (_, example) => {
		const { demographics } = extract(example.text)
		expect(fieldHits(demographics, example.expect)).toEqual({
			name: true,
			birthDate: true,
			mrn: true,
			phone: true,
			notPatient: true,
		})
	})
})

describe('names in their written forms', () => {
	test.each([
		['SMITH, JOHN A', 'John', 'Smith'],
		['John A. Smith', 'John', 'Smith'],
		['Smith John', 'John', 'Smith'],
		['SMITH JOHN A', 'John', 'Smith'],
		["O'CONNELL, DECLAN", 'Declan', "O'Connell"],
		['Maria de la Cruz', 'Maria', 'Cruz'],
		['Keiko Tanabe-Ross', 'Keiko', 'Tanabe-Ross'],
		['SMITH JR, JOHN', 'John', 'Smith'],
	])('%s', (written, given, family) => {
		expect(parseName(written)).toEqual({ given, family })
	})

	test.each([
		'Prior authorization for lisinopril',
		'your patient',
		'Medical Records',
		'Chartside Medical Group',
	])('not a name: %s', (written) => expect(parseName(written)).toBeNull())
})

describe('birth dates in their formats', () => {
	test.each([
		['DOB: 03/04/1956', '1956-03-04'],
		['DOB: 3/4/56', '1956-03-04'],
		['DOB: 2/3/19', '2019-02-03'],
		['D.O.B. 1956-03-04', '1956-03-04'],
		['Date of Birth: 04-Mar-1956', '1956-03-04'],
		['Birthdate: March 4, 1956', '1956-03-04'],
		['Born 4 Mar 1956', '1956-03-04'],
		['DOB: 25/12/1979', '1979-12-25'],
		['DOB 03041956', '1956-03-04'],
		['D0B: O3/O4/l956', '1956-03-04'],
		['Birth date: 1956.03.04', '1956-03-04'],
	])('%s', (text, iso) => {
		expect(extract(`Patient: John Smith\n${text}`).demographics.birthDates).toEqual([iso])
	})

	test('a future or impossible date is not a birth date', () => {
		expect(extract('DOB: 02/30/1960').demographics.birthDates).toEqual([])
		expect(extract('DOB: 12/01/2030').demographics.birthDates).toEqual([])
	})

	test('a visit date is not taken for the birth date', () => {
		expect(extract('Patient: John Smith\nVisit date: 10/01/2026').demographics.birthDates).toEqual(
			[],
		)
	})
})

describe('record numbers under their labels', () => {
	test.each([
		['MRN: 10044872', '10044872'],
		['MR#: 77O4l2', '770412'],
		['Med Rec No: A-55120', 'A-55120'],
		['Medical Record Number: 000123987', '000123987'],
		['Chart #: 440291', '440291'],
		['Patient ID: WFP-88213', 'WFP-88213'],
	])('%s', (text, mrn) => {
		expect(extract(text).demographics.mrns).toEqual([mrn])
	})

	test.each([
		'Acct #: 99120033',
		'Account No: 5512009',
		'Member ID: W22199401',
		'Medical records from 2024-01-01',
	])('not a record number: %s', (text) => expect(extract(text).demographics.mrns).toEqual([]))
})

describe('phones', () => {
	test('the patient’s phone is kept as ten digits; the fax, the sender and toll-free numbers are not', () => {
		const text = `From: Maple Street Clinic   Phone: (555) 201-7788   Fax: 555-201-0000
Patient: John Smith   DOB: 03/04/1956
Home Phone: +1 (555) 444-1234
Questions? Call 1-800-555-0110`
		expect(extract(text).demographics.phones).toEqual(['5554441234'])
	})
})

describe('cover sheets: the sender, recipient and physicians are not the patient', () => {
	test('with no patient label, no name is taken from From/To/Attn/Dr. lines', () => {
		const text = `FAX\nTo: Dr. Samuel Rivera\nFrom: Karen Holt, RN\nAttn: Jordan Lee\nRe: lab results`
		expect(extract(text).demographics.names).toEqual([])
	})

	test('a "Name:" under a prescriber heading is not the patient', () => {
		const text = `Prescriber Information\nName: Victor Adeyemi, MD\nNPI: 1234567893`
		expect(extract(text).demographics.names).toEqual([])
	})

	test('a Re: line naming the physician is not taken', () => {
		const text = `From: Dr. Cole Winters\nRe: Cole Winters\nDOB: 01/01/1950`
		expect(extract(text).demographics.names).toEqual([])
	})
})

test('each value comes with the span it was read from', () => {
	const text = `To: Records\nPatient: SMITH, JOHN A   DOB: 03/04/1956   MRN: 10044872\nHome phone: 555-444-1234`
	const { spans } = extract(text)
	const read = spans.map((s) => [s.field, text.slice(s.start, s.end)])
	expect(read).toEqual([
		['name', 'SMITH, JOHN A'],
		['birthDate', '03/04/1956'],
		['mrn', '10044872'],
		['phone', '555-444-1234'],
	])
})

test('sex is read from its label', () => {
	expect(extract('Patient: Jane Roe  Sex: F').demographics.sex).toBe('female')
	expect(extract('Gender: Male').demographics.sex).toBe('male')
	expect(extract('Patient: Jane Roe').demographics.sex).toBeUndefined()
})

test('empty text yields nothing', () => {
	expect(extract('')).toEqual({
		demographics: { names: [], birthDates: [], mrns: [], phones: [] },
		spans: [],
	})
})

describe('names with accents and long record numbers', () => {
	test('an accented name is read, its span still pointing at the original letters', () => {
		const text = 'Patient Name - JESÚS ALVAREZ\nBirth Date - 10-12-1984'
		const { demographics, spans } = extractDemographics(text)
		expect(demographics.names[0]).toMatchObject({ given: 'Jesus', family: 'Alvarez' })
		const name = spans.find((s) => s.field === 'name')
		expect(name && text.slice(name.start, name.end)).toMatch(/JESÚS ALVAREZ|JESÚS|ALVAREZ/)
	})

	test('a record number as long as a UUID is read whole', () => {
		const { demographics } = extractDemographics(
			'Patient: Raymon, Kris  DOB: 09/29/1991  Patient ID: ca5da59f-0a70-470d-8b20-a1c847ff9010',
		)
		expect(demographics.mrns).toEqual(['CA5DA59F-0A70-470D-8B20-A1C847FF9010'])
	})
})
