import type { AuditEvent, AuditSink } from '../audit/sink.ts'
import { AppError } from '../platform/errors.ts'
import type { Logger } from '../log.ts'

/**
 * The one way an access decision is recorded: allowed and denied alike, with the policy that
 * decided. The outcome defaults from the decision (a denial is `denied`, an allowed act
 * `success`); a compensating record after a failed act says `failed`. Fails closed: if the ledger
 * cannot record, this throws AUDIT_WRITE_FAILED and the caller must not serve the data.
 */
export async function recordAccess(
	sink: AuditSink,
	log: Logger,
	event: Omit<AuditEvent, 'at' | 'outcome'> & { outcome?: AuditEvent['outcome'] },
): Promise<void> {
	try {
		await sink.record({
			...event,
			outcome: event.outcome ?? (event.decision === 'deny' ? 'denied' : 'success'),
			at: new Date().toISOString(),
		})
	} catch (cause) {
		log.error('audit.write_failed', { requestId: event.requestId, action: event.action })
		throw new AppError('AUDIT_WRITE_FAILED', 'The access could not be recorded.', { cause })
	}
	log.info('access.decision', {
		requestId: event.requestId,
		action: event.action,
		decision: event.decision,
		policy: event.policy,
		userId: event.actor.userId,
	})
}
