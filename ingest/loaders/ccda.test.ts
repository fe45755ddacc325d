import { existsSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { hl7Time } from './ccda.ts'
import { documentText, IngestError, INGEST_ERRORS, loadPath } from './index.ts'
import { base64, expectWellFormed, scratchDir, textPdf } from './test-fixtures.ts'
import type { LoadedChart } from './types.ts'

/** C-CDA → one chart with one document: a synthetic document checked line by line, then HL7's examples. */
let scratch: Awaited<ReturnType<typeof scratchDir>>
beforeAll(async () => {
	scratch = await scratchDir()
})
afterAll(() => scratch.remove())

const header = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
	<id root="2.16.840.1.113883.19.5" extension="DOC-7"/>
	<code code="18842-5" codeSystem="2.16.840.1.113883.6.1" displayName="Discharge summary"/>
	<title>Discharge Summary</title>
	<effectiveTime value="20240305143000-0500"/>
	<recordTarget><patientRole>
		<id root="2.16.840.1.113883.4.1" extension="000-00-0000"/>
		<id root="2.16.840.1.113883.19.5.99" extension="MRN-77"/>
		<patient>
			<name use="L"><given>Testa</given><given qualifier="CL">Tee</given><family>Example</family></name>
			<administrativeGenderCode code="F" codeSystem="2.16.840.1.113883.5.1"/>
			<birthTime value="19700102"/>
		</patient>
	</patientRole></recordTarget>
	<component>${body}</component>
</ClinicalDocument>`

const STRUCTURED = header(`<structuredBody>
	<component><section>
		<title>MEDICATIONS</title>
		<text><table><thead><tr><th>Drug</th><th>Dose</th><th>Note</th></tr></thead>
			<tbody><tr><td>Metformin</td><td>500 mg &amp; twice daily</td><td/></tr>
			<tr><td><content styleCode="Bold">Lisinopril</content></td><td>10 mg</td><td>held</td></tr></tbody></table></text>
		<entry><substanceAdministration><effectiveTime xsi:type="IVL_TS"><low value="20231101"/><high value="20250101"/></effectiveTime></substanceAdministration></entry>
	</section></component>
	<component><section>
		<code code="8648-8" codeSystem="2.16.840.1.113883.6.1" displayName="Hospital course"/>
		<text><paragraph>Admitted with <content>chest pain</content>.<br/>Troponin negative&#8217;s trend.</paragraph>
			<list listType="ordered"><item>Aspirin</item><item>Stress test<list><item>negative</item></list></item></list></text>
		<component><section><title>Consults</title><text>Cardiology saw the patient.</text></section></component>
	</section></component>
	<component><section><title>EMPTY</title><text/></section></component>
</structuredBody>`)

describe('a C-CDA document', () => {
	let chart: LoadedChart
	beforeAll(async () => {
		const { charts, resources } = await loadPath(await scratch.write('summary.xml', STRUCTURED))
		expect(resources).toBe(0)
		chart = charts[0] as LoadedChart
	})

	test('gives the patient from recordTarget: the first non-SSN id as MRN', () => {
		expect(chart.patient).toEqual({
			fhirId: 'urn:hl7ii:2.16.840.1.113883.19.5.99:MRN-77',
			mrn: 'MRN-77',
			givenName: 'Testa',
			familyName: 'Example',
			birthDate: '1970-01-02',
			sex: 'female',
			phone: null,
		})
		expect(chart.patientRef).toEqual({ mrn: 'MRN-77' })
	})

	test('gives one document with its id, LOINC type, title and time', () => {
		const [doc] = chart.documents
		expect(doc).toMatchObject({
			sourceSystem: 'ccda',
			sourceId: 'ccda:2.16.840.1.113883.19.5^DOC-7',
			type: 'discharge_summary',
			title: 'Discharge Summary',
			authoredAt: '2024-03-05T14:30:00-05:00',
			fhirIds: [],
		})
	})

	test('renders narrative: tables row by row, lists a line per item, paragraphs, nested sections', () => {
		const doc = chart.documents[0]!
		expect(doc.sections.map((s) => [s.heading, s.date])).toEqual([
			['MEDICATIONS', '2023-11-01'], // entry dates after the document are not its facts' dates
			['Hospital course', '2024-03-05'],
			['Hospital course / Consults', '2024-03-05'],
		])
		expect(doc.sections[0]?.text).toBe(
			'Drug | Dose | Note\nMetformin | 500 mg & twice daily\nLisinopril | 10 mg | held',
		)
		expect(doc.sections[1]?.text).toBe(
			'Admitted with chest pain.\nTroponin negative’s trend.\n1. Aspirin\n2. Stress test\n  - negative',
		)
		expect(documentText(doc)).toContain('Hospital course / Consults\n\nCardiology saw the patient.')
		for (const s of doc.sections) expect(s.fhirIds).toEqual([])
	})

	test('with an embedded PDF body gives the PDF text layer, split on its headings', async () => {
		const pdf = await textPdf([
			'DISCHARGE DIAGNOSES:',
			'1. Pneumonia.',
			'FOLLOW UP:',
			'Clinic in one week.',
		])
		const xml = header(
			`<nonXMLBody><text mediaType="application/pdf" representation="B64">${pdf.toString('base64').replace(/(.{76})/g, '$1\n')}</text></nonXMLBody>`,
		)
		const { charts } = await loadPath(await scratch.write('embedded.xml', xml))
		expect(charts[0]?.documents[0]?.sections.map((s) => [s.heading, s.text])).toEqual([
			['DISCHARGE DIAGNOSES', '1. Pneumonia.'],
			['FOLLOW UP', 'Clinic in one week.'],
		])
	})

	test('with an embedded non-PDF body is refused', async () => {
		const xml = header(
			`<nonXMLBody><text mediaType="text/rtf" representation="B64">${base64('{\\rtf1 x}')}</text></nonXMLBody>`,
		)
		const error = await loadPath(await scratch.write('rtf.xml', xml)).catch((e: unknown) => e)
		expect(error).toBeInstanceOf(IngestError)
		expect((error as IngestError).code).toBe(INGEST_ERRORS.unsupportedCcdaBody)
	})

	test('HL7 timestamps become ISO 8601, partial ones stay partial', () => {
		expect(hl7Time('20050329171504-0500')).toBe('2005-03-29T17:15:04-05:00')
		expect(hl7Time('200503291715')).toBe('2005-03-29T17:15:00')
		expect(hl7Time('19541125')).toBe('1954-11-25')
		expect(hl7Time('195411')).toBe('1954-11')
		expect(hl7Time('next tuesday')).toBeNull()
	})
})

const HL7 = path.resolve('../shared/data/ccda-hl7')

/** The HL7 examples that do not load, and why. */
const REFUSED: Record<string, string> = {
	'Notes__Discharge_Note_in_Hospital_Course__Discharge_NoteC-CDAR2.1.xml':
		INGEST_ERRORS.invalidCcda, // a <section> fragment
	'Notes__Note_directly_attached_to_a_Procedure__Note_directly_attached_to_a_ProcedureC-CDAR2.1.xml':
		INGEST_ERRORS.invalidCcda,
	'Notes__RTF_Note__RTF_Note_C-CDA_R2.1.xml': INGEST_ERRORS.invalidCcda,
	'Notes__Single_Consultation_Note__Single_Consultation_NoteC-CDA_R2.1.xml':
		INGEST_ERRORS.invalidCcda,
	'Unstructured__CDA_reference_PDF__Unstructured_Document_reference.xml':
		INGEST_ERRORS.unsupportedCcdaBody, // refers to a file
	'Unstructured__CDA_with_Embedded_Text_plain__CDA_Embedded_Text_Plain_Surgical_Consult.xml':
		INGEST_ERRORS.unsupportedCcdaBody, // embeds text/plain
}
/** Examples whose only patient id is a Social Security number: they need a patient given. */
const SSN_ONLY = [
	'Documents__CCD__CCD_1__CCD.XML',
	'Documents__Care_Plan__Care_Plan.xml',
	'Documents__Consultation_Note__Consultation_Note.xml',
	'Documents__Referral_Note__Referral_Note.xml',
	'Documents__Transfer_Summary__Transfer_Summary.xml',
	'Unstructured__CDA_with_Embedded_PDF_1__Unstructured_Document_embed.xml',
]
const TYPES: Record<string, string> = {
	'Documents__Consultation_Note__Consultation_Note.xml': 'consult',
	'Documents__Diagnostic_Imaging_Report__Diagnostic_Imaging_Report.xml': 'radiology_report',
	'Documents__Discharge_Summary__Discharge_Summary.xml': 'discharge_summary',
	'Documents__History_and_Physical__History_and_Physical.xml': 'history_and_physical',
	'Documents__Progress_Note__Progress_Note.xml': 'progress_note',
	'Unstructured__CDA_with_Embedded_PDF_1__Unstructured_Document_embed.xml': 'discharge_summary',
}

describe.skipIf(!existsSync(HL7))(`the HL7 C-CDA examples (${HL7}; skipped when absent)`, () => {
	let files: string[]
	beforeAll(async () => {
		files = (await readdir(HL7)).filter((f) => /\.xml$/i.test(f)).sort()
	})
	const given = { patient: { mrn: 'TEST-MRN' } }

	test('each ClinicalDocument loads with sections (those identified only by SSN with a patient given)', async () => {
		const loadable = files.filter((f) => !(f in REFUSED))
		expect(loadable.length).toBe(14)
		for (const file of loadable) {
			const { charts } = await loadPath(path.join(HL7, file), SSN_ONLY.includes(file) ? given : {})
			const doc = charts[0]?.documents[0]
			expect(doc, file).toBeDefined()
			expectWellFormed(doc!)
			expect(doc!.sourceId, file).toMatch(/^ccda:/)
			if (file.startsWith('Documents__'))
				expect(doc!.sections.length, file).toBeGreaterThanOrEqual(4)
			if (TYPES[file]) expect(doc!.type, file).toBe(TYPES[file])
		}
	})

	test('those identified only by a Social Security number are refused without a patient', async () => {
		for (const file of SSN_ONLY) {
			const error = await loadPath(path.join(HL7, file)).catch((e: unknown) => e)
			expect((error as IngestError).code, file).toBe(INGEST_ERRORS.noPatient)
		}
	})

	test('section fragments and non-PDF bodies are refused, each with its reason', async () => {
		for (const [file, code] of Object.entries(REFUSED)) {
			const error = await loadPath(path.join(HL7, file), given).catch((e: unknown) => e)
			expect(error, file).toBeInstanceOf(IngestError)
			expect((error as IngestError).code, file).toBe(code)
		}
	})
})
