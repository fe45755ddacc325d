import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { htmlToText } from './html.ts'
import { loadPath } from './index.ts'
import { splitSections } from './sections.ts'
import { scratchDir, textPdf } from './test-fixtures.ts'

/** Text, markdown and PDF files, and the heading splitter every note goes through. */
let scratch: Awaited<ReturnType<typeof scratchDir>>
beforeAll(async () => {
	scratch = await scratchDir()
})
afterAll(() => scratch.remove())

const headings = (text: string) => splitSections(text, ['x'], null).map((s) => [s.heading, s.text])

describe('splitSections', () => {
	test('does not take a line starting a link for a heading', () => {
		expect(headings('Subject: refill\nVisit http://refill.example/now to confirm.')).toEqual([
			['Subject', 'refill\nVisit http://refill.example/now to confirm.'],
		])
	})
	test('splits on markdown headings, carrying an empty heading into a deeper one', () => {
		expect(
			headings(
				'2020-01-01\n\n# Chief Complaint\n- Cough\n\n# Assessment and Plan\n\n## Plan\nRest.',
			),
		).toEqual([
			[null, '2020-01-01'],
			['Chief Complaint', '- Cough'],
			['Assessment and Plan / Plan', 'Rest.'],
		])
	})

	test('splits on capitals ending with a colon, and on a short "Heading:" at line start', () => {
		expect(
			headings(
				'CHIEF COMPLAINT:\nCough.\nHISTORY OF PRESENT ILLNESS: Two days.\nAssessment: viral.\nPlan of care:\nFluids.',
			),
		).toEqual([
			['CHIEF COMPLAINT', 'Cough.'],
			['HISTORY OF PRESENT ILLNESS', 'Two days.'],
			['Assessment', 'viral.'],
			['Plan of care', 'Fluids.'],
		])
	})

	test('leaves sentences, times and list lines alone', () => {
		expect(
			headings(
				'The patient was prescribed the following medications:\n- aspirin\nSeen at 10:30: stable.\nBP 120/80',
			),
		).toEqual([
			[
				null,
				'The patient was prescribed the following medications:\n- aspirin\nSeen at 10:30: stable.\nBP 120/80',
			],
		])
	})

	test('gives every section the ids and date it is given, and drops empty ones', () => {
		expect(splitSections('ALLERGIES:\n\nPlan: rest\r\n', ['doc-1'], '2020-01-01')).toEqual([
			{ heading: 'Plan', text: 'rest', fhirIds: ['doc-1'], date: '2020-01-01' },
		])
	})
})

describe('htmlToText', () => {
	test('keeps headings, paragraphs, list items and table cells readable', async () => {
		expect(
			await htmlToText(
				'<html><head><title>t</title><style>p{}</style></head><body><h2>Results</h2><table><tr><td>Na</td><td>140</td></tr></table><p>Fine&nbsp;&amp; well<br>today</p><script>alert(1)</script><ol><li>One</li><li>Two</li></ol></body></html>',
			),
		).toBe('## Results\n\nNa | 140\n\nFine & well\ntoday\n\n- One\n- Two')
	})
	test('decodes every HTML entity, keeps link text only, drops images, ignores cell whitespace', async () => {
		expect(
			await htmlToText(
				'<table>\n<tr>\n <td>K</td>\n <td>5.1 &plusmn; 0.1</td>\n</tr>\n</table><p>See <a href="https://example.org/x">the chart</a><img src="x.png" alt="scan"> &copy; &frac12;</p>',
			),
		).toBe('K | 5.1 ± 0.1\n\nSee the chart © ½')
	})
})

describe('text and PDF files', () => {
	test('a .txt file becomes one document of the given patient, split on its headings', async () => {
		const file = await scratch.write(
			'visit-note.txt',
			'\uFEFFOFFICE VISIT\r\n\r\nSUBJECTIVE:\r\nTired.\r\n\r\nPLAN:\r\nLabs.\r\n',
		)
		const { charts, resources } = await loadPath(file, { patient: { mrn: 'MRN-9' } })
		expect(resources).toBe(0)
		expect(charts).toEqual([
			{
				patient: null,
				patientRef: { mrn: 'MRN-9' },
				documents: [
					{
						sourceSystem: 'file',
						sourceId: 'file:visit-note.txt',
						type: 'other',
						title: 'visit-note',
						authoredAt: null,
						sections: [
							{ heading: null, text: 'OFFICE VISIT', fhirIds: [], date: null },
							{ heading: 'SUBJECTIVE', text: 'Tired.', fhirIds: [], date: null },
							{ heading: 'PLAN', text: 'Labs.', fhirIds: [], date: null },
						],
						fhirIds: [],
					},
				],
			},
		])
	})

	test('a .md file takes the document type it is given', async () => {
		const file = await scratch.write('referral.md', '# Reason for referral\nChest pain.\n')
		const { charts } = await loadPath(file, { patient: { fhirId: 'p-1' }, type: 'referral' })
		expect(charts[0]?.documents[0]?.type).toBe('referral')
		expect(charts[0]?.documents[0]?.sections[0]?.heading).toBe('Reason for referral')
	})

	test('a PDF with a text layer becomes one document split on its headings', async () => {
		const file = await scratch.write(
			'discharge.pdf',
			await textPdf([
				'DISCHARGE SUMMARY',
				'HOSPITAL COURSE:',
				'Uneventful recovery.',
				'MEDICATIONS:',
				'Aspirin 81 mg daily.',
			]),
		)
		const { charts } = await loadPath(file, {
			patient: { mrn: 'MRN-9' },
			type: 'discharge_summary',
		})
		const doc = charts[0]?.documents[0]
		expect(doc?.type).toBe('discharge_summary')
		expect(doc?.sourceId).toBe('file:discharge.pdf')
		expect(doc?.sections.map((s) => [s.heading, s.text])).toEqual([
			[null, 'DISCHARGE SUMMARY'],
			['HOSPITAL COURSE', 'Uneventful recovery.'],
			['MEDICATIONS', 'Aspirin 81 mg daily.'],
		])
	})
})
