import path from 'node:path'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { beforeAll, describe, expect, test } from 'vitest'
import { z } from 'zod'
import { loadPath } from './index.ts'
import type { LoadedChart } from './types.ts'

/**
 * The contract with retrieval: for every answerable question of qa-synthea.jsonl, some section of
 * that patient's documents carries the gold source's FHIR id and contains every gold fact
 * (case-insensitive) in its text. If no section does, no chunk can, and retrieval cannot cite it.
 */
const DATA = path.resolve('../shared/data')
const QA = `${DATA}/qa-synthea.jsonl`
const CHARTS = [`${DATA}/charts/synthea-r4`, `${DATA}/charts/synthea-notes`]
const REQUIRED_COVERAGE = 0.99

const qaCase = z.object({
	id: z.string(),
	patient: z.string(),
	answerable: z.boolean(),
	gold_facts: z.array(z.string()),
	gold_sources: z.array(z.string()),
})

describe.skipIf(![QA, ...CHARTS].every(existsSync))(
	`gold sources of ${QA} (skipped when absent)`,
	() => {
		let charts: Map<string, LoadedChart>
		let cases: Array<z.infer<typeof qaCase>>
		beforeAll(async () => {
			charts = new Map()
			for (const dir of CHARTS)
				for (const chart of (await loadPath(dir)).charts)
					if (chart.patient) charts.set(chart.patient.fhirId, chart)
			cases = (await readFile(QA, 'utf8'))
				.split('\n')
				.filter((l) => l.trim())
				.map((l) => qaCase.parse(JSON.parse(l)))
				.filter((c) => c.answerable)
		})

		test(`are covered by a section with the id and the facts for ≥ ${REQUIRED_COVERAGE * 100}% of answerable cases`, () => {
			expect(cases.length).toBeGreaterThan(150)
			const failures: string[] = []
			for (const c of cases) {
				const sections = charts.get(c.patient)?.documents.flatMap((d) => d.sections) ?? []
				const covered = c.gold_sources.every((source) =>
					sections.some(
						(s) =>
							s.fhirIds.includes(source) &&
							c.gold_facts.every((fact) => s.text.toLowerCase().includes(fact.toLowerCase())),
					),
				)
				if (!covered)
					failures.push(
						`${c.id}: ${charts.has(c.patient) ? 'no section with the id and facts' : 'no chart for the patient'}`,
					)
			}
			const coverage = (cases.length - failures.length) / cases.length
			expect(coverage, failures.join('\n')).toBeGreaterThanOrEqual(REQUIRED_COVERAGE)
		})
	},
)
