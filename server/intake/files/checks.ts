import { IntakeError, INTAKE_ERRORS } from '../errors.ts'
import type { IntakeLimits } from './types.ts'

/** The caps both `inspectFaxFile` and `readFaxPage` apply; each message names the cap, never content. */

const mebibytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`

export function assertFileSize(bytes: Uint8Array, limits: IntakeLimits) {
	if (bytes.length > limits.maxFileBytes)
		throw new IntakeError(
			INTAKE_ERRORS.fileTooLarge,
			`This file is larger than the ${mebibytes(limits.maxFileBytes)} allowed for one fax; ask the sender to split it.`,
		)
}

export function assertPageCount(pages: number, limits: IntakeLimits) {
	if (pages > limits.maxPages)
		throw new IntakeError(
			INTAKE_ERRORS.tooManyPages,
			`This fax has more than the ${limits.maxPages} pages allowed for one upload; ask the sender to split it.`,
		)
}

/** A page whose declared size exceeds the cap is refused before any decoder allocates for it. */
export function assertPagePixels(
	index: number,
	size: { width: number; height: number },
	limits: IntakeLimits,
) {
	if (size.width * size.height > limits.maxPixelsPerPage)
		throw new IntakeError(
			INTAKE_ERRORS.imageTooLarge,
			`Page ${index + 1} declares an image larger than the ${Math.round(limits.maxPixelsPerPage / 1e6)} megapixels allowed for a page; the file may be damaged or crafted. Ask the sender to send it again.`,
		)
}
