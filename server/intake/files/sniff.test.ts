import { describe, expect, it } from 'vitest'
import { INTAKE_ERRORS } from '../errors.ts'
import { sniffFileKind } from './sniff.ts'
import {
	makeDocx,
	makeGif,
	makeHtml,
	makeImage,
	makeTextPdf,
	makeTiff,
	makeZip,
} from './test-files.ts'

const code = (run: () => unknown) => {
	try {
		run()
	} catch (error) {
		return (error as { code?: string }).code
	}
	return 'no error'
}

describe('sniffFileKind refuses', () => {
	it('zero bytes (INTAKE_EMPTY_FILE)', () => {
		expect(code(() => sniffFileKind(new Uint8Array()))).toBe(INTAKE_ERRORS.emptyFile)
	})
	it('a ZIP, whatever it is named (INTAKE_UNSUPPORTED_FILE)', () => {
		expect(code(() => sniffFileKind(makeZip()))).toBe(INTAKE_ERRORS.unsupportedFile)
	})
	it('a DOCX', () => {
		expect(code(() => sniffFileKind(makeDocx()))).toBe(INTAKE_ERRORS.unsupportedFile)
	})
	it('a GIF', () => {
		expect(code(() => sniffFileKind(makeGif()))).toBe(INTAKE_ERRORS.unsupportedFile)
	})
	it('HTML', () => {
		expect(code(() => sniffFileKind(makeHtml()))).toBe(INTAKE_ERRORS.unsupportedFile)
	})
	it('a BigTIFF, and a PDF signature that does not start the file', () => {
		expect(code(() => sniffFileKind(Buffer.from('II+\0\x08\0\0\0', 'latin1')))).toBe(
			INTAKE_ERRORS.unsupportedFile,
		)
		expect(code(() => sniffFileKind(Buffer.from(' %PDF-1.7')))).toBe(INTAKE_ERRORS.unsupportedFile)
	})
	it('a file shorter than any signature', () => {
		expect(code(() => sniffFileKind(Buffer.from([0xff, 0xd8])))).toBe(INTAKE_ERRORS.unsupportedFile)
	})
})

describe('sniffFileKind recognizes', () => {
	it('PDF, TIFF (both byte orders), PNG and JPEG by their first bytes', async () => {
		expect(sniffFileKind(await makeTextPdf())).toBe('pdf')
		expect(sniffFileKind(await makeTiff({ heightInches: 1 }))).toBe('tiff')
		expect(sniffFileKind(Buffer.from('MM\0*\0\0\0\x08', 'latin1'))).toBe('tiff')
		expect(sniffFileKind(await makeImage('png', { heightInches: 1 }))).toBe('png')
		expect(sniffFileKind(await makeImage('jpeg', { heightInches: 1 }))).toBe('jpeg')
	})
})
