import { IntakeError, INTAKE_ERRORS } from '../errors.ts'

/**
 * PNG and JPEG structure, checked by walking chunks and markers without decompressing anything:
 * the declared pixel size (to refuse a decompression bomb before any decoder allocates for it)
 * and whether the file is whole (a PNG ends with IEND, a JPEG's scans end with EOI).
 */
export type ImageSize = { width: number; height: number }

const damaged = (kind: 'PNG' | 'JPEG') =>
	new IntakeError(
		INTAKE_ERRORS.malformedFile,
		`This ${kind} image is damaged or incomplete (it may have been cut off in transfer); ask the sender to send it again.`,
	)

/** Chunk by chunk from the signature to IEND; the size is IHDR's. */
export function readPngStructure(bytes: Uint8Array): ImageSize {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const type = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4))
	let size: ImageSize | null = null
	let at = 8
	while (at + 12 <= bytes.length) {
		const length = view.getUint32(at)
		const name = type(at + 4)
		if (at + 12 + length > bytes.length) break
		if (size === null) {
			if (name !== 'IHDR' || length < 8) break
			size = { width: view.getUint32(at + 8), height: view.getUint32(at + 12) }
		}
		if (name === 'IEND') {
			if (size.width === 0 || size.height === 0) break
			return size
		}
		at += 12 + length
	}
	throw damaged('PNG')
}

/** Start-of-frame markers (baseline, progressive, lossless, arithmetic), not DHT/JPG/DAC. */
const isStartOfFrame = (marker: number) =>
	marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7

/**
 * Segment by segment from SOI; after each start-of-scan, through the entropy-coded data to the
 * next marker (0xFF followed by neither 0x00 stuffing nor a restart), until EOI. The size is the
 * frame header's (the main image's: an EXIF thumbnail sits inside its APP1 segment).
 */
export function readJpegStructure(bytes: Uint8Array): ImageSize {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	let size: ImageSize | null = null
	let scanned = false
	let at = 2
	while (at + 1 < bytes.length) {
		if (bytes[at] !== 0xff) break
		const marker = bytes[at + 1]!
		if (marker === 0xff) {
			at += 1 // fill byte
			continue
		}
		if (marker === 0xd9) {
			if (!size || !scanned || size.width === 0 || size.height === 0) break
			return size
		}
		if (isRestart(marker) || marker === 0x01) {
			at += 2
			continue
		}
		if (at + 4 > bytes.length) break
		const length = view.getUint16(at + 2)
		if (length < 2 || at + 2 + length > bytes.length) break
		if (isStartOfFrame(marker) && !size) {
			if (length < 7) break
			size = { height: view.getUint16(at + 5), width: view.getUint16(at + 7) }
		}
		at += 2 + length
		if (marker === 0xda) {
			scanned = true
			while (
				at + 1 < bytes.length &&
				!(bytes[at] === 0xff && bytes[at + 1] !== 0x00 && !isRestart(bytes[at + 1]!))
			)
				at += 1
		}
	}
	throw damaged('JPEG')
}
