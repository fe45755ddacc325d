import path from 'node:path'
import { parseArgs } from 'node:util'
import { generateFaxSet } from './generate.ts'

/**
 * npm run fax:generate -- --out DIR [--seed N] [--count N] [--charts DIR]... [--fonts DIR]
 *
 * Writes DIR/fax.jsonl with DIR/files/, DIR/bad-uploads.jsonl with DIR/bad/, and DIR/charts/ (the
 * bundles of the chart patients the faxes concern), so DIR works as `npm run eval -- --data DIR`.
 */
const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		seed: { type: 'string', default: '17' },
		count: { type: 'string', default: '120' },
		charts: { type: 'string', multiple: true },
		fonts: { type: 'string' },
		'no-charts-copy': { type: 'boolean', default: false },
	},
})
if (!values.out) {
	process.stderr.write(
		'usage: npm run fax:generate -- --out DIR [--seed N] [--count N] [--charts DIR]... [--fonts DIR]\n',
	)
	process.exit(2)
}
const seed = Number(values.seed)
const count = Number(values.count)
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
	process.stderr.write('--seed and --count must be integers (count at least 1)\n')
	process.exit(2)
}
const chartDirs = values.charts ?? ['ingest/demo/bundles', '../shared/data/charts/synthea-r4']
const started = Date.now()
const tty = process.stderr.isTTY
const summary = await generateFaxSet({
	out: path.resolve(values.out),
	seed,
	count,
	chartDirs,
	...(values.fonts ? { fontDir: values.fonts } : {}),
	copyCharts: !values['no-charts-copy'],
	onProgress: (done, total) => {
		if (tty) process.stderr.write(`\rfax ${done}/${total}`)
	},
})
if (tty) process.stderr.write('\n')
const byLabel = new Map<string, number>()
for (const f of summary.faxes) byLabel.set(f.label, (byLabel.get(f.label) ?? 0) + 1)
const nulls = summary.faxes.filter((f) => f.patient === null).length
process.stdout.write(
	`${summary.faxes.length} faxes (${summary.pages} pages, ${nulls} with no chart patient, ${summary.patients} chart patients referred to), ${summary.bad.length} bad uploads in ${values.out} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
)
