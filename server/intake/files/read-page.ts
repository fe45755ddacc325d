import sharp, { type Metadata, type Sharp } from 'sharp'
import { IntakeError, INTAKE_ERRORS } from '../errors.ts'
import { assertFileSize, assertPagePixels } from './checks.ts'
import { MIN_PDF_DPI } from './inspect.ts'
import { binarize, decodeGray, deskew, despeckle, encodePage, targetSize } from './normalize.ts'
import { getPdfPage, openPdf, pageInches, pageTextLayer, renderPdfPage } from './pdf.ts'
import { readTiffDirectories } from './tiff-directory.ts'
import { PAGE_DPI, type FaxFileKind, type FaxPageImage, type IntakeLimits } from './types.ts'

/** One page, decoded but not yet normalized: a sharp input carrying the decoder's caps. */
type SourcePage = {
	input: Sharp
	width: number
	height: number
	xDpi: number | null
	yDpi: number | null
	textLayer: string | null
}

/**
 * One page of a received file, normalized (see normalize.ts); pages are read one at a time so
 * memory stays flat however long the fax. The caps are applied again (a file stored under older
 * caps still cannot exhaust memory). Throws the INTAKE_ codes for a page that cannot be decoded,
 * and a RangeError for an index the file does not have (a caller's mistake: `inspectFaxFile`
 * counted the pages).
 */
export async function readFaxPage(
	bytes: Uint8Array,
	kind: FaxFileKind,
	index: number,
	limits: IntakeLimits,
): Promise<FaxPageImage> {
	if (!Number.isInteger(index) || index < 0)
		throw new RangeError('A page index is a whole number from 0.')
	assertFileSize(bytes, limits)
	if (kind === 'pdf') return readPdfPage(bytes, index, limits)
	const source =
		kind === 'tiff' ? tiffPage(bytes, index, limits) : await imagePage(bytes, kind, index, limits)
	return normalize(index, source, limits)
}

async function normalize(
	index: number,
	source: SourcePage,
	limits: IntakeLimits,
): Promise<FaxPageImage> {
	let gray
	try {
		gray = await decodeGray(source.input, targetSize(source, limits.maxPixelsPerPage))
	} catch (error) {
		throw new IntakeError(
			INTAKE_ERRORS.malformedFile,
			`Page ${index + 1} is damaged or incomplete and cannot be read; ask the sender to send it again.`,
			{ cause: error },
		)
	}
	const { image } = await deskew(despeckle(binarize(gray)))
	return {
		index,
		png: await encodePage(image),
		width: image.width,
		height: image.height,
		textLayer: source.textLayer,
	}
}

/** The decoder's caps: the pixel cap again, and a truncated or corrupt image is an error. */
const decoderOptions = (limits: IntakeLimits) =>
	({ limitInputPixels: limits.maxPixelsPerPage, failOn: 'truncated' }) as const

/**
 * A TIFF page by its directory: CCITT G3/G4, LZW and the rest through sharp's libtiff. The
 * vertical resolution comes from the directory (tag 283), since sharp reports the horizontal one
 * only, and a "standard" fax's 98 dpi rows are what make its pixels twice as tall as wide.
 */
function tiffPage(bytes: Uint8Array, index: number, limits: IntakeLimits): SourcePage {
	const { directories } = readTiffDirectories(bytes, index + 1)
	const directory = directories[index]
	if (!directory) throw new RangeError(`The TIFF has no page ${index + 1}.`)
	assertPagePixels(index, directory, limits)
	return {
		input: sharp(bytes, { ...decoderOptions(limits), page: index }),
		width: directory.width,
		height: directory.height,
		xDpi: directory.xDpi,
		yDpi: directory.yDpi,
		textLayer: null,
	}
}

/** A PNG or JPEG: one page; the size after EXIF orientation, the density as declared. */
async function imagePage(
	bytes: Uint8Array,
	kind: 'png' | 'jpeg',
	index: number,
	limits: IntakeLimits,
): Promise<SourcePage> {
	if (index !== 0) throw new RangeError(`A ${kind.toUpperCase()} image has one page.`)
	let metadata: Metadata
	try {
		// the header only; the pixel cap is checked here, by us, before anything is decoded
		metadata = await sharp(bytes, { limitInputPixels: false }).metadata()
	} catch (error) {
		throw new IntakeError(
			INTAKE_ERRORS.malformedFile,
			`This ${kind.toUpperCase()} image is damaged and cannot be read; ask the sender to send it again.`,
			{ cause: error },
		)
	}
	const { width, height } = metadata.autoOrient
	assertPagePixels(0, { width, height }, limits)
	const dpi = metadata.density ?? null
	return {
		input: sharp(bytes, decoderOptions(limits)),
		width,
		height,
		xDpi: dpi,
		yDpi: dpi,
		textLayer: null,
	}
}

/**
 * A PDF page: its text layer when it has a real one, and always its image (the review screen
 * shows the page), drawn at PAGE_DPI or, for a page larger than letter or legal, at the
 * resolution that keeps it within the pixel cap.
 */
async function readPdfPage(
	bytes: Uint8Array,
	index: number,
	limits: IntakeLimits,
): Promise<FaxPageImage> {
	const pdf = await openPdf(bytes, limits)
	try {
		if (index >= pdf.numPages) throw new RangeError(`The PDF has no page ${index + 1}.`)
		const page = await getPdfPage(pdf, index)
		const inches = pageInches(page)
		assertPagePixels(
			index,
			{ width: inches.width * MIN_PDF_DPI, height: inches.height * MIN_PDF_DPI },
			limits,
		)
		const dpi = Math.min(
			PAGE_DPI,
			Math.sqrt(limits.maxPixelsPerPage / (inches.width * inches.height)),
		)
		const textLayer = await pageTextLayer(page)
		const png = await renderPdfPage(pdf, index, dpi)
		return await normalize(
			index,
			{
				input: sharp(png, decoderOptions(limits)),
				width: Math.round(inches.width * dpi),
				height: Math.round(inches.height * dpi),
				xDpi: dpi,
				yDpi: dpi,
				textLayer,
			},
			limits,
		)
	} finally {
		await pdf.destroy()
	}
}
