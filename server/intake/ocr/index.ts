/**
 * Fax intake's OCR (issue 17, ADR 035): the only place that imports tesseract.js.
 * `createOcrEngine` reads page images; `correctClinicalText` is the clean-up it applies.
 */
export {
	createOcrEngine,
	OCR_DEFAULTS,
	type OcrEngine,
	type OcrEngineOptions,
	type OcrResult,
} from './engine.ts'
export { correctClinicalText } from './clinical-text.ts'
export type { OcrBox, OcrWord } from './words.ts'
