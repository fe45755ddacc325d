/**
 * Everything about a received fax file before OCR (issue 17, ADR 034): what it is (from its
 * bytes), whether it may be stored (caps, structure, encryption), and its pages one at a time as
 * normalized black-and-white images, with a PDF page's own text where it has one.
 */
export { inspectFaxFile } from './inspect.ts'
export { readFaxPage } from './read-page.ts'
export { sniffFileKind } from './sniff.ts'
export {
	DEFAULT_INTAKE_LIMITS,
	FAX_FILE_KINDS,
	PAGE_DPI,
	type FaxFileKind,
	type FaxPageImage,
	type IntakeLimits,
} from './types.ts'
