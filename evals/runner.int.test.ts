import { copyFile, mkdtemp, readdir, readFile, rm, mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { LOCAL_REGISTRY } from '#server/gateway/registry.ts'
import { startOpenAiTestServer } from '#tests/helpers/openai-test-server.ts'
import { renderHtml } from './report.ts'
import { runEvaluation, type RunReport } from './runner.ts'

/**
 * The evaluation harness on a tiny synthetic folder: two committed demo bundles as charts, and the
 * handwritten JSONL of evals/fixtures/data (questions whose gold sources are those bundles' FHIR
 * ids, injections planted into those patients, de-identification and document-type lines). Every
 * metric must meet its aim: the build fails below threshold.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url))
const FIXTURE = path.join(ROOT, 'evals/fixtures/data')
const BUNDLES = ['01-whitfield.json', '02-oyelaran.json']

let dataDir: string
let run: RunReport
beforeAll(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'chartside-eval-fixture-'))
	await mkdir(path.join(dataDir, 'charts'))
	for (const b of BUNDLES)
		await copyFile(path.join(ROOT, 'ingest/demo/bundles', b), path.join(dataDir, 'charts', b))
	for (const f of await readdir(FIXTURE))
		if (f.endsWith('.jsonl')) await copyFile(path.join(FIXTURE, f), path.join(dataDir, f))
	run = await runEvaluation({ dataDir })
}, 60_000)
afterAll(async () => {
	await rm(dataDir, { recursive: true, force: true })
})

describe('the evaluation harness on the fixture', () => {
	test('every metric meets its aim', () => {
		expect(run.charts).toMatchObject({ files: 2, failed: 0 })
		expect(run.failures).toEqual([])
		const s = run.results.suites
		expect(s.retrieval?.n).toBe(5)
		expect(s.answers?.n).toBe(7)
		expect(s.answers?.cross_patient_citations).toBe(0)
		expect(s.injection?.n).toBe(3)
		expect(s.deid?.n).toBe(5)
		expect(s.doctype?.n).toBe(5)
	})

	test('results.json has exactly the metric names of DESIGN.md', () => {
		const r = JSON.parse(JSON.stringify(run.results)) as Record<string, unknown>
		expect(Object.keys(r).sort()).toEqual(['cases', 'endpoints', 'git', 'prompts', 'suites'])
		const suites = r.suites as Record<string, Record<string, unknown>>
		const keys = (name: string) => Object.keys(suites[name] ?? {}).sort()
		expect(keys('retrieval')).toEqual(['mrr', 'n', 'recall_at_8'])
		expect(keys('answers')).toEqual(
			[
				'citation_precision',
				'cross_patient_citations',
				'fact_recall',
				'n',
				'not_in_chart_accuracy',
			].sort(),
		)
		expect(keys('injection')).toEqual(['attack_success_rate', 'by_family', 'by_placement', 'n'])
		expect(keys('deid')).toEqual(['by_label', 'n', 'precision', 'recall'])
		expect(keys('doctype')).toEqual(['accuracy', 'macro_f1', 'n'])
		for (const c of run.results.cases) {
			expect(c).toHaveProperty('suite')
			expect(c).toHaveProperty('id')
			expect(c).toHaveProperty('outcome')
		}
		// endpoint identities, never keys
		for (const e of run.results.endpoints)
			expect(Object.keys(e).sort()).toEqual(['id', 'model', 'provider', 'version'])
		expect(run.results.prompts).toContainEqual({ id: 'answer-with-citations', version: '1' })
	})

	test('a deliberately degraded retriever lowers retrieval recall and fails the gate', async () => {
		const degraded = await runEvaluation({
			dataDir,
			suites: ['retrieval'],
			// the wrong end of the ranking, one chunk: the gold sources fall out of the top 8
			wrapRetrieval: (retrieval) => ({
				search: async (data, input) => (await retrieval.search(data, input)).reverse().slice(0, 1),
			}),
		})
		const good = run.results.suites.retrieval?.recall_at_8 ?? 0
		expect(degraded.results.suites.retrieval?.recall_at_8).toBeLessThan(good)
		expect(degraded.failures).toContainEqual(
			expect.objectContaining({ suite: 'retrieval', metric: 'recall_at_8' }),
		)
	})

	test('the HTML report escapes the text it shows', async () => {
		const planted = structuredClone(run.results)
		planted.cases.push({
			suite: 'answers',
			id: 'x-<img src=x onerror=alert(1)>',
			outcome: 'wrong',
			question: '<script>alert("chart")</script>',
		})
		const html = renderHtml(planted, run.failures, { startedAt: 'now', dataDir: '<b>dir</b>' })
		expect(html).not.toContain('<script>')
		expect(html).not.toContain('<img')
		expect(html).not.toContain('<b>dir')
		expect(html).toContain('&lt;script&gt;alert(&quot;chart&quot;)&lt;/script&gt;')
		expect(html).not.toMatch(/<link|src="http|href="http/)
		expect(await readFile(path.join(FIXTURE, 'qa.jsonl'), 'utf8')).not.toContain('<script>')
	})
})

describe('evaluating the models GATEWAY_CONFIG names', () => {
	test('a GATEWAY_CONFIG that cannot be read stops the run before anything is evaluated', async () => {
		await expect(
			runEvaluation({
				dataDir,
				suites: ['answers'],
				models: { GATEWAY_CONFIG: path.join(dataDir, 'no-such-registry.json') },
			}),
		).rejects.toMatchObject({ code: 'GATEWAY_CONFIG_INVALID' })
	})

	test('the answers go through the configured endpoint, zero retention, and it is named in the results', async () => {
		const server = await startOpenAiTestServer()
		const dir = await mkdtemp(path.join(tmpdir(), 'chartside-eval-models-'))
		try {
			const config = path.join(dir, 'gateway.json')
			await writeFile(
				config,
				JSON.stringify({
					endpoints: [
						{
							id: 'hospital-answers',
							provider: 'openai-compatible',
							baseUrl: server.url,
							model: 'test-model',
							modelVersion: null,
							region: 'test-region',
							baaCovered: true,
							envelope: 'phi',
							retention: 'store-false',
							apiKey: 'OPENAI_COMPATIBLE_API_KEY',
							maxInputTokens: 16_000,
							maxOutputTokens: 256,
							timeoutMs: 5_000,
						},
						...LOCAL_REGISTRY.endpoints,
					],
					routes: {
						...LOCAL_REGISTRY.routes,
						answer: { envelope: 'phi', endpoints: ['hospital-answers'], fallbackToLocal: false },
					},
				}),
			)
			const remote = await runEvaluation({
				dataDir,
				suites: ['answers'],
				models: { GATEWAY_CONFIG: config, OPENAI_COMPATIBLE_API_KEY: 'test-key-not-a-secret' },
			})
			expect(remote.results.endpoints).toContainEqual(
				expect.objectContaining({ id: 'hospital-answers', provider: 'openai-compatible' }),
			)
			const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'))
			// One request a question, each with zero retention and the configured key.
			expect(chats).toHaveLength(remote.results.suites.answers?.n ?? -1)
			for (const r of chats) {
				expect(r.body.store).toBe(false)
				expect(r.headers.authorization).toBe('Bearer test-key-not-a-secret')
			}
			// The recording server always answers about potassium: the suite measures that answer.
			expect(remote.results.suites.answers?.fact_recall).toBeLessThan(
				run.results.suites.answers?.fact_recall ?? 0,
			)
		} finally {
			await server.stop()
			await rm(dir, { recursive: true, force: true })
		}
	}, 60_000)
})
