import { SYSTEM_ACTOR } from '../audit/events.ts'
import type { Ledger } from '../audit/ledger.ts'
import type { DocumentsDeps } from '../documents/store.ts'
import { reembed } from '../documents/reembed.ts'
import type { IntakeService } from '../intake/index.ts'
import { JOB_SPECS, type JobHandlers } from './kinds.ts'

/**
 * The work each kind of job does, over the services a worker process holds. Every handler is
 * idempotent: a checkpoint over a tree already covered returns the last one, a purge finds the
 * entries it blanked already blank, and a re-embed skips chunks the current embedder made.
 */
export function createJobHandlers(deps: {
	ledger: Ledger
	documents: DocumentsDeps
	intake: Pick<IntakeService, 'process'>
}): JobHandlers {
	return {
		async 'ledger.checkpoint'() {
			const signed = await deps.ledger.checkpoint()
			return { treeSize: signed?.treeSize ?? 0 }
		},

		// Each run is a ledger.purge event (server/audit/retention.ts), by the system, with its counts.
		async 'ledger.retention'(_payload, { jobId }) {
			return deps.ledger.purge(new Date(), { actor: SYSTEM_ACTOR, requestId: `job-${jobId}` })
		},

		async 'documents.reembed'() {
			const { chunks } = await reembed(deps.documents, { all: false })
			return { chunks }
		},

		// Resumes after the pages a killed attempt stored; the last attempt's failure marks the fax
		// failed (its code shown, its original kept) instead of leaving it in work forever.
		async 'intake.read'({ faxId }, { jobId, attempt, signal }) {
			const result = await deps.intake.process(faxId, {
				requestId: `job-${jobId}`,
				signal,
				lastAttempt: attempt >= JOB_SPECS['intake.read'].retryLimit,
			})
			return { ...result }
		},
	}
}
