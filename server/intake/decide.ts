import { eq } from 'drizzle-orm'
import { faxes, FAX_STATUSES, REJECT_REASONS, type RejectReason } from '#db/schema/faxes.ts'
import { patients } from '#db/schema/patients.ts'
import { AUDIT_ACTIONS } from '../audit/sink.ts'
import type { Actor } from '../auth/scope.ts'
import type { IntakeDeps } from './deps.ts'
import { IntakeError, INTAKE_ERRORS } from './errors.ts'
import { fileFax, unfileFax, type FilingPlan } from './file.ts'
import { INTAKE_POLICIES, recordFaxEvent } from './record.ts'

/**
 * A person's decisions on a fax (the review screen, keyboard-first). Each is checked against the
 * fax's state, recorded in the ledger as a `fax.decision` (what was decided, by whom; never text
 * read from the fax), and carried out on the intake system path: filing goes through the
 * documents service like every chart document. The route has already checked the permission
 * (`upload:fax`).
 */

type DecisionContext = { actor: Actor; requestId: string }

async function faxState(deps: IntakeDeps, faxId: string) {
	const [fax] = await deps.db
		.select({
			status: faxes.status,
			proposedType: faxes.proposedType,
			candidates: faxes.candidates,
		})
		.from(faxes)
		.where(eq(faxes.id, faxId))
	if (!fax) throw new IntakeError(INTAKE_ERRORS.faxNotFound, 'There is no such fax.')
	return fax
}

const conflict = (message: string) => new IntakeError(INTAKE_ERRORS.stateConflict, message)

/**
 * Files a waiting fax as one or more chart documents: the proposed type or a corrected one, a
 * proposed patient or one found by search, the whole fax or page ranges (a split).
 */
export async function confirmFax(
	deps: IntakeDeps,
	faxId: string,
	plans: FilingPlan[],
	context: DecisionContext,
) {
	const fax = await faxState(deps, faxId)
	if (fax.status !== FAX_STATUSES.waitingReview)
		throw conflict('Only a fax waiting for review can be filed; reload to see where it is now.')
	const patientIds = [...new Set(plans.map((p) => p.patientId))]
	for (const id of patientIds) {
		const [found] = await deps.db
			.select({ id: patients.id })
			.from(patients)
			.where(eq(patients.id, id))
		if (!found)
			throw new IntakeError(INTAKE_ERRORS.decisionInvalid, 'The chosen patient does not exist.')
	}
	const proposedIds = new Set(fax.candidates.map((c) => c.patientId))
	for (const plan of plans)
		await recordFaxEvent(deps.audit, {
			requestId: context.requestId,
			action: AUDIT_ACTIONS.faxDecision,
			actor: context.actor,
			faxId,
			patientId: plan.patientId,
			policy: INTAKE_POLICIES.review,
			details: {
				decision: 'file',
				faxType: plan.type,
				typeCorrected: plan.type !== fax.proposedType,
				proposedType: fax.proposedType,
				patientFrom: proposedIds.has(plan.patientId) ? 'candidate' : 'search',
				firstPage: plan.firstPage,
				lastPage: plan.lastPage,
				split: plans.length > 1,
			},
		})
	return fileFax(deps, faxId, plans, { ...context, automatic: false })
}

/** Marks a fax junk or misdirected, with the reason (and a note for a misdirected one). */
export async function rejectFax(
	deps: IntakeDeps,
	faxId: string,
	input: { reason: RejectReason; note: string },
	context: DecisionContext,
) {
	const fax = await faxState(deps, faxId)
	if (fax.status !== FAX_STATUSES.waitingReview && fax.status !== FAX_STATUSES.failed)
		throw conflict('Only a fax waiting for review can be rejected; reload to see where it is now.')
	if (!Object.values(REJECT_REASONS).includes(input.reason))
		throw new IntakeError(INTAKE_ERRORS.decisionInvalid, 'Choose junk or misdirected.')
	const note = input.note.trim()
	if (input.reason === REJECT_REASONS.misdirected && note.length < 3)
		throw new IntakeError(
			INTAKE_ERRORS.decisionInvalid,
			'Say what happened to a misdirected fax (for example, “returned to sender”).',
		)
	if (note.length > 500)
		throw new IntakeError(INTAKE_ERRORS.decisionInvalid, 'The note is at most 500 characters.')
	await deps.db.transaction(async (tx) => {
		await tx
			.update(faxes)
			.set({
				status: FAX_STATUSES.rejected,
				rejectReason: input.reason,
				rejectNote: note || null,
				decidedBy: context.actor.userId,
				decidedAt: new Date(),
				updatedAt: new Date(),
			})
			.where(eq(faxes.id, faxId))
		await recordFaxEvent(deps.audit, {
			requestId: context.requestId,
			action: AUDIT_ACTIONS.faxDecision,
			actor: context.actor,
			faxId,
			policy: INTAKE_POLICIES.review,
			details: { decision: 'reject', reason: input.reason, proposedType: fax.proposedType },
		})
	})
}

/** Reads a failed fax again from its kept original (pages already read are kept). */
export async function retryFax(deps: IntakeDeps, faxId: string, context: DecisionContext) {
	const fax = await faxState(deps, faxId)
	if (fax.status !== FAX_STATUSES.failed) throw conflict('Only a fax that failed can be retried.')
	await deps.db.transaction(async (tx) => {
		await tx
			.update(faxes)
			.set({ status: FAX_STATUSES.received, errorCode: null, updatedAt: new Date() })
			.where(eq(faxes.id, faxId))
		await recordFaxEvent(deps.audit, {
			requestId: context.requestId,
			action: AUDIT_ACTIONS.faxDecision,
			actor: context.actor,
			faxId,
			policy: INTAKE_POLICIES.review,
			details: { decision: 'retry' },
		})
	})
	await deps.schedule(faxId)
}

/** Why a filed fax is taken back out of a chart. */
export const REFILE_REASONS = {
	wrongPatient: 'wrong_patient',
	wrongType: 'wrong_type',
	wrongSplit: 'wrong_split',
} as const
export type RefileReason = (typeof REFILE_REASONS)[keyof typeof REFILE_REASONS]

/**
 * Takes a filed fax out of the chart it went to (a wrong patient, type or split) and puts it back
 * in the review queue, where it is filed again like any waiting fax.
 */
export async function refileFax(
	deps: IntakeDeps,
	faxId: string,
	input: { reason: RefileReason },
	context: DecisionContext,
) {
	const fax = await faxState(deps, faxId)
	if (fax.status !== FAX_STATUSES.filed) throw conflict('Only a filed fax can be refiled.')
	if (!Object.values(REFILE_REASONS).includes(input.reason))
		throw new IntakeError(INTAKE_ERRORS.decisionInvalid, 'Choose why the fax is being refiled.')
	await recordFaxEvent(deps.audit, {
		requestId: context.requestId,
		action: AUDIT_ACTIONS.faxDecision,
		actor: context.actor,
		faxId,
		policy: INTAKE_POLICIES.review,
		details: { decision: 'refile', reason: input.reason },
	})
	return unfileFax(deps, faxId, context)
}
