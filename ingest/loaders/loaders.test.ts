import { mkdir, truncate, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { isAppError } from '#server/platform/errors.ts'
import { IngestError, INGEST_ERRORS, loadPath, MAX_FILE_BYTES, type LoadOptions } from './index.ts'
import { jsonErrorPosition } from './json-position.ts'
import { base64, bundle, drawingOnlyPdf, PLANTED, scratchDir } from './test-fixtures.ts'

/**
 * One test per file the loaders refuse (STYLE.md: negative tests first), each checking the stable
 * code and that the message carries nothing from the file — a name is planted in every fixture.
 */
let scratch: Awaited<ReturnType<typeof scratchDir>>
beforeAll(async () => {
	scratch = await scratchDir()
})
afterAll(() => scratch.remove())

const patientJson = `{"resourceType": "Patient", "id": "p1", "name": [{"family": "${PLANTED.family}", "given": ["${PLANTED.given}"]}]}`
const someone = { patient: { fhirId: 'p1' } }

type Case = {
	name: string
	code: (typeof INGEST_ERRORS)[keyof typeof INGEST_ERRORS]
	/** Writes the fixture; returns the path to load (and options). */
	setup: () => Promise<string | { file: string; options: LoadOptions }>
	/** What the message must say, besides the file's name. */
	says?: RegExp
}

const ccda = (body: string, patientRole = '') => `<?xml version="1.0"?>
<ClinicalDocument xmlns="urn:hl7-org:v3">
	<id root="2.16.840.1.113883.19.5" extension="T1"/>
	<code code="11506-3" codeSystem="2.16.840.1.113883.6.1"/>
	<recordTarget><patientRole>${patientRole}<patient><name><given>${PLANTED.given}</given><family>${PLANTED.family}</family></name></patient></patientRole></recordTarget>
	<component>${body}</component>
</ClinicalDocument>`

const CASES: Case[] = [
	{
		name: 'malformed JSON',
		code: INGEST_ERRORS.malformedJson,
		setup: () =>
			scratch.write(
				'broken.json',
				`{"resourceType": "Bundle", "type": "collection", "entry": [\n  {"resource": ${patientJson}\n  {"note": "${PLANTED.note}"}]}`,
			),
		says: /broken\.json.*line 3, column 3/,
	},
	{
		name: 'malformed NDJSON line',
		code: INGEST_ERRORS.malformedJson,
		setup: () =>
			scratch.write('Patient.000.ndjson', `${patientJson}\n{"name": "${PLANTED.family}",}\n`),
		says: /Patient\.000\.ndjson line 2/,
	},
	{
		name: 'JSON that is not a Bundle',
		code: INGEST_ERRORS.invalidFhir,
		setup: () => scratch.write('patient.json', patientJson),
		says: /not a FHIR Bundle/,
	},
	{
		name: 'a Bundle of an unknown type',
		code: INGEST_ERRORS.invalidFhir,
		setup: () => scratch.write('history.json', bundle([JSON.parse(patientJson)], 'history')),
		says: /at type/,
	},
	{
		name: 'a Bundle with a Patient lacking an id',
		code: INGEST_ERRORS.invalidFhir,
		setup: () => {
			const { id: _id, ...patient } = JSON.parse(patientJson) as { id: string }
			return scratch.write('no-id.json', bundle([patient as { resourceType: string }]))
		},
		says: /at entry\[0\]\.resource\.id \(expected string\)/,
	},
	{
		name: 'an Observation whose code is not a CodeableConcept',
		code: INGEST_ERRORS.invalidFhir,
		setup: () =>
			scratch.write(
				'bad-observation.json',
				bundle([
					JSON.parse(patientJson),
					{
						resourceType: 'Observation',
						id: 'o1',
						code: PLANTED.note,
						subject: { reference: 'Patient/p1' },
					},
				]),
			),
		says: /at entry\[1\]\.resource\.code \(expected object\)/,
	},
	{
		name: 'a bundle with no Patient and no patient given',
		code: INGEST_ERRORS.noPatient,
		setup: () =>
			scratch.write(
				'orphans.json',
				bundle([{ resourceType: 'Condition', id: 'c1', code: { text: PLANTED.note } }]),
			),
	},
	{
		name: 'a bundle with no Patient whose resources name two patients',
		code: INGEST_ERRORS.patientMismatch,
		setup: async () => ({
			file: await scratch.write(
				'two-subjects.json',
				bundle([
					{ resourceType: 'Condition', id: 'c1', subject: { reference: 'Patient/a' } },
					{ resourceType: 'Condition', id: 'c2', subject: { reference: 'Patient/b' } },
				]),
			),
			options: { patient: { mrn: 'M-1' } },
		}),
	},
	{
		name: 'a file over the size limit',
		code: INGEST_ERRORS.fileTooLarge,
		setup: async () => {
			// Sparse: the size is there, the bytes are not written.
			const file = await scratch.write('huge.json', '')
			await truncate(file, MAX_FILE_BYTES + 1)
			return file
		},
		says: /huge\.json is larger than 100 MB/,
	},
	{
		name: 'an unsupported extension',
		code: INGEST_ERRORS.unsupportedFile,
		setup: () => scratch.write('chart.docx', PLANTED.note),
	},
	{
		name: 'a path that does not exist',
		code: INGEST_ERRORS.notFound,
		setup: async () => path.join(scratch.dir, 'missing.json'),
	},
	{
		name: 'text without a patient',
		code: INGEST_ERRORS.noPatient,
		setup: () =>
			scratch.write('letter.txt', `Dear colleague,\n${PLANTED.given} ${PLANTED.family}\n`),
	},
	{
		name: 'text with nothing in it',
		code: INGEST_ERRORS.emptyDocument,
		setup: async () => ({ file: await scratch.write('blank.md', '\n  \n'), options: someone }),
	},
	{
		name: 'a PDF without a patient',
		code: INGEST_ERRORS.noPatient,
		setup: async () => scratch.write('scan-1.pdf', await drawingOnlyPdf()),
	},
	{
		name: 'a PDF with no text layer',
		code: INGEST_ERRORS.noTextLayer,
		setup: async () => ({
			file: await scratch.write('scan-2.pdf', await drawingOnlyPdf()),
			options: someone,
		}),
		says: /scan-2\.pdf has no text layer/,
	},
	{
		name: 'a .pdf that is not a PDF',
		code: INGEST_ERRORS.malformedPdf,
		setup: async () => ({
			file: await scratch.write('fake.pdf', `${PLANTED.given} ${PLANTED.family}`),
			options: someone,
		}),
	},
	{
		name: 'malformed XML',
		code: INGEST_ERRORS.invalidCcda,
		setup: () => scratch.write('broken.xml', `<ClinicalDocument><title>${PLANTED.family}</titel>`),
		says: /broken\.xml is not well-formed XML \(line 1/,
	},
	{
		name: 'XML that is not a ClinicalDocument',
		code: INGEST_ERRORS.invalidCcda,
		setup: () =>
			scratch.write('fragment.xml', `<section><title>${PLANTED.family}</title></section>`),
		says: /root element is <section>/,
	},
	{
		name: 'a C-CDA whose only patient id is a Social Security number',
		code: INGEST_ERRORS.noPatient,
		setup: () =>
			scratch.write(
				'ssn-only.xml',
				ccda(
					'<structuredBody><component><section><title>Plan</title><text>Rest.</text></section></component></structuredBody>',
					'<id root="2.16.840.1.113883.4.1" extension="999-00-1234"/>',
				),
			),
	},
	{
		name: 'a C-CDA nonXMLBody that is not an embedded PDF',
		code: INGEST_ERRORS.unsupportedCcdaBody,
		setup: () =>
			scratch.write(
				'plain-body.xml',
				ccda(
					`<nonXMLBody><text mediaType="text/plain" representation="B64">${base64(PLANTED.note)}</text></nonXMLBody>`,
					'<id root="2.16.840.1.113883.19.5" extension="MRN-1"/>',
				),
			),
		says: /embeds text\/plain/,
	},
	{
		name: 'a folder with nothing the loaders read',
		code: INGEST_ERRORS.unsupportedFile,
		setup: async () => {
			const folder = path.join(scratch.dir, 'empty-folder')
			await mkdir(folder, { recursive: true })
			await writeFile(path.join(folder, 'notes.docx'), PLANTED.note)
			return folder
		},
	},
]

async function rejection(c: Case): Promise<IngestError> {
	const target = await c.setup()
	const { file, options } = typeof target === 'string' ? { file: target, options: {} } : target
	const error: unknown = await loadPath(file, options).then(
		() => null,
		(e: unknown) => e,
	)
	expect(error, `${c.name} was loaded`).toBeInstanceOf(IngestError)
	return error as IngestError
}

describe('loadPath refuses', () => {
	test.each(CASES)('$name ($code)', async (c) => {
		const error = await rejection(c)
		expect(error.code).toBe(c.code)
		expect(isAppError(error)).toBe(true)
		expect(error.exposure).toBe('user')
		if (c.says) expect(error.message).toMatch(c.says)
	})

	test('with messages that never contain text from the file', async () => {
		for (const c of CASES) {
			const { message, cause } = await rejection(c)
			for (const planted of Object.values(PLANTED)) {
				expect(message, c.name).not.toContain(planted)
				// A cause would reach the log: none may quote the file either.
				expect(String((cause as Error | undefined)?.message ?? ''), c.name).not.toContain(planted)
			}
		}
	})
})

describe('jsonErrorPosition', () => {
	test('finds the line and column where JSON stops being valid', () => {
		expect(jsonErrorPosition('{"a": 1,\n "b": }')).toEqual({ line: 2, column: 7 })
		expect(jsonErrorPosition('[1, 2')).toEqual({ line: 1, column: 6 })
		expect(jsonErrorPosition('{"a": "x\ny"}')).toEqual({ line: 1, column: 9 })
		expect(jsonErrorPosition('{"a": tru}')).toEqual({ line: 1, column: 10 })
		expect(jsonErrorPosition('{} x')).toEqual({ line: 1, column: 4 })
	})
})
