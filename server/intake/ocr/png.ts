/**
 * What the OCR engine needs from a PNG's header, read without decoding it: its size, and the
 * resolution its `pHYs` chunk declares (tesseract guesses badly without one and prints "Invalid
 * resolution" warnings). The bytes are untrusted: anything that is not a well-formed start of a
 * PNG gives null.
 */
export type PngHeader = { width: number; height: number; dpi: number | null }

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const METRES_PER_INCH = 0.0254

export function readPngHeader(bytes: Uint8Array): PngHeader | null {
	if (bytes.length < 33 || SIGNATURE.some((b, i) => bytes[i] !== b)) return null
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	// The first chunk must be IHDR, 13 bytes.
	if (view.getUint32(8) !== 13 || chunkType(bytes, 12) !== 'IHDR') return null
	const width = view.getUint32(16)
	const height = view.getUint32(20)
	if (width === 0 || height === 0) return null
	let dpi: number | null = null
	// Chunks before the image data; pHYs must come before IDAT.
	for (let at = 33; at + 8 <= bytes.length;) {
		const length = view.getUint32(at)
		const type = chunkType(bytes, at + 4)
		if (type === 'IDAT' || type === 'IEND') break
		if (type === 'pHYs' && length === 9 && at + 8 + 9 <= bytes.length) {
			const x = view.getUint32(at + 8)
			const unit = bytes[at + 16]
			if (unit === 1 && x > 0) dpi = Math.round(x * METRES_PER_INCH)
		}
		at += 12 + length
	}
	return { width, height, dpi }
}

function chunkType(bytes: Uint8Array, at: number): string {
	return String.fromCharCode(...bytes.subarray(at, at + 4))
}

/** A US letter page is 8.5 inches wide: what a page's width in pixels says of its resolution. */
const LETTER_WIDTH_INCHES = 8.5

/**
 * The resolution to tell tesseract: the declared one when it is plausible (70–1200 dpi), else one
 * estimated from the width as if the image were a letter-wide page, within 70–600 dpi. Fax
 * pages reach the engine as whole pages (server/intake/files), so the estimate is close.
 */
export function ocrResolution(header: PngHeader): number {
	if (header.dpi !== null && header.dpi >= 70 && header.dpi <= 1200) return header.dpi
	return Math.min(600, Math.max(70, Math.round(header.width / LETTER_WIDTH_INCHES)))
}
