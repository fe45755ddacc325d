import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * The benchmark harness `npm run bench` is built on. A benchmark measures an async operation many
 * times after a warm-up; the harness reports percentiles, prints a table with ratios to a named
 * baseline, and writes everything as JSON to bench-results/ so runs can be compared over time.
 * Speed targets live here, never in timed tests.
 */
export type Sample = {
	suite: string
	name: string
	n: number
	p50: number
	p95: number
	p99: number
	mean: number
	min: number
	max: number
	unit: 'ms'
	params: Record<string, string | number>
	/** A throughput measured alongside the latencies, where it says more (appends/s, entries/s). */
	rate?: { value: number; unit: string }
	/** The database the operation ran on, for suites that run on more than one. */
	store?: Store
}

/**
 * Where a database benchmark ran: PGlite (in process, or served over the wire protocol by
 * pglite-socket), or a PostgreSQL server (`--server`, BENCH_DATABASE_URL) as the application login.
 */
export const STORES = { pglite: 'pglite', server: 'server' } as const
export type Store = (typeof STORES)[keyof typeof STORES]

/** The samples, each marked as measured on `store`. */
export const onStore = (store: Store, samples: Sample[]): Sample[] =>
	samples.map((s) => ({ ...s, store }))

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return Number.NaN
	const rank = Math.ceil((p / 100) * sorted.length) - 1
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN
}

export function summarize(
	suite: string,
	name: string,
	durations: number[],
	params: Sample['params'] = {},
): Sample {
	const sorted = [...durations].sort((a, b) => a - b)
	const round = (x: number) => Math.round(x * 1000) / 1000
	return {
		suite,
		name,
		n: sorted.length,
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		p99: round(percentile(sorted, 99)),
		mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)),
		min: round(sorted[0] ?? Number.NaN),
		max: round(sorted[sorted.length - 1] ?? Number.NaN),
		unit: 'ms',
		params,
	}
}

/** Runs `operation` `warmup` times unmeasured, then `iterations` times measured. */
export async function measure(
	operation: (i: number) => Promise<unknown>,
	options: { iterations: number; warmup: number },
): Promise<number[]> {
	for (let i = 0; i < options.warmup; i++) await operation(i)
	const durations: number[] = []
	for (let i = 0; i < options.iterations; i++) {
		const start = performance.now()
		await operation(i)
		durations.push(performance.now() - start)
	}
	return durations
}

export function formatTable(
	samples: Sample[],
	baseline?: (s: Sample) => Sample | undefined,
): string {
	const withRates = samples.some((s) => s.rate)
	// The store gets a column once a run has figures from more than one (PGlite and a server).
	const withStores = new Set(samples.map((s) => s.store).filter(Boolean)).size > 1
	const header = ['benchmark', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'vs baseline (p50)']
	if (withStores) header.splice(1, 0, 'store')
	if (withRates) header.push('throughput')
	// Sub-millisecond operations (a Merkle proof takes microseconds) keep three decimals.
	const ms = (x: number) => (Math.abs(x) < 1 ? x.toFixed(3) : x.toFixed(2))
	const rows = samples.map((s) => {
		const base = baseline?.(s)
		const ratio =
			base && base !== s
				? `${(s.p50 / base.p50).toFixed(2)}×`
				: base === s
					? '1.00× (baseline)'
					: ''
		const cells = [`${s.suite} · ${s.name}`, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ratio]
		if (withStores) cells.splice(1, 0, s.store ?? '')
		if (withRates) cells.push(s.rate ? `${rateFigure(s.rate.value)} ${s.rate.unit}` : '')
		return cells
	})
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)))
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

/** Whole numbers with separators; a slow rate (pages/s) keeps two decimals. */
const rateFigure = (x: number) =>
	Math.abs(x) < 10 ? x.toFixed(2) : Math.round(x).toLocaleString('en-US')

export async function writeResults(
	dir: string,
	payload: { samples: Sample[]; environment: Record<string, string | number>; notes: string[] },
): Promise<string> {
	await mkdir(dir, { recursive: true })
	const stamp = new Date().toISOString().replace(/[:.]/g, '-')
	const file = path.join(dir, `bench-${stamp}.json`)
	const json = JSON.stringify({ createdAt: new Date().toISOString(), ...payload }, null, 2) + '\n'
	await writeFile(file, json)
	await writeFile(path.join(dir, 'latest.json'), json)
	return file
}
