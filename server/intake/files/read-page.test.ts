import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { INTAKE_ERRORS } from '../errors.ts'
import { inspectFaxFile } from './inspect.ts'
import { readFaxPage } from './read-page.ts'
import {
	makeImage,
	makePngBomb,
	makeScannedPdf,
	makeTextPdf,
	makeTiff,
	SAMPLE_LINES,
	truncate,
} from './test-files.ts'
import { DEFAULT_INTAKE_LIMITS, PAGE_DPI } from './types.ts'

const limits = DEFAULT_INTAKE_LIMITS

/** The page's pixels, and that it is black and white with PAGE_DPI recorded. */
async function pixels(png: Buffer) {
	const { density } = await sharp(png).metadata()
	expect(density).toBe(PAGE_DPI)
	const { data, info } = await sharp(png)
		.extractChannel(0)
		.raw()
		.toBuffer({ resolveWithObject: true })
	expect(data.every((value) => value === 0 || value === 255)).toBe(true)
	return { ink: data.reduce((sum, value) => sum + (value === 0 ? 1 : 0), 0), ...info }
}

const codeOf = (promise: Promise<unknown>) =>
	promise.then(
		() => 'accepted',
		(error: { code?: string }) => error.code,
	)

describe('readFaxPage refuses', { timeout: 30_000 }, () => {
	it('a PNG bomb without decoding it, even when nobody inspected it first', async () => {
		// 20000 × 20000 pixels: 40 KB of file, 400 MB of gray pixels had it been decoded
		const bomb = makePngBomb({ width: 20_000, height: 20_000, complete: true })
		expect(bomb.length).toBeLessThan(200_000)
		const before = process.memoryUsage().rss
		expect(await codeOf(readFaxPage(bomb, 'png', 0, limits))).toBe(INTAKE_ERRORS.imageTooLarge)
		expect(await codeOf(inspectFaxFile(bomb, limits))).toBe(INTAKE_ERRORS.imageTooLarge)
		expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024)
	})
	it('a truncated JPEG whose header is intact', async () => {
		const jpeg = truncate(await makeImage('jpeg', { heightInches: 2 }), 0.7)
		expect(await codeOf(readFaxPage(jpeg, 'jpeg', 0, limits))).toBe(INTAKE_ERRORS.malformedFile)
	})
	it('a file over the size cap, again', async () => {
		const png = await makeImage('png', { heightInches: 1 })
		const small = { ...limits, maxFileBytes: png.length - 1 }
		expect(await codeOf(readFaxPage(png, 'png', 0, small))).toBe(INTAKE_ERRORS.fileTooLarge)
	})
	it('a page the file does not have, as the caller’s mistake (RangeError)', async () => {
		const tiff = await makeTiff({ pages: 2, heightInches: 1 })
		await expect(readFaxPage(tiff, 'tiff', 2, limits)).rejects.toThrow(RangeError)
		await expect(readFaxPage(tiff, 'tiff', -1, limits)).rejects.toThrow(RangeError)
		const pdf = await makeTextPdf()
		await expect(readFaxPage(pdf, 'pdf', 1, limits)).rejects.toThrow(RangeError)
	})
})

describe('readFaxPage', { timeout: 30_000 }, () => {
	it('gives a standard-resolution fax page square pixels: twice as tall as sent, the shape of a fine page', async () => {
		const standard = await makeTiff({ pages: 2, resolution: 'standard' })
		const fine = await makeTiff({ pages: 2, resolution: 'fine' })
		const sent = await sharp(standard, { page: 1 }).metadata()
		const page = await readFaxPage(standard, 'tiff', 1, limits)
		expect(page.index).toBe(1)
		expect(page.height / sent.height).toBeCloseTo(2, 1)
		const finePage = await readFaxPage(fine, 'tiff', 1, limits)
		expect(page.width / page.height).toBeCloseTo(finePage.width / finePage.height, 1)
		expect((await pixels(page.png)).ink).toBeGreaterThan(5_000)
		expect(page.textLayer).toBeNull()
	})
	it('reads every page of a multi-page G4 TIFF and of an LZW one', async () => {
		for (const compression of ['g4', 'lzw'] as const) {
			const tiff = await makeTiff({ pages: 3, compression, heightInches: 2 })
			const { pages } = await inspectFaxFile(tiff, limits)
			expect(pages).toBe(3)
			for (let index = 0; index < pages; index++) {
				const page = await readFaxPage(tiff, 'tiff', index, limits)
				expect(page.index).toBe(index)
				expect((await pixels(page.png)).ink).toBeGreaterThan(1_000)
			}
		}
	})
	it('returns a PDF page’s text layer and still its image', async () => {
		const pdf = await makeTextPdf({ pages: [['Cover sheet'], SAMPLE_LINES] })
		const cover = await readFaxPage(pdf, 'pdf', 0, limits)
		expect(cover.textLayer).toBeNull() // two words are no text layer: OCR reads the page
		const page = await readFaxPage(pdf, 'pdf', 1, limits)
		expect(page.textLayer).toContain('Reason for referral: chronic cough')
		expect([page.width, page.height]).toEqual([1700, 2200])
		expect((await pixels(page.png)).ink).toBeGreaterThan(5_000) // the text is drawn, not a blank page
	})
	it('draws a scanned PDF page (no text layer) at 200 dpi', async () => {
		const pdf = await makeScannedPdf({ pages: 2 })
		const page = await readFaxPage(pdf, 'pdf', 1, limits)
		expect(page.textLayer).toBeNull()
		expect([page.width, page.height]).toEqual([1700, 2200])
		expect((await pixels(page.png)).ink).toBeGreaterThan(5_000)
	})
	it('reads PNG and JPEG pages, resampled to 200 dpi', async () => {
		const png = await readFaxPage(
			await makeImage('png', { dpi: 300, heightInches: 2 }),
			'png',
			0,
			limits,
		)
		expect([png.width, png.height]).toEqual([1700, 400])
		const jpeg = await readFaxPage(await makeImage('jpeg', { heightInches: 2 }), 'jpeg', 0, limits)
		expect([jpeg.width, jpeg.height]).toEqual([1700, 400])
		expect((await pixels(jpeg.png)).ink).toBeGreaterThan(1_000)
	})
	it('leaves the original bytes as they were', async () => {
		const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
		const pdf = await makeTextPdf()
		const before = hash(pdf)
		await inspectFaxFile(pdf, limits)
		await readFaxPage(pdf, 'pdf', 0, limits)
		expect(pdf.byteLength).toBeGreaterThan(0)
		expect(hash(pdf)).toBe(before)
	})
})
