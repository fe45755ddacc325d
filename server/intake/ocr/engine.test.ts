import { EventEmitter } from 'node:events'
import { deflateSync } from 'node:zlib'
import { describe, expect, test } from 'vitest'
import { IntakeError } from '../errors.ts'
import { openOcrPool, type OcrWorkerHandle, type OcrWorkerSpawner } from './engine.ts'

/**
 * The pool's own logic (queue, timeouts, cancellation, replacement) against fake workers that
 * answer when told to. The real tesseract.js workers are exercised in ocr.int.test.ts.
 */

const PAGE = (() => {
	const chunk = (type: string, data: Buffer) => {
		const length = Buffer.alloc(4)
		length.writeUInt32BE(data.length)
		return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)])
	}
	const ihdr = Buffer.alloc(13)
	ihdr.writeUInt32BE(1700, 0)
	ihdr.writeUInt32BE(2200, 4)
	ihdr[8] = 8
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.alloc(10))),
		chunk('IEND', Buffer.alloc(0)),
	])
})()

type Job = {
	params: Record<string, unknown>
	answer: (text?: string) => void
	fail: (message: string) => void
}

class FakeWorkers {
	started = 0
	terminated = 0
	jobs: Job[] = []
	threads: EventEmitter[] = []
	/** Set to make the next starts hang (a worker looking for its data on the network). */
	hangOnStart = false

	spawn: OcrWorkerSpawner = () => {
		if (this.hangOnStart) return new Promise<OcrWorkerHandle>(() => {})
		this.started++
		const thread = Object.assign(new EventEmitter(), {
			terminate: async () => {
				this.terminated++
				return 1
			},
		})
		this.threads.push(thread)
		const worker = {
			recognize: (_png: unknown, params: unknown) =>
				new Promise((resolve, reject) => {
					this.jobs.push({
						params: params as Record<string, unknown>,
						answer: (text = 'Potassium 5.l mmol/l') =>
							resolve({ data: { text, confidence: 91, blocks: null } }),
						fail: (message) => reject(message),
					})
				}),
			terminate: async () => ({ jobId: 'x', data: null }),
		}
		return Promise.resolve({ worker, thread } as unknown as OcrWorkerHandle)
	}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

async function pool(options: Parameters<typeof openOcrPool>[0] = {}) {
	const fake = new FakeWorkers()
	const engine = await openOcrPool(options, fake.spawn)
	return { fake, engine }
}

const expectOcrFailed = (error: unknown) => {
	expect(error).toBeInstanceOf(IntakeError)
	expect((error as IntakeError).code).toBe('INTAKE_OCR_FAILED')
}

describe('the OCR pool', () => {
	test('N pages share W workers in arrival order', async () => {
		const { fake, engine } = await pool({ workers: 2 })
		expect(engine.stats()).toEqual({ workers: 2, busy: 0, queued: 0 })
		const pages = [1, 2, 3, 4, 5].map(() => engine.recognize(PAGE))
		await tick()
		expect(engine.stats()).toEqual({ workers: 2, busy: 2, queued: 3 })
		expect(fake.jobs).toHaveLength(2)
		for (let i = 0; i < 5; i++) {
			fake.jobs[i]?.answer(`page ${i}`)
			await tick()
		}
		expect((await Promise.all(pages)).map((r) => r.text)).toEqual([
			'page 0',
			'page 1',
			'page 2',
			'page 3',
			'page 4',
		])
		expect(fake.started).toBe(2)
		await engine.close()
	})

	test('corrects the text, scales the confidence and tells tesseract a resolution', async () => {
		const { fake, engine } = await pool()
		const page = engine.recognize(PAGE)
		await tick()
		fake.jobs[0]?.answer()
		expect(await page).toEqual({ text: 'Potassium 5.1 mmol/L', confidence: 0.91, words: [] })
		// 1700 px wide with no pHYs: a letter page at 200 dpi.
		expect(fake.jobs[0]?.params).toEqual({ user_defined_dpi: '200' })
		await engine.close()
	})

	test('a page tesseract cannot read is INTAKE_OCR_FAILED, and the worker stays', async () => {
		const { fake, engine } = await pool()
		const page = engine.recognize(PAGE)
		await tick()
		fake.jobs[0]?.fail('Error: Error attempting to read image.')
		await page.then(() => expect.fail('should reject'), expectOcrFailed)
		expect(fake.terminated).toBe(0)
		expect(engine.stats().workers).toBe(1)
		await engine.close()
	})

	test('bytes that are not a PNG are INTAKE_OCR_FAILED without reaching a worker', async () => {
		const { fake, engine } = await pool()
		await engine.recognize(Buffer.from('garbage')).then(() => expect.fail(), expectOcrFailed)
		expect(fake.jobs).toHaveLength(0)
		await engine.close()
	})

	test('a page that takes too long is INTAKE_OCR_FAILED; its worker is replaced', async () => {
		const { fake, engine } = await pool({ pageTimeoutMs: 20 })
		await engine.recognize(PAGE).then(() => expect.fail(), expectOcrFailed)
		expect(fake.terminated).toBe(1)
		const next = engine.recognize(PAGE)
		await tick()
		expect(fake.started).toBe(2)
		fake.jobs[1]?.answer('next')
		expect((await next).text).toBe('next')
		await engine.close()
	})

	test('a worker whose thread dies mid-page fails that page; the next page gets a new worker', async () => {
		const { fake, engine } = await pool()
		const page = engine.recognize(PAGE)
		await tick()
		fake.threads[0]?.emit('exit', 1)
		await page.then(() => expect.fail(), expectOcrFailed)
		expect(engine.stats().workers).toBe(0)
		const next = engine.recognize(PAGE)
		await tick()
		fake.jobs[1]?.answer('after the crash')
		expect((await next).text).toBe('after the crash')
		expect(fake.started).toBe(2)
		await engine.close()
	})

	test('a thread error event is a death, not an uncaught exception', async () => {
		const { fake, engine } = await pool()
		fake.threads[0]?.emit('error', new Error('worker crashed'))
		expect(engine.stats().workers).toBe(0)
		await engine.close()
	})

	test('an already aborted signal rejects with its reason', async () => {
		const { engine } = await pool()
		const controller = new AbortController()
		controller.abort()
		await expect(engine.recognize(PAGE, controller.signal)).rejects.toBe(controller.signal.reason)
		await engine.close()
	})

	test('aborting a queued page takes it out of the queue', async () => {
		const { fake, engine } = await pool()
		const first = engine.recognize(PAGE)
		const controller = new AbortController()
		const second = engine.recognize(PAGE, controller.signal)
		await tick()
		expect(engine.stats().queued).toBe(1)
		controller.abort()
		await expect(second).rejects.toBe(controller.signal.reason)
		expect(engine.stats().queued).toBe(0)
		fake.jobs[0]?.answer('first')
		expect((await first).text).toBe('first')
		expect(fake.terminated).toBe(0)
		await engine.close()
	})

	test('aborting a running page stops its worker, which is replaced for the next', async () => {
		const { fake, engine } = await pool()
		const controller = new AbortController()
		const page = engine.recognize(PAGE, controller.signal)
		await tick()
		controller.abort()
		await expect(page).rejects.toBe(controller.signal.reason)
		expect(fake.terminated).toBe(1)
		const next = engine.recognize(PAGE)
		await tick()
		fake.jobs[1]?.answer('next')
		expect((await next).text).toBe('next')
		await engine.close()
	})

	test('a worker that does not start in time is INTAKE_OCR_FAILED', async () => {
		const fake = new FakeWorkers()
		fake.hangOnStart = true
		await openOcrPool({ startTimeoutMs: 20 }, fake.spawn).then(() => expect.fail(), expectOcrFailed)
	})

	test('a replacement that does not start in time fails its page, not the pool', async () => {
		const { fake, engine } = await pool({ startTimeoutMs: 20 })
		fake.threads[0]?.emit('exit', 1)
		fake.hangOnStart = true
		await engine.recognize(PAGE).then(() => expect.fail(), expectOcrFailed)
		fake.hangOnStart = false
		const next = engine.recognize(PAGE)
		await tick()
		fake.jobs[0]?.answer('recovered')
		expect((await next).text).toBe('recovered')
		await engine.close()
	})

	test('close fails running and queued pages, stops the workers, and refuses new pages', async () => {
		const { fake, engine } = await pool({ workers: 2 })
		const pages = [1, 2, 3].map(() => engine.recognize(PAGE))
		await tick()
		await engine.close()
		for (const page of pages) await page.then(() => expect.fail(), expectOcrFailed)
		expect(fake.terminated).toBe(2)
		await engine.recognize(PAGE).then(() => expect.fail(), expectOcrFailed)
		await engine.close()
	})

	test('missing language data is INTAKE_OCR_FAILED before any worker starts', async () => {
		const fake = new FakeWorkers()
		await openOcrPool({ langPath: '/nonexistent/tessdata' }, fake.spawn).then(
			() => expect.fail(),
			expectOcrFailed,
		)
		expect(fake.started).toBe(0)
	})

	test.each([0, 1.5])('refuses %s workers', async (workers) => {
		await openOcrPool({ workers }, new FakeWorkers().spawn).then(
			() => expect.fail(),
			expectOcrFailed,
		)
	})
})
