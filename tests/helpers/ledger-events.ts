import type { AuditEvent } from '#server/audit/events.ts'

/** A valid, synthetic phi.read event (no real data): for ledger tests and benchmarks. */
export function syntheticEvent(i: number, writer = 'w0'): AuditEvent {
	return {
		at: new Date(Date.UTC(2026, 10, 22, 10, 0, 0, i % 1000)).toISOString(),
		requestId: `${writer}-req-${i}`,
		component: 'chart',
		action: 'phi.read',
		actor: {
			userId: '11111111-2222-4333-8444-555555555555',
			role: 'clinician',
			sessionId: `${writer}-session`,
		},
		resource: {
			type: 'patient',
			id: '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
			patientId: '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
		},
		decision: 'allow',
		policy: 'scope.care-team',
		outcome: 'success',
	}
}
