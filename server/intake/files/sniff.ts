import { IntakeError, INTAKE_ERRORS } from '../errors.ts'
import type { FaxFileKind } from './types.ts'

/** Magic numbers at offset 0. BigTIFF (`II+\0`) is not a fax format and is refused. */
const SIGNATURES: { kind: FaxFileKind; bytes: number[] }[] = [
	{ kind: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
	{ kind: 'tiff', bytes: [0x49, 0x49, 0x2a, 0x00] }, // II*\0, little-endian
	{ kind: 'tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] }, // MM\0*, big-endian
	{ kind: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
	{ kind: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
]

/**
 * What a received file is, from its first bytes only: never its name or the type the browser
 * or fax server claimed (a ZIP renamed `.pdf` is a ZIP). Throws INTAKE_EMPTY_FILE for zero bytes
 * and INTAKE_UNSUPPORTED_FILE for anything but PDF, TIFF, PNG and JPEG.
 */
export function sniffFileKind(bytes: Uint8Array): FaxFileKind {
	if (bytes.length === 0)
		throw new IntakeError(INTAKE_ERRORS.emptyFile, 'The file is empty (0 bytes): nothing arrived.')
	const match = SIGNATURES.find(
		(signature) =>
			bytes.length >= signature.bytes.length &&
			signature.bytes.every((byte, i) => bytes[i] === byte),
	)
	if (!match)
		throw new IntakeError(
			INTAKE_ERRORS.unsupportedFile,
			'This file is not a PDF, TIFF, PNG or JPEG, whatever its name says; fax intake accepts only those.',
		)
	return match.kind
}
