import {
	AUDIT_COMPONENTS,
	type AuditEvent,
	type AuditSink,
	type SYSTEM_ACTOR,
} from '../audit/sink.ts'
import type { Actor } from '../auth/scope.ts'

/** Who acts on a fax: a signed-in intake clerk, or the system (the folder feed, the read job). */
export type IntakeActor = Actor | typeof SYSTEM_ACTOR

/**
 * One fax ledger event. Details are counts, codes, ids and labels, never text read from the fax;
 * the patient is named (`patientId`) once a fax is filed or a person picked them.
 */
export function recordFaxEvent(
	audit: AuditSink,
	event: {
		requestId: string
		action: AuditEvent['action']
		actor: IntakeActor
		faxId: string
		patientId?: string | null
		policy: string
		outcome?: AuditEvent['outcome']
		decision?: AuditEvent['decision']
		details?: AuditEvent['details']
	},
): Promise<void> {
	return audit.record({
		at: new Date().toISOString(),
		requestId: event.requestId,
		component: AUDIT_COMPONENTS.intake,
		action: event.action,
		actor: { userId: event.actor.userId, role: event.actor.role, sessionId: event.actor.sessionId },
		resource: {
			type: 'fax',
			id: event.faxId,
			...(event.patientId ? { patientId: event.patientId } : {}),
		},
		decision: event.decision ?? 'allow',
		policy: event.policy,
		outcome: event.outcome ?? 'success',
		...(event.details ? { details: event.details } : {}),
	})
}

/** The policies fax events are recorded under. */
export const INTAKE_POLICIES = {
	receive: 'intake.receive',
	read: 'intake.read',
	route: 'intake.route',
	review: 'intake.review',
} as const
