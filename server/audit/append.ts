import { AppError } from '../platform/errors.ts'
import { canonicalJson } from './canonical-json.ts'
import {
	AUDIT_ACTIONS,
	AUDIT_COMPONENTS,
	auditEventSchema,
	type AuditComponent,
	type AuditEvent,
} from './events.ts'
import { sealEntries } from './keys.ts'
import type { LedgerContext } from './ledger-context.ts'

const MAX_BATCH = 500

/** Who is reading the ledger: every read is itself recorded under this identity. */
export type LedgerReader = {
	actor: AuditEvent['actor']
	requestId: string
	component?: AuditComponent
	/** The rule that allowed the read (default: the role permission read:ledger). */
	policy?: string
}

export type AppendQueue = {
	/** Validates, queues and resolves with the entry's sequence number once its batch is stored. */
	record(event: AuditEvent): Promise<number>
	/** Records a read of the ledger (or, overridden, its verification); no record, no read. */
	recordRead(reader: LedgerReader, what: Omit<Partial<AuditEvent>, 'actor'>): Promise<number>
	/** Events queued and not yet being written. */
	readonly pending: number
	/** Refuses every later record (the ledger is closing). */
	refuseNew(): void
	/** Resolves once every batch queued so far is written. */
	drain(): Promise<void>
}

/**
 * Appends in batches: calls that arrive while a batch is being written go into the next one, so
 * concurrent requests share transactions while each caller still awaits its own entry (fail
 * closed: a caller learns of a failed write before it serves anything). The batch's PHI is sealed
 * under the patients' keys inside the append transaction (keys.ts).
 */
export function createAppendQueue(ctx: Omit<LedgerContext, 'appends'>): AppendQueue {
	const { store, keys, log, now, checkpoints } = ctx
	let closed = false

	type Pending = { event: AuditEvent; resolve(seq: number): void; reject(error: unknown): void }
	let queue: Pending[] = []
	let flushing: Promise<void> | null = null

	const schedule = () => {
		if (flushing) return
		flushing = flush().finally(() => {
			flushing = null
			if (queue.length > 0) schedule()
		})
	}

	async function flush() {
		while (queue.length > 0) {
			// Let the callers just answered (and any others ready to record) queue up first: one
			// macrotask turn, so concurrent requests share a transaction instead of alternating.
			await new Promise<void>((resolve) => setImmediate(resolve))
			const batch = queue.slice(0, MAX_BATCH)
			queue = queue.slice(batch.length)
			try {
				const { firstSeq, lastSeq } = await store.append((tx) =>
					sealEntries(
						tx,
						batch.map((p) => p.event),
						keys.master,
					),
				)
				batch.forEach((p, i) => p.resolve(firstSeq + i))
				if (lastSeq - (checkpoints.lastSize ?? 0) >= ctx.checkpointEvery) checkpoints.signQuietly()
			} catch (cause) {
				log.error('audit.append_failed', { entries: batch.length })
				const error = new AppError('AUDIT_WRITE_FAILED', 'The ledger could not record.', { cause })
				for (const p of batch) p.reject(error)
			}
		}
	}

	function record(event: AuditEvent): Promise<number> {
		if (closed) return Promise.reject(new AppError('AUDIT_WRITE_FAILED', 'The ledger is closed.'))
		const parsed = auditEventSchema.safeParse(event)
		if (!parsed.success) {
			const fields = parsed.error.issues.map((i) => i.path.join('.') || '(event)').join(', ')
			return Promise.reject(
				new AppError(
					'AUDIT_EVENT_INVALID',
					`An audit event does not fit the vocabulary: ${fields}.`,
				),
			)
		}
		try {
			canonicalJson(parsed.data)
		} catch (cause) {
			return Promise.reject(
				new AppError('AUDIT_EVENT_INVALID', 'An audit event cannot be canonicalized.', { cause }),
			)
		}
		return new Promise<number>((resolve, reject) => {
			queue.push({ event: parsed.data, resolve, reject })
			schedule()
		})
	}

	const recordRead = (reader: LedgerReader, what: Omit<Partial<AuditEvent>, 'actor'>) =>
		record({
			at: now().toISOString(),
			requestId: reader.requestId,
			component: reader.component ?? AUDIT_COMPONENTS.audit,
			action: AUDIT_ACTIONS.ledgerRead,
			actor: reader.actor,
			resource: { type: 'ledger', id: 'entries' },
			decision: 'allow',
			policy: reader.policy ?? 'rbac.ledger-read',
			outcome: 'success',
			...what,
		})

	return {
		record,
		recordRead,
		get pending() {
			return queue.length
		},
		refuseNew() {
			closed = true
		},
		async drain() {
			while (flushing) await flushing
		},
	}
}
