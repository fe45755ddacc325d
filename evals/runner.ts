import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadPath } from '#ingest/loaders/index.ts'
import { ingestLoaded, type IngestDeps } from '#ingest/pipeline.ts'
import { parseConfig } from '#server/config/index.ts'
import { createCopilot } from '#server/copilot/copilot.ts'
import { answerWithCitations } from '#server/gateway/prompts/answer-with-citations.v1.ts'
import { summarizeWithCitations } from '#server/gateway/prompts/summarize-with-citations.v1.ts'
import { createLogger } from '#server/log.ts'
import { createRetrieval, type Retrieval } from '#server/retrieval/search.ts'
import { DOCUMENTS_SYSTEM_PATH } from '#server/documents/index.ts'
import { createServices } from '#server/services.ts'
import { readSuite } from './data.ts'
import { runAnswersSuite, type AnswersMetrics } from './suites/answers.ts'
import { deidCase, runDeidSuite, type DeidMetrics } from './suites/deid.ts'
import { doctypeCase, runDoctypeSuite, type DoctypeMetrics } from './suites/doctype.ts'
import { badUploadCase, faxCase, runFaxSuite, type FaxMetrics } from './suites/fax.ts'
import { injectionCase, runInjectionSuite, type InjectionMetrics } from './suites/injection.ts'
import {
	evaluationClinician,
	qaCase,
	runRetrievalSuite,
	type RetrievalMetrics,
} from './suites/retrieval.ts'
import { gateFailures, type GateFailure } from './thresholds.ts'
import { evaluationUser } from './users.ts'

/**
 * The evaluation runner behind `npm run eval` (decision 024): a fresh, isolated Chartside stack in
 * a temporary folder (PGlite, the real ledger, the configured gateway), the charts of the data
 * folder ingested through the pipeline, then each suite through the same code the app runs.
 * Nothing of the data leaves in the results but ids, counts and rates.
 */
export const SUITES = ['retrieval', 'answers', 'injection', 'deid', 'doctype', 'fax'] as const
export type SuiteName = (typeof SUITES)[number]

type Strip<T> = Omit<T, 'cases'>
export type SuiteMetrics = {
	retrieval?: Strip<RetrievalMetrics>
	answers?: Strip<AnswersMetrics>
	injection?: Strip<InjectionMetrics>
	deid?: Strip<DeidMetrics>
	doctype?: Strip<DoctypeMetrics>
	fax?: Strip<FaxMetrics>
}

export type EvalCase = { suite: SuiteName; id: string; outcome: string; [detail: string]: unknown }

/** results.json: the names are fixed by DESIGN.md so runs compare over time. */
export type EvalResults = {
	git: string | null
	endpoints: Array<{ id: string; provider: string; model: string; version: string | null }>
	prompts: Array<{ id: string; version: string }>
	suites: SuiteMetrics
	cases: EvalCase[]
}

export type RunOptions = {
	dataDir: string
	suites?: readonly SuiteName[]
	/** Progress: what is running, and how far. */
	onProgress?: (event: { suite: SuiteName | 'charts'; done: number; total: number }) => void
	/**
	 * Test seam: wraps the retrieval the retrieval and answers suites use (a deliberately degraded
	 * retriever proves the gate can fail). Never set by the CLI.
	 */
	wrapRetrieval?: (retrieval: Retrieval) => Retrieval
	/**
	 * The model variables (server/config MODEL_VARIABLES: GATEWAY_CONFIG and the keys it names)
	 * the evaluated gateway is built from; none means the built-in local endpoints.
	 */
	models?: Record<string, string>
}

export type RunReport = { results: EvalResults; failures: GateFailure[]; charts: ChartsIngested }
export type ChartsIngested = { files: number; failed: number; documents: number; chunks: number }

/** The commit evaluated, or null outside a git checkout. Read-only. */
export function gitSha(cwd: string): string | null {
	try {
		return execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
			.toString()
			.trim()
	} catch {
		return null
	}
}

/** Chart inputs under DIR/charts: each FHIR bundle, each NDJSON export folder, each C-CDA file. */
export async function chartInputs(folder: string): Promise<string[]> {
	const info = await stat(folder).catch(() => null)
	if (!info) return []
	if (!info.isDirectory()) return [folder]
	const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) =>
		a.name.localeCompare(b.name),
	)
	if (entries.some((e) => e.isFile() && e.name.endsWith('.ndjson'))) return [folder]
	const out: string[] = []
	for (const entry of entries) {
		if (entry.name.startsWith('.')) continue
		const full = path.join(folder, entry.name)
		if (entry.isDirectory()) out.push(...(await chartInputs(full)))
		else if (/\.(json|ndjson|xml)$/i.test(entry.name)) out.push(full)
	}
	return out
}

async function ingestCharts(
	deps: IngestDeps,
	dataDir: string,
	onProgress: RunOptions['onProgress'],
): Promise<ChartsIngested> {
	const inputs = await chartInputs(path.join(dataDir, 'charts'))
	const result: ChartsIngested = { files: inputs.length, failed: 0, documents: 0, chunks: 0 }
	for (const [i, input] of inputs.entries()) {
		try {
			const report = await ingestLoaded(deps, await loadPath(input))
			result.documents += report.documents.new + report.documents.changed
			result.chunks += report.chunks
		} catch {
			result.failed++
		}
		onProgress?.({ suite: 'charts', done: i + 1, total: inputs.length })
	}
	return result
}

const strip = <T extends { cases: unknown }>({ cases: _cases, ...metrics }: T) => metrics

export async function runEvaluation(options: RunOptions): Promise<RunReport> {
	const dataDir = path.resolve(options.dataDir)
	const wanted = new Set(options.suites ?? SUITES)
	const progress = options.onProgress
	const tick = (suite: SuiteName, total: number) => {
		let done = 0
		progress?.({ suite, done, total })
		return () => progress?.({ suite, done: ++done, total })
	}
	const [qa, injection, deid, doctype, fax, badUploads] = await Promise.all([
		readSuite(dataDir, 'qa', qaCase),
		readSuite(dataDir, 'injection', injectionCase),
		readSuite(dataDir, 'deid', deidCase),
		readSuite(dataDir, 'doctype', doctypeCase),
		readSuite(dataDir, 'fax', faxCase),
		readSuite(dataDir, 'bad-uploads', badUploadCase),
	])
	// A data folder without faxes (the shared public data has none) runs no fax suite.
	if (fax.cases.length === 0) wanted.delete('fax')
	const tmp = await mkdtemp(path.join(tmpdir(), 'chartside-eval-'))
	const results: EvalResults = {
		git: gitSha(process.cwd()),
		endpoints: [],
		prompts: [],
		suites: {},
		cases: [],
	}
	let charts: ChartsIngested = { files: 0, failed: 0, documents: 0, chunks: 0 }
	const services = await createServices(parseConfig({ ...options.models, DATA_DIR: tmp }), {
		log: createLogger('silent'),
		jobs: 'off',
	}).catch(async (error: unknown) => {
		await rm(tmp, { recursive: true, force: true })
		throw error
	})
	try {
		// The evaluation files its charts as ingestion does (the system path `documents`); it sets up
		// its synthetic users and maps gold FHIR ids to rows on its own path (`evaluation`):
		// server/auth/system-access.ts.
		const db = services.system.systemDatabase('evaluation').db
		const { gateway, audit } = services
		results.endpoints = gateway.registry.endpoints.map((e) => ({
			id: e.id,
			provider: e.provider,
			model: e.model,
			version: e.modelVersion,
		}))
		const ingestDeps: IngestDeps = {
			db: services.system.systemDatabase(DOCUMENTS_SYSTEM_PATH).db,
			gateway,
			audit,
		}
		const needsCharts = ['retrieval', 'answers', 'injection', 'fax'].some((s) =>
			wanted.has(s as SuiteName),
		)
		if (needsCharts) charts = await ingestCharts(ingestDeps, dataDir, progress)
		// The evaluation clinician has no sign-in: its data handle is still under row-level security.
		const data = services.access.forSystemActor('evaluation', await evaluationClinician(db))
		const base = createRetrieval({ gateway })
		const retrieval = options.wrapRetrieval ? options.wrapRetrieval(base) : base
		// The app's copilot, built over the same retrieval (so the test seam reaches it too).
		const copilot = createCopilot({ gateway, retrieval, audit, log: services.log })
		const add = (suite: SuiteName, cases: Array<{ id: string; outcome: string }>) =>
			results.cases.push(...cases.map((c) => ({ suite, ...c })))
		if (wanted.has('answers') || wanted.has('injection'))
			results.prompts.push({ id: answerWithCitations.id, version: answerWithCitations.version })

		if (wanted.has('retrieval')) {
			const answerable = qa.cases.filter((c) => c.answerable && c.gold_sources.length > 0)
			const r = await runRetrievalSuite({
				db,
				retrieval,
				data,
				cases: qa.cases,
				onCase: tick('retrieval', answerable.length),
			})
			results.suites.retrieval = strip(r)
			add('retrieval', r.cases)
		}
		if (wanted.has('answers')) {
			const r = await runAnswersSuite({
				db,
				copilot,
				data,
				cases: qa.cases,
				onCase: tick('answers', qa.cases.length),
			})
			results.suites.answers = strip(r)
			add('answers', r.cases)
		}
		// Last of the chart suites: the carriers it files would change the charts the others read.
		if (wanted.has('injection')) {
			const r = await runInjectionSuite({
				db,
				ingest: ingestDeps,
				copilot,
				data,
				cases: injection.cases,
				onCase: tick('injection', injection.cases.length),
			})
			if (injection.cases.some((c) => c.task === 'summarize' || !c.question))
				results.prompts.push({
					id: summarizeWithCitations.id,
					version: summarizeWithCitations.version,
				})
			results.suites.injection = strip(r)
			add('injection', r.cases)
		}
		if (wanted.has('deid')) {
			const r = runDeidSuite(deid.cases)
			progress?.({ suite: 'deid', done: r.n, total: r.n })
			results.suites.deid = strip(r)
			add('deid', r.cases)
		}
		if (wanted.has('doctype')) {
			results.prompts.push({ id: 'classify-document', version: '1' })
			const r = await runDoctypeSuite({
				gateway,
				actor: await evaluationUser(db, 'intake'),
				cases: doctype.cases.map((c) => ({ ...c, baseDir: dataDir })),
				onCase: tick('doctype', doctype.cases.length),
			})
			results.suites.doctype = strip(r)
			add('doctype', r.cases)
		}
		// Last: filing faxes adds documents to the charts the suites above read.
		if (wanted.has('fax')) {
			const r = await runFaxSuite({
				intake: services.intake,
				db,
				cases: fax.cases.map((c) => ({ ...c, baseDir: dataDir })),
				bad: badUploads.cases.map((c) => ({ ...c, baseDir: dataDir })),
				onCase: tick('fax', fax.cases.length + badUploads.cases.length),
			})
			results.suites.fax = strip(r)
			add('fax', r.cases)
		}
	} finally {
		await services.close()
		await rm(tmp, { recursive: true, force: true })
	}
	return {
		results,
		failures: gateFailures(results.suites as Record<string, Record<string, unknown>>),
		charts,
	}
}
