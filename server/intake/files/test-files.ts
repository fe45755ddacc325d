import { existsSync } from 'node:fs'
import { crc32, deflateSync } from 'node:zlib'
import { createCanvas, GlobalFonts } from '@napi-rs/canvas'
import PDFDocument from 'pdfkit'
import sharp from 'sharp'

/**
 * TEST HELPER: builders of synthetic fax files, good and bad, made at test time so that no
 * binary (and no PHI) is committed. Used by this folder's tests, the bad-upload generator and the
 * browser tests; never by application code (pdfkit is a dev dependency). Every name, date and
 * number drawn here is invented.
 */

export const FONT_FAMILY = 'DejaVu Sans'
const FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'
let fontRegistered = false

/**
 * Registers DejaVu Sans with @napi-rs/canvas, explicitly (a canvas without a font draws nothing
 * and a test would pass on blank pages). Debian: `apt-get install fonts-dejavu-core`.
 */
export function registerTestFont() {
	if (fontRegistered) return
	if (!existsSync(FONT_FILE) || !GlobalFonts.registerFromPath(FONT_FILE, FONT_FAMILY))
		throw new Error(
			`The test fax builders draw text in ${FONT_FAMILY} from ${FONT_FILE}, which is missing: install it (Debian: apt-get install fonts-dejavu-core).`,
		)
	fontRegistered = true
}

/** Invented lines in the shape of a referral fax. */
export const SAMPLE_LINES = [
	'FAX REFERRAL - Northgate Family Clinic',
	'Patient: Quillon Zarathustrova   DOB: 03/14/1961',
	'MRN: ZX-448812   Phone: (555) 010-4477',
	'Reason for referral: chronic cough, abnormal chest film.',
	'Potassium 5.1 mmol/L   Sodium 139 mmol/L   Creatinine 1.02',
	'Please schedule within two weeks. Thank you.',
]

export type PageDrawing = {
	/** Lines of text, one per row from the top; defaults to SAMPLE_LINES. */
	lines?: string[]
	/** Page size in inches; defaults to US letter. */
	widthInches?: number
	heightInches?: number
	/** Square drawing resolution. */
	dpi?: number
	/** Text lines run down to the right by this many degrees (clockwise), about the centre. */
	skewDegrees?: number
	/** Colours as CSS: gray text on a gray page tests thresholding. */
	ink?: string
	paper?: string
	/** Font size in points. */
	fontPoints?: number
}

/** A page drawn with @napi-rs/canvas, as an 8-bit gray PNG at `dpi` (density recorded). */
export async function drawPage(drawing: PageDrawing = {}): Promise<Buffer> {
	registerTestFont()
	const dpi = drawing.dpi ?? 200
	const width = Math.round((drawing.widthInches ?? 8.5) * dpi)
	const height = Math.round((drawing.heightInches ?? 11) * dpi)
	const canvas = createCanvas(width, height)
	const context = canvas.getContext('2d')
	context.fillStyle = drawing.paper ?? '#ffffff'
	context.fillRect(0, 0, width, height)
	context.translate(width / 2, height / 2)
	context.rotate(((drawing.skewDegrees ?? 0) * Math.PI) / 180)
	context.translate(-width / 2, -height / 2)
	context.fillStyle = drawing.ink ?? '#000000'
	const fontPixels = Math.round(((drawing.fontPoints ?? 12) * dpi) / 72)
	context.font = `${fontPixels}px "${FONT_FAMILY}"`
	const lines = drawing.lines ?? SAMPLE_LINES
	lines.forEach((line, i) =>
		context.fillText(line, dpi * 0.75, dpi * 0.75 + fontPixels * 1.6 * (i + 1)),
	)
	return sharp(canvas.toBuffer('image/png'))
		.flatten({ background: '#ffffff' })
		.toColourspace('b-w')
		.withDensity(dpi)
		.png()
		.toBuffer()
}

/** Fax resolutions: "fine" 204 × 196 dpi, "standard" 204 × 98 dpi (pixels twice as tall as wide). */
export const FAX_DPI = { fine: { x: 204, y: 196 }, standard: { x: 204, y: 98 } } as const

export type TiffOptions = {
	pages?: number
	resolution?: keyof typeof FAX_DPI
	/** 'g4' (CCITT T.6, 1 bit, what fax servers write) or 'lzw' (8-bit gray). */
	compression?: 'g4' | 'lzw'
	/** Lines per page; each page also says "Page n of N". */
	lines?: string[]
	heightInches?: number
	skewDegrees?: number
}

/**
 * A fax TIFF, one directory per page, 1728 pixels wide (a fax line), at fine or standard
 * resolution: each page drawn at 204 dpi, then its rows resampled to the fax's vertical
 * resolution; sharp joins the pages as frames and libtiff writes one directory per frame.
 */
export async function makeTiff(options: TiffOptions = {}): Promise<Buffer> {
	const pages = options.pages ?? 1
	const dpi = FAX_DPI[options.resolution ?? 'fine']
	const heightInches = options.heightInches ?? 11
	const frames = await Promise.all(
		Array.from({ length: pages }, async (_, i) => {
			const page = await drawPage({
				lines: [`Page ${i + 1} of ${pages}`, ...(options.lines ?? SAMPLE_LINES)],
				dpi: dpi.x,
				widthInches: 1728 / dpi.x,
				heightInches,
				skewDegrees: options.skewDegrees,
			})
			return sharp(page)
				.resize(1728, Math.round(heightInches * dpi.y), { fit: 'fill' })
				.toColourspace('b-w')
				.png()
				.toBuffer()
		}),
	)
	// joined frames come out as sRGB with alpha: keep one channel
	const joined = (
		frames.length > 1 ? sharp(frames, { join: { animated: true } }) : sharp(frames[0])
	)
		.extractChannel(0)
		.toColourspace('b-w')
	const resolution = { xres: dpi.x / 25.4, yres: dpi.y / 25.4, resolutionUnit: 'inch' as const }
	return options.compression === 'lzw'
		? joined.tiff({ compression: 'lzw', ...resolution }).toBuffer()
		: joined
				.threshold(128)
				.tiff({ compression: 'ccittfax4', bitdepth: 1, ...resolution })
				.toBuffer()
}

/** A page image as PNG or JPEG at `dpi` (recorded), gray or with the given colours. */
export async function makeImage(
	format: 'png' | 'jpeg',
	drawing: PageDrawing = {},
): Promise<Buffer> {
	const page = sharp(await drawPage(drawing)).withDensity(drawing.dpi ?? 200)
	return format === 'png' ? page.png().toBuffer() : page.jpeg({ quality: 85 }).toBuffer()
}

function pdf(
	options: PDFKit.PDFDocumentOptions,
	draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const doc = new PDFDocument({ size: 'LETTER', ...options })
		const chunks: Buffer[] = []
		doc.on('data', (chunk: Buffer) => chunks.push(chunk))
		doc.on('end', () => resolve(Buffer.concat(chunks)))
		doc.on('error', reject)
		draw(doc)
		doc.end()
	})
}

/** A PDF with a text layer (Helvetica, not embedded), one page per entry of `pages`. */
export function makeTextPdf(options: { pages?: string[][] } = {}): Promise<Buffer> {
	const pages = options.pages ?? [SAMPLE_LINES]
	return pdf({}, (doc) =>
		pages.forEach((lines, i) => {
			if (i > 0) doc.addPage()
			doc.fontSize(12)
			for (const line of lines) doc.text(line)
		}),
	)
}

/** A "scanned" PDF: each page only an image of a drawn page, no text. */
export async function makeScannedPdf(
	options: { pages?: number; drawing?: PageDrawing } = {},
): Promise<Buffer> {
	const count = options.pages ?? 1
	const images = await Promise.all(
		Array.from({ length: count }, (_, i) =>
			drawPage({
				dpi: 150,
				...options.drawing,
				lines: [`Page ${i + 1} of ${count}`, ...(options.drawing?.lines ?? SAMPLE_LINES)],
			}),
		),
	)
	return pdf({ margin: 0 }, (doc) =>
		images.forEach((image, i) => {
			if (i > 0) doc.addPage({ margin: 0 })
			doc.image(image, 0, 0, { width: 612, height: 792 })
		}),
	)
}

/** A PDF that needs a password to open (RC4/AES per pdfkit's defaults). */
export function makeEncryptedPdf(): Promise<Buffer> {
	return pdf({ userPassword: 'synthetic-open', ownerPassword: 'synthetic-owner' }, (doc) =>
		doc.text(SAMPLE_LINES.join('\n')),
	)
}

/** The first `fraction` of a file, as if the transfer stopped. */
export const truncate = (bytes: Uint8Array, fraction = 0.6) =>
	Buffer.from(bytes.subarray(0, Math.floor(bytes.length * fraction)))

/** A minimal ZIP (stored entries): what a DOCX is, and what a ".pdf" sometimes really is. */
export function makeZip(
	entries: Record<string, string> = { 'referral.txt': SAMPLE_LINES.join('\n') },
): Buffer {
	const locals: Buffer[] = []
	const centrals: Buffer[] = []
	let offset = 0
	for (const [name, text] of Object.entries(entries)) {
		const data = Buffer.from(text)
		const nameBytes = Buffer.from(name)
		const local = Buffer.alloc(30)
		local.writeUInt32LE(0x04034b50, 0)
		local.writeUInt16LE(20, 4)
		local.writeUInt32LE(crc32(data), 14)
		local.writeUInt32LE(data.length, 18)
		local.writeUInt32LE(data.length, 22)
		local.writeUInt16LE(nameBytes.length, 26)
		const central = Buffer.alloc(46)
		central.writeUInt32LE(0x02014b50, 0)
		central.writeUInt16LE(20, 4)
		central.writeUInt16LE(20, 6)
		central.writeUInt32LE(crc32(data), 16)
		central.writeUInt32LE(data.length, 20)
		central.writeUInt32LE(data.length, 24)
		central.writeUInt16LE(nameBytes.length, 28)
		central.writeUInt32LE(offset, 42)
		locals.push(local, nameBytes, data)
		centrals.push(central, nameBytes)
		offset += local.length + nameBytes.length + data.length
	}
	const directory = Buffer.concat(centrals)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(centrals.length / 2, 8)
	end.writeUInt16LE(centrals.length / 2, 10)
	end.writeUInt32LE(directory.length, 12)
	end.writeUInt32LE(offset, 16)
	return Buffer.concat([...locals, directory, end])
}

/** A word-processor document: a ZIP with the Office content-types part. */
export const makeDocx = () =>
	makeZip({
		'[Content_Types].xml':
			'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
		'word/document.xml': '<w:document/>',
	})

/** A 1 × 1 GIF. */
export const makeGif = () =>
	Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

export const makeHtml = () =>
	Buffer.from('<!DOCTYPE html><html><body><p>Referral attached</p></body></html>')

function pngChunk(type: string, data: Buffer) {
	const length = Buffer.alloc(4)
	length.writeUInt32BE(data.length)
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
	const crc = Buffer.alloc(4)
	crc.writeUInt32BE(crc32(body))
	return Buffer.concat([length, body, crc])
}

/**
 * A PNG decompression bomb: IHDR declares `width` × `height` 1-bit gray pixels. `complete`
 * writes every (white) row, deflated: a few tens of kilobytes that decode to width × height
 * bytes of memory (use it at moderate sizes: the rows are deflated in memory). Otherwise IDAT
 * holds a few rows only: the header is what a careless decoder allocates for.
 */
export function makePngBomb(
	options: { width?: number; height?: number; complete?: boolean } = {},
): Buffer {
	const width = options.width ?? 100_000
	const height = options.height ?? 100_000
	const header = Buffer.alloc(13)
	header.writeUInt32BE(width, 0)
	header.writeUInt32BE(height, 4)
	header[8] = 1 // bit depth
	header[9] = 0 // gray
	const row = 1 + Math.ceil(width / 8) // filter byte + packed pixels
	const rows = Buffer.alloc(row * (options.complete ? height : Math.min(height, 4)), 0xff)
	for (let i = 0; i < rows.length; i += row) rows[i] = 0 // filter: none
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(rows, { level: 9 })),
		pngChunk('IEND', Buffer.alloc(0)),
	])
}

/** A JPEG whose frame header is rewritten to declare `width` × `height` (a bomb by header). */
export async function makeJpegBomb(
	options: { width?: number; height?: number } = {},
): Promise<Buffer> {
	const jpeg = await sharp({
		create: { width: 16, height: 16, channels: 3, background: '#ffffff' },
	})
		.jpeg()
		.toBuffer()
	for (let at = 2; at + 9 < jpeg.length;) {
		const marker = jpeg[at + 1]!
		if (marker === 0xc0 || marker === 0xc2) {
			jpeg.writeUInt16BE(options.height ?? 65_000, at + 5)
			jpeg.writeUInt16BE(options.width ?? 65_000, at + 7)
			return jpeg
		}
		at += 2 + jpeg.readUInt16BE(at + 2)
	}
	throw new Error('sharp wrote a JPEG without a frame header')
}

/**
 * Rewrites tags of a little-endian TIFF's directories in place: `values` by tag number (SHORT or
 * LONG entries), `nextDirectory` replacing the last directory's link (to build a loop). For
 * crafted test files only.
 */
export function patchTiff(
	tiff: Buffer,
	patch: { values?: Record<number, number>; nextDirectory?: number },
): Buffer {
	const bytes = Buffer.from(tiff)
	if (bytes.readUInt16LE(0) !== 0x4949)
		throw new Error('patchTiff handles little-endian TIFFs only')
	let offset = bytes.readUInt32LE(4)
	for (;;) {
		const count = bytes.readUInt16LE(offset)
		for (let i = 0; i < count; i++) {
			const at = offset + 2 + i * 12
			const value = patch.values?.[bytes.readUInt16LE(at)]
			if (value === undefined) continue
			bytes.writeUInt16LE(4, at + 2) // LONG
			bytes.writeUInt32LE(1, at + 4)
			bytes.writeUInt32LE(value, at + 8)
		}
		const link = offset + 2 + count * 12
		const next = bytes.readUInt32LE(link)
		if (next === 0) {
			if (patch.nextDirectory !== undefined) bytes.writeUInt32LE(patch.nextDirectory, link)
			return bytes
		}
		offset = next
	}
}

/** The first directory's offset of a TIFF (for `patchTiff`'s loops). */
export const firstDirectory = (tiff: Buffer) => tiff.readUInt32LE(4)
