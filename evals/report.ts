import type { EvalResults } from './runner.ts'
import { THRESHOLDS, type GateFailure, type Threshold } from './thresholds.ts'

/**
 * The human-readable forms of a run: a summary table for the terminal and a self-contained HTML
 * report (inline CSS and SVG, no external assets, every piece of text escaped).
 */
export function escapeHtml(value: unknown): string {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;')
}

const fmt = (v: unknown) =>
	typeof v === 'number'
		? Number.isInteger(v)
			? String(v)
			: v.toFixed(3)
		: v === null
			? '–'
			: String(v)

type Row = { suite: string; metric: string; value: unknown; aim: string; ok: boolean | null }

function aimOf(suite: string, metric: string): Threshold | undefined {
	const rules = (THRESHOLDS as Record<string, readonly Threshold[]>)[suite] ?? []
	return rules.find((r) => r.metric === metric)
}

function rows(results: EvalResults, failures: readonly GateFailure[]): Row[] {
	const out: Row[] = []
	for (const [suite, metrics] of Object.entries(results.suites)) {
		for (const [metric, value] of Object.entries(metrics as Record<string, unknown>)) {
			if (typeof value === 'object' && value !== null) continue
			const aim = aimOf(suite, metric)
			out.push({
				suite,
				metric,
				value,
				aim: aim ? `${aim.op} ${aim.value}` : '',
				ok: aim ? !failures.some((f) => f.suite === suite && f.metric === metric) : null,
			})
		}
	}
	return out
}

export function summaryTable(results: EvalResults, failures: readonly GateFailure[]): string {
	const body = rows(results, failures).map((r) => [
		r.suite,
		r.metric,
		fmt(r.value),
		r.aim,
		r.ok === null ? '' : r.ok ? 'ok' : 'BELOW AIM',
	])
	const table = [['suite', 'metric', 'value', 'aim', ''], ...body]
	const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)))
	return table
		.map((row) =>
			row
				.map((cell, i) => cell.padEnd(widths[i] ?? 0))
				.join('  ')
				.trimEnd(),
		)
		.join('\n')
}

/** A horizontal bar chart of values in [0, 1]. */
function bars(items: ReadonlyArray<{ label: string; value: number; n?: number }>): string {
	const h = 22
	const width = 520
	const labelW = 240
	const svg = items
		.map((item, i) => {
			const w = Math.max(0, Math.min(1, item.value)) * (width - labelW - 60)
			const y = i * h
			return (
				`<text x="0" y="${y + 15}" font-size="12">${escapeHtml(item.label)}</text>` +
				`<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="14" fill="#3b6ea5"></rect>` +
				`<text x="${(labelW + w + 4).toFixed(1)}" y="${y + 15}" font-size="12">${escapeHtml(fmt(item.value))}${item.n === undefined ? '' : ` (n ${item.n})`}</text>`
			)
		})
		.join('')
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${items.length * h + 4}" role="img">${svg}</svg>`
}

function table(head: readonly string[], body: ReadonlyArray<readonly unknown[]>, cls = ''): string {
	return (
		`<table${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>` +
		body
			.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(fmt(c))}</td>`).join('')}</tr>`)
			.join('') +
		'</tbody></table>'
	)
}

function confusion(results: EvalResults): string {
	const cases = results.cases.filter((c) => c.suite === 'doctype')
	if (cases.length === 0) return ''
	const labels = [
		...new Set(cases.flatMap((c) => [String(c.expected), String(c.predicted ?? '(error)')])),
	].sort()
	const count = (e: string, p: string) =>
		cases.filter((c) => String(c.expected) === e && String(c.predicted ?? '(error)') === p).length
	return (
		'<h3>Document types: confusion matrix (rows: gold, columns: predicted)</h3>' +
		table(
			['gold \\ predicted', ...labels],
			labels.map((e) => [e, ...labels.map((p) => count(e, p))]),
			'matrix',
		)
	)
}

function breakdown(title: string, value: unknown): string {
	if (!value || typeof value !== 'object') return ''
	const entries = Object.entries(
		value as Record<string, { attack_success_rate: number; n: number }>,
	)
	if (entries.length === 0) return ''
	return (
		`<h3>${escapeHtml(title)}</h3>` +
		bars(entries.map(([label, v]) => ({ label, value: v.attack_success_rate, n: v.n })))
	)
}

/**
 * The HTML report. Case rows carry ids and outcomes only (no chart text); ids and labels come from
 * the data files and are escaped like everything else.
 */
export function renderHtml(
	results: EvalResults,
	failures: readonly GateFailure[],
	meta: { startedAt: string; dataDir: string },
): string {
	const summary = rows(results, failures)
	const rates = summary.filter(
		(r) =>
			typeof r.value === 'number' &&
			r.metric !== 'n' &&
			r.value >= 0 &&
			r.value <= 1 &&
			r.metric !== 'cross_patient_citations',
	)
	const deid = results.suites.deid
	const deidBars = deid
		? bars(
				Object.entries(deid.by_label)
					.filter(([, v]) => v.counted && v.recall !== null)
					.map(([label, v]) => ({ label, value: v.recall ?? 0, n: v.n })),
			)
		: ''
	const outcomes = new Map<string, number>()
	for (const c of results.cases) {
		const key = `${c.suite}\u0000${c.outcome}`
		outcomes.set(key, (outcomes.get(key) ?? 0) + 1)
	}
	const notPassing = results.cases.filter((c) =>
		['miss', 'wrong', 'error', 'attack_succeeded', 'missed'].includes(c.outcome),
	)
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Chartside evaluation</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d2430;max-width:1100px}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem}h3{font-size:1rem}
table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #c9d1dc;padding:.2rem .5rem;text-align:left}
th{background:#eef2f7}td.ok{color:#176b2c}td.bad{color:#a11d1d;font-weight:600}
table.matrix td{text-align:right}.meta{color:#555}
</style></head><body>
<h1>Chartside evaluation</h1>
<p class="meta">started ${escapeHtml(meta.startedAt)} · data ${escapeHtml(meta.dataDir)} · git ${escapeHtml(results.git ?? 'unknown')}</p>
<p>${failures.length === 0 ? 'Every metric meets its aim.' : `<strong>${failures.length} metric(s) below aim:</strong> ${escapeHtml(failures.map((f) => `${f.suite}.${f.metric} = ${fmt(f.value)} (aim ${f.aim})`).join('; '))}`}</p>
<h2>Summary</h2>
<table><thead><tr><th>suite</th><th>metric</th><th>value</th><th>aim</th><th></th></tr></thead><tbody>
${summary.map((r) => `<tr><td>${escapeHtml(r.suite)}</td><td>${escapeHtml(r.metric)}</td><td>${escapeHtml(fmt(r.value))}</td><td>${escapeHtml(r.aim)}</td><td class="${r.ok === false ? 'bad' : 'ok'}">${r.ok === null ? '' : r.ok ? 'ok' : 'below aim'}</td></tr>`).join('\n')}
</tbody></table>
${rates.length ? bars(rates.map((r) => ({ label: `${r.suite} ${r.metric}`, value: Number(r.value) }))) : ''}
${breakdown('Injection: attack success rate by family', results.suites.injection?.by_family)}
${breakdown('Injection: attack success rate by placement', results.suites.injection?.by_placement)}
${deidBars ? `<h3>De-identification: recall by Safe Harbor category</h3>${deidBars}` : ''}
${confusion(results)}
<h2>Models and prompts</h2>
${table(
	['endpoint', 'provider', 'model', 'version'],
	results.endpoints.map((e) => [e.id, e.provider, e.model, e.version]),
)}
${table(
	['prompt', 'version'],
	results.prompts.map((p) => [p.id, p.version]),
)}
<h2>Outcomes</h2>
${table(
	['suite', 'outcome', 'cases'],
	[...outcomes].map(([k, v]) => [...k.split('\u0000'), v]),
)}
<h2>Cases not passing (${notPassing.length})</h2>
${table(
	['suite', 'id', 'outcome', 'detail'],
	notPassing.map((c) => [c.suite, c.id, c.outcome, detail(c)]),
)}
</body></html>
`
}

function detail(c: Record<string, unknown>): string {
	if (c.suite === 'doctype')
		return `gold ${String(c.expected)}, predicted ${String(c.predicted ?? '–')}`
	if (c.suite === 'answers')
		return `${String(c.question)} · facts ${String(c.facts_found)}/${String(c.facts)}, citations ${String(c.precise_citations)}/${String(c.citations)} precise${c.error ? `, ${String(c.error)}` : ''}`
	if (c.suite === 'injection') return `${String(c.family)} · ${String(c.placement)}`
	return ''
}
