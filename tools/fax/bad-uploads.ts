import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import type { BadUploadCase } from './format.ts'
import { layoutDocument, randomStyle } from './layout.ts'
import { Rand } from './random.ts'
import { encodeTextPdf, encodeTiff, type Fonts } from './render.ts'

/**
 * Files intake must refuse, each with the INTAKE_ code it expects (server/intake/errors.ts). They
 * are small on purpose: the bombs declare huge sizes in their headers and hold almost nothing.
 * The same bytes every time (no randomness beyond a fixed seed).
 */
export async function writeBadUploads(out: string, fonts: Fonts): Promise<BadUploadCase[]> {
	const dir = path.join(out, 'bad')
	await mkdir(dir, { recursive: true })
	const rng = new Rand(17)
	const page = layoutDocument(
		[
			{ t: 'heading', text: 'Laboratory Report' },
			{ t: 'text', text: 'Synthetic page for a bad-upload case. Potassium 4.1 mmol/L (3.5-5.1).' },
		],
		randomStyle(rng),
		fonts.measure,
		rng,
	)
	const pdf = await encodeTextPdf(page, fonts)
	const cases: Array<[string, BadUploadCase['problem'], string, Uint8Array]> = [
		['empty.pdf', 'INTAKE_EMPTY_FILE', 'zero bytes', new Uint8Array(0)],
		['empty.tif', 'INTAKE_EMPTY_FILE', 'zero bytes, named .tif', new Uint8Array(0)],
		[
			'truncated.pdf',
			'INTAKE_MALFORMED_FILE',
			'a PDF cut off after 40 % of its bytes (no xref, no trailer)',
			pdf.subarray(0, Math.floor(pdf.length * 0.4)),
		],
		[
			'header-only.pdf',
			'INTAKE_MALFORMED_FILE',
			'a %PDF header followed by garbage',
			Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), Buffer.alloc(2048, 0x5a)]),
		],
		[
			'encrypted.pdf',
			'INTAKE_ENCRYPTED_PDF',
			'a PDF with a user password (RC4, pdfkit)',
			await encodeTextPdf(page, fonts, {
				userPassword: 'fax-intake',
				ownerPassword: 'owner-secret',
				pdfVersion: '1.4',
			}),
		],
		[
			'really-a-zip.pdf',
			'INTAKE_UNSUPPORTED_FILE',
			'a ZIP archive named .pdf',
			zip('report.pdf', pdf),
		],
		[
			'bomb-60000.png',
			'INTAKE_IMAGE_TOO_LARGE',
			'a PNG whose IHDR declares 60000 x 60000 pixels, about 100 bytes',
			pngBomb(60000, 60000),
		],
		[
			'bomb-tall.png',
			'INTAKE_IMAGE_TOO_LARGE',
			'a PNG declaring 2000 x 900000 pixels',
			pngBomb(2000, 900000),
		],
		[
			'bomb-65000.jpg',
			'INTAKE_IMAGE_TOO_LARGE',
			'a JPEG whose SOF declares 65000 x 65000 pixels',
			await jpegBomb(),
		],
		[
			'sixty-pages.tif',
			'INTAKE_TOO_MANY_PAGES',
			'a 60-page CCITT G4 fax TIFF (the default limit is 50)',
			await manyPageTiff(60),
		],
		[
			'sixty-pages.pdf',
			'INTAKE_TOO_MANY_PAGES',
			'a 60-page text PDF',
			await encodeTextPdf(
				Array.from({ length: 60 }, () => page[0] ?? { ops: [], lines: [] }),
				fonts,
			),
		],
		[
			'animated.gif',
			'INTAKE_UNSUPPORTED_FILE',
			'a GIF image (faxes arrive as PDF, TIFF, PNG or JPEG)',
			await sharp({ create: { width: 200, height: 100, channels: 3, background: '#ffffff' } })
				.gif()
				.toBuffer(),
		],
		[
			'notes.tiff',
			'INTAKE_UNSUPPORTED_FILE',
			'a plain text file named .tiff',
			Buffer.from(
				'Patient called, please fax the lab results.\nThis is a text file, not an image.\n',
			),
		],
		[
			'page.html.pdf',
			'INTAKE_UNSUPPORTED_FILE',
			'an HTML page named .pdf',
			Buffer.from('<!doctype html><html><body><h1>Fax</h1></body></html>\n'),
		],
		[
			'corrupt.jpg',
			'INTAKE_MALFORMED_FILE',
			'a JPEG whose entropy-coded data is overwritten and whose end is missing',
			await corruptJpeg(),
		],
		[
			'truncated.tif',
			'INTAKE_MALFORMED_FILE',
			'a TIFF header pointing at an IFD beyond the end of the file',
			tiffBadIfd(),
		],
	]
	const out2: BadUploadCase[] = []
	for (const [file, problem, note, bytes] of cases) {
		await writeFile(path.join(dir, file), bytes)
		out2.push({ id: `bad-${file.replace(/\W+/g, '-')}`, file: `bad/${file}`, problem, note })
	}
	return out2
}

function pngChunk(type: string, data: Buffer): Buffer {
	const len = Buffer.alloc(4)
	len.writeUInt32BE(data.length)
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
	const crc = Buffer.alloc(4)
	crc.writeUInt32BE(crc32(body))
	return Buffer.concat([len, body, crc])
}

/** A valid PNG signature and IHDR declaring width x height (1-bit gray), with a tiny IDAT. */
function pngBomb(width: number, height: number): Buffer {
	const ihdr = Buffer.alloc(13)
	ihdr.writeUInt32BE(width, 0)
	ihdr.writeUInt32BE(height, 4)
	ihdr[8] = 1 // bit depth
	ihdr[9] = 0 // grayscale
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', ihdr),
		pngChunk('IDAT', deflateSync(Buffer.alloc(1024, 0xff))),
		pngChunk('IEND', Buffer.alloc(0)),
	])
}

async function jpegBomb(): Promise<Buffer> {
	const jpg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ffffff' } })
		.greyscale()
		.jpeg()
		.toBuffer()
	const out = Buffer.from(jpg)
	// SOF0..SOF2 marker: FF C0/C1/C2, length(2), precision(1), height(2), width(2).
	for (let i = 2; i < out.length - 9; i++) {
		if (out[i] === 0xff && (out[i + 1] === 0xc0 || out[i + 1] === 0xc1 || out[i + 1] === 0xc2)) {
			out.writeUInt16BE(65000, i + 5)
			out.writeUInt16BE(65000, i + 7)
			return out
		}
	}
	throw new Error('no SOF marker in the JPEG')
}

async function corruptJpeg(): Promise<Buffer> {
	const raw = Buffer.alloc(400 * 300, 255)
	for (let y = 100; y < 200; y++) raw.fill(0, y * 400 + 50, y * 400 + 350)
	const jpg = await sharp(raw, { raw: { width: 400, height: 300, channels: 1 } })
		.jpeg({ quality: 80 })
		.toBuffer()
	const sos = jpg.indexOf(Buffer.from([0xff, 0xda]))
	const out = Buffer.from(jpg.subarray(0, Math.floor(jpg.length * 0.6)))
	// Overwrite the scan data after the SOS header with a repeating non-JPEG pattern.
	for (let i = sos + 20; i < out.length; i++) out[i] = i % 2 === 0 ? 0xff : 0xd0 + (i % 7)
	return out
}

async function manyPageTiff(n: number): Promise<Buffer> {
	const width = 1728
	const height = 1078
	const page = Buffer.alloc(width * height, 255)
	page.fill(0, 100 * width, 104 * width)
	return encodeTiff(
		Array.from({ length: n }, () => ({ data: page, width, height })),
		204,
		98,
		'ccittfax4',
	)
}

function tiffBadIfd(): Buffer {
	const b = Buffer.alloc(64, 0)
	b.write('II', 0, 'latin1')
	b.writeUInt16LE(42, 2)
	b.writeUInt32LE(1_000_000, 4)
	return b
}

/** A one-entry ZIP archive (stored, no compression). */
function zip(name: string, data: Buffer): Buffer {
	const nameBuf = Buffer.from(name, 'latin1')
	const crc = crc32(data)
	const local = Buffer.alloc(30)
	local.writeUInt32LE(0x04034b50, 0)
	local.writeUInt16LE(20, 4)
	local.writeUInt32LE(crc, 14)
	local.writeUInt32LE(data.length, 18)
	local.writeUInt32LE(data.length, 22)
	local.writeUInt16LE(nameBuf.length, 26)
	const central = Buffer.alloc(46)
	central.writeUInt32LE(0x02014b50, 0)
	central.writeUInt16LE(20, 4)
	central.writeUInt16LE(20, 6)
	central.writeUInt32LE(crc, 16)
	central.writeUInt32LE(data.length, 20)
	central.writeUInt32LE(data.length, 24)
	central.writeUInt16LE(nameBuf.length, 28)
	const end = Buffer.alloc(22)
	end.writeUInt32LE(0x06054b50, 0)
	end.writeUInt16LE(1, 8)
	end.writeUInt16LE(1, 10)
	end.writeUInt32LE(46 + nameBuf.length, 12)
	end.writeUInt32LE(30 + nameBuf.length + data.length, 16)
	return Buffer.concat([local, nameBuf, data, central, nameBuf, end])
}
