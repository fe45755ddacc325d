import { SYSTEM_ACTOR } from '../audit/events.ts'
import type { Ledger } from '../audit/ledger.ts'
import type { DocumentsDeps } from '../documents/store.ts'
import { reembed } from '../documents/reembed.ts'
import type { JobHandlers } from './kinds.ts'

/**
 * The work each kind of job does, over the services a worker process holds. Every handler is
 * idempotent: a checkpoint over a tree already covered returns the last one, a purge finds the
 * entries it blanked already blank, and a re-embed skips chunks the current embedder made.
 */
export function createJobHandlers(deps: { ledger: Ledger; documents: DocumentsDeps }): JobHandlers {
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
	}
}
