import { z } from 'zod'
import { FAX_LABELS } from './context.ts'

/**
 * The evaluation files this generator writes, in DESIGN.md's formats: `fax.jsonl` (the required
 * fields, then extra fields that describe how the fax was made, so a suite can break results down
 * by split, format, resolution or patient case) and `bad-uploads.jsonl`.
 */
export const FAX_FORMATS = [
	'tiff-g4-fine',
	'tiff-g4-standard',
	'tiff-lzw-fine',
	'pdf-text',
	'pdf-scan-bilevel',
	'pdf-scan-gray',
	'png',
	'jpeg',
] as const
export const PATIENT_CASES = [
	'chart',
	'not_in_charts',
	'near_miss_name',
	'near_miss_dob',
	'none',
] as const
export const FAX_KINDS = [
	'document',
	'cover+document',
	'cover_only',
	'misdirected',
	'junk',
] as const

export const faxCase = z.object({
	id: z.string().min(1),
	file: z.string().min(1),
	label: z.enum(FAX_LABELS),
	patient: z.string().min(1).nullable(),
	pages: z.number().int().positive(),
	text: z.string(),
	split: z.enum(['dev', 'holdout']),
	template: z.string(),
	kind: z.enum(FAX_KINDS),
	patientCase: z.enum(PATIENT_CASES),
	format: z.enum(FAX_FORMATS),
	/** Pixels per inch, horizontal x vertical (a text PDF: its page images' would-be resolution, 0x0). */
	dpi: z.tuple([z.number(), z.number()]),
	noise: z.enum(['clean', 'light', 'heavy']),
})
export type FaxCase = z.infer<typeof faxCase>

/** The INTAKE_ error code an upload must be refused with. */
export const BAD_UPLOAD_PROBLEMS = [
	'INTAKE_EMPTY_FILE',
	'INTAKE_MALFORMED_FILE',
	'INTAKE_ENCRYPTED_PDF',
	'INTAKE_UNSUPPORTED_FILE',
	'INTAKE_IMAGE_TOO_LARGE',
	'INTAKE_TOO_MANY_PAGES',
] as const
export const badUploadCase = z.object({
	id: z.string().min(1),
	file: z.string().min(1),
	problem: z.enum(BAD_UPLOAD_PROBLEMS),
	/** What the file is, in plain words (for reports). */
	note: z.string(),
})
export type BadUploadCase = z.infer<typeof badUploadCase>
