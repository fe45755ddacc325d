import type { AuditEvent } from './events.ts'

export {
	AUDIT_ACTIONS,
	AUDIT_COMPONENTS,
	SYSTEM_ACTOR,
	type AuditAction,
	type AuditEvent,
} from './events.ts'

/**
 * Where audit events go: the ledger (server/audit/ledger.ts) in every running process. A sink that
 * cannot record must throw; callers fail closed (no audit record, no access, no answer).
 */
export interface AuditSink {
	record(event: AuditEvent): Promise<void>
}
