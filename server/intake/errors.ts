import { AppError, type ErrorCode } from '../platform/errors.ts'

/**
 * Fax intake's error codes. A message names the file by its position in the upload or its fax
 * id and says what is wrong with it in plain words, never anything read from it: a fax is PHI
 * until a person has filed it, and messages reach logs and the intake screen.
 */
export const INTAKE_ERRORS = {
	emptyFile: 'INTAKE_EMPTY_FILE',
	unsupportedFile: 'INTAKE_UNSUPPORTED_FILE',
	fileTooLarge: 'INTAKE_FILE_TOO_LARGE',
	tooManyFiles: 'INTAKE_TOO_MANY_FILES',
	tooManyPages: 'INTAKE_TOO_MANY_PAGES',
	imageTooLarge: 'INTAKE_IMAGE_TOO_LARGE',
	malformedFile: 'INTAKE_MALFORMED_FILE',
	encryptedPdf: 'INTAKE_ENCRYPTED_PDF',
	noFiles: 'INTAKE_NO_FILES',
	ocrFailed: 'INTAKE_OCR_FAILED',
	analysisFailed: 'INTAKE_ANALYSIS_FAILED',
	faxNotFound: 'INTAKE_FAX_NOT_FOUND',
	stateConflict: 'INTAKE_STATE_CONFLICT',
	decisionInvalid: 'INTAKE_DECISION_INVALID',
} as const satisfies Record<string, IntakeErrorCode>
export type IntakeErrorCode = Extract<ErrorCode, `INTAKE_${string}`>

export class IntakeError extends AppError {
	declare readonly code: IntakeErrorCode
	constructor(code: IntakeErrorCode, message: string, options: { cause?: unknown } = {}) {
		super(code, message, options)
		this.name = 'IntakeError'
	}
}
