import { deflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { ocrResolution, readPngHeader } from './png.ts'

/** A minimal PNG (8-bit grey, one row of white), with a pHYs chunk when `pixelsPerMetre` is given. */
function png(width: number, height: number, pixelsPerMetre?: number, unit = 1): Buffer {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4)
		length.writeUInt32BE(data.length)
		// The CRC is not checked by the header reader; zeros keep the fixture short.
		return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)])
	}
	const ihdr = Buffer.alloc(13)
	ihdr.writeUInt32BE(width, 0)
	ihdr.writeUInt32BE(height, 4)
	ihdr[8] = 8
	const chunks = [chunk('IHDR', ihdr)]
	if (pixelsPerMetre !== undefined) {
		const phys = Buffer.alloc(9)
		phys.writeUInt32BE(pixelsPerMetre, 0)
		phys.writeUInt32BE(pixelsPerMetre, 4)
		phys[8] = unit
		chunks.push(chunk('pHYs', phys))
	}
	const rows = Buffer.alloc(height * (width + 1), 0xff)
	chunks.push(chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)))
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ...chunks])
}

describe('PNG header', () => {
	test('reads the size and the declared resolution', () => {
		// 300 dpi is 11811 pixels per metre.
		expect(readPngHeader(png(2550, 3300, 11811))).toEqual({ width: 2550, height: 3300, dpi: 300 })
	})
	test('has no resolution without pHYs, or with a unitless pHYs (an aspect ratio only)', () => {
		expect(readPngHeader(png(1700, 2200))?.dpi).toBeNull()
		expect(readPngHeader(png(1700, 2200, 1, 0))?.dpi).toBeNull()
	})
	test.each([
		['empty', Buffer.alloc(0)],
		['text', Buffer.from('garbage bytes, not an image at all, but long enough')],
		['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.alloc(40)])],
		['a PNG cut inside its header', png(10, 10).subarray(0, 20)],
		[
			'a PNG whose first chunk is not IHDR',
			Buffer.concat([png(1, 1).subarray(0, 12), Buffer.from('IDAT'), Buffer.alloc(30)]),
		],
		['a PNG declaring zero width', png(0, 10)],
	])('rejects %s', (_name, bytes) => {
		expect(readPngHeader(bytes)).toBeNull()
	})
	test('a truncated chunk list ends the scan without throwing', () => {
		const bytes = png(100, 100, 7874)
		expect(readPngHeader(bytes.subarray(0, 40))).toEqual({ width: 100, height: 100, dpi: null })
	})
})

describe('the resolution told to tesseract', () => {
	test('is the declared one when plausible', () => {
		expect(ocrResolution({ width: 1700, height: 2200, dpi: 200 })).toBe(200)
	})
	test('is estimated from a letter-wide page otherwise', () => {
		expect(ocrResolution({ width: 1700, height: 2200, dpi: null })).toBe(200)
		expect(ocrResolution({ width: 2550, height: 3300, dpi: 1 })).toBe(300)
	})
	test('stays within 70–600 dpi', () => {
		expect(ocrResolution({ width: 100, height: 50, dpi: null })).toBe(70)
		expect(ocrResolution({ width: 20_000, height: 50, dpi: null })).toBe(600)
	})
})
