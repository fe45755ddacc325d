import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { characterErrorRate } from '#evals/metrics/cer.ts'
import { IntakeError } from '../errors.ts'
import {
	openOcrPool,
	startTesseractWorker,
	type OcrEngine,
	type OcrPoolStats,
	type OcrWorkerHandle,
} from './engine.ts'
import { createOcrEngine } from './index.ts'
import { renderFaxPage, syntheticLabPage } from './synthetic-page-test-fixtures.ts'

/**
 * The real engine: tesseract.js workers on the packaged English data, no network, reading
 * synthetic fax pages drawn with @napi-rs/canvas (DejaVu Sans; CI needs fonts-dejavu-core).
 * Speed is measured by `npm run bench -- --only intake`, not here.
 */

const expectOcrFailed = (error: unknown) => {
	expect(error).toBeInstanceOf(IntakeError)
	expect((error as IntakeError).code).toBe('INTAKE_OCR_FAILED')
}

// A short page reads in well under a second: the tests that need a page but not its accuracy.
const SHORT = renderFaxPage(['LAB RESULTS', 'Potassium 5.1 mmol/L', 'Hemoglobin A1c 7.2 %'], 'fine')

describe('OCR with one worker', () => {
	let engine: OcrEngine
	beforeAll(async () => {
		engine = await createOcrEngine()
	})
	afterAll(async () => {
		await engine?.close()
	})

	test('reads a synthetic fine-resolution lab page with a character error rate of at most 3 %', async () => {
		const page = syntheticLabPage(17, 'fine')
		const result = await engine.recognize(page.png)
		expect(characterErrorRate(page.reference, result.text)).toBeLessThanOrEqual(0.03)
		expect(result.confidence).toBeGreaterThan(0.7)
		expect(result.confidence).toBeLessThanOrEqual(1)
		expect(result.text).toContain('LAB RESULTS')
	})

	test('reads a standard-resolution (204×98) page once stretched to square pixels', async () => {
		const page = syntheticLabPage(18, 'standard')
		const result = await engine.recognize(page.png)
		expect(characterErrorRate(page.reference, result.text)).toBeLessThanOrEqual(0.03)
	})

	test('gives each word its box on the page and its place in the text', async () => {
		const result = await engine.recognize(SHORT.png)
		expect(characterErrorRate(SHORT.reference, result.text)).toBeLessThanOrEqual(0.03)
		const words = result.words ?? []
		expect(words.map((w) => w.text)).toContain('A1c')
		for (const word of words) {
			expect(result.text.slice(word.start, word.end)).toBe(word.text)
			expect(word.bbox.x1).toBeGreaterThan(word.bbox.x0)
			expect(word.bbox.y1).toBeGreaterThan(word.bbox.y0)
			expect(word.bbox.x1).toBeLessThanOrEqual(SHORT.width)
			expect(word.confidence).toBeGreaterThanOrEqual(0)
			expect(word.confidence).toBeLessThanOrEqual(1)
		}
		// LAB sits above Potassium on the page.
		const lab = words.find((w) => w.text === 'LAB')
		const potassium = words.find((w) => w.text === 'Potassium')
		expect(lab && potassium && lab.bbox.y1 <= potassium.bbox.y0).toBe(true)
	})

	test('garbage bytes are INTAKE_OCR_FAILED', async () => {
		await engine
			.recognize(Buffer.from('%PDF-1.7 garbage, not a page image'))
			.then(() => expect.fail('should reject'), expectOcrFailed)
	})

	test('a PNG cut short is INTAKE_OCR_FAILED from the worker, which keeps working', async () => {
		await engine
			.recognize(SHORT.png.subarray(0, 600))
			.then(() => expect.fail('should reject'), expectOcrFailed)
		expect((await engine.recognize(SHORT.png)).text).toContain('Potassium')
	})

	test('an aborted signal rejects with its reason, before or during a page', async () => {
		const before = new AbortController()
		before.abort()
		await expect(engine.recognize(SHORT.png, before.signal)).rejects.toBe(before.signal.reason)

		const during = new AbortController()
		const page = engine.recognize(syntheticLabPage(19, 'fine').png, during.signal)
		setTimeout(() => during.abort(), 50)
		await expect(page).rejects.toMatchObject({ name: 'AbortError' })
		// The stopped worker is replaced: the next page is read.
		expect((await engine.recognize(SHORT.png)).text).toContain('LAB RESULTS')
	})
})

describe('OCR pool', () => {
	test('runs 2 workers: two pages at once, a third waiting', async () => {
		const engine = await openOcrPool({ workers: 2 })
		try {
			expect(engine.stats()).toEqual({ workers: 2, busy: 0, queued: 0 })
			const pages = [20, 21, 22].map((seed) => syntheticLabPage(seed, 'fine', 6))
			const reads = pages.map((p) => engine.recognize(p.png))
			const seen: OcrPoolStats = engine.stats()
			expect(seen).toEqual({ workers: 2, busy: 2, queued: 1 })
			const results = await Promise.all(reads)
			results.forEach((r, i) =>
				expect(characterErrorRate(pages[i]?.reference ?? '', r.text)).toBeLessThanOrEqual(0.03),
			)
			expect(engine.stats()).toEqual({ workers: 2, busy: 0, queued: 0 })
		} finally {
			await engine.close()
		}
	})

	test('a worker killed mid-page fails that page with INTAKE_OCR_FAILED and is replaced', async () => {
		const threads: OcrWorkerHandle['thread'][] = []
		const engine = await openOcrPool({ workers: 1 }, async (langPath) => {
			const handle = await startTesseractWorker(langPath)
			threads.push(handle.thread)
			return handle
		})
		try {
			const page = engine.recognize(syntheticLabPage(23, 'fine').png)
			setTimeout(() => void threads[0]?.terminate(), 50)
			await page.then(() => expect.fail('should reject'), expectOcrFailed)
			expect(engine.stats().workers).toBe(0)
			expect((await engine.recognize(SHORT.png)).text).toContain('Potassium')
			expect(threads).toHaveLength(2)
		} finally {
			await engine.close()
		}
	})
})
