import { existsSync } from 'node:fs'
import path from 'node:path'
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas'
import PDFDocument from 'pdfkit'
import sharp from 'sharp'
import { type FontFamily, type LayoutPage, type Measure, PAGE_H, PAGE_W } from './layout.ts'
import type { Rand } from './random.ts'

/**
 * Pages to files. The canvas draws each page's operations at the target resolution (x and y dpi
 * apart, so a "standard" fax comes out squashed as a real one does); the pixels then get a scan's
 * defects (skew, stroke weight, salt-and-pepper, speckle, streaks) and are written as a fax
 * machine or a scanner would: 1-bit multi-page TIFF (CCITT G4), PDF (with a text layer or scanned
 * page images), PNG or grayscale JPEG.
 *
 * Fonts are DejaVu from the Debian package fonts-dejavu-core (Sans, Serif, Mono, regular and bold),
 * registered explicitly so the output never depends on what the system font lookup finds.
 */
export const DEFAULT_FONT_DIR = '/usr/share/fonts/truetype/dejavu'
const FONT_FILES: Record<FontFamily, [string, string]> = {
	sans: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'],
	serif: ['DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf'],
	mono: ['DejaVuSansMono.ttf', 'DejaVuSansMono-Bold.ttf'],
}
const FAMILY_ALIAS: Record<FontFamily, string> = {
	sans: 'FaxSans',
	serif: 'FaxSerif',
	mono: 'FaxMono',
}

export class FontsMissingError extends Error {
	constructor(dir: string) {
		super(`DejaVu fonts not found in ${dir} (Debian: apt-get install fonts-dejavu-core)`)
		this.name = 'FontsMissingError'
	}
}

export type Fonts = { dir: string; measure: Measure; file(font: FontFamily, bold: boolean): string }

let registered: string | null = null

export function loadFonts(dir = DEFAULT_FONT_DIR): Fonts {
	const file = (font: FontFamily, bold: boolean) => path.join(dir, FONT_FILES[font][bold ? 1 : 0])
	for (const font of Object.keys(FONT_FILES) as FontFamily[])
		for (const bold of [false, true])
			if (!existsSync(file(font, bold))) throw new FontsMissingError(dir)
	if (registered !== dir) {
		for (const font of Object.keys(FONT_FILES) as FontFamily[])
			for (const bold of [false, true])
				GlobalFonts.registerFromPath(file(font, bold), FAMILY_ALIAS[font])
		registered = dir
	}
	const ctx = createCanvas(10, 10).getContext('2d')
	const cache = new Map<string, number>()
	const measure: Measure = (text, font, bold, size) => {
		const key = `${font}${bold ? 'b' : ''}${size}|${text}`
		let w = cache.get(key)
		if (w === undefined) {
			ctx.font = cssFont(font, bold, size)
			w = ctx.measureText(text).width
			if (cache.size > 50_000) cache.clear()
			cache.set(key, w)
		}
		return w
	}
	return { dir, measure, file }
}

const cssFont = (font: FontFamily, bold: boolean, size: number) =>
	`${bold ? 'bold ' : ''}${size}px ${FAMILY_ALIAS[font]}`

/** How a page was "scanned": resolution, skew and defects. */
export type ScanProfile = {
	xdpi: number
	ydpi: number
	/** Degrees, clockwise. */
	skew: number
	bilevel: boolean
	/** 0..255: gray level at which ink becomes black (higher = heavier strokes). */
	threshold: number
	/** Gaussian blur sigma before thresholding (0 = none); broadens or erodes strokes. */
	blur: number
	saltPepper: number
	speckles: number
	streaks: number
	dropouts: number
	/** Grayscale only: paper tone (255 = white) and sensor noise amplitude. */
	paper: number
	grain: number
}

export async function rasterizePage(
	page: LayoutPage,
	scan: ScanProfile,
	rng: Rand,
): Promise<{ data: Buffer; width: number; height: number }> {
	// A fax line is 1728 pixels at 204 dpi (ITU-T T.4), a little narrower than a letter page.
	const width = scan.xdpi === 204 ? 1728 : Math.round((PAGE_W / 72) * scan.xdpi)
	const height = Math.round((PAGE_H / 72) * scan.ydpi)
	const canvas = createCanvas(width, height)
	const ctx = canvas.getContext('2d')
	ctx.fillStyle = '#fff'
	ctx.fillRect(0, 0, width, height)
	const sx = scan.xdpi / 72
	const sy = scan.ydpi / 72
	// Skew about the page centre, in square page units, then scale to the (maybe non-square) pixels.
	ctx.setTransform(sx, 0, 0, sy, 0, 0)
	ctx.translate(PAGE_W / 2, PAGE_H / 2)
	ctx.rotate((scan.skew * Math.PI) / 180)
	ctx.translate(-PAGE_W / 2 + rng.float(-4, 4), -PAGE_H / 2 + rng.float(-4, 4))
	drawOps(ctx, page)
	const rgba = canvas.data()
	let data = Buffer.alloc(width * height)
	// Red channel as gray (the page is black on white); thresholded in the same pass when there
	// is no blur to apply first.
	const direct = scan.bilevel && scan.blur === 0
	const t = scan.threshold
	if (direct)
		for (let i = 0, j = 0; j < data.length; i += 4, j++) data[j] = (rgba[i] ?? 255) < t ? 0 : 255
	else for (let i = 0, j = 0; j < data.length; i += 4, j++) data[j] = rgba[i] ?? 255
	if (scan.blur > 0)
		data = await sharp(data, { raw: { width, height, channels: 1 } })
			.blur(scan.blur)
			.extractChannel(0)
			.raw()
			.toBuffer()
	if (scan.bilevel && !direct)
		for (let i = 0; i < data.length; i++) data[i] = (data[i] ?? 255) < t ? 0 : 255
	if (scan.bilevel) addDefects(data, width, height, scan, rng, 0, 255)
	else {
		// Paper tone and sensor grain (a cheap xorshift seeded from the page's stream), then the
		// same defects in gray.
		const span = scan.paper / 255
		let x = Math.floor(rng.next() * 0xffffffff) | 1
		for (let i = 0; i < data.length; i++) {
			x ^= x << 13
			x ^= x >>> 17
			x ^= x << 5
			const v = (data[i] ?? 255) * span + ((x >>> 0) / 4294967296 - 0.5) * scan.grain
			data[i] = v < 0 ? 0 : v > 255 ? 255 : v
		}
		addDefects(data, width, height, scan, rng, 40, scan.paper)
	}
	return { data, width, height }
}

function addDefects(
	d: Buffer,
	w: number,
	h: number,
	scan: ScanProfile,
	rng: Rand,
	ink: number,
	paper: number,
) {
	const n = Math.round(w * h * scan.saltPepper)
	for (let i = 0; i < n; i++) {
		const p = Math.floor(rng.next() * d.length)
		d[p] = rng.chance(0.5) ? ink : paper
	}
	for (let s = 0; s < scan.speckles; s++) {
		const cx = rng.int(0, w - 1)
		const cy = rng.int(0, h - 1)
		const r = rng.float(0.6, 2.6)
		for (let y = Math.floor(cy - r); y <= cy + r; y++)
			for (let x = Math.floor(cx - r); x <= cx + r; x++)
				if (x >= 0 && y >= 0 && x < w && y < h && (x - cx) ** 2 + (y - cy) ** 2 <= r * r)
					d[y * w + x] = ink
	}
	// A dirty scanner bar draws a thin vertical line down the page.
	for (let s = 0; s < scan.streaks; s++) {
		const x0 = rng.int(0, w - 3)
		const lw = rng.int(1, 2)
		for (let y = 0; y < h; y++)
			for (let x = x0; x < x0 + lw; x++) if (rng.chance(0.92)) d[y * w + x] = ink
	}
	// A transmission dropout blanks a few scan lines.
	for (let s = 0; s < scan.dropouts; s++) {
		const y0 = rng.int(0, h - 4)
		const lh = rng.int(1, 3)
		d.fill(paper, y0 * w, (y0 + lh) * w)
	}
}

function drawOps(ctx: SKRSContext2D, page: LayoutPage) {
	ctx.textBaseline = 'alphabetic'
	for (const op of page.ops) {
		switch (op.k) {
			case 'text':
				ctx.fillStyle = op.color === 1 ? '#fff' : '#000'
				ctx.font = cssFont(op.font, op.bold, op.size)
				ctx.fillText(op.text, op.x, op.y)
				break
			case 'line':
				ctx.strokeStyle = '#000'
				ctx.lineWidth = op.w
				ctx.beginPath()
				ctx.moveTo(op.x1, op.y1)
				ctx.lineTo(op.x2, op.y2)
				ctx.stroke()
				break
			case 'rect':
				if (op.fill) {
					ctx.fillStyle = '#000'
					ctx.fillRect(op.x, op.y, op.w, op.h)
				} else {
					ctx.strokeStyle = '#000'
					ctx.lineWidth = op.lw
					ctx.strokeRect(op.x, op.y, op.w, op.h)
				}
				break
			case 'circle':
				ctx.fillStyle = '#000'
				ctx.beginPath()
				ctx.arc(op.x, op.y, op.r, 0, Math.PI * 2)
				ctx.fill()
				break
			case 'poly':
				ctx.fillStyle = '#000'
				ctx.beginPath()
				op.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)))
				ctx.closePath()
				ctx.fill()
				break
			case 'scribble':
				ctx.strokeStyle = '#000'
				ctx.lineWidth = op.w
				ctx.beginPath()
				op.points.forEach(([x, y], i) => {
					if (i === 0) ctx.moveTo(x, y)
					else {
						const [px, py] = op.points[i - 1] ?? [x, y]
						ctx.quadraticCurveTo(px + (x - px) / 2, py - 8, x, y)
					}
				})
				ctx.stroke()
				break
		}
	}
}

export type Raster = { data: Buffer; width: number; height: number }

/** Multi-page 1-bit TIFF, CCITT Group 4 (or LZW), with the page's x and y resolution in the tags. */
export async function encodeTiff(
	pages: readonly Raster[],
	xdpi: number,
	ydpi: number,
	compression: 'ccittfax4' | 'lzw',
): Promise<Buffer> {
	const first = pages[0]
	if (!first) throw new Error('a TIFF needs a page')
	const all = Buffer.concat(pages.map((p) => p.data))
	return sharp(all, {
		raw: {
			width: first.width,
			height: first.height * pages.length,
			channels: 1,
			pageHeight: first.height,
		},
	})
		.toColourspace('b-w')
		.tiff({
			compression,
			predictor: 'none',
			bitdepth: 1,
			xres: xdpi / 25.4,
			yres: ydpi / 25.4,
			resolutionUnit: 'inch',
		})
		.toBuffer()
}

export async function encodePng(page: Raster, dpi: number, bilevel: boolean): Promise<Buffer> {
	const img = sharp(page.data, {
		raw: { width: page.width, height: page.height, channels: 1 },
	}).withDensity(dpi)
	return bilevel
		? img
				.toColourspace('b-w')
				.png({ palette: true, colours: 2, effort: 1, compressionLevel: 6 })
				.toBuffer()
		: img.toColourspace('b-w').png({ compressionLevel: 6 }).toBuffer()
}

export async function encodeJpeg(page: Raster, dpi: number, quality: number): Promise<Buffer> {
	return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
		.withDensity(dpi)
		.toColourspace('b-w')
		.jpeg({ quality })
		.toBuffer()
}

/** Fixed so the same seed writes the same bytes (pdfkit stamps the time otherwise). */
export const PDF_DATE = new Date(Date.UTC(2026, 9, 1, 12, 0, 0))

function pdfDoc(extra: Record<string, unknown> = {}) {
	const doc = new PDFDocument({
		autoFirstPage: false,
		info: {
			CreationDate: PDF_DATE,
			ModDate: PDF_DATE,
			Producer: 'Chartside fax generator',
			Creator: 'Chartside fax generator',
			Title: 'Fax',
		},
		...extra,
	})
	const chunks: Buffer[] = []
	doc.on('data', (c: Buffer) => chunks.push(c))
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
	})
	return { doc, done }
}

/** A PDF whose pages carry real text (as a word processor or an e-fax service writes them). */
export async function encodeTextPdf(
	pages: readonly LayoutPage[],
	fonts: Fonts,
	extra: Record<string, unknown> = {},
): Promise<Buffer> {
	const { doc, done } = pdfDoc(extra)
	for (const font of Object.keys(FONT_FILES) as FontFamily[])
		for (const bold of [false, true])
			doc.registerFont(`${font}${bold ? '-b' : ''}`, fonts.file(font, bold))
	for (const page of pages) {
		doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 })
		for (const op of page.ops) {
			switch (op.k) {
				case 'text':
					doc
						.font(`${op.font}${op.bold ? '-b' : ''}`)
						.fontSize(op.size)
						.fillColor(op.color === 1 ? 'white' : 'black')
					// pdfkit places text by its top; the layout gives the baseline.
					doc.text(op.text, op.x, op.y - doc.currentLineHeight(false) * 0.8, { lineBreak: false })
					break
				case 'line':
					doc.lineWidth(op.w).moveTo(op.x1, op.y1).lineTo(op.x2, op.y2).stroke('black')
					break
				case 'rect':
					if (op.fill) doc.rect(op.x, op.y, op.w, op.h).fill('black')
					else doc.lineWidth(op.lw).rect(op.x, op.y, op.w, op.h).stroke('black')
					break
				case 'circle':
					doc.circle(op.x, op.y, op.r).fill('black')
					break
				case 'poly':
					doc.polygon(...op.points.map(([x, y]) => [x, y] as [number, number])).fill('black')
					break
				case 'scribble': {
					doc.lineWidth(op.w)
					op.points.forEach(([x, y], i) => {
						if (i === 0) doc.moveTo(x, y)
						else {
							const [px, py] = op.points[i - 1] ?? [x, y]
							doc.quadraticCurveTo(px + (x - px) / 2, py - 8, x, y)
						}
					})
					doc.stroke('black')
					break
				}
			}
		}
	}
	doc.end()
	return done
}

/** A PDF of page images only (a scanner's output): PNG (1-bit) or JPEG (grayscale) per page. */
export async function encodeScannedPdf(images: readonly Buffer[]): Promise<Buffer> {
	const { doc, done } = pdfDoc()
	for (const image of images) {
		doc.addPage({ size: [PAGE_W, PAGE_H], margin: 0 })
		doc.image(image, 0, 0, { width: PAGE_W, height: PAGE_H })
	}
	doc.end()
	return done
}
