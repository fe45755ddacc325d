import { assertFileSize, assertPageCount, assertPagePixels } from './checks.ts'
import { readJpegStructure, readPngStructure } from './image-structure.ts'
import { getPdfPage, openPdf, pageInches } from './pdf.ts'
import { sniffFileKind } from './sniff.ts'
import { readTiffDirectories } from './tiff-directory.ts'
import type { FaxFileKind, IntakeLimits } from './types.ts'

/**
 * A PDF page is drawn at PAGE_DPI, or lower to stay within the pixel cap, but not below this: a
 * page too large to draw at 100 dpi within the cap (about 63 inches square at 40 MP) is no fax.
 */
export const MIN_PDF_DPI = 100

/**
 * Cheap validation at upload, before anything is stored: the kind from the bytes, the size cap,
 * the page count, each page's declared pixel size from headers (never decoding a pixel, so a
 * decompression bomb costs nothing), the file whole (TIFF strips and PNG/JPEG structure inside
 * the file), a PDF that opens, is not encrypted and whose every page can be found. Throws the
 * INTAKE_ codes.
 */
export async function inspectFaxFile(
	bytes: Uint8Array,
	limits: IntakeLimits,
): Promise<{ kind: FaxFileKind; pages: number }> {
	const kind = sniffFileKind(bytes)
	assertFileSize(bytes, limits)
	switch (kind) {
		case 'tiff': {
			const { directories, more } = readTiffDirectories(bytes, limits.maxPages)
			if (more) assertPageCount(limits.maxPages + 1, limits)
			directories.forEach((directory, index) => assertPagePixels(index, directory, limits))
			return { kind, pages: directories.length }
		}
		case 'png':
			assertPagePixels(0, readPngStructure(bytes), limits)
			return { kind, pages: 1 }
		case 'jpeg':
			assertPagePixels(0, readJpegStructure(bytes), limits)
			return { kind, pages: 1 }
		case 'pdf': {
			const pdf = await openPdf(bytes, limits)
			try {
				assertPageCount(pdf.numPages, limits)
				for (let index = 0; index < pdf.numPages; index++) {
					const inches = pageInches(await getPdfPage(pdf, index))
					assertPagePixels(
						index,
						{ width: inches.width * MIN_PDF_DPI, height: inches.height * MIN_PDF_DPI },
						limits,
					)
				}
				return { kind, pages: pdf.numPages }
			} finally {
				await pdf.destroy()
			}
		}
	}
}
