import { describe, expect, it } from 'vitest'
import { INTAKE_ERRORS } from '../errors.ts'
import { inspectFaxFile } from './inspect.ts'
import {
	firstDirectory,
	makeEncryptedPdf,
	makeImage,
	makeJpegBomb,
	makePngBomb,
	makeScannedPdf,
	makeTextPdf,
	makeTiff,
	makeZip,
	patchTiff,
	SAMPLE_LINES,
	truncate,
} from './test-files.ts'
import { DEFAULT_INTAKE_LIMITS, type IntakeLimits } from './types.ts'

const refusal = async (bytes: Uint8Array, limits: IntakeLimits = DEFAULT_INTAKE_LIMITS) => {
	try {
		await inspectFaxFile(bytes, limits)
	} catch (error) {
		const { code, message } = error as { code: string; message: string }
		// messages reach the intake screen and the log: nothing read from the file
		for (const line of SAMPLE_LINES)
			for (const word of line.split(/\W+/).filter((w) => w.length > 5))
				expect(message).not.toContain(word)
		return code
	}
	return 'accepted'
}

describe('inspectFaxFile refuses', { timeout: 30_000 }, () => {
	it('zero bytes', async () => {
		expect(await refusal(new Uint8Array())).toBe(INTAKE_ERRORS.emptyFile)
	})
	it('a ZIP named like a PDF', async () => {
		expect(await refusal(makeZip())).toBe(INTAKE_ERRORS.unsupportedFile)
	})
	it('a file over the size cap', async () => {
		const tiff = await makeTiff({ heightInches: 1 })
		expect(await refusal(tiff, { ...DEFAULT_INTAKE_LIMITS, maxFileBytes: tiff.length - 1 })).toBe(
			INTAKE_ERRORS.fileTooLarge,
		)
	})
	it('a TIFF with more pages than the default cap', async () => {
		const tiff = await makeTiff({ pages: DEFAULT_INTAKE_LIMITS.maxPages + 1, heightInches: 0.25 })
		expect(await refusal(tiff)).toBe(INTAKE_ERRORS.tooManyPages)
	})
	it('a PDF with more pages than the cap', async () => {
		const pdf = await makeTextPdf({ pages: [SAMPLE_LINES, SAMPLE_LINES, SAMPLE_LINES] })
		expect(await refusal(pdf, { ...DEFAULT_INTAKE_LIMITS, maxPages: 2 })).toBe(
			INTAKE_ERRORS.tooManyPages,
		)
	})
	it('a PNG whose header declares 100000 × 100000 pixels', async () => {
		expect(await refusal(makePngBomb())).toBe(INTAKE_ERRORS.imageTooLarge)
	})
	it('a JPEG whose frame declares 65000 × 65000 pixels', async () => {
		expect(await refusal(await makeJpegBomb())).toBe(INTAKE_ERRORS.imageTooLarge)
	})
	it('a TIFF page declaring 60000 × 60000 pixels', async () => {
		const tiff = patchTiff(await makeTiff({ heightInches: 1 }), {
			values: { 256: 60_000, 257: 60_000 },
		})
		expect(await refusal(tiff)).toBe(INTAKE_ERRORS.imageTooLarge)
	})
	it('a TIFF whose directories loop', async () => {
		const tiff = await makeTiff({ pages: 2, heightInches: 0.5 })
		expect(await refusal(patchTiff(tiff, { nextDirectory: firstDirectory(tiff) }))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
	it('a truncated TIFF', async () => {
		expect(await refusal(truncate(await makeTiff({ heightInches: 2 })))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
	it('a truncated PNG', async () => {
		expect(await refusal(truncate(await makeImage('png', { heightInches: 2 })))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
	it('a truncated JPEG', async () => {
		expect(await refusal(truncate(await makeImage('jpeg', { heightInches: 2 })))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
	it('a truncated PDF', async () => {
		expect(await refusal(truncate(await makeTextPdf()))).toBe(INTAKE_ERRORS.malformedFile)
	})
	it('a PDF that is not one past its header', async () => {
		expect(await refusal(Buffer.from('%PDF-1.7\nthis is not a PDF body\n'))).toBe(
			INTAKE_ERRORS.malformedFile,
		)
	})
	it('a password-protected PDF, with words a clerk can act on', async () => {
		const bytes = await makeEncryptedPdf()
		expect(await refusal(bytes)).toBe(INTAKE_ERRORS.encryptedPdf)
		await expect(inspectFaxFile(bytes, DEFAULT_INTAKE_LIMITS)).rejects.toThrow(
			'This PDF is password-protected; ask the sender for an unprotected copy.',
		)
	})
	it('a PDF page too large to draw within the pixel cap', async () => {
		const pdf = await makeTextPdf()
		// a letter page is 8.5 × 11 in: 935,000 pixels at 100 dpi
		expect(await refusal(pdf, { ...DEFAULT_INTAKE_LIMITS, maxPixelsPerPage: 900_000 })).toBe(
			INTAKE_ERRORS.imageTooLarge,
		)
	})
})

describe('inspectFaxFile accepts', () => {
	it('a multi-page fax TIFF and counts its pages', async () => {
		const tiff = await makeTiff({ pages: 3, resolution: 'standard', heightInches: 1 })
		expect(await inspectFaxFile(tiff, DEFAULT_INTAKE_LIMITS)).toEqual({ kind: 'tiff', pages: 3 })
	})
	it('an LZW TIFF, a PNG and a JPEG', async () => {
		const limits = DEFAULT_INTAKE_LIMITS
		const lzw = await makeTiff({ compression: 'lzw', pages: 2, heightInches: 1 })
		expect(await inspectFaxFile(lzw, limits)).toEqual({ kind: 'tiff', pages: 2 })
		const png = await makeImage('png', { heightInches: 2 })
		expect(await inspectFaxFile(png, limits)).toEqual({ kind: 'png', pages: 1 })
		const jpeg = await makeImage('jpeg', { heightInches: 2 })
		expect(await inspectFaxFile(jpeg, limits)).toEqual({ kind: 'jpeg', pages: 1 })
	})
	it('text and scanned PDFs, with their page counts', async () => {
		const text = await makeTextPdf({ pages: [SAMPLE_LINES, SAMPLE_LINES] })
		expect(await inspectFaxFile(text, DEFAULT_INTAKE_LIMITS)).toEqual({ kind: 'pdf', pages: 2 })
		const scanned = await makeScannedPdf({ pages: 3, drawing: { heightInches: 2 } })
		expect(await inspectFaxFile(scanned, DEFAULT_INTAKE_LIMITS)).toEqual({ kind: 'pdf', pages: 3 })
	})
	it('a PDF restricted by an owner password only (it opens without one)', async () => {
		const { default: PDFDocument } = await import('pdfkit')
		const bytes = await new Promise<Buffer>((resolve) => {
			const doc = new PDFDocument({
				ownerPassword: 'synthetic-owner',
				permissions: { printing: 'lowResolution' },
			})
			const chunks: Buffer[] = []
			doc.on('data', (chunk: Buffer) => chunks.push(chunk))
			doc.on('end', () => resolve(Buffer.concat(chunks)))
			doc.text('Restricted but readable')
			doc.end()
		})
		expect(await inspectFaxFile(bytes, DEFAULT_INTAKE_LIMITS)).toEqual({ kind: 'pdf', pages: 1 })
	})
})
