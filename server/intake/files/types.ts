/** The file kinds fax intake accepts, told apart by their first bytes (`sniffFileKind`). */
export const FAX_FILE_KINDS = ['pdf', 'tiff', 'png', 'jpeg'] as const
export type FaxFileKind = (typeof FAX_FILE_KINDS)[number]

/**
 * The caps applied to every received file, at upload (`inspectFaxFile`) and again when its pages
 * are read (`readFaxPage`), so a file stored before a cap was lowered still cannot exhaust memory.
 */
export type IntakeLimits = {
	/** The size of the file as received, in bytes. */
	maxFileBytes: number
	/** Pages (TIFF directories, PDF pages; a PNG or JPEG is one page). */
	maxPages: number
	/** Pixels one page may declare (width × height), whatever its compression. */
	maxPixelsPerPage: number
}

/**
 * 25 MiB holds a 50-page fine-resolution fax many times over (a G4 page is 30–100 KB) and a
 * scanned colour PDF of a few dozen pages. 50 pages covers referral packets and records
 * releases; longer faxes are split by the sender. 40 megapixels is a letter page scanned at
 * 600 dpi (33.7 MP) with room to spare, and ten times a fax page (1728 × 2200 ≈ 3.8 MP).
 */
export const DEFAULT_INTAKE_LIMITS: IntakeLimits = Object.freeze({
	maxFileBytes: 25 * 1024 * 1024,
	maxPages: 50,
	maxPixelsPerPage: 40_000_000,
})

/**
 * The resolution of every normalized page image. Fax "fine" is 204 × 196 dpi, so 200 dpi keeps a
 * fax page's own pixels; 300 dpi would add none to a fax and costs tesseract more than twice the
 * time per page. Recorded in the PNG (pHYs) so the OCR engine need not guess.
 */
export const PAGE_DPI = 200

export type FaxPageImage = {
	/** 0-based. */
	index: number
	/** Normalized: square pixels at PAGE_DPI, grayscale, thresholded to black and white, deskewed where cheap. */
	png: Buffer
	width: number
	height: number
	/** A PDF page's own text when it has a real text layer (then OCR is skipped); otherwise null. */
	textLayer: string | null
}
