import { and, eq } from 'drizzle-orm'
import {
	answers,
	decisions,
	OVERRIDE_REASONS,
	type Decision,
	type OverrideReason,
} from '#db/schema/index.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS } from '../audit/sink.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { PatientData } from '../auth/patient-data.ts'
import { fingerprint } from '../platform/hashing.ts'
import { createCareTeamCheck } from './care-team-check.ts'
import type { CopilotDeps } from './copilot.ts'
import { COPILOT_ERRORS, CopilotError } from './types.ts'

/**
 * The clinician's decision, the system of record: accept (the draft becomes the clinician's
 * text), edit (the clinician's own text is stored), or override with a reason from the fixed list
 * and optional free text (kept for review, never shown as accepted). One decision per answer, by
 * the clinician who asked (row-level security holds that too). The decision and the answer's
 * new status are written in one transaction with the ledger event recorded before the commit;
 * free text goes into the event's encrypted part. The clinician is the request's PatientData's.
 */
export type DecisionInput = {
	requestId: string
	patientId: string
	answerId: string
	decision: Decision
	/** The clinician's text, for an edit. */
	editedText?: string
	reasonCode?: string
	reasonText?: string
}

const MAX_TEXT = 10_000
const REASONS = Object.values(OVERRIDE_REASONS) as string[]

export function createDecisions(deps: Pick<CopilotDeps, 'audit' | 'log'>) {
	const { assertOnCareTeam } = createCareTeamCheck(deps)
	return async function decide(
		data: PatientData,
		input: DecisionInput,
	): Promise<{ status: string }> {
		const { actor } = data
		const policy = await assertOnCareTeam(data, input, { type: 'answer', id: input.answerId })
		const edited = input.editedText?.trim() ?? ''
		const reasonText = input.reasonText?.trim() ?? ''
		if (input.decision === 'edit' && (edited.length === 0 || edited.length > MAX_TEXT))
			throw new CopilotError(
				COPILOT_ERRORS.decisionInvalid,
				'An edit needs your text (up to 10,000 characters).',
			)
		if (input.decision === 'override' && !REASONS.includes(input.reasonCode ?? ''))
			throw new CopilotError(
				COPILOT_ERRORS.decisionInvalid,
				'An override needs a reason from the list.',
			)
		if (reasonText.length > 2_000)
			throw new CopilotError(COPILOT_ERRORS.decisionInvalid, 'The note is over 2,000 characters.')

		return data.write(async (tx) => {
			const [answer] = await tx
				.select({
					id: answers.id,
					status: answers.status,
					userId: answers.userId,
					sentences: answers.sentences,
					notFound: answers.notFoundInChart,
				})
				.from(answers)
				.where(and(eq(answers.id, input.answerId), eq(answers.patientId, input.patientId)))
			if (!answer) throw new CopilotError(COPILOT_ERRORS.notFound, 'There is no such answer.')
			if (answer.userId !== actor.userId)
				throw new CopilotError(
					COPILOT_ERRORS.forbidden,
					'Only the clinician who asked decides on this draft.',
				)
			if (answer.status !== 'draft')
				throw new CopilotError(
					COPILOT_ERRORS.alreadyDecided,
					'This answer has already been decided.',
				)
			const draft = answer.notFound
				? 'Not found in the chart.'
				: answer.sentences.map((s) => s.text).join(' ')
			const finalText =
				input.decision === 'accept' ? draft : input.decision === 'edit' ? edited : null
			const reasonCode = input.decision === 'override' ? (input.reasonCode as OverrideReason) : null
			await tx.insert(decisions).values({
				answerId: answer.id,
				patientId: input.patientId,
				userId: actor.userId,
				decision: input.decision,
				reasonCode,
				reasonText: reasonText || null,
				finalText,
			})
			const status = { accept: 'accepted', edit: 'edited', override: 'overridden' }[
				input.decision
			] as 'accepted' | 'edited' | 'overridden'
			await tx.update(answers).set({ status }).where(eq(answers.id, answer.id))
			const sensitive = {
				...(input.decision === 'edit' ? { editedText: edited } : {}),
				...(reasonText ? { reasonText } : {}),
			}
			await recordAccess(deps.audit, deps.log, {
				requestId: input.requestId,
				actor,
				component: AUDIT_COMPONENTS.copilot,
				action: AUDIT_ACTIONS.answerDecision,
				decision: 'allow',
				policy,
				resource: { type: 'answer', id: answer.id, patientId: input.patientId },
				details: {
					outputFingerprint: fingerprint(draft),
					citations: [...new Set(answer.sentences.flatMap((s) => s.chunkIds))]
						.join(',')
						.slice(0, 500),
				},
				clinicianDecision: {
					decision: input.decision,
					reasonCode,
					editedTextFingerprint: input.decision === 'edit' ? fingerprint(edited) : null,
				},
				...(Object.keys(sensitive).length
					? { sensitive: { patientId: input.patientId, value: sensitive } }
					: {}),
			})
			return { status }
		})
	}
}
