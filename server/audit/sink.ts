import type { Role } from '#db/schema/users.ts'

/**
 * Where audit events go. The ledger (issue 4) implements this over its own store; until then the
 * in-memory sink below keeps recent events for the access-log screen and for tests. A sink that
 * cannot record must throw: callers fail closed (no audit record, no access).
 */
export const AUDIT_ACTIONS = {
	phiRead: 'phi.read',
	accessDenied: 'access.denied',
	breakGlass: 'access.break_glass',
	signIn: 'auth.sign_in',
	signInRefused: 'auth.sign_in_refused',
	signOut: 'auth.sign_out',
	sessionExpired: 'auth.session_expired',
	careTeamChange: 'care_team.change',
	/** Reading the access log (later: the ledger) is itself recorded. */
	ledgerRead: 'ledger.read',
} as const
export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS]

export type AccessEvent = {
	at: string
	requestId: string
	action: AuditAction
	actor: { userId: string | null; role: Role | null; sessionId: string | null }
	resource: {
		type: 'patient' | 'patient_list' | 'roster' | 'route' | 'session' | 'care_team' | 'access_log'
		id: string
		patientId?: string
	}
	decision: 'allow' | 'deny'
	policy: string
	/** Set when an allowed act could not be carried out after it was recorded (a compensating record). */
	outcome?: 'failed'
	/** Free text given by the user (a break-glass reason). PHI-adjacent: never logged. */
	reason?: string
}

export interface AuditSink {
	record(event: AccessEvent): Promise<void>
	/** Most recent first. */
	recent(limit: number): Promise<AccessEvent[]>
}

export class MemoryAuditSink implements AuditSink {
	private readonly events: AccessEvent[] = []
	constructor(private readonly capacity = 5_000) {}

	async record(event: AccessEvent): Promise<void> {
		this.events.push(structuredClone(event))
		if (this.events.length > this.capacity)
			this.events.splice(0, this.events.length - this.capacity)
	}

	async recent(limit: number): Promise<AccessEvent[]> {
		return this.events.slice(-limit).reverse()
	}
}
