import { access } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { createWorker, OEM, type Page, type RecognizeOptions, type Worker } from 'tesseract.js'
import { IntakeError, INTAKE_ERRORS } from '../errors.ts'
import { correctClinicalText } from './clinical-text.ts'
import { ocrResolution, readPngHeader } from './png.ts'
import { clamp01, wordsWithOffsets, type OcrWord } from './words.ts'

/**
 * The fax intake's OCR engine (ADR 035): a small pool of tesseract.js workers reading English
 * offline, with a queue so any number of pages share the workers. This is the only module that
 * imports tesseract.js.
 *
 * Offline: the language data comes from the `@tesseract.js-data/eng` package (LSTM, best_int),
 * never from a CDN; tesseract.js given no `langPath` fetches from jsDelivr and, offline, hangs
 * without an error. Every worker start and every page is therefore guarded by a timeout, and a
 * worker that times out, is cancelled mid-page or dies is terminated and replaced by a fresh one
 * on the next page. Recognized text is never logged, nor put in an error message: it is PHI.
 */
export type OcrResult = {
	/** The page's text, after the clinical corrections (clinical-text.ts; same length as read). */
	text: string
	/** tesseract's mean word confidence, 0..1. */
	confidence: number
	/** Each word with its box on the page image and its offsets in `text`. */
	words?: OcrWord[]
}

export type OcrEngine = {
	/**
	 * Reads one page image (PNG). Rejects with INTAKE_OCR_FAILED when the engine fails (not a
	 * PNG, unreadable, a worker that will not start, times out or dies), and with the signal's
	 * reason when `signal` aborts: a cancelled job is an outcome, not an engine failure.
	 */
	recognize(png: Buffer, signal?: AbortSignal): Promise<OcrResult>
	/** Stops every worker; queued and running pages reject with INTAKE_OCR_FAILED. */
	close(): Promise<void>
}

export type OcrEngineOptions = {
	/** Workers in the pool (OCR_WORKERS, default 1): ~250 MB and one core each while reading. */
	workers?: number
	/** How long a worker may take to start (load the WASM core and the language data). */
	startTimeoutMs?: number
	/** How long one page may take; a dense 300-dpi page takes ~5 s on a shared core. */
	pageTimeoutMs?: number
	/** The folder holding `eng.traineddata.gz`; default: the package's `4.0.0_best_int`. */
	langPath?: string
}

export const OCR_DEFAULTS = { workers: 1, startTimeoutMs: 30_000, pageTimeoutMs: 120_000 } as const

/** A started worker: tesseract.js's handle, and the thread it runs on (to notice it dying). */
export type OcrWorkerHandle = {
	worker: Pick<Worker, 'recognize' | 'terminate'>
	thread: {
		on(event: 'error' | 'exit', listener: () => void): unknown
		terminate(): Promise<number>
	}
}
export type OcrWorkerSpawner = (langPath: string) => Promise<OcrWorkerHandle>

/** The English LSTM data shipped in `@tesseract.js-data/eng` (integer-quantized "best"). */
export function englishDataPath(): string {
	const require = createRequire(import.meta.url)
	return path.join(
		path.dirname(require.resolve('@tesseract.js-data/eng/package.json')),
		'4.0.0_best_int',
	)
}

/** Starts one tesseract.js worker on the English LSTM data at `langPath`, nothing fetched. */
export const startTesseractWorker: OcrWorkerSpawner = async (langPath) => {
	const worker = await createWorker('eng', OEM.LSTM_ONLY, {
		langPath,
		gzip: true,
		// The default cache writes eng.traineddata into the working directory.
		cacheMethod: 'none',
		// Without a handler, tesseract.js rethrows a failed job (an unreadable image) inside its
		// message listener: an uncaught exception. The job's promise rejects either way.
		errorHandler: () => {},
		logger: () => {},
	})
	// tesseract.js keeps its worker_threads Worker as `worker` (src/createWorker.js).
	const thread = (worker as unknown as { worker: OcrWorkerHandle['thread'] }).worker
	return { worker, thread }
}

/** The pool's occupancy, for tests and the benchmark. */
export type OcrPoolStats = { workers: number; busy: number; queued: number }

/** createOcrEngine, with the worker spawner open to tests (to kill a real worker's thread). */
export async function openOcrPool(
	options: OcrEngineOptions = {},
	spawn: OcrWorkerSpawner = startTesseractWorker,
): Promise<OcrEngine & { stats(): OcrPoolStats }> {
	const size = options.workers ?? OCR_DEFAULTS.workers
	if (!Number.isInteger(size) || size < 1)
		throw new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR engine needs at least one worker.')
	const startTimeoutMs = options.startTimeoutMs ?? OCR_DEFAULTS.startTimeoutMs
	const pageTimeoutMs = options.pageTimeoutMs ?? OCR_DEFAULTS.pageTimeoutMs
	const langPath = options.langPath ?? englishDataPath()
	if (!/^https?:/.test(langPath)) {
		try {
			await access(path.join(langPath, 'eng.traineddata.gz'))
		} catch (cause) {
			throw new IntakeError(
				INTAKE_ERRORS.ocrFailed,
				'The English OCR data (@tesseract.js-data/eng) is not installed.',
				{ cause },
			)
		}
	}

	type Task = {
		png: Buffer
		dpi: number
		signal: AbortSignal | undefined
		resolve: (result: OcrResult) => void
		reject: (error: unknown) => void
		forget: () => void
	}
	type Slot = {
		handle: OcrWorkerHandle | null
		/** Rejects when the worker is retired or its thread dies; raced against every page. */
		gone: Promise<never>
		retire: (error: IntakeError) => Promise<void>
		busy: boolean
	}
	const queue: Task[] = []
	let closed = false

	const startWorker = async (signal: AbortSignal | undefined): Promise<OcrWorkerHandle> => {
		const starting = spawn(langPath)
		try {
			return await guard(starting, {
				timeoutMs: startTimeoutMs,
				signal,
				timeoutMessage: `An OCR worker did not start within ${startTimeoutMs / 1000} s.`,
			})
		} catch (error) {
			// A start that finishes after its deadline is stopped at once.
			starting.then((late) => terminate(late)).catch(() => {})
			throw asOcrFailure(error, signal, 'An OCR worker could not start.')
		}
	}

	const slots: Slot[] = Array.from({ length: size }, () => emptySlot())

	function emptySlot(): Slot {
		return {
			handle: null,
			gone: new Promise<never>(() => {}),
			retire: async () => {},
			busy: false,
		}
	}

	function attach(slot: Slot, handle: OcrWorkerHandle): void {
		let reject: (error: IntakeError) => void = () => {}
		slot.gone = new Promise<never>((_, r) => {
			reject = r
		})
		slot.gone.catch(() => {})
		slot.handle = handle
		slot.retire = async (error) => {
			if (slot.handle !== handle) return
			slot.handle = null
			reject(error)
			await terminate(handle)
		}
		const died = () =>
			void slot.retire(
				new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR worker stopped while reading the page.'),
			)
		handle.thread.on('error', died)
		handle.thread.on('exit', died)
	}

	try {
		const handles = await Promise.allSettled(slots.map(() => startWorker(undefined)))
		const failed = handles.find((h) => h.status === 'rejected')
		if (failed) {
			await Promise.all(handles.map((h) => (h.status === 'fulfilled' ? terminate(h.value) : null)))
			throw failed.reason
		}
		handles.forEach((h, i) => {
			const slot = slots[i]
			if (h.status === 'fulfilled' && slot) attach(slot, h.value)
		})
	} catch (error) {
		throw asOcrFailure(error, undefined, 'The OCR engine could not start.')
	}

	async function read(slot: Slot, task: Task): Promise<void> {
		slot.busy = true
		try {
			if (!slot.handle) {
				const started = await startWorker(task.signal)
				if (closed) {
					await terminate(started)
					throw new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR engine was closed.')
				}
				attach(slot, started)
			}
			const handle = slot.handle
			if (!handle) throw new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR worker stopped.')
			// user_defined_dpi is passed through to tesseract for this page and restored after it.
			const params = { user_defined_dpi: String(task.dpi) } as Partial<RecognizeOptions>
			try {
				const { data } = await guard(
					Promise.race([
						handle.worker.recognize(task.png, params, { text: true, blocks: true }),
						slot.gone,
					]),
					{
						timeoutMs: pageTimeoutMs,
						signal: task.signal,
						timeoutMessage: `Reading a page took longer than ${pageTimeoutMs / 1000} s.`,
					},
				)
				task.resolve(toResult(data))
			} catch (error) {
				// A worker still busy in its WASM loop (timed out, or the job was cancelled) can
				// only be stopped by terminating it; a rejected image leaves it healthy.
				if (error instanceof Timeout || task.signal?.aborted)
					void slot.retire(new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR worker was stopped.'))
				throw error
			}
		} catch (error) {
			task.reject(asOcrFailure(error, task.signal, 'The page could not be read.'))
		} finally {
			task.forget()
			slot.busy = false
			pump()
		}
	}

	function pump(): void {
		for (const slot of slots) {
			if (closed || queue.length === 0) return
			if (slot.busy) continue
			const task = queue.shift()
			if (task) void read(slot, task)
		}
	}

	return {
		recognize(png, signal) {
			if (closed)
				return Promise.reject(new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR engine is closed.'))
			if (signal?.aborted) return Promise.reject(signal.reason)
			const header = readPngHeader(png)
			if (!header)
				return Promise.reject(
					new IntakeError(INTAKE_ERRORS.ocrFailed, 'The page image is not a readable PNG.'),
				)
			return new Promise<OcrResult>((resolve, reject) => {
				const onAbort = () => {
					// Still waiting: leave the queue. Running: read() stops the worker.
					const at = queue.indexOf(task)
					if (at >= 0) {
						queue.splice(at, 1)
						task.forget()
						reject(signal?.reason)
					}
				}
				const task: Task = {
					png,
					dpi: ocrResolution(header),
					signal,
					resolve,
					reject,
					forget: () => signal?.removeEventListener('abort', onAbort),
				}
				signal?.addEventListener('abort', onAbort, { once: true })
				queue.push(task)
				pump()
			})
		},
		async close() {
			if (closed) return
			closed = true
			const stopped = new IntakeError(INTAKE_ERRORS.ocrFailed, 'The OCR engine was closed.')
			for (const task of queue.splice(0)) {
				task.forget()
				task.reject(stopped)
			}
			await Promise.all(slots.map((slot) => slot.retire(stopped)))
		},
		stats() {
			return {
				workers: slots.filter((s) => s.handle).length,
				busy: slots.filter((s) => s.busy).length,
				queued: queue.length,
			}
		},
	}
}

/**
 * A pool of `workers` tesseract.js workers (default 1; the caller passes config.intake.ocrWorkers)
 * reading English offline. Throws INTAKE_OCR_FAILED if a worker cannot start.
 */
export async function createOcrEngine(options: OcrEngineOptions = {}): Promise<OcrEngine> {
	const { recognize, close } = await openOcrPool(options)
	return { recognize, close }
}

function toResult(page: Page): OcrResult {
	const raw = page.text ?? ''
	const text = correctClinicalText(raw)
	return {
		text,
		confidence: clamp01(page.confidence / 100),
		words: wordsWithOffsets(page.blocks, raw, text),
	}
}

async function terminate(handle: OcrWorkerHandle): Promise<void> {
	await Promise.allSettled([handle.worker.terminate(), handle.thread.terminate()])
}

class Timeout extends IntakeError {
	constructor(message: string) {
		super(INTAKE_ERRORS.ocrFailed, message)
	}
}

/** `work`, unless the deadline passes (Timeout) or the signal aborts (its reason) first. */
function guard<T>(
	work: Promise<T>,
	options: { timeoutMs: number; signal: AbortSignal | undefined; timeoutMessage: string },
): Promise<T> {
	const { timeoutMs, signal, timeoutMessage } = options
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => settle(() => reject(new Timeout(timeoutMessage))), timeoutMs)
		const onAbort = () => settle(() => reject(signal?.reason))
		let done = false
		function settle(then: () => void) {
			if (done) return
			done = true
			clearTimeout(timer)
			signal?.removeEventListener('abort', onAbort)
			then()
		}
		if (signal?.aborted) return onAbort()
		signal?.addEventListener('abort', onAbort, { once: true })
		work.then(
			(value) => settle(() => resolve(value)),
			(error: unknown) => settle(() => reject(error)),
		)
	})
}

/**
 * An engine failure as INTAKE_OCR_FAILED, the cause kept for the log (tesseract's messages say
 * what failed, e.g. "Error attempting to read image.", never what the page says). A cancelled
 * job stays its signal's reason.
 */
function asOcrFailure(error: unknown, signal: AbortSignal | undefined, message: string): unknown {
	if (signal?.aborted && error === signal.reason) return error
	if (error instanceof IntakeError) return error
	return new IntakeError(INTAKE_ERRORS.ocrFailed, message, { cause: error })
}
