/**
 * `npm run bench [-- --only vector,ledger --out bench-results]`
 *   vector, retrieval: `--sizes 10000,100000 --iterations 200 --warmup 20`
 *   ingest: the demo bundles and 20 Synthea bundles from ../shared/data (when present)
 *   ledger: `--ledger-appends 5000 --ledger-entries 50000 --merkle-leaves 1000000 --proofs 10000`
 *           (`ledger.prove` end to end takes `--iterations` and `--warmup` too)
 *   intake: `--intake-pages 6 --intake-workers 1,2` (OCR pages/s on synthetic faxes, memory per worker)
 *   server: `--server postgres://SUPERUSER:PASSWORD@HOST:5432/postgres` (or BENCH_DATABASE_URL):
 *           retrieval and the ledger's appends and verification run a second time on fresh
 *           databases on that PostgreSQL server, as the application logins (bench/server.ts)
 * Prints a table (p50/p95/p99, ratios to each suite's baseline, throughput) and writes JSON.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { formatTable, onStore, writeResults, type Sample } from './harness.ts'
import { benchGateway } from './gateway.ts'
import { benchUploadToFiled } from './intake-pipeline.ts'
import { benchIntake } from './intake.ts'
import { benchLedger, ledgerBaseline } from './ledger.ts'
import { benchIngestion, benchRetrieval, benchRetrievalOnServer } from './retrieval.ts'
import { openBenchServer, SERVER_SKIPPED, serverUrlFrom, type BenchServer } from './server.ts'
import { benchVectorQuery } from './vector-query.ts'

const SUITES = ['vector', 'retrieval', 'ingest', 'ledger', 'gateway', 'intake'] as const
type Suite = (typeof SUITES)[number]

const { values } = parseArgs({
	options: {
		only: { type: 'string', default: SUITES.join(',') },
		sizes: { type: 'string', default: '10000,100000' },
		iterations: { type: 'string', default: '200' },
		warmup: { type: 'string', default: '20' },
		'ledger-appends': { type: 'string', default: '5000' },
		'ledger-entries': { type: 'string', default: '50000' },
		'merkle-leaves': { type: 'string', default: '1000000' },
		proofs: { type: 'string', default: '10000' },
		out: { type: 'string', default: 'bench-results' },
		server: { type: 'string' },
		'intake-pages': { type: 'string', default: '6' },
		'intake-workers': { type: 'string', default: '1,2' },
	},
})

const isSuite = (s: string): s is Suite => (SUITES as readonly string[]).includes(s)
const only = values.only.split(',').map((s) => s.trim())
const unknown = only.filter((s) => !isSuite(s))
if (unknown.length > 0) {
	console.error(`--only takes ${SUITES.join(', ')} (comma-separated); not: ${unknown.join(', ')}`)
	process.exit(2)
}
const selected = new Set(only as Suite[])

function count(name: keyof typeof values, min: number): number {
	const raw = String(values[name])
	const n = Number(raw.replace(/_/g, ''))
	if (!Number.isSafeInteger(n) || n < min) {
		console.error(`--${name} must be a whole number of at least ${min}, not ${raw}`)
		process.exit(2)
	}
	return n
}

const iterations = count('iterations', 1)
const warmup = count('warmup', 0)
const timed = { iterations, warmup, log: (line: string) => console.log(line) }
const sizes = values.sizes
	.split(',')
	.map((s) => Number.parseInt(s, 10))
	.filter((n) => n > 0)
// Checked before a server is prepared: process.exit would skip the drop at the end.
const ledgerSizes = selected.has('ledger')
	? {
			appends: count('ledger-appends', 1),
			entries: count('ledger-entries', 1),
			merkleLeaves: count('merkle-leaves', 1),
			proofs: count('proofs', 1),
		}
	: null
const intakeSizes = selected.has('intake')
	? {
			pages: count('intake-pages', 1),
			workers: values['intake-workers']
				.split(',')
				.map((s) => Number.parseInt(s, 10))
				.filter((n) => n > 0),
		}
	: null
const samples: Sample[] = []
const notes: string[] = []

// The benchmark server is a developer's choice for this run, not the application's configuration
// (server/config/): the flag, else BENCH_DATABASE_URL, read here only. TEST_DATABASE_URL is not a
// fallback: a test server is no quiet machine, and a benchmark should not start writing to one
// unasked. `--server "$TEST_DATABASE_URL"` says it explicitly.
let serverUrl: string | null
try {
	serverUrl = serverUrlFrom(values.server, process.env.BENCH_DATABASE_URL)
} catch (error) {
	console.error((error as Error).message)
	process.exit(2)
}
const onServer = selected.has('retrieval') || selected.has('ledger')
let server: BenchServer | null = null
if (serverUrl && onServer) {
	console.log('PostgreSQL server: preparing the benchmark logins and migrated templates')
	server = await openBenchServer(serverUrl)
	console.log(`  ${server.description}`)
	notes.push(
		`server: ${server.description}; fresh databases copied from templates migrated by ` +
			'db:migrate, measured as the application logins (chartside_bench_service, ' +
			'chartside_bench_ledger_service), dropped at the end',
	)
} else if (onServer) {
	console.log(SERVER_SKIPPED)
	notes.push(SERVER_SKIPPED)
}

// Every database made on the server is dropped, whatever happens to the suites.
try {
	if (selected.has('vector')) {
		for (const size of sizes) {
			console.log(`vector query at ${size.toLocaleString()} chunks`)
			const result = await benchVectorQuery(size, timed)
			samples.push(...onStore('pglite', result.samples))
			notes.push(`plan at ${size} chunks:\n${result.plan}`)
			console.log(`  plan:\n${result.plan.replace(/^/gm, '    ')}`)
		}
	}

	if (selected.has('retrieval')) {
		for (const size of sizes) {
			console.log(`hybrid retrieval at ${size.toLocaleString()} chunks`)
			samples.push(...(await benchRetrieval(size, timed)))
			if (server) samples.push(...(await benchRetrievalOnServer(size, server, timed)))
		}
	}

	if (selected.has('ingest')) {
		console.log('ingestion')
		const result = await benchIngestion({ log: (l) => console.log(l) })
		samples.push(...onStore('pglite', result.samples))
		notes.push(...result.notes)
		console.log(result.notes.map((n) => `  ${n}`).join('\n'))
	}

	if (ledgerSizes) {
		console.log('audit ledger')
		const result = await benchLedger({
			...ledgerSizes,
			iterations,
			warmup,
			log: (l) => console.log(l),
			server,
		})
		samples.push(...result.samples)
		notes.push(...result.notes)
		console.log(result.notes.map((n) => `  ${n.replace(/\n/g, '\n  ')}`).join('\n'))
	}

	if (selected.has('gateway')) {
		console.log('inference gateway')
		const result = await benchGateway({
			iterations: Math.max(iterations, 500),
			// The guards are JIT-compiled regexes and scanners: warm them well before timing.
			warmup: Math.max(warmup, 200),
			log: (l) => console.log(l),
		})
		samples.push(...result.samples)
		notes.push(...result.notes)
		console.log(result.notes.map((n) => `  ${n}`).join('\n'))
	}
	if (intakeSizes) {
		console.log('fax intake')
		const result = await benchIntake({ ...intakeSizes, log: (l) => console.log(l) })
		samples.push(...result.samples)
		notes.push(...result.notes)
		const pipeline = await benchUploadToFiled({ runs: 3, log: (l) => console.log(l) })
		samples.push(...pipeline.samples)
		notes.push(...pipeline.notes)
	}
} finally {
	await server?.close()
}

const baselineOf = (s: Sample) =>
	s.suite === 'vector query' || s.suite === 'retrieval'
		? samples.find(
				(b) =>
					b.suite === s.suite &&
					b.params.mode === 'in-process' &&
					b.params.chunks === s.params.chunks,
			)
		: s.suite === 'intake ocr'
			? samples.find((b) => b.suite === s.suite && b.params.workers === 1)
			: ledgerBaseline(samples, s)
console.log('\n' + formatTable(samples, baselineOf))
const file = await writeResults(values.out, {
	samples,
	notes,
	environment: {
		node: process.version,
		cpus: os.cpus().length,
		platform: `${os.platform()} ${os.arch()}`,
		server: server?.description ?? 'not configured',
	},
})
console.log(`\nwrote ${file}`)
