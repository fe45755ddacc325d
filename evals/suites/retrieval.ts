import { readFile } from 'node:fs/promises'
import { inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Database } from '#db/client.ts'
import { careTeamMembers, patients } from '#db/schema/index.ts'
import type { PatientData } from '#server/auth/patient-data.ts'
import type { Actor } from '#server/auth/scope.ts'
import type { Retrieval } from '#server/retrieval/search.ts'
import { evaluationUser } from '../users.ts'

/**
 * The retrieval suite: for each answerable question of a qa*.jsonl file (DESIGN.md format), search
 * the patient's chart as a clinician on the care team and look for a gold FHIR source among the
 * top k chunks' FHIR ids. Reports recall@k and the mean reciprocal rank of the first hit.
 */
export const qaCase = z.object({
	id: z.string(),
	patient: z.string(),
	question: z.string(),
	answerable: z.boolean(),
	gold_facts: z.array(z.string()),
	gold_sources: z.array(z.string()),
})
export type QaCase = z.infer<typeof qaCase>

export async function readQaCases(file: string): Promise<QaCase[]> {
	const text = await readFile(file, 'utf8')
	return text
		.split('\n')
		.filter((line) => line.trim())
		.map((line) => qaCase.parse(JSON.parse(line)))
}

export type RetrievalCaseResult = {
	id: string
	outcome: 'hit' | 'miss' | 'no_patient'
	/** 1-based rank of the first chunk holding a gold source, or null. */
	rank: number | null
}

export type RetrievalMetrics = {
	recall_at_8: number
	mrr: number
	n: number
	cases: RetrievalCaseResult[]
}

/**
 * A clinician who is on the care team of every patient in the store: evaluation runs on its own
 * database, and the retrieval under test still applies the care-team filter and row-level security.
 */
export async function evaluationClinician(db: Database): Promise<Actor> {
	const actor = await evaluationUser(db, 'clinician')
	const all = await db.select({ id: patients.id }).from(patients)
	if (all.length > 0)
		await db
			.insert(careTeamMembers)
			.values(all.map((p) => ({ userId: actor.userId, patientId: p.id, source: 'admin' as const })))
			.onConflictDoNothing()
	return actor
}

export async function runRetrievalSuite(options: {
	db: Database
	retrieval: Retrieval
	/** The evaluation clinician's data handle (system path `evaluation`). */
	data: PatientData
	cases: readonly QaCase[]
	k?: number
	onCase?: () => void
}): Promise<RetrievalMetrics> {
	const k = options.k ?? 8
	const answerable = options.cases.filter((c) => c.answerable && c.gold_sources.length > 0)
	const fhirIds = [...new Set(answerable.map((c) => c.patient))]
	const rows =
		fhirIds.length === 0
			? []
			: await options.db
					.select({ id: patients.id, fhirId: patients.fhirId })
					.from(patients)
					.where(inArray(patients.fhirId, fhirIds))
	const byFhirId = new Map(rows.map((r) => [r.fhirId, r.id]))
	const cases: RetrievalCaseResult[] = []
	for (const c of answerable) {
		const patientId = byFhirId.get(c.patient)
		if (!patientId) {
			cases.push({ id: c.id, outcome: 'no_patient', rank: null })
			options.onCase?.()
			continue
		}
		const hits = await options.retrieval.search(options.data, {
			requestId: `eval-${c.id}`,
			patientId,
			query: c.question,
			k,
		})
		const gold = new Set(c.gold_sources)
		const index = hits.findIndex((h) => h.fhirIds.some((id) => gold.has(id)))
		cases.push({
			id: c.id,
			outcome: index >= 0 ? 'hit' : 'miss',
			rank: index >= 0 ? index + 1 : null,
		})
		options.onCase?.()
	}
	const n = cases.length
	return {
		recall_at_8: n ? cases.filter((c) => c.outcome === 'hit').length / n : 0,
		mrr: n ? cases.reduce((s, c) => s + (c.rank ? 1 / c.rank : 0), 0) / n : 0,
		n,
		cases,
	}
}
