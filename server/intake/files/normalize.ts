import sharp, { type Sharp } from 'sharp'
import { PAGE_DPI } from './types.ts'

/**
 * Page normalization for OCR and the review screen: square pixels at PAGE_DPI, one gray channel,
 * black and white by Otsu's threshold, straightened when the skew is found cheaply. Each step is
 * a function of its own so that it can be tested on its own.
 */

/** One byte per pixel, row by row: 0 is black, 255 white. */
export type GrayImage = { data: Uint8Array; width: number; height: number }

/** Resolutions within this fraction of PAGE_DPI are kept as they are (fax "fine" is 204 × 196). */
const DPI_TOLERANCE = 0.03
/** Below this a declared density is a default (72, 96), not a measurement. */
const MIN_BELIEVABLE_DPI = 100
/** The long side of a letter page, for images that do not say their resolution. */
const LETTER_LONG_SIDE_INCHES = 11

/**
 * The size a page is resampled to so that its pixels are square and PAGE_DPI on both axes. A
 * "standard" fax (204 × 98 dpi) comes out about twice as tall as it was sent. An image without a
 * believable resolution is taken to be a letter page (its long side 11 inches). The result never
 * exceeds `maxPixels`.
 */
export function targetSize(
	page: { width: number; height: number; xDpi: number | null; yDpi: number | null },
	maxPixels: number,
): { width: number; height: number } {
	// a density is believable when the larger of the two reaches MIN_BELIEVABLE_DPI, so a
	// standard fax's 98 dpi rows count (its columns are 204 dpi)
	const declared = Math.max(page.xDpi ?? 0, page.yDpi ?? 0)
	const guess = Math.max(page.width, page.height) / LETTER_LONG_SIDE_INCHES
	const xDpi = declared < MIN_BELIEVABLE_DPI ? guess : (page.xDpi ?? declared)
	const yDpi = declared < MIN_BELIEVABLE_DPI ? guess : (page.yDpi ?? declared)
	let sx = PAGE_DPI / xDpi
	let sy = PAGE_DPI / yDpi
	if (Math.abs(sx - 1) <= DPI_TOLERANCE && Math.abs(sy - 1) <= DPI_TOLERANCE) sx = sy = 1
	const fit = Math.min(1, Math.sqrt(maxPixels / (page.width * sx * page.height * sy)))
	return {
		width: Math.max(1, Math.round(page.width * sx * fit)),
		height: Math.max(1, Math.round(page.height * sy * fit)),
	}
}

/**
 * Decodes one page into gray pixels at `size`: EXIF orientation applied, transparency on white,
 * colour to luminance. `input` carries the decoder's caps (`limitInputPixels`, `failOn`).
 */
export async function decodeGray(
	input: Sharp,
	size: { width: number; height: number },
): Promise<GrayImage> {
	const { data, info } = await input
		.autoOrient()
		.flatten({ background: '#ffffff' })
		.resize(size.width, size.height, { fit: 'fill' })
		.toColourspace('b-w')
		.extractChannel(0)
		.raw()
		.toBuffer({ resolveWithObject: true })
	return {
		data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
		width: info.width,
		height: info.height,
	}
}

/**
 * Otsu's threshold: the gray level that best separates the histogram into two classes (the
 * largest between-class variance). Returns null when the classes are closer than
 * `MIN_CONTRAST` levels: a blank page whose scanner noise would otherwise become speckles.
 */
export const MIN_CONTRAST = 32

export function otsuThreshold(image: GrayImage): number | null {
	const histogram = new Float64Array(256)
	for (const value of image.data) histogram[value]! += 1
	const total = image.data.length
	let sumAll = 0
	for (let level = 0; level < 256; level++) sumAll += level * histogram[level]!
	let best = { variance: -1, threshold: 0, contrast: 0 }
	let weightBelow = 0
	let sumBelow = 0
	for (let level = 0; level < 255; level++) {
		weightBelow += histogram[level]!
		sumBelow += level * histogram[level]!
		const weightAbove = total - weightBelow
		if (weightBelow === 0 || weightAbove === 0) continue
		const meanBelow = sumBelow / weightBelow
		const meanAbove = (sumAll - sumBelow) / weightAbove
		const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2
		if (variance > best.variance)
			best = { variance, threshold: level + 1, contrast: meanAbove - meanBelow }
	}
	return best.variance < 0 || best.contrast < MIN_CONTRAST ? null : best.threshold
}

/**
 * Black and white: below the threshold is ink. An image that is already bilevel keeps its
 * pixels; a page without contrast comes out blank rather than speckled. A global threshold suits
 * faxes, scans and rendered PDFs; a phone photo with a shadow across it may lose the shaded part.
 */
export function binarize(image: GrayImage, threshold = otsuThreshold(image)): GrayImage {
	const data = new Uint8Array(image.data.length)
	if (threshold !== null)
		for (let i = 0; i < data.length; i++) data[i] = image.data[i]! < threshold ? 0 : 255
	else data.fill(255)
	return { data, width: image.width, height: image.height }
}

/** The skew search: ±3° in steps of 0.25°, then ±0.25° around the best in steps of 0.05°. */
export const MAX_SKEW_DEGREES = 3
/** Skews smaller than this are left alone: rotating would blur more than it straightens. */
export const MIN_SKEW_DEGREES = 0.2
/** The time the search may take on one page before it gives up (the page is then left as is). */
export const SKEW_BUDGET_MS = 100
/** The search works on a copy about this many pixels wide (about 50 dpi for a letter page). */
const SKEW_SAMPLE_WIDTH = 450

/**
 * The angle, in degrees, by which a page's text lines run downward to the right (clockwise),
 * found by a projection-profile search: ink is counted per row of a downscaled copy rotated by
 * each candidate angle, and the angle whose rows alternate most sharply between full and empty
 * (the largest sum of squared differences between neighbouring rows) is the one that lines the
 * text up. Returns 0 when the page has too little ink or no angle beats level by 2 %, and null
 * when the search ran out of its time budget.
 */
export function estimateSkew(
	image: GrayImage,
	options: { budgetMs?: number; now?: () => number } = {},
): number | null {
	const now = options.now ?? performance.now.bind(performance)
	const deadline = now() + (options.budgetMs ?? SKEW_BUDGET_MS)
	// ink per cell of a coarse grid: the points of the profile, weighted by their ink
	const cell = Math.max(1, Math.round(image.width / SKEW_SAMPLE_WIDTH))
	const columns = Math.ceil(image.width / cell)
	const rows = Math.ceil(image.height / cell)
	const ink = new Uint32Array(columns * rows)
	const columnOf = new Uint32Array(image.width)
	for (let x = 0; x < image.width; x++) columnOf[x] = (x / cell) | 0
	for (let y = 0, i = 0; y < image.height; y++) {
		const row = ((y / cell) | 0) * columns
		for (let x = 0; x < image.width; x++, i++)
			if (image.data[i]! < 128) ink[row + columnOf[x]!]! += 1
	}
	const xs: number[] = []
	const ys: number[] = []
	const weights: number[] = []
	for (let i = 0; i < ink.length; i++)
		if (ink[i]! > 0) {
			xs.push(i % columns)
			ys.push(Math.floor(i / columns))
			weights.push(ink[i]!)
		}
	if (xs.length < 100) return 0

	const margin = Math.ceil(columns * Math.sin((MAX_SKEW_DEGREES * 2 * Math.PI) / 180)) + 1
	const profile = new Float64Array(rows + 2 * margin)
	const score = (degrees: number) => {
		profile.fill(0)
		const radians = (degrees * Math.PI) / 180
		const sin = Math.sin(radians)
		const cos = Math.cos(radians)
		for (let i = 0; i < xs.length; i++)
			profile[Math.round(ys[i]! * cos - xs[i]! * sin) + margin]! += weights[i]!
		let sum = 0
		for (let r = 1; r < profile.length; r++) sum += (profile[r]! - profile[r - 1]!) ** 2
		return sum
	}

	const level = score(0)
	let best = { degrees: 0, score: level }
	const search = (from: number, to: number, step: number) => {
		for (let degrees = from; degrees <= to + 1e-9; degrees += step) {
			if (now() > deadline) return false
			const s = score(degrees)
			if (s > best.score) best = { degrees, score: s }
		}
		return true
	}
	if (!search(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, 0.25)) return null
	const coarse = best.degrees
	if (!search(coarse - 0.25, coarse + 0.25, 0.05)) return null
	if (best.score < level * 1.02) return 0
	return Math.round(best.degrees * 100) / 100
}

/**
 * Straightens a black-and-white page skewed by `skewDegrees` (as `estimateSkew` measures it):
 * rotated back about its centre on white, cut to its own size, thresholded again.
 */
export async function rotatePage(image: GrayImage, skewDegrees: number): Promise<GrayImage> {
	const { data, info } = await sharp(image.data, {
		raw: { width: image.width, height: image.height, channels: 1 },
	})
		.rotate(-skewDegrees, { background: { r: 255, g: 255, b: 255 } })
		.raw()
		.toBuffer({ resolveWithObject: true })
	const rotated = sharp(data, {
		raw: { width: info.width, height: info.height, channels: info.channels },
	})
	const { data: cut } = await rotated
		.extract({
			left: Math.floor((info.width - image.width) / 2),
			top: Math.floor((info.height - image.height) / 2),
			width: image.width,
			height: image.height,
		})
		.extractChannel(0)
		.threshold(128)
		.raw()
		.toBuffer({ resolveWithObject: true })
	return binarize(
		{
			data: new Uint8Array(cut.buffer, cut.byteOffset, cut.byteLength),
			width: image.width,
			height: image.height,
		},
		128,
	)
}

/** Estimates the skew and straightens the page when that is worth it and was found in time. */
export async function deskew(image: GrayImage): Promise<{ image: GrayImage; skewDegrees: number }> {
	const skew = estimateSkew(image)
	if (skew === null || Math.abs(skew) < MIN_SKEW_DEGREES) return { image, skewDegrees: 0 }
	return { image: await rotatePage(image, skew), skewDegrees: skew }
}

/** Specks up to this many pixels are removed when nothing else is near (a full stop has letters). */
export const MAX_SPECK_PIXELS = 30
/** How far from a speck other ink makes it punctuation, in pixels (about a letter at 200 dpi). */
export const SPECK_CLEARANCE = 14
/** A vertical or horizontal run of ink at most 2 pixels thick and this long is a scanner streak. */
export const MIN_STREAK_PIXELS = 40

/**
 * Cleans a black-and-white page for OCR: removes specks (8-connected blobs of at most
 * MAX_SPECK_PIXELS with no other ink within SPECK_CLEARANCE: fax line noise, scanner dust; a
 * full stop or an i's dot has its letters beside it) and thin straight streaks (a dirty scanner
 * glass draws a line through the page, which OCR reads as stray `|` and `:` and which splits the
 * words it crosses). Letters are never that small, and a stroke of a letter is never that long
 * and thin; table rules of 1–2 pixels are removed too, which OCR reads better without. Reading a
 * heavily speckled evaluation fax without this gave a third of its characters wrong.
 */
export function despeckle(image: GrayImage): GrayImage {
	const { width, height } = image
	const data = new Uint8Array(image.data)
	removeStreaks(data, width, height)
	const seen = new Uint8Array(data.length)
	const stack = new Int32Array(data.length)
	const blob: number[] = []
	for (let start = 0; start < data.length; start++) {
		if (data[start] !== 0 || seen[start]) continue
		let top = 0
		stack[top++] = start
		seen[start] = 1
		blob.length = 0
		while (top > 0) {
			const i = stack[--top]!
			if (blob.length <= MAX_SPECK_PIXELS) blob.push(i)
			const x = i % width
			const y = (i - x) / width
			for (let dy = -1; dy <= 1; dy++) {
				const yy = y + dy
				if (yy < 0 || yy >= height) continue
				for (let dx = -1; dx <= 1; dx++) {
					const xx = x + dx
					if (xx < 0 || xx >= width) continue
					const j = yy * width + xx
					if (data[j] === 0 && !seen[j]) {
						seen[j] = 1
						stack[top++] = j
					}
				}
			}
		}
		if (blob.length <= MAX_SPECK_PIXELS && isolated(data, width, height, blob))
			for (const i of blob) data[i] = 255
	}
	return { width, height, data }
}

/** Whether no ink outside `blob` lies within SPECK_CLEARANCE of its bounding box. */
function isolated(data: Uint8Array, width: number, height: number, blob: number[]): boolean {
	let x0 = width
	let y0 = height
	let x1 = 0
	let y1 = 0
	const own = new Set(blob)
	for (const i of blob) {
		const x = i % width
		const y = (i - x) / width
		x0 = Math.min(x0, x)
		x1 = Math.max(x1, x)
		y0 = Math.min(y0, y)
		y1 = Math.max(y1, y)
	}
	for (
		let y = Math.max(0, y0 - SPECK_CLEARANCE);
		y <= Math.min(height - 1, y1 + SPECK_CLEARANCE);
		y++
	)
		for (
			let x = Math.max(0, x0 - SPECK_CLEARANCE);
			x <= Math.min(width - 1, x1 + SPECK_CLEARANCE);
			x++
		) {
			const j = y * width + x
			if (data[j] === 0 && !own.has(j)) return false
		}
	return true
}

/** Whites out vertical and horizontal runs of ink at most 2 pixels thick and MIN_STREAK_PIXELS long. */
function removeStreaks(data: Uint8Array, width: number, height: number) {
	const ink = (x: number, y: number) =>
		x >= 0 && y >= 0 && x < width && y < height && data[y * width + x] === 0
	const thin = (x: number, y: number, vertical: boolean) =>
		vertical
			? !(ink(x - 1, y) && ink(x + 1, y)) && !(ink(x - 2, y) && ink(x - 1, y) && ink(x + 1, y))
			: !(ink(x, y - 1) && ink(x, y + 1))
	const runs: Array<[number, number, number, boolean]> = []
	for (let x = 0; x < width; x++) {
		let from = -1
		for (let y = 0; y <= height; y++) {
			const on = y < height && ink(x, y) && thin(x, y, true)
			if (on && from < 0) from = y
			if (!on && from >= 0) {
				if (y - from >= MIN_STREAK_PIXELS) runs.push([x, from, y, true])
				from = -1
			}
		}
	}
	for (let y = 0; y < height; y++) {
		let from = -1
		for (let x = 0; x <= width; x++) {
			const on = x < width && ink(x, y) && thin(x, y, false)
			if (on && from < 0) from = x
			if (!on && from >= 0) {
				if (x - from >= MIN_STREAK_PIXELS) runs.push([y, from, x, false])
				from = -1
			}
		}
	}
	for (const [at, from, to, vertical] of runs)
		for (let k = from; k < to; k++) data[vertical ? k * width + at : at * width + k] = 255
}

/** The page as an 8-bit gray PNG with PAGE_DPI recorded (pHYs), for tesseract and the reviewer. */
export function encodePage(image: GrayImage): Promise<Buffer> {
	return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
		.withDensity(PAGE_DPI)
		.png()
		.toBuffer()
}
