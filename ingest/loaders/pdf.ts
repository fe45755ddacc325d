import { extractText, getDocumentProxy } from 'unpdf'
import { IngestError, INGEST_ERRORS } from './errors.ts'

/**
 * The text layer of a PDF (unpdf's bundled pdf.js, JavaScript evaluation off), pages separated by
 * a blank line. A PDF whose text layer is empty is a scan: refused with INGEST_NO_TEXT_LAYER, as
 * OCR belongs to the intake pipeline. pdf.js messages are not passed on (they may quote content).
 */
export async function pdfText(data: Uint8Array, file: string): Promise<string> {
	let pdf: Awaited<ReturnType<typeof getDocumentProxy>>
	try {
		pdf = await getDocumentProxy(data, { isEvalSupported: false, verbosity: 0 })
	} catch {
		throw new IngestError(INGEST_ERRORS.malformedPdf, `${file} is not a readable PDF.`)
	}
	try {
		const { text } = await extractText(pdf, { mergePages: false })
		const joined = text
			.map((page) => page.trim())
			.filter(Boolean)
			.join('\n\n')
		if (!joined.trim())
			throw new IngestError(
				INGEST_ERRORS.noTextLayer,
				`${file} has no text layer (a scanned PDF needs OCR: upload it through intake).`,
			)
		return joined
	} catch (error) {
		if (error instanceof IngestError) throw error
		throw new IngestError(INGEST_ERRORS.malformedPdf, `${file} is not a readable PDF.`)
	} finally {
		await pdf.destroy()
	}
}
