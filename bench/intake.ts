import v8 from 'node:v8'
import vm from 'node:vm'
import { characterErrorRate } from '#evals/metrics/cer.ts'
import { createOcrEngine } from '#server/intake/ocr/index.ts'
import {
	syntheticLabPage,
	type SyntheticPage,
} from '#server/intake/ocr/synthetic-page-test-fixtures.ts'
import { summarize, type Sample } from './harness.ts'

/**
 * Fax intake (issue 17): pages per second through OCR and the memory an OCR worker holds.
 *
 * Pages are synthetic lab reports (server/intake/ocr/synthetic-page-test-fixtures.ts): a letter
 * page of ~40 lines of 10-point text, faxed 1-bit at "fine" (204×196 dpi) and "standard"
 * (204×98 dpi, stretched to square pixels as server/intake/files does), alternating. They are
 * rendered before the clock starts. For each pool size, every page is queued at once and
 * pages/s is pages over the wall time until the last is read; a page's latency therefore includes
 * its wait in the queue. Memory is the process's RSS (tesseract.js workers are threads of this
 * process): before the pool starts, once its workers are up, and the peak while reading,
 * sampled every 50 ms; per worker is the growth divided by the workers.
 * Time from upload to filed for a 5-page fax is bench/intake-pipeline.ts.
 */
export type IntakeBenchOptions = {
	/** Pages read per pool size. */
	pages: number
	/** Pool sizes to measure. */
	workers: number[]
	log: (line: string) => void
}

const MB = 1024 * 1024

/** A full collection (`--expose-gc` set at run time, as bench/ledger.ts does), so the figure
 * before the pool starts is not the rendering's garbage. */
function collector(): () => void {
	v8.setFlagsFromString('--expose-gc')
	const gc: unknown = vm.runInNewContext('gc')
	return typeof gc === 'function' ? (gc as () => void) : () => undefined
}

async function settle(gc: () => void): Promise<void> {
	for (let i = 0; i < 3; i++) {
		gc()
		await new Promise((resolve) => setTimeout(resolve, 50))
	}
}
const rss = () => process.memoryUsage().rss

export async function benchIntake(
	options: IntakeBenchOptions,
): Promise<{ samples: Sample[]; notes: string[] }> {
	const samples: Sample[] = []
	const notes: string[] = []
	const pages: SyntheticPage[] = Array.from({ length: options.pages }, (_, i) =>
		syntheticLabPage(1000 + i, i % 2 === 0 ? 'fine' : 'standard'),
	)
	options.log(`  ${pages.length} synthetic pages rendered (fine and standard, ~40 lines each)`)

	const gc = collector()
	for (const workers of options.workers) {
		await settle(gc)
		const before = rss()
		const engine = await createOcrEngine({ workers })
		const started = rss()
		let peak = started
		const sampler = setInterval(() => {
			peak = Math.max(peak, rss())
		}, 50)
		try {
			const durations: number[] = []
			const errors: Record<'fine' | 'standard', number[]> = { fine: [], standard: [] }
			const wall = performance.now()
			await Promise.all(
				pages.map(async (page, i) => {
					const start = performance.now()
					const result = await engine.recognize(page.png)
					durations.push(performance.now() - start)
					errors[i % 2 === 0 ? 'fine' : 'standard'].push(
						characterErrorRate(page.reference, result.text),
					)
				}),
			)
			const seconds = (performance.now() - wall) / 1000
			peak = Math.max(peak, rss())
			const perSecond = pages.length / seconds
			samples.push({
				...summarize('intake ocr', `${workers} worker${workers === 1 ? '' : 's'}`, durations, {
					workers,
					pages: pages.length,
				}),
				rate: { value: perSecond, unit: 'pages/s' },
			})
			const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length)
			const pct = (x: number) => `${(x * 100).toFixed(2)} %`
			notes.push(
				`intake ocr, ${workers} worker(s): ${perSecond.toFixed(2)} pages/s ` +
					`(${pages.length} pages in ${seconds.toFixed(1)} s); CER fine ${pct(mean(errors.fine))}, ` +
					`standard ${pct(mean(errors.standard))}; RSS ${Math.round(before / MB)} MB before, ` +
					`${Math.round(started / MB)} MB with workers up (${Math.round((started - before) / MB / workers)} MB per worker idle), ` +
					`peak ${Math.round(peak / MB)} MB reading (${Math.round((peak - before) / MB / workers)} MB per worker)`,
			)
			options.log(`  ${notes[notes.length - 1]}`)
		} finally {
			clearInterval(sampler)
			await engine.close()
		}
	}

	return { samples, notes }
}
