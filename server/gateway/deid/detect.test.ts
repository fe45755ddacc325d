import { describe, expect, test } from 'vitest'
import {
	detectIdentifiers,
	IDENTIFIER_LABELS,
	SAFE_HARBOR,
	type IdentifierLabel,
} from './detect.ts'
import { ibanValid, luhnValid } from './patterns.ts'

// Synthetic values only: invented people and places, 555-01xx telephone numbers, documented test
// card and IBAN numbers, TEST-NET (192.0.2.0/24) addresses and example.org.

/** The detected values of `text`, as [label, value] pairs. */
function found(text: string): Array<[IdentifierLabel, string]> {
	return detectIdentifiers(text).spans.map((s) => [s.label, text.slice(s.start, s.end)])
}

/** True when every character of `value` (bar spaces and punctuation) is inside a detection. */
function covered(text: string, value: string, label?: IdentifierLabel): boolean {
	const at = text.indexOf(value)
	if (at < 0) throw new Error(`test text does not contain ${value}`)
	const { spans } = detectIdentifiers(text)
	for (let i = at; i < at + value.length; i++) {
		if (/[\s.,;:()-]/.test(text[i] ?? '')) continue
		const hit = spans.find((s) => i >= s.start && i < s.end)
		if (!hit || (label && hit.label !== label)) return false
	}
	return true
}

describe('the vocabulary', () => {
	test('is the 18 Safe Harbor categories', () => {
		expect(IDENTIFIER_LABELS).toHaveLength(18)
		expect(new Set(IDENTIFIER_LABELS).size).toBe(18)
		expect(Object.keys(SAFE_HARBOR)).toEqual(IDENTIFIER_LABELS)
	})
})

describe('what is not an identifier stays in the text', () => {
	test('eponyms of diseases, signs and devices are not people', () => {
		for (const text of [
			'History of Parkinson disease and Crohn disease.',
			"Bell's palsy on the left; Murphy's sign negative.",
			'A Foley catheter was placed; Graves disease is in remission.',
			'negative murphy sign and a history of wilson disease',
		]) {
			expect(found(text).filter(([label]) => label === 'NAME')).toEqual([])
		}
	})

	test('clinical numbers are not phone, account or record numbers', () => {
		for (const text of [
			'BP 128/84, HR 72, temperature 98.6, SpO2 97% on room air.',
			'Take 2 tablets 3 times daily for 10 days.',
			'Type 2 diabetes since 2019; HbA1c 7.2%.',
			'Na 140, K 4.1, Cl 102, CO2 24, BUN 18, Cr 1.1, glucose 95.',
		]) {
			expect(found(text)).toEqual([])
		}
	})

	test('headings, drugs and countries are not names', () => {
		const text =
			'HISTORY OF PRESENT ILLNESS: Returned from Liberia last week. Started Lipitor and metformin.'
		expect(found(text)).toEqual([])
		expect(detectIdentifiers(text).uncertain).toEqual([])
	})

	test('a year on its own and an age up to 89 are not dates (Safe Harbor keeps them)', () => {
		expect(found('Diagnosed in 2019 at age 64; a 71-year-old man.')).toEqual([])
	})
})

describe('each Safe Harbor category is detected', () => {
	test('NAME: after a title, from the name lists, in lower-case speech, in lists', () => {
		expect(covered('Seen today by Dr. Ames Korrin for follow-up.', 'Ames Korrin', 'NAME')).toBe(
			true,
		)
		expect(
			covered(
				'Margaret Ellingsworth is here for her annual exam.',
				'Margaret Ellingsworth',
				'NAME',
			),
		).toBe(true)
		expect(covered('[doctor] hi , martha . how are you today ?', 'martha', 'NAME')).toBe(true)
		expect(covered('Founders: Quillon, Michael and Tarrow.', 'Quillon', 'NAME')).toBe(true)
		expect(covered('PATIENT: NORA VINTNER', 'NORA VINTNER', 'NAME')).toBe(true)
		expect(covered('My name is Zepharine Olloway.', 'Zepharine Olloway', 'NAME')).toBe(true)
		const card = 'Zepharine Olloway\nQuillon Partners\n12 Brakke Road\nPhone: 555-0142'
		expect(covered(card, 'Zepharine Olloway', 'NAME')).toBe(true)
	})

	test('GEOGRAPHIC: street address, city and ZIP code', () => {
		const text = 'She lives at 42 Larkspur Lane, Fairhaven, MA 02719 with her husband.'
		expect(covered(text, '42 Larkspur Lane, Fairhaven, MA 02719', 'GEOGRAPHIC')).toBe(true)
		expect(
			covered(
				'Please send it to 6750 Brakkeveien 25\nApt. 864\nVollmark',
				'6750 Brakkeveien 25\nApt. 864\nVollmark',
			),
		).toBe(true)
		expect(covered('zip code is 02719', '02719', 'GEOGRAPHIC')).toBe(true)
	})

	test('DATE: every element but the year, and ages over 89', () => {
		expect(covered('DOB: 03/14/1961.', '03/14/1961', 'DATE')).toBe(true)
		expect(
			covered('Admitted on March 3, 2024 and discharged 2024-03-09.', 'March 3, 2024', 'DATE'),
		).toBe(true)
		expect(
			covered('Admitted on March 3, 2024 and discharged 2024-03-09.', '2024-03-09', 'DATE'),
		).toBe(true)
		expect(covered('A 93-year-old woman with dementia.', '93-year-old', 'DATE')).toBe(true)
		expect(covered('She was born in 1931.', '1931', 'DATE')).toBe(true)
	})

	test('PHONE', () => {
		expect(covered('Call her at (555) 010-4477 after noon.', '(555) 010-4477', 'PHONE')).toBe(true)
		expect(covered('Mobile: +1-555-014-2290', '+1-555-014-2290', 'PHONE')).toBe(true)
	})

	test('FAX', () => {
		expect(covered('Fax: 555-0199', '555-0199', 'FAX')).toBe(true)
		expect(covered('555-014-7788 fax', '555-014-7788', 'FAX')).toBe(true)
	})

	test('EMAIL', () => {
		expect(
			covered('Write to nora.vintner@example.org today.', 'nora.vintner@example.org', 'EMAIL'),
		).toBe(true)
	})

	test('SSN', () => {
		expect(covered('SSN 123-45-6789 on file.', '123-45-6789', 'SSN')).toBe(true)
		expect(covered('social security number 123456789', '123456789', 'SSN')).toBe(true)
	})

	test('MRN', () => {
		expect(covered('MRN: A4417720', 'A4417720', 'MRN')).toBe(true)
		expect(covered('medical record number 00447172', '00447172', 'MRN')).toBe(true)
	})

	test('HEALTH_PLAN', () => {
		expect(covered('Member ID: XKB448812003', 'XKB448812003', 'HEALTH_PLAN')).toBe(true)
		expect(covered('Medicaid number 7740019921', '7740019921', 'HEALTH_PLAN')).toBe(true)
	})

	test('ACCOUNT: card numbers (Luhn), bank accounts and IBANs (mod 97)', () => {
		expect(
			covered('Card 4111 1111 1111 1111 was declined.', '4111 1111 1111 1111', 'ACCOUNT'),
		).toBe(true)
		expect(covered('account number 00123456789', '00123456789', 'ACCOUNT')).toBe(true)
		expect(
			covered('Refund to GB82WEST12345698765432 please.', 'GB82WEST12345698765432', 'ACCOUNT'),
		).toBe(true)
		expect(covered('billed to 4111111111111111', '4111111111111111', 'ACCOUNT')).toBe(true)
	})

	test('LICENSE: driver licence, DEA and other certificate numbers', () => {
		expect(covered("Driver's license number D1234567.", 'D1234567', 'LICENSE')).toBe(true)
		expect(covered('DEA number AB1234563', 'AB1234563', 'LICENSE')).toBe(true)
	})

	test('VEHICLE: VIN and licence plate', () => {
		expect(covered('VIN 1HGCM82633A004352 on the report.', '1HGCM82633A004352', 'VEHICLE')).toBe(
			true,
		)
		expect(covered('license plate 7ABC123', '7ABC123', 'VEHICLE')).toBe(true)
	})

	test('DEVICE: serial numbers of devices and implants', () => {
		expect(covered('Pacemaker serial number PJN4471902.', 'PJN4471902', 'DEVICE')).toBe(true)
		expect(covered('UDI: 00844588003288', '00844588003288', 'DEVICE')).toBe(true)
	})

	test('URL', () => {
		expect(
			covered(
				'Results at https://portal.example.org/p/4471.',
				'https://portal.example.org/p/4471',
				'URL',
			),
		).toBe(true)
		expect(covered('see www.example.org/records', 'www.example.org/records', 'URL')).toBe(true)
	})

	test('IP', () => {
		expect(covered('Logged in from 192.0.2.44 at night.', '192.0.2.44', 'IP')).toBe(true)
		expect(
			covered('Logged in from 2001:db8::8a2e:370:7334.', '2001:db8::8a2e:370:7334', 'IP'),
		).toBe(true)
		expect(found('Seen at 10:30:00 and 14:45.')).toEqual([])
	})

	test('BIOMETRIC: finger and voice print identifiers', () => {
		expect(covered('fingerprint template FP-99812-A enrolled', 'FP-99812-A', 'BIOMETRIC')).toBe(
			true,
		)
		expect(covered('voiceprint id VP4471', 'VP4471', 'BIOMETRIC')).toBe(true)
	})

	test('PHOTO: image files and inline images', () => {
		expect(
			covered('Wound photo attached: wound_left_heel.jpg', 'wound_left_heel.jpg', 'PHOTO'),
		).toBe(true)
		expect(
			covered(
				'img data:image/png;base64,iVBORw0KGgoAAAANSUhEUg',
				'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg',
				'PHOTO',
			),
		).toBe(true)
	})

	test('OTHER_ID: long numbers and codes with no context', () => {
		expect(covered('Reference 7730019284 for the transfer.', '7730019284', 'OTHER_ID')).toBe(true)
		expect(covered('Case QX-448812-7 closed.', 'QX-448812-7', 'OTHER_ID')).toBe(true)
	})
})

describe('uncertain regions', () => {
	test('an unknown capitalised word is uncertain, not dropped and not a detection', () => {
		const text = 'Referred by the Quorvane clinic.'
		const { spans, uncertain } = detectIdentifiers(text)
		expect(spans).toEqual([])
		expect(uncertain.map((u) => text.slice(u.start, u.end))).toEqual(['Quorvane'])
		expect(uncertain[0]?.reason).toBe('UNKNOWN_CAPITALIZED')
	})

	test('a place-like word after a preposition is a possible place', () => {
		const text = 'She flew back from Ostravik yesterday.'
		const { uncertain, spans } = detectIdentifiers(text)
		expect([...uncertain, ...spans].some((r) => text.slice(r.start, r.end) === 'Ostravik')).toBe(
			true,
		)
	})

	test('a digit run shaped like a phone number without context is a possible phone', () => {
		const text = 'The code was 4471 2290 88.'
		const { uncertain } = detectIdentifiers(text)
		expect(uncertain.map((u) => [u.reason, text.slice(u.start, u.end)])).toEqual([
			['POSSIBLE_PHONE', '4471 2290 88'],
		])
	})

	test('regions are sorted, do not overlap, and do not overlap detections', () => {
		const text =
			'Quorvane and Dr. Ames Korrin met at 42 Larkspur Lane; Tellbrook called 555-0142 about Vossary.'
		const { spans, uncertain } = detectIdentifiers(text)
		const all = [...spans, ...uncertain].sort((a, b) => a.start - b.start)
		for (let i = 1; i < all.length; i++) {
			expect((all[i] as { start: number }).start).toBeGreaterThanOrEqual(
				(all[i - 1] as { end: number }).end,
			)
		}
	})
})

describe('checksums', () => {
	test('Luhn accepts the test card and rejects a changed digit', () => {
		expect(luhnValid('4111111111111111')).toBe(true)
		expect(luhnValid('4111111111111112')).toBe(false)
	})

	test('IBAN mod 97 accepts the documented example and rejects a changed digit', () => {
		expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true)
		expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false)
	})
})

describe('hostile input', () => {
	test('long runs that trip backtracking expressions are scanned once', () => {
		const inputs = [
			'a'.repeat(50_000) + '@',
			'1 '.repeat(20_000),
			'9'.repeat(50_000),
			'a.'.repeat(20_000) + 'com',
			'[['.repeat(20_000),
			'Aa '.repeat(20_000),
			'-'.repeat(50_000) + '1',
			('1.' + '2'.repeat(3)).repeat(10_000),
		]
		for (const text of inputs) expect(() => detectIdentifiers(text)).not.toThrow()
	})

	test('a non-string is refused with a TypeError', () => {
		expect(() => detectIdentifiers(42 as unknown as string)).toThrow(TypeError)
	})
})
