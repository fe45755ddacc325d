import { inArray } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { chunks, patients } from '#db/schema/index.ts'
import type { PatientData } from '#server/auth/patient-data.ts'
import type { AnswerView, CopilotEvent } from '#server/copilot/types.ts'
import type { ErrorCode } from '#server/platform/errors.ts'
import { containsText, rate } from '../data.ts'
import type { QaCase } from './retrieval.ts'

/**
 * The answers suite: every question of qa*.jsonl through the copilot's `ask`, black-box, as the
 * app calls it. An answerable question is right when every gold fact appears in the answer text;
 * an unanswerable one when the answer says "not found in the chart". Citations are precise when
 * the cited chunk holds a gold FHIR source or a gold fact; a citation of another patient's chunk
 * (checked against the chunk's patient in the database) must never happen.
 */
export type Asker = {
	ask(
		data: PatientData,
		input: { requestId: string; patientId: string; question: string },
	): AsyncIterable<CopilotEvent>
}

export type AnswersCaseResult = {
	id: string
	outcome: 'correct' | 'wrong' | 'no_patient' | 'error'
	/** The dataset's question (not chart text); the report shows it, escaped. */
	question: string
	answerable: boolean
	not_found: boolean | null
	facts_found: number
	facts: number
	citations: number
	precise_citations: number
	cross_patient_citations: number
	error?: string
}

export type AnswersMetrics = {
	fact_recall: number
	not_in_chart_accuracy: number
	citation_precision: number
	cross_patient_citations: number
	n: number
	cases: AnswersCaseResult[]
}

/** The answer's last event; the copilot's stream ends with `done`. */
export async function finalAnswer(events: AsyncIterable<CopilotEvent>): Promise<AnswerView> {
	let answer: AnswerView | null = null
	for await (const event of events) if (event.type === 'done') answer = event.answer
	if (!answer) throw new Error('the answer stream ended without a done event')
	return answer
}

export const answerText = (answer: AnswerView) => answer.sentences.map((s) => s.text).join(' ')

/** A stable error code for a case, never a message (messages may quote data). */
export const errorCode = (error: unknown) =>
	typeof error === 'object' &&
	error !== null &&
	typeof (error as { code?: unknown }).code === 'string'
		? (error as { code: string }).code
		: ('EVAL_CASE_FAILED' satisfies ErrorCode)

export async function patientIdsByFhirId(db: Database, fhirIds: readonly string[]) {
	const unique = [...new Set(fhirIds)]
	const rows = unique.length
		? await db
				.select({ id: patients.id, fhirId: patients.fhirId })
				.from(patients)
				.where(inArray(patients.fhirId, unique))
		: []
	return new Map(rows.map((r) => [r.fhirId, r.id]))
}

export async function runAnswersSuite(options: {
	db: Database
	copilot: Asker
	/** The evaluation clinician's data handle (system path `evaluation`). */
	data: PatientData
	cases: readonly QaCase[]
	onCase?: () => void
}): Promise<AnswersMetrics> {
	const { db, data } = options
	const byFhirId = await patientIdsByFhirId(
		db,
		options.cases.map((c) => c.patient),
	)
	const cases: AnswersCaseResult[] = []
	for (const c of options.cases) {
		const base = {
			id: c.id,
			question: c.question,
			answerable: c.answerable,
			facts: c.gold_facts.length,
			facts_found: 0,
			citations: 0,
			precise_citations: 0,
			cross_patient_citations: 0,
		}
		const patientId = byFhirId.get(c.patient)
		if (!patientId) {
			cases.push({ ...base, outcome: 'no_patient', not_found: null })
			options.onCase?.()
			continue
		}
		let answer: AnswerView
		try {
			answer = await finalAnswer(
				options.copilot.ask(data, {
					requestId: `eval-answers-${c.id}`,
					patientId,
					question: c.question,
				}),
			)
		} catch (error) {
			cases.push({ ...base, outcome: 'error', not_found: null, error: errorCode(error) })
			options.onCase?.()
			continue
		}
		const text = answerText(answer)
		const factsFound = c.gold_facts.filter((f) => containsText(text, f)).length
		const citations = answer.sentences.flatMap((s) => s.citations)
		const gold = new Set(c.gold_sources)
		const precise = citations.filter(
			(ct) =>
				ct.fhirIds.some((id) => gold.has(id)) || c.gold_facts.some((f) => containsText(ct.text, f)),
		).length
		const chunkIds = [...new Set(citations.map((ct) => ct.chunkId))]
		const owners = chunkIds.length
			? await db
					.select({ id: chunks.id, patientId: chunks.patientId })
					.from(chunks)
					.where(inArray(chunks.id, chunkIds))
			: []
		const ownerOf = new Map(owners.map((o) => [o.id, o.patientId]))
		// A cited chunk that is not this patient's, or that no longer exists, is a cross-patient citation.
		const cross = citations.filter((ct) => ownerOf.get(ct.chunkId) !== patientId).length
		const correct = c.answerable
			? !answer.notFound && factsFound === c.gold_facts.length
			: answer.notFound
		cases.push({
			...base,
			outcome: correct ? 'correct' : 'wrong',
			not_found: answer.notFound,
			facts_found: factsFound,
			citations: citations.length,
			precise_citations: precise,
			cross_patient_citations: cross,
		})
		options.onCase?.()
	}
	const answerable = cases.filter((c) => c.answerable)
	const unanswerable = cases.filter((c) => !c.answerable)
	// Precision is over the citations of answerable questions: an unanswerable one has no gold source.
	const cited = answerable.reduce((s, c) => s + c.citations, 0)
	const precise = answerable.reduce((s, c) => s + c.precise_citations, 0)
	return {
		fact_recall: rate(answerable.filter((c) => c.outcome === 'correct').length, answerable.length),
		not_in_chart_accuracy: rate(
			unanswerable.filter((c) => c.outcome === 'correct').length,
			unanswerable.length,
		),
		citation_precision: cited > 0 ? precise / cited : answerable.length > 0 ? 0 : 1,
		cross_patient_citations: cases.reduce((s, c) => s + c.cross_patient_citations, 0),
		n: cases.length,
		cases,
	}
}
