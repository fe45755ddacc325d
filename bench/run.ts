/**
 * `npm run bench [-- --sizes 10000,100000 --iterations 200 --out bench-results]`
 * Prints a table (p50/p95/p99, ratios to the in-process baseline) and writes JSON.
 */
import os from 'node:os'
import { parseArgs } from 'node:util'
import { formatTable, writeResults, type Sample } from './harness.ts'
import { benchVectorQuery } from './vector-query.ts'

const { values } = parseArgs({
	options: {
		sizes: { type: 'string', default: '10000,100000' },
		iterations: { type: 'string', default: '200' },
		warmup: { type: 'string', default: '20' },
		out: { type: 'string', default: 'bench-results' },
	},
})

const sizes = values.sizes
	.split(',')
	.map((s) => Number.parseInt(s, 10))
	.filter((n) => n > 0)
const iterations = Number.parseInt(values.iterations, 10)
const warmup = Number.parseInt(values.warmup, 10)
const samples: Sample[] = []
const notes: string[] = []

for (const size of sizes) {
	console.log(`vector query at ${size.toLocaleString()} chunks`)
	const result = await benchVectorQuery(size, { iterations, warmup, log: (l) => console.log(l) })
	samples.push(...result.samples)
	notes.push(`plan at ${size} chunks:\n${result.plan}`)
	console.log(`  plan:\n${result.plan.replace(/^/gm, '    ')}`)
}

const baselineOf = (s: Sample) =>
	samples.find((b) => b.params.mode === 'in-process' && b.params.chunks === s.params.chunks)
console.log('\n' + formatTable(samples, baselineOf))
const file = await writeResults(values.out, {
	samples,
	notes,
	environment: {
		node: process.version,
		cpus: os.cpus().length,
		platform: `${os.platform()} ${os.arch()}`,
	},
})
console.log(`\nwrote ${file}`)
