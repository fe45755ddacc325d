import { getDocumentProxy, renderPageAsImage } from 'unpdf'
import { IntakeError, INTAKE_ERRORS } from '../errors.ts'
import type { IntakeLimits } from './types.ts'

/**
 * PDFs through unpdf's bundled pdf.js (JavaScript evaluation off, warnings off) and pages drawn
 * by @napi-rs/canvas. pdf.js messages are never passed on, not even as a cause: they may quote
 * the document.
 */
export type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>

/**
 * unpdf 1.7's pdf.js calls `ArrayBuffer.prototype.transferToFixedLength` (ES2024, Node 22) when
 * it compiles a font for drawing; on Node 20 that throws inside the operator list, which pdf.js
 * swallows, and every page renders blank. pdf.js polyfills its other recent built-ins itself;
 * this adds the missing one (a copy; the original is not detached, which pdf.js does not need).
 */
function polyfillTransferToFixedLength() {
	const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: unknown }
	if (typeof proto.transferToFixedLength === 'function') return
	Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
		configurable: true,
		writable: true,
		value(this: ArrayBuffer, length: number = this.byteLength) {
			const copy = new ArrayBuffer(length)
			new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)))
			return copy
		},
	})
}
polyfillTransferToFixedLength()

const unreadable = () =>
	new IntakeError(
		INTAKE_ERRORS.malformedFile,
		'This PDF is damaged or incomplete and does not open; ask the sender to send it again.',
	)

/**
 * Opens a PDF, refusing an encrypted one (INTAKE_ENCRYPTED_PDF) and one pdf.js cannot open
 * (INTAKE_MALFORMED_FILE). pdf.js may take over the buffer it is given, so it gets a copy: the
 * original stays byte for byte. Images inside larger than a page may be are skipped by pdf.js.
 */
export async function openPdf(bytes: Uint8Array, limits: IntakeLimits): Promise<PdfDocument> {
	try {
		return await getDocumentProxy(new Uint8Array(bytes), {
			isEvalSupported: false,
			verbosity: 0,
			maxImageSize: limits.maxPixelsPerPage,
		})
	} catch (error) {
		// pdf.js names its exception classes; the name is stable, its message is not ours to show
		if (error instanceof Error && error.name === 'PasswordException')
			throw new IntakeError(
				INTAKE_ERRORS.encryptedPdf,
				'This PDF is password-protected; ask the sender for an unprotected copy.',
			)
		throw unreadable()
	}
}

/** 0-based page, or INTAKE_MALFORMED_FILE when the page tree is broken. */
export async function getPdfPage(pdf: PdfDocument, index: number): Promise<PdfPage> {
	try {
		return await pdf.getPage(index + 1)
	} catch {
		throw unreadable()
	}
}

/** A page's size in inches (pdf.js viewports count 72 units to the inch), rotation applied. */
export function pageInches(page: PdfPage): { width: number; height: number } {
	const { width, height } = page.getViewport({ scale: 1 })
	return { width: width / 72, height: height / 72 }
}

/**
 * A page's text is its own, real text layer when it has at least this many letters and digits
 * and they are most of its visible characters: a cover sheet's stamp or a scanner's few stray
 * glyphs are not, nor is text in a font without a character map (which extracts as symbols).
 */
export const MIN_TEXT_LAYER_CHARS = 40

export async function pageTextLayer(page: PdfPage): Promise<string | null> {
	let content: Awaited<ReturnType<PdfPage['getTextContent']>>
	try {
		content = await page.getTextContent()
	} catch {
		return null // a broken text layer is no text layer: the page is OCRed
	}
	let text = ''
	for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '')
	const visible = text.replace(/\s+/g, '')
	const wordy = visible.match(/[\p{L}\p{N}]/gu)?.length ?? 0
	if (wordy < MIN_TEXT_LAYER_CHARS || wordy < visible.length / 2) return null
	return text.trim()
}

/** The page drawn at `dpi` as a PNG (RGBA, white where the page paints nothing). */
export async function renderPdfPage(pdf: PdfDocument, index: number, dpi: number): Promise<Buffer> {
	try {
		const png = await renderPageAsImage(pdf, index + 1, {
			canvasImport: () => import('@napi-rs/canvas'),
			scale: dpi / 72,
		})
		return Buffer.from(png)
	} catch {
		throw unreadable()
	}
}
