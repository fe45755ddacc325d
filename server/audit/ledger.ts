import type { KeyObject } from 'node:crypto'
import type { Logger } from '../log.ts'
import { createAppendQueue, type LedgerReader } from './append.ts'
import type { SignedCheckpoint } from './checkpoint.ts'
import { createCheckpointing, startCheckpointTimer } from './checkpointing.ts'
import type { AuditEvent } from './events.ts'
import { exportMaterial, type ExportMaterial } from './export.ts'
import { readPayload, shredPatient, type LedgerKeys } from './keys.ts'
import { createLedgerTree, type LedgerBase, type LedgerContext } from './ledger-context.ts'
import type { LedgerStore } from './ledger-store.ts'
import { prove, proveConsistency, type InclusionProof } from './proofs.ts'
import { purge } from './retention.ts'
import {
	recordView,
	search,
	status,
	type LedgerRow,
	type LedgerSearch,
	type LedgerStatus,
} from './search.ts'
import type { AuditSink } from './sink.ts'
import { verifyAndRecord, type VerifyReport } from './verify.ts'

// The public interface stays here; each operation lives in its own module (ADR 027).
export type { LedgerReader } from './append.ts'
export type { ExportMaterial } from './export.ts'
export type { LedgerKeys } from './keys.ts'
export type { InclusionProof } from './proofs.ts'
export { RETENTION_YEARS } from './retention.ts'
export type { LedgerRow, LedgerSearch, LedgerStatus } from './search.ts'
export type { VerifyReport } from './verify.ts'

export type Ledger = AuditSink & {
	/** As `record`, returning the entry's sequence number. */
	append(event: AuditEvent): Promise<number>
	readonly keyId: string
	readonly publicKey: KeyObject
	status(): Promise<LedgerStatus>
	/** Records a look at the ledger that is not a query (the status panel of the admin page). */
	recordView(reader: LedgerReader, view: string): Promise<void>
	search(filter: LedgerSearch, reader: LedgerReader): Promise<LedgerRow[]>
	readPayload(seq: number, reader: LedgerReader): Promise<unknown>
	verify(reader: LedgerReader): Promise<VerifyReport>
	/** Signs the tree head now (see `createCheckpointing` for what it refuses). */
	checkpoint(options?: { coverStale?: boolean }): Promise<SignedCheckpoint | null>
	prove(seq: number, reader: LedgerReader): Promise<InclusionProof>
	proveConsistency(fromSize: number, toSize: number): Promise<string[]>
	shredPatient(patientId: string, reader: LedgerReader): Promise<void>
	purge(before: Date, reader: LedgerReader): Promise<{ count: number; throughSeq: number }>
	/** Everything needed to export a range (server/audit/export.ts). */
	exportMaterial(
		range: { from: Date | null; to: Date | null },
		reader: LedgerReader,
	): Promise<ExportMaterial>
	close(): Promise<void>
}

/** How often the job queue's scheduled ledger.checkpoint runs (its cron is every minute). */
const SCHEDULED_CHECKPOINT_SECONDS = 60

/**
 * The audit ledger: the durable AuditSink, its checkpoints, proofs, verification, crypto-shredding
 * and retention. Records are validated against the fixed vocabulary, their PHI encrypted under the
 * patient's key, and appended in batches: calls that arrive while a batch is being written go into
 * the next one, so concurrent requests share transactions while each caller still awaits its own
 * entry (fail closed: a caller learns of a failed write before it serves anything).
 *
 * This function only assembles: it builds the shared context (ledger-context.ts) and binds each
 * operation module to it.
 */
export function createLedger(options: {
	store: LedgerStore
	keys: LedgerKeys
	checkpointEvery: number
	checkpointSeconds: number
	log: Logger
	now?: () => Date
	/**
	 * Sign every checkpointSeconds from a timer in this process (default). Off where the job
	 * queue's scheduled ledger.checkpoint job does it instead (ADR 032).
	 */
	checkpointTimer?: boolean
}): Ledger {
	const { store, keys, log } = options
	const base: LedgerBase = {
		store,
		keys,
		log,
		now: options.now ?? (() => new Date()),
		checkpointEvery: options.checkpointEvery,
		// The scheduled ledger.checkpoint job runs once a minute: no shorter interval is kept then, so
		// the automatic signers never call an entry stale that the next run would cover.
		checkpointSeconds:
			options.checkpointTimer === false
				? Math.max(options.checkpointSeconds, SCHEDULED_CHECKPOINT_SECONDS)
				: options.checkpointSeconds,
		tree: createLedgerTree(store),
	}
	const checkpoints = createCheckpointing(base)
	const appends = createAppendQueue({ ...base, checkpoints })
	const ctx: LedgerContext = { ...base, checkpoints, appends }
	const timer = options.checkpointTimer === false ? null : startCheckpointTimer(ctx)

	return {
		keyId: keys.signing.keyId,
		publicKey: keys.signing.publicKey,

		async record(event) {
			await appends.record(event)
		},
		append: appends.record,

		status: () => status(ctx),
		recordView: (reader, view) => recordView(ctx, reader, view),
		search: (filter, reader) => search(ctx, filter, reader),
		readPayload: (seq, reader) => readPayload(ctx, seq, reader),
		verify: (reader) => verifyAndRecord(ctx, reader),
		checkpoint: checkpoints.sign,
		prove: (seq, reader) => prove(ctx, seq, reader),
		proveConsistency: (fromSize, toSize) => proveConsistency(ctx, fromSize, toSize),
		shredPatient: (patientId, reader) => shredPatient(ctx, patientId, reader),
		purge: (before, reader) => purge(ctx, before, reader),
		exportMaterial: (range, reader) => exportMaterial(ctx, range, reader),

		async close() {
			appends.refuseNew()
			if (timer) clearInterval(timer)
			await appends.drain()
			// Sign what was written, so no entry is left uncovered between runs.
			await checkpoints
				.sign()
				.catch((error: unknown) =>
					log.error('audit.checkpoint_failed', { code: (error as { code?: string }).code ?? null }),
				)
		},
	}
}
