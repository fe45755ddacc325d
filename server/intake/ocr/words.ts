/**
 * Word boxes from tesseract's block tree, each tied to its characters in the page text by offset,
 * so a span found in the text (a name, a birth date) can be drawn on the page image.
 */
export type OcrBox = { x0: number; y0: number; x1: number; y1: number }

export type OcrWord = {
	/** The word as it reads in `OcrResult.text` (after the clinical corrections). */
	text: string
	/** 0..1 */
	confidence: number
	/** Pixels of the page image as given to the engine. */
	bbox: OcrBox
	/** `text === result.text.slice(start, end)`. */
	start: number
	end: number
}

/** The part of tesseract's page the engine reads (tesseract.js `Page.blocks`). */
export type BlockTree = ReadonlyArray<{
	paragraphs: ReadonlyArray<{
		lines: ReadonlyArray<{
			words: ReadonlyArray<{ text: string; confidence: number; bbox: OcrBox }>
		}>
	}>
}> | null

/**
 * Finds each word of `blocks` in `rawText` (tesseract's own text, which lists the same words in
 * the same order), in order, and takes its characters from `text`, the corrected page text of the
 * same length. A word not found where expected is left out rather than guessed at.
 */
export function wordsWithOffsets(blocks: BlockTree, rawText: string, text: string): OcrWord[] {
	const words: OcrWord[] = []
	let cursor = 0
	for (const block of blocks ?? [])
		for (const paragraph of block.paragraphs)
			for (const line of paragraph.lines)
				for (const word of line.words) {
					if (word.text.length === 0) continue
					const start = rawText.indexOf(word.text, cursor)
					if (start < 0) continue
					const end = start + word.text.length
					cursor = end
					words.push({
						text: text.slice(start, end),
						confidence: clamp01(word.confidence / 100),
						bbox: { x0: word.bbox.x0, y0: word.bbox.y0, x1: word.bbox.x1, y1: word.bbox.y1 },
						start,
						end,
					})
				}
	return words
}

export const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0)
