/**
 * `npm run eval -- [--suite S]... [--data DIR] [--out DIR] [--gate]`
 *
 * Runs the evaluation suites (retrieval, answers, injection, deid, doctype; all by default) on
 * the data folder (default `../shared/data` beside the repository), in a fresh temporary stack,
 * and writes results.json and report.html to --out (default `eval-results/<timestamp>/`). Prints
 * a summary table; a progress line goes to stderr on a terminal. Only ids, counts and rates are
 * printed, never data text. `--gate` exits 1 when a metric misses its aim (evals/thresholds.ts).
 * The models evaluated are the ones GATEWAY_CONFIG names (with the keys it names), else the
 * built-in local endpoints; nothing else is taken from the environment.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { modelEnvironment } from '#server/config/index.ts'
import type { ErrorCode } from '#server/platform/errors.ts'
import { renderHtml, summaryTable } from './report.ts'
import { runEvaluation, SUITES, type SuiteName } from './runner.ts'

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url))
const USAGE = `Usage: npm run eval -- [--suite ${SUITES.join('|')}]... [--data DIR] [--out DIR] [--gate]`

function parse() {
	try {
		return parseArgs({
			options: {
				suite: { type: 'string', multiple: true },
				data: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/data') },
				out: { type: 'string' },
				gate: { type: 'boolean', default: false },
				help: { type: 'boolean', default: false },
			},
		}).values
	} catch {
		process.stderr.write(USAGE + '\n')
		process.exit(2)
	}
}

const args = parse()
if (args.help) {
	process.stdout.write(USAGE + '\n')
	process.exit(0)
}
const suites = (args.suite ?? []).flatMap((s) => s.split(','))
const unknown = suites.filter((s) => !(SUITES as readonly string[]).includes(s))
if (unknown.length > 0) {
	process.stderr.write(`Unknown suite ${unknown.join(', ')}. ${USAGE}\n`)
	process.exit(2)
}
const startedAt = new Date()
const dataDir = path.resolve(args.data)
const outDir = path.resolve(
	args.out ?? path.join('eval-results', startedAt.toISOString().replace(/[:.]/g, '-')),
)
const tty = process.stderr.isTTY

try {
	const { results, failures, charts } = await runEvaluation({
		dataDir,
		models: modelEnvironment(),
		...(suites.length ? { suites: suites as SuiteName[] } : {}),
		...(tty
			? {
					onProgress: ({ suite, done, total }) =>
						process.stderr.write(`\r\x1b[2K${suite}: ${done}/${total}`),
				}
			: {}),
	})
	if (tty) process.stderr.write('\r\x1b[2K')
	await mkdir(outDir, { recursive: true })
	await writeFile(path.join(outDir, 'results.json'), JSON.stringify(results, null, 2) + '\n')
	await writeFile(
		path.join(outDir, 'report.html'),
		renderHtml(results, failures, { startedAt: startedAt.toISOString(), dataDir }),
	)
	const out = (line = '') => process.stdout.write(line + '\n')
	if (charts.files > 0)
		out(
			`charts: ${charts.files} inputs (${charts.failed} failed), ${charts.documents} documents, ${charts.chunks} chunks`,
		)
	out(summaryTable(results, failures))
	out()
	out(`results: ${path.join(outDir, 'results.json')}`)
	out(`report:  ${path.join(outDir, 'report.html')}`)
	out(`time:    ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`)
	if (failures.length > 0)
		out(`${failures.length} metric(s) below aim${args.gate ? '' : ' (not gated)'}`)
	process.exitCode = args.gate && failures.length > 0 ? 1 : 0
} catch (error) {
	const code =
		typeof error === 'object' &&
		error !== null &&
		typeof (error as { code?: unknown }).code === 'string'
			? (error as { code: string }).code
			: ('EVAL_FAILED' satisfies ErrorCode)
	// Data errors name a file and line only; anything else is reported by its code.
	process.stderr.write(
		`evaluation failed: ${code === ('EVAL_DATA_INVALID' satisfies ErrorCode) && error instanceof Error ? error.message : code}\n`,
	)
	process.exitCode = 1
}
