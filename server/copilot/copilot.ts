import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import {
	answers,
	chunks,
	decisions,
	documents,
	patients,
	type AnswerKind,
	type AnswerSentence,
} from '#db/schema/index.ts'
import type { AuditEvent } from '../audit/events.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditSink } from '../audit/sink.ts'
import { POLICIES } from '../auth/policy.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { PatientData } from '../auth/patient-data.ts'
import { careTeamFilterFor } from '../auth/scope.ts'
import type { AnswerEvent, Gateway, ModelIdentity } from '../gateway/index.ts'
import type { Logger } from '../log.ts'
import { fingerprint } from '../platform/hashing.ts'
import { isUuid } from '../platform/ids.ts'
import type { Retrieval } from '../retrieval/search.ts'
import { citationOfHit, readCitations, sourceOf } from './citations.ts'
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

export type CopilotInput = { patientId: string; requestId: string; signal?: AbortSignal }

/** Chunks of one document a summary reads (the gateway's source cap). */
const SUMMARY_SOURCES = 40

export function createCopilot(deps: CopilotDeps) {
	const { audit, log } = deps

	/** The care-team check every use case starts with; a refusal is recorded, then thrown. */
	async function assertOnCareTeam(
		data: PatientData,
		base: CopilotInput,
		resource: { type: 'patient' | 'answer' | 'document'; id: string },
	) {
		const { actor } = data
		if (!isUuid(base.patientId))
			throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such patient.')
		const [visible] = await data.read((tx) =>
			tx
				.select({
					onTeam: sql<boolean>`exists (select 1 from care_team_members m where m.user_id = ${actor.userId} and m.patient_id = ${base.patientId}::uuid)`,
				})
				.from(patients)
				.where(and(eq(patients.id, base.patientId), careTeamFilterFor(base.patientId, actor))),
		)
		// Allowed by the care team, or else by an active break-glass grant: each read says which.
		if (visible) return visible.onTeam ? POLICIES.careTeam : POLICIES.breakGlass
		// Existence only (system path patientExistence): "not on your care team" or "no such patient".
		if (!(await data.patientExists(base.patientId)))
			throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such patient.')
		await recordAccess(audit, log, {
			requestId: base.requestId,
			actor,
			component: AUDIT_COMPONENTS.copilot,
			action: AUDIT_ACTIONS.accessDenied,
			decision: 'deny',
			policy: POLICIES.careTeam,
			resource: { ...resource, patientId: base.patientId },
		})
		throw new CopilotError(COPILOT_ERRORS.forbidden, 'This patient is not on your care team.')
	}

	/** A PHI read of the copilot, allowed under `policy`, in the ledger before the data leaves. */
	const recordPhiRead = (
		data: PatientData,
		base: CopilotInput,
		policy: string,
		resource: { type: AuditEvent['resource']['type']; id: string },
		details?: AuditEvent['details'],
	) =>
		recordAccess(audit, log, {
			requestId: base.requestId,
			actor: data.actor,
			component: AUDIT_COMPONENTS.copilot,
			action: AUDIT_ACTIONS.phiRead,
			decision: 'allow',
			policy,
			resource: { ...resource, patientId: base.patientId },
			...(details ? { details } : {}),
		})

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
		const sources = new Map(refs.map((r) => [r.chunkId, r]))
		const cite = (ids: string[]) =>
			ids.flatMap((id) => (sources.has(id) ? [sources.get(id) as CitationRef] : []))
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
			const refs = new Map(found.cited.map((r) => [r.chunkId, r]))
			const a = found.answer
			const m = a.model
			return {
				id: a.id,
				kind: a.kind,
				question: a.question,
				documentId: a.documentId,
				status: a.status,
				notFound: a.notFoundInChart,
				sentences: a.sentences.map((s) => ({
					text: s.text,
					supported: s.supported,
					citations: s.chunkIds.flatMap((id) =>
						refs.has(id) ? [refs.get(id) as CitationRef] : [],
					),
				})),
				model: {
					endpoint: m.endpointId,
					provider: m.provider,
					model: m.model,
					version: m.version,
					label: m.label ?? `${m.provider} ${m.model}`,
					local: m.local ?? m.provider === 'local',
				} satisfies ModelIdentity,
				fallback: m.fallback ?? false,
				createdAt: a.createdAt.toISOString(),
				decision: found.decision
					? {
							decision: found.decision.decision,
							reasonCode: found.decision.reasonCode,
							finalText: found.decision.finalText,
							decidedAt: found.decision.decidedAt.toISOString(),
						}
					: null,
			}
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
		assertOnCareTeam,
	}
}

export type Copilot = ReturnType<typeof createCopilot>
