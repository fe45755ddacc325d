import { and, desc, eq, inArray, type SQL } from 'drizzle-orm'
import {
	answers,
	chunks,
	decisions,
	documents,
	type AnswerKind,
	type AnswerSentence,
} from '#db/schema/index.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditSink } from '../audit/sink.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { PatientData } from '../auth/patient-data.ts'
import type { AnswerEvent, Gateway } from '../gateway/index.ts'
import type { Logger } from '../log.ts'
import { fingerprint } from '../platform/hashing.ts'
import { isUuid } from '../platform/ids.ts'
import type { Retrieval } from '../retrieval/search.ts'
import { createCareTeamCheck, type CopilotInput } from './care-team-check.ts'
import { citationOfHit, citationResolver, readCitations, sourceOf } from './citations.ts'
import { savedAnswerView } from './saved-answer.ts'
import {
	COPILOT_ERRORS,
	CopilotError,
	type AnswerView,
	type CitationRef,
	type CopilotEvent,
	type HistoryItem,
} from './types.ts'

/**
 * The copilot's use cases: ask about a patient's chart, summarize one of its documents (both
 * streamed), reopen an earlier answer, list the history. Each checks the care team first (a
 * refusal is recorded as access.denied), reads the chart under row-level security, calls the
 * gateway only, saves the answer as a draft, and records the render in the ledger before the
 * finished answer leaves. Decisions are in decide.ts. Each takes the request's PatientData: the
 * copilot holds no database, so it reads and writes only as the signed-in actor.
 */
export type CopilotDeps = {
	gateway: Pick<Gateway, 'answerStream' | 'summarizeStream'>
	retrieval: Retrieval
	audit: AuditSink
	log: Logger
}

/** Chunks of one document a summary reads (the gateway's source cap). */
const SUMMARY_SOURCES = 40

export function createCopilot(deps: CopilotDeps) {
	const { audit, log } = deps
	const { assertOnCareTeam, recordPhiRead } = createCareTeamCheck(deps)

	/**
	 * Streams the gateway's checked sentences with their citations resolved to chart chunks, then
	 * saves the draft and records its render before the finished answer is handed over.
	 */
	async function* streamAnswer(
		data: PatientData,
		base: CopilotInput,
		kind: AnswerKind,
		events: AsyncIterable<AnswerEvent>,
		refs: readonly CitationRef[],
		meta: { question: string | null; documentId: string | null; promptId: string; policy: string },
	): AsyncGenerator<CopilotEvent> {
		const cite = citationResolver(refs)
		for await (const event of events) {
			if (event.type === 'sentence') {
				yield {
					type: 'sentence',
					index: event.index,
					model: event.model,
					sentence: {
						text: event.sentence.text,
						supported: event.sentence.supported,
						citations: cite(event.sentence.sources),
					},
				}
				continue
			}
			const result = event.result
			const stored: AnswerSentence[] = result.sentences.map((s) => ({
				text: s.text,
				chunkIds: s.sources,
				supported: s.supported,
			}))
			const model = result.model
			const [row] = await data.write((tx) =>
				tx
					.insert(answers)
					.values({
						patientId: base.patientId,
						userId: data.actor.userId,
						kind,
						question: meta.question,
						documentId: meta.documentId,
						sentences: stored,
						notFoundInChart: result.notFound,
						model: {
							endpointId: model.endpoint,
							provider: model.provider,
							model: model.model,
							version: model.version ?? 'unversioned',
							label: model.label,
							local: model.local,
							fallback: result.fallback,
						},
						promptId: meta.promptId,
						promptVersion: '1',
						auditId: String(result.auditSeq),
					})
					.returning({ id: answers.id, createdAt: answers.createdAt }),
			)
			if (!row) throw new Error('answer insert returned no row')
			const text = result.notFound
				? 'Not found in the chart.'
				: result.sentences.map((s) => s.text).join(' ')
			// The render: the answer, as shown, with its fingerprint and citations (fail closed).
			await recordAccess(audit, log, {
				requestId: base.requestId,
				actor: data.actor,
				component: AUDIT_COMPONENTS.copilot,
				action: AUDIT_ACTIONS.answerRender,
				decision: 'allow',
				policy: meta.policy,
				resource: { type: 'answer', id: row.id, patientId: base.patientId },
				details: {
					kind,
					inferenceSeq: result.auditSeq,
					outputFingerprint: fingerprint(text),
					sentences: result.sentences.length,
					unsupported: result.sentences.filter((s) => !s.supported).length,
					citations: [...new Set(result.sentences.flatMap((s) => s.sources))]
						.join(',')
						.slice(0, 500),
					notFound: result.notFound,
					model: `${model.endpoint}/${model.model}`.slice(0, 200),
				},
			})
			yield {
				type: 'done',
				answer: {
					id: row.id,
					kind,
					question: meta.question,
					documentId: meta.documentId,
					status: 'draft',
					notFound: result.notFound,
					sentences: result.sentences.map((s) => ({
						text: s.text,
						supported: s.supported,
						citations: cite(s.sources),
					})),
					model,
					fallback: result.fallback,
					createdAt: row.createdAt.toISOString(),
					decision: null,
				},
			}
		}
	}

	return {
		/** Ask a question: retrieval over the patient's chart, then a cited, checked answer. */
		async *ask(
			data: PatientData,
			input: CopilotInput & { question: string },
		): AsyncGenerator<CopilotEvent> {
			const question = input.question.trim()
			if (question.length === 0 || question.length > 2_000)
				throw new CopilotError(
					COPILOT_ERRORS.questionInvalid,
					'Type a question of up to 2,000 characters.',
				)
			const policy = await assertOnCareTeam(data, input, { type: 'patient', id: input.patientId })
			const hits = await deps.retrieval.search(data, {
				requestId: input.requestId,
				patientId: input.patientId,
				query: input.question,
				k: 8,
				...(input.signal ? { signal: input.signal } : {}),
			})
			await recordPhiRead(
				data,
				input,
				policy,
				{ type: 'patient', id: input.patientId },
				{ purpose: 'ask', chunks: hits.length },
			)
			const refs = hits.map(citationOfHit)
			const events = deps.gateway.answerStream({
				actor: data.actor,
				requestId: input.requestId,
				patientId: input.patientId,
				question: input.question,
				...(input.signal ? { signal: input.signal } : {}),
				// Flagged chunks go in as sources too: the gateway's guard decides (and records) again.
				sources: refs.map(sourceOf),
			})
			yield* streamAnswer(data, input, 'question', events, refs, {
				question: input.question,
				documentId: null,
				promptId: 'answer-with-citations',
				policy,
			})
		},

		/** Summarize one document of the patient's chart, citing its chunks. */
		async *summarize(
			data: PatientData,
			input: CopilotInput & { documentId: string },
		): AsyncGenerator<CopilotEvent> {
			const policy = await assertOnCareTeam(data, input, {
				type: 'document',
				id: input.documentId,
			})
			if (!isUuid(input.documentId))
				throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such document.')
			const refs = await data.read((tx) =>
				readCitations(
					tx,
					and(
						eq(chunks.documentId, input.documentId),
						eq(chunks.patientId, input.patientId),
					) as SQL,
					SUMMARY_SOURCES,
				),
			)
			if (refs.length === 0)
				throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such document in this chart.')
			await recordPhiRead(
				data,
				input,
				policy,
				{ type: 'document', id: input.documentId },
				{ purpose: 'summarize', chunks: refs.length },
			)
			const events = deps.gateway.summarizeStream({
				actor: data.actor,
				requestId: input.requestId,
				patientId: input.patientId,
				documentId: input.documentId,
				...(input.signal ? { signal: input.signal } : {}),
				sources: refs.map(sourceOf),
			})
			yield* streamAnswer(data, input, 'summary', events, refs, {
				question: null,
				documentId: input.documentId,
				promptId: 'summarize-with-citations',
				policy,
			})
		},

		/** An earlier answer, reopened (a PHI read). */
		async getAnswer(
			data: PatientData,
			input: CopilotInput & { answerId: string },
		): Promise<AnswerView> {
			const policy = await assertOnCareTeam(data, input, { type: 'answer', id: input.answerId })
			if (!isUuid(input.answerId))
				throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such answer.')
			const found = await data.read(async (tx) => {
				const [answer] = await tx
					.select()
					.from(answers)
					.where(and(eq(answers.id, input.answerId), eq(answers.patientId, input.patientId)))
				if (!answer) return null
				const ids = [...new Set(answer.sentences.flatMap((s) => s.chunkIds))]
				const cited = ids.length ? await readCitations(tx, inArray(chunks.id, ids)) : []
				const [decision] = await tx
					.select()
					.from(decisions)
					.where(eq(decisions.answerId, answer.id))
					.orderBy(desc(decisions.decidedAt))
					.limit(1)
				return { answer, cited, decision }
			})
			if (!found) throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such answer.')
			await recordPhiRead(data, input, policy, { type: 'answer', id: input.answerId })
			return savedAnswerView(found.answer, found.cited, found.decision ?? null)
		},

		/** The patient's earlier questions and summaries, newest first. */
		async history(data: PatientData, input: CopilotInput): Promise<HistoryItem[]> {
			const policy = await assertOnCareTeam(data, input, { type: 'patient', id: input.patientId })
			const rows = await data.read((tx) =>
				tx
					.select({
						id: answers.id,
						kind: answers.kind,
						question: answers.question,
						documentTitle: documents.title,
						status: answers.status,
						notFound: answers.notFoundInChart,
						createdAt: answers.createdAt,
					})
					.from(answers)
					.leftJoin(documents, eq(documents.id, answers.documentId))
					.where(eq(answers.patientId, input.patientId))
					.orderBy(desc(answers.createdAt))
					.limit(50),
			)
			await recordPhiRead(
				data,
				input,
				policy,
				{ type: 'patient', id: input.patientId },
				{ purpose: 'history', answers: rows.length },
			)
			return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
		},
	}
}

export type Copilot = ReturnType<typeof createCopilot>
