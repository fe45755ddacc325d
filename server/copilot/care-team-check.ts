import { and, eq, sql } from 'drizzle-orm'
import { patients } from '#db/schema/index.ts'
import type { AuditEvent } from '../audit/events.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type AuditSink } from '../audit/sink.ts'
import type { PatientData } from '../auth/patient-data.ts'
import { POLICIES } from '../auth/policy.ts'
import { recordAccess } from '../auth/record-access.ts'
import { careTeamFilterFor } from '../auth/scope.ts'
import type { Logger } from '../log.ts'
import { isUuid } from '../platform/ids.ts'
import { COPILOT_ERRORS, CopilotError } from './types.ts'

/** What every copilot use case names: the patient, the request, and how to cancel it. */
export type CopilotInput = { patientId: string; requestId: string; signal?: AbortSignal }

/**
 * The check every copilot use case (and decision) starts with, and the PHI-read record each makes
 * once the check has passed: both in the ledger, as the handle's actor.
 */
export function createCareTeamCheck({ audit, log }: { audit: AuditSink; log: Logger }) {
	/** The care-team check; a refusal is recorded, then thrown. Returns the allowing policy. */
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

	return { assertOnCareTeam, recordPhiRead }
}
