import { existsSync } from 'node:fs'
import { createCanvas, GlobalFonts, type Canvas } from '@napi-rs/canvas'

/**
 * Synthetic fax pages for the OCR tests and the intake benchmark: a lab report (letterhead, a
 * made-up patient, a results table) drawn with DejaVu Sans, as a fax machine would send it —
 * 204 dpi across, 196 ("fine") or 98 ("standard") dpi down, one bit per pixel — then, for
 * standard pages, stretched to square pixels as server/intake/files does before OCR. Every name,
 * number and identifier is invented; nothing here is patient data.
 *
 * @napi-rs/canvas ships no fonts: without one, text draws as nothing. DejaVu is registered from
 * its Debian path (package `fonts-dejavu-core`), and a missing font fails loudly.
 */
export const FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
const FAMILY = 'Chartside Test Sans'

let registered = false
function registerFont(): void {
	if (registered) return
	if (!existsSync(FONT_FILE))
		throw new Error(
			`${FONT_FILE} is missing: install fonts-dejavu-core (apt-get install fonts-dejavu-core)`,
		)
	GlobalFonts.registerFromPath(FONT_FILE, FAMILY)
	registered = true
}

export type FaxResolution = 'fine' | 'standard'
const FAX_DPI = { x: 204, y: { fine: 196, standard: 98 } } as const
const LETTER = { width: 8.5, height: 11 } as const

export type SyntheticPage = {
	/** The page as the engine receives it: square pixels, black and white, PNG. */
	png: Buffer
	width: number
	height: number
	/** The lines drawn, in order: the reference for the character error rate. */
	reference: string
}

const ANALYTES = [
	['Sodium', 'mmol/L', 136, 145, 0],
	['Potassium', 'mmol/L', 3.5, 5.1, 1],
	['Chloride', 'mmol/L', 98, 107, 0],
	['Carbon dioxide', 'mmol/L', 22, 29, 0],
	['Glucose', 'mg/dL', 70, 99, 0],
	['Urea nitrogen', 'mg/dL', 7, 20, 0],
	['Creatinine', 'mg/dL', 0.6, 1.2, 2],
	['Calcium', 'mg/dL', 8.6, 10.3, 1],
	['Hemoglobin A1c', '%', 4.0, 5.6, 1],
	['Hemoglobin', 'g/dL', 12.0, 16.0, 1],
	['Hematocrit', '%', 36, 46, 1],
	['Platelets', 'K/uL', 150, 400, 0],
	['White blood cells', 'K/uL', 4.0, 11.0, 1],
	['ALT', 'U/L', 7, 56, 0],
	['AST', 'U/L', 10, 40, 0],
	['Albumin', 'g/dL', 3.5, 5.0, 1],
	['TSH', 'mIU/L', 0.4, 4.0, 2],
	['Troponin I', 'ng/mL', 0, 0.04, 2],
	['LDL cholesterol', 'mg/dL', 0, 99, 0],
	['Triglycerides', 'mg/dL', 0, 149, 0],
] as const

const GIVEN = ['Avery', 'Jordan', 'Morgan', 'Quinn', 'Riley', 'Casey', 'Rowan', 'Emerson']
const FAMILY_NAMES = ['Testwell', 'Samplesby', 'Fakeridge', 'Mockford', 'Demoson', 'Placeholt']

/** A small deterministic generator (mulberry32), so a seed gives the same page every time. */
function random(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

/** The text of a synthetic lab report of about `lines` lines. */
export function labReportLines(seed: number, lines = 40): string[] {
	const next = random(seed)
	const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
	const pad = (n: number, width: number) => String(n).padStart(width, '0')
	const date = `${pad(1 + Math.floor(next() * 12), 2)}/${pad(1 + Math.floor(next() * 28), 2)}/2026`
	const out = [
		'NORTHFIELD REFERENCE LABORATORY',
		'1200 Example Parkway, Springfield  Tel 555-0100  Fax 555-0199',
		'LAB RESULTS',
		`Patient: ${pick(FAMILY_NAMES)}, ${pick(GIVEN)}   DOB: ${pad(1 + Math.floor(next() * 12), 2)}/${pad(1 + Math.floor(next() * 28), 2)}/19${40 + Math.floor(next() * 60)}`,
		`MRN: ${pad(Math.floor(next() * 1e8), 8)}   Collected: ${date}   Ordering: Dr. ${pick(FAMILY_NAMES)}`,
		'Test   Result   Units   Reference range   Flag',
	]
	while (out.length < lines - 2) {
		const [name, unit, low, high, decimals] = pick(ANALYTES)
		const span = high - low
		const value = Math.max(0, low - span * 0.3 + next() * span * 1.6)
		const flag = value > high ? 'H' : value < low ? 'L' : ''
		const shown = value.toFixed(decimals)
		out.push(
			`${name}   ${shown}   ${unit}   ${low.toFixed(decimals)}-${high.toFixed(decimals)}   ${flag}`.trimEnd(),
		)
	}
	out.push('Results verified by the laboratory director. Page 1 of 1.')
	out.push('Confidential: intended only for the addressee named above.')
	return out
}

/**
 * Renders `lines` on a letter page as a fax at `resolution`, 1-bit, and hands it on with square
 * pixels. The page is drawn at fine resolution; a standard page's scan lines each integrate two
 * fine rows (as a scanner moving twice as far per line does), and its rows are then doubled back.
 */
export function renderFaxPage(lines: readonly string[], resolution: FaxResolution): SyntheticPage {
	registerFont()
	const width = Math.round(LETTER.width * FAX_DPI.x)
	const height = Math.round(LETTER.height * FAX_DPI.y.fine)
	const canvas = createCanvas(width, height)
	const ctx = canvas.getContext('2d')
	ctx.fillStyle = '#fff'
	ctx.fillRect(0, 0, width, height)
	ctx.fillStyle = '#000'
	// 10-point type at 204 dpi is 28 px.
	const pointPx = (10 / 72) * FAX_DPI.x
	ctx.font = `${Math.round(pointPx)}px "${FAMILY}"`
	const top = Math.round(0.6 * FAX_DPI.y.fine)
	const step = Math.min(
		Math.round(pointPx * 1.55),
		Math.floor((10 * FAX_DPI.y.fine) / lines.length),
	)
	lines.forEach((line, i) => ctx.fillText(line, Math.round(0.75 * FAX_DPI.x), top + i * step))
	const grey = greyOf(canvas)
	const scanned =
		resolution === 'standard'
			? doubleRows(binarize(halveRows(grey, width, height)), width)
			: binarize(grey)
	const page = createCanvas(width, height - (height % (FAX_DPI.y.fine / FAX_DPI.y[resolution])))
	const out = page.getContext('2d').createImageData(page.width, page.height)
	for (let i = 0; i < page.width * page.height; i++) {
		const v = scanned[i] ?? 255
		out.data[i * 4] = out.data[i * 4 + 1] = out.data[i * 4 + 2] = v
		out.data[i * 4 + 3] = 255
	}
	page.getContext('2d').putImageData(out, 0, 0)
	return {
		png: page.toBuffer('image/png'),
		width: page.width,
		height: page.height,
		reference: lines.join('\n'),
	}
}

/** The synthetic lab page of `seed` at `resolution`. */
export function syntheticLabPage(
	seed: number,
	resolution: FaxResolution,
	lines = 40,
): SyntheticPage {
	return renderFaxPage(labReportLines(seed, lines), resolution)
}

function greyOf(canvas: Canvas): Uint8Array {
	const px = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
	const grey = new Uint8Array(canvas.width * canvas.height)
	for (let i = 0; i < grey.length; i++)
		grey[i] = Math.round(
			(px[i * 4] ?? 0) * 0.299 + (px[i * 4 + 1] ?? 0) * 0.587 + (px[i * 4 + 2] ?? 0) * 0.114,
		)
	return grey
}

/** Each pair of rows averaged into one: the light a standard-resolution scan line collects. */
function halveRows(grey: Uint8Array, width: number, height: number): Uint8Array {
	const rows = Math.floor(height / 2)
	const out = new Uint8Array(width * rows)
	for (let y = 0; y < rows; y++)
		for (let x = 0; x < width; x++)
			out[y * width + x] =
				((grey[2 * y * width + x] ?? 255) + (grey[(2 * y + 1) * width + x] ?? 255)) >> 1
	return out
}

/** Each row twice: square pixels again, as server/intake/files stretches a standard fax. */
function doubleRows(bits: Uint8Array, width: number): Uint8Array {
	const rows = bits.length / width
	const out = new Uint8Array(bits.length * 2)
	for (let y = 0; y < rows; y++) {
		const row = bits.subarray(y * width, (y + 1) * width)
		out.set(row, 2 * y * width)
		out.set(row, (2 * y + 1) * width)
	}
	return out
}

/**
 * One bit per pixel. A fax scanner integrates light over each cell, so a stroke thinner than a
 * cell still darkens it: anything under 75 % white turns black.
 */
function binarize(grey: Uint8Array): Uint8Array {
	return grey.map((v) => (v < 192 ? 0 : 255))
}
