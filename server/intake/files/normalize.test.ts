import sharp from 'sharp'
import { describe, expect, it, test } from 'vitest'
import {
	binarize,
	despeckle,
	decodeGray,
	estimateSkew,
	otsuThreshold,
	rotatePage,
	targetSize,
	type GrayImage,
} from './normalize.ts'
import { drawPage } from './test-files.ts'

const gray = async (png: Buffer): Promise<GrayImage> => {
	const { width, height } = await sharp(png).metadata()
	return decodeGray(sharp(png), { width, height })
}
const inkOf = (image: GrayImage) =>
	image.data.reduce((sum, value) => sum + (value < 128 ? 1 : 0), 0)

describe('targetSize', () => {
	it('stretches a standard fax (204 × 98 dpi) to square pixels: about twice as tall', () => {
		const standard = targetSize({ width: 1728, height: 1078, xDpi: 204, yDpi: 98 }, 40e6)
		expect(standard.height / 1078).toBeCloseTo(200 / 98, 2)
		expect(standard.width / standard.height).toBeCloseTo(8.47 / 11, 2)
	})
	it('keeps a fine fax (204 × 196 dpi) and a 200-dpi page as they are', () => {
		expect(targetSize({ width: 1728, height: 2156, xDpi: 204, yDpi: 196 }, 40e6)).toEqual({
			width: 1728,
			height: 2156,
		})
		expect(targetSize({ width: 1700, height: 2200, xDpi: 200, yDpi: 200 }, 40e6)).toEqual({
			width: 1700,
			height: 2200,
		})
	})
	it('brings a 300-dpi scan to 200 dpi, and takes an image without a believable density for a letter page', () => {
		expect(targetSize({ width: 2550, height: 3300, xDpi: 300, yDpi: 300 }, 40e6)).toEqual({
			width: 1700,
			height: 2200,
		})
		expect(targetSize({ width: 3024, height: 4032, xDpi: 72, yDpi: 72 }, 40e6)).toEqual({
			width: 1650,
			height: 2200,
		})
	})
	it('never exceeds the pixel cap', () => {
		const size = targetSize({ width: 1700, height: 2200, xDpi: 50, yDpi: 100 }, 4e6)
		expect(size.width * size.height).toBeLessThanOrEqual(4e6)
	})
})

describe('binarize', () => {
	it('turns a blank page with scanner noise white instead of speckled', () => {
		const data = Uint8Array.from({ length: 10_000 }, (_, i) => 245 + (i % 11))
		expect(otsuThreshold({ data, width: 100, height: 100 })).toBeNull()
		expect(inkOf(binarize({ data, width: 100, height: 100 }))).toBe(0)
	})
	it('keeps gray text on a gray page readable: the same ink as black on white', async () => {
		const clean = binarize(await gray(await drawPage({ heightInches: 3 })))
		const dull = binarize(
			await gray(await drawPage({ heightInches: 3, ink: '#6a6a6a', paper: '#c8c8c8' })),
		)
		let both = 0
		let either = 0
		for (let i = 0; i < clean.data.length; i++) {
			const a = clean.data[i]! === 0
			const b = dull.data[i]! === 0
			if (a && b) both++
			if (a || b) either++
		}
		expect(inkOf(clean)).toBeGreaterThan(5_000)
		expect(both / either).toBeGreaterThan(0.9)
	})
})

describe('estimateSkew', () => {
	const budget = { budgetMs: 60_000 } // the search itself, not the machine's load, is under test
	it.each([0, 1.5, -2, 2.75])('finds a page skewed by %s° within 0.2°', async (degrees) => {
		const page = binarize(await gray(await drawPage({ skewDegrees: degrees })))
		expect(Math.abs(estimateSkew(page, budget)! - degrees)).toBeLessThanOrEqual(0.2)
	})
	it('says 0 for a page with too little ink to tell', async () => {
		const page = binarize(await gray(await drawPage({ lines: ['.'], skewDegrees: 2 })))
		expect(estimateSkew(page, budget)).toBe(0)
	})
	it('gives up (null) when the search outlasts its budget', async () => {
		const page = binarize(await gray(await drawPage({ skewDegrees: 2 })))
		let clock = 0
		expect(estimateSkew(page, { budgetMs: 100, now: () => (clock += 10) })).toBeNull()
	})
	it('rotatePage straightens what it found, keeping the page size', async () => {
		const page = binarize(await gray(await drawPage({ skewDegrees: 2 })))
		const straight = await rotatePage(page, estimateSkew(page, budget)!)
		expect([straight.width, straight.height]).toEqual([page.width, page.height])
		expect(Math.abs(estimateSkew(straight, budget)!)).toBeLessThanOrEqual(0.2)
		expect(inkOf(straight) / inkOf(page)).toBeGreaterThan(0.9)
	})
})

describe('despeckle', () => {
	const page = (width: number, height: number) => ({
		width,
		height,
		data: new Uint8Array(width * height).fill(255),
	})
	const ink = (img: { width: number; data: Uint8Array }, x: number, y: number) => {
		img.data[y * img.width + x] = 0
	}
	const inkAt = (img: { width: number; data: Uint8Array }, x: number, y: number) =>
		img.data[y * img.width + x] === 0

	test('removes an isolated speck and keeps a full stop beside its letter', () => {
		const img = page(120, 60)
		// A lone 2×2 speck far from anything.
		for (const [x, y] of [
			[10, 10],
			[11, 10],
			[10, 11],
			[11, 11],
		] as const)
			ink(img, x, y)
		// A "letter" (a 3×12 bar) with a 2×2 full stop just after it.
		for (let y = 30; y < 42; y++) for (let x = 60; x < 63; x++) ink(img, x, y)
		for (const [x, y] of [
			[66, 40],
			[67, 40],
			[66, 41],
			[67, 41],
		] as const)
			ink(img, x, y)
		const out = despeckle(img)
		expect(inkAt(out, 10, 10)).toBe(false)
		expect(inkAt(out, 61, 35)).toBe(true)
		expect(inkAt(out, 66, 40)).toBe(true)
	})

	test('removes a long thin streak and keeps a thick stroke as long', () => {
		const img = page(60, 200)
		for (let y = 5; y < 195; y++) ink(img, 10, y) // a one-pixel scanner streak
		for (let y = 5; y < 195; y++) for (let x = 30; x < 34; x++) ink(img, x, y) // a 4-px rule
		const out = despeckle(img)
		expect(inkAt(out, 10, 100)).toBe(false)
		expect(inkAt(out, 31, 100)).toBe(true)
	})
})
