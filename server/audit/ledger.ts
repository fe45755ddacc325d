import type { KeyObject } from 'node:crypto'
import { AppError } from '../platform/errors.ts'
import type { Logger } from '../log.ts'
import { canonicalJson } from './canonical-json.ts'
import { GENESIS } from './chain.ts'
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.ts'
import {
	AUDIT_ACTIONS,
	AUDIT_COMPONENTS,
	auditEventSchema,
	payloadContext,
	type AuditComponent,
	type AuditEvent,
	type LedgerEntry,
	type StoredPayload,
} from './events.ts'
import type { LedgerStore, LedgerTx, StoredRow } from './ledger-store.ts'
import { MerkleLog, type Hash } from './merkle.ts'
import {
	decryptPayload,
	encryptPayload,
	newDataKey,
	unwrapDataKey,
	wrapDataKey,
	type EncryptedPayload,
} from './payload-crypto.ts'
import type { AuditSink } from './sink.ts'
import { verifyLedger, type VerifyReport } from './verify.ts'

export type { VerifyReport } from './verify.ts'

/** Retention: no entry younger than this may be purged. */
export const RETENTION_YEARS = 6
const MAX_BATCH = 500
const PAGE = 10_000
const SEARCH_LIMIT_MAX = 500

export type LedgerKeys = {
	signing: { privateKey: KeyObject; publicKey: KeyObject; keyId: string }
	/** 32 bytes; wraps the per-patient data keys. */
	master: Buffer
}

/** Who is reading the ledger: every read is itself recorded under this identity. */
export type LedgerReader = {
	actor: AuditEvent['actor']
	requestId: string
	component?: AuditComponent
	/** The rule that allowed the read (default: the role permission read:ledger). */
	policy?: string
}

export type LedgerStatus = {
	entries: number
	keyId: string
	lastCheckpoint: { treeSize: number; issuedAt: string } | null
	lastVerification: {
		at: string
		ok: boolean
		entries: number
		firstBadSeq: number | null
		reason: string | null
	} | null
}

export type LedgerRow = {
	seq: number
	recordedAt: string
	/** null once purged after the retention period. */
	entry: Omit<LedgerEntry, 'payload'> | null
	payload: 'none' | 'encrypted' | 'withheld'
}

export type LedgerSearch = {
	patientId?: string
	userId?: string
	action?: string
	from?: Date
	to?: Date
	limit?: number
}

export type InclusionProof = {
	seq: number
	leafHash: string
	treeSize: number
	proof: string[]
	checkpoint: SignedCheckpoint
}

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
	/** Signs the tree head now (see `checkpoint` below for what it refuses). */
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

export type ExportMaterial = {
	checkpoint: SignedCheckpoint
	checkpoints: SignedCheckpoint[]
	consistency: Array<{ from: number; to: number; proof: string[] }>
	previousChainHash: string
	entries: Array<StoredRow & { inclusionProof: string[] }>
}

/**
 * The audit ledger: the durable AuditSink, its checkpoints, proofs, verification, crypto-shredding
 * and retention. Records are validated against the fixed vocabulary, their PHI encrypted under the
 * patient's key, and appended in batches: calls that arrive while a batch is being written go into
 * the next one, so concurrent requests share transactions while each caller still awaits its own
 * entry (fail closed: a caller learns of a failed write before it serves anything).
 */
export function createLedger(options: {
	store: LedgerStore
	keys: LedgerKeys
	checkpointEvery: number
	checkpointSeconds: number
	log: Logger
	now?: () => Date
}): Ledger {
	const { store, keys, log } = options
	const now = options.now ?? (() => new Date())
	const merkle = new MerkleLog()
	let headChainHash = GENESIS.toString('hex')
	let lastCheckpointSize: number | null = null
	let closed = false

	// One at a time: syncing the in-memory Merkle log and signing checkpoints.
	let exclusive: Promise<unknown> = Promise.resolve()
	const serially = <T>(work: () => Promise<T>): Promise<T> => {
		const run = exclusive.then(work, work)
		exclusive = run.catch(() => undefined)
		return run
	}

	/** Brings the in-memory Merkle log up to the database (other processes append too). */
	const sync = async () => {
		for (const row of await store.leavesAfter(merkle.size)) {
			if (row.seq !== merkle.size + 1)
				throw new AppError('AUDIT_LEDGER_CORRUPT', 'The ledger has a gap in its sequence.')
			merkle.append(Buffer.from(row.leafHash, 'hex') as Hash)
			headChainHash = row.chainHash
		}
	}

	/**
	 * Signs the current tree head, after checking it: the tree must extend the last stored
	 * checkpoint (nothing beneath it rewritten), and the automatic signers (the interval, every N
	 * entries, close, prove and export) never cover an entry that has waited more than twice the
	 * checkpoint interval. Such entries mean checkpoints were removed or a process died before
	 * signing; verify reports them (checkpoint_missing), and only an operator's explicit
	 * `npm run audit -- checkpoint` (coverStale) may then sign over them.
	 */
	const checkpoint = (options: { coverStale?: boolean } = {}) =>
		serially(async () => {
			await sync()
			const size = merkle.size
			const previous = (await store.checkpoints()).at(-1) ?? null
			if (size === 0 || size <= (previous?.treeSize ?? 0)) {
				lastCheckpointSize = previous?.treeSize ?? 0
				return previous
			}
			if (previous && merkle.root(previous.treeSize).toString('hex') !== previous.rootHash)
				throw new AppError(
					'AUDIT_CHECKPOINT_REFUSED',
					'The ledger no longer extends its last signed checkpoint; run verify.',
				)
			if (!options.coverStale) {
				const first = await store.entry((previous?.treeSize ?? 0) + 1)
				if (first && new Date(first.recordedAt).getTime() < staleBefore())
					throw new AppError(
						'AUDIT_CHECKPOINT_REFUSED',
						`Entries from ${first.seq} on have waited too long for a signed checkpoint; run verify, then sign one with npm run audit -- checkpoint.`,
					)
			}
			const signed = signCheckpoint(
				{
					treeSize: size,
					rootHash: merkle.root(size).toString('hex'),
					chainHash: headChainHash,
					issuedAt: now().toISOString(),
					keyId: keys.signing.keyId,
				},
				keys.signing.privateKey,
			)
			await store.saveCheckpoint(signed)
			lastCheckpointSize = size
			return signed
		})

	/** Entries recorded before this have waited far longer than any checkpoint should take. */
	const staleBefore = () => now().getTime() - (2 * options.checkpointSeconds + 60) * 1000

	// After a refusal the automatic signers pause for one interval instead of retrying every batch.
	let pausedUntil = 0
	const checkpointQuietly = () => {
		if (now().getTime() < pausedUntil) return
		checkpoint().catch((error: unknown) => {
			pausedUntil = now().getTime() + options.checkpointSeconds * 1000
			log.error('audit.checkpoint_failed', { code: (error as { code?: string }).code ?? null })
		})
	}

	// ---- appends ---------------------------------------------------------------------------

	/** Turns events into entries inside the append transaction: PHI sealed under patient keys. */
	async function seal(tx: LedgerTx, events: readonly AuditEvent[]): Promise<LedgerEntry[]> {
		const patients = [
			...new Set(events.flatMap((e) => (e.sensitive ? [e.sensitive.patientId] : []))),
		]
		let rows = await tx.keys(patients)
		const missing = patients.filter((p) => !rows.some((r) => r.patientId === p))
		if (missing.length > 0) {
			await tx.addKeys(
				missing.map((patientId) => ({
					patientId,
					wrappedKey: wrapDataKey(newDataKey(), keys.master, patientId),
				})),
			)
			rows = await tx.keys(patients)
		}
		const dataKeys = new Map<string, Buffer | null>(
			rows.map((r) => [
				r.patientId,
				r.wrappedKey ? unwrapDataKey(r.wrappedKey, keys.master, r.patientId) : null,
			]),
		)
		return events.map(({ sensitive, ...event }) => {
			const entry: LedgerEntry = { v: 1, ...event }
			if (sensitive) {
				const key = dataKeys.get(sensitive.patientId) ?? null
				const payload: StoredPayload = key
					? {
							patientId: sensitive.patientId,
							...encryptPayload(sensitive.value, key, payloadContext(event)),
						}
					: { patientId: sensitive.patientId, withheld: 'patient_key_destroyed' }
				entry.payload = payload
			}
			return entry
		})
	}

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
					seal(
						tx,
						batch.map((p) => p.event),
					),
				)
				batch.forEach((p, i) => p.resolve(firstSeq + i))
				if (lastSeq - (lastCheckpointSize ?? 0) >= options.checkpointEvery) checkpointQuietly()
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

	/** Records a read of the ledger (or, overridden, its verification); no record, no read. */
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

	const timer = setInterval(() => {
		if (merkle.size > (lastCheckpointSize ?? 0) || queue.length > 0) checkpointQuietly()
		else
			void store.size().then(
				(size) => size > (lastCheckpointSize ?? 0) && checkpointQuietly(),
				() => undefined,
			)
	}, options.checkpointSeconds * 1000)
	timer.unref()

	// ---- the ledger ------------------------------------------------------------------------

	const toRow = (row: StoredRow): LedgerRow => {
		if (row.entry === null)
			return { seq: row.seq, recordedAt: row.recordedAt, entry: null, payload: 'none' }
		const { payload, ...entry } = row.entry as LedgerEntry
		return {
			seq: row.seq,
			recordedAt: row.recordedAt,
			entry,
			payload: !payload ? 'none' : 'withheld' in payload ? 'withheld' : 'encrypted',
		}
	}

	const ledger: Ledger = {
		keyId: keys.signing.keyId,
		publicKey: keys.signing.publicKey,

		async record(event) {
			await record(event)
		},

		append: record,

		async status() {
			const [entries, checkpoints, verification] = await Promise.all([
				store.size(),
				store.checkpoints(),
				store.lastWithAction(AUDIT_ACTIONS.ledgerVerify),
			])
			const last = checkpoints.at(-1)
			const details = (verification?.entry as LedgerEntry | null)?.details
			return {
				entries,
				keyId: keys.signing.keyId,
				lastCheckpoint: last ? { treeSize: last.treeSize, issuedAt: last.issuedAt } : null,
				lastVerification:
					verification && details
						? {
								at: verification.recordedAt,
								ok: details.ok === true,
								entries: typeof details.entries === 'number' ? details.entries : 0,
								firstBadSeq: typeof details.firstBadSeq === 'number' ? details.firstBadSeq : null,
								reason: typeof details.reason === 'string' ? details.reason : null,
							}
						: null,
			}
		},

		async recordView(reader, view) {
			await recordRead(reader, { details: { operation: 'view', view } })
		},

		async search(filter, reader) {
			const limit = Math.min(Math.max(filter.limit ?? 200, 1), SEARCH_LIMIT_MAX)
			await recordRead(reader, {
				resource: {
					type: 'ledger',
					id: 'search',
					...(filter.patientId ? { patientId: filter.patientId } : {}),
				},
				details: {
					operation: 'search',
					patientId: filter.patientId ?? null,
					userId: filter.userId ?? null,
					action: filter.action ?? null,
					from: filter.from?.toISOString() ?? null,
					to: filter.to?.toISOString() ?? null,
				},
			})
			return (await store.search({ ...filter, limit })).map(toRow)
		},

		async readPayload(seq, reader) {
			const row = await store.entry(seq)
			const payload = (row?.entry as LedgerEntry | null)?.payload
			if (!row || !payload)
				throw new AppError('AUDIT_ENTRY_NOT_FOUND', 'That entry has no payload.')
			await recordRead(reader, {
				resource: { type: 'patient', id: payload.patientId, patientId: payload.patientId },
				details: { operation: 'read_payload', seq },
			})
			const context = payloadContext(row.entry as LedgerEntry)
			if ('withheld' in payload) return decryptPayload({} as EncryptedPayload, null, context)
			const key = await store.patientKey(payload.patientId)
			const dataKey = key?.wrappedKey
				? unwrapDataKey(key.wrappedKey, keys.master, payload.patientId)
				: null
			return decryptPayload(payload, dataKey, context)
		},

		async verify(reader) {
			const report: VerifyReport = {
				...(await verifyLedger({ store, signing: keys.signing, staleBefore: staleBefore() })),
				verifiedAt: now().toISOString(),
			}
			await recordRead(reader, {
				at: report.verifiedAt,
				action: AUDIT_ACTIONS.ledgerVerify,
				outcome: report.ok ? 'success' : 'failed',
				details: {
					ok: report.ok,
					entries: report.entries,
					purged: report.purged,
					checkpoints: report.checkpoints,
					firstBadSeq: report.firstBadSeq,
					badCheckpoint: report.badCheckpoint,
					reason: report.reason,
				},
			})
			return report
		},

		checkpoint,

		async prove(seq, reader) {
			await recordRead(reader, { details: { operation: 'prove', seq } })
			let cp = (await store.checkpoints()).find((c) => c.treeSize >= seq) ?? null
			cp ??= await checkpoint()
			if (!Number.isSafeInteger(seq) || seq < 1 || !cp || seq > cp.treeSize)
				throw new AppError('AUDIT_ENTRY_NOT_FOUND', `There is no entry ${seq}.`)
			const proof = await serially(async () => {
				await sync()
				return merkle.inclusionProof(seq - 1, cp.treeSize)
			})
			return {
				seq,
				leafHash: merkle.leaf(seq - 1).toString('hex'),
				treeSize: cp.treeSize,
				proof: proof.map((h) => h.toString('hex')),
				checkpoint: cp,
			}
		},

		async proveConsistency(fromSize, toSize) {
			return serially(async () => {
				await sync()
				return merkle.consistencyProof(fromSize, toSize).map((h) => h.toString('hex'))
			})
		},

		async shredPatient(patientId, reader) {
			await store.append(async (tx) => {
				await tx.shred(patientId)
				return [
					{
						v: 1,
						at: now().toISOString(),
						requestId: reader.requestId,
						component: AUDIT_COMPONENTS.retention,
						action: AUDIT_ACTIONS.ledgerShred,
						actor: reader.actor,
						resource: { type: 'patient', id: patientId, patientId },
						decision: 'allow',
						policy: 'retention.patient_deletion',
						outcome: 'success',
					} satisfies LedgerEntry,
				]
			})
		},

		async purge(before, reader) {
			const limit = new Date(now())
			limit.setUTCFullYear(limit.getUTCFullYear() - RETENTION_YEARS)
			const cutoff = before < limit ? before : limit
			let result = { count: 0, throughSeq: 0 }
			await store.append(async (tx) => {
				result = await tx.purge(cutoff)
				return [
					{
						v: 1,
						at: now().toISOString(),
						requestId: reader.requestId,
						component: AUDIT_COMPONENTS.retention,
						action: AUDIT_ACTIONS.ledgerPurge,
						actor: reader.actor,
						resource: { type: 'ledger', id: 'entries' },
						decision: 'allow',
						policy: `retention.${RETENTION_YEARS}_years`,
						outcome: 'success',
						details: { ...result, cutoff: cutoff.toISOString() },
					} satisfies LedgerEntry,
				]
			})
			await checkpoint({ coverStale: true })
			return result
		},

		async exportMaterial(range, reader) {
			await recordRead(reader, {
				details: {
					operation: 'export',
					from: range.from?.toISOString() ?? null,
					to: range.to?.toISOString() ?? null,
				},
			})
			const seqs = await store.seqRange(range.from, range.to)
			const cp = await checkpoint()
			if (!cp) throw new AppError('AUDIT_LEDGER_EMPTY', 'The ledger is empty.')
			const checkpoints = (await store.checkpoints()).filter((c) => c.treeSize <= cp.treeSize)
			const consistency: ExportMaterial['consistency'] = []
			for (let i = 1; i < checkpoints.length; i++) {
				const from = (checkpoints[i - 1] as SignedCheckpoint).treeSize
				const to = (checkpoints[i] as SignedCheckpoint).treeSize
				consistency.push({ from, to, proof: await ledger.proveConsistency(from, to) })
			}
			const entries: ExportMaterial['entries'] = []
			let previousChainHash = GENESIS.toString('hex')
			if (seqs) {
				if (seqs.first > 1) previousChainHash = (await store.entry(seqs.first - 1))?.chainHash ?? ''
				const last = Math.min(seqs.last, cp.treeSize)
				for (let after = seqs.first - 1; after < last;) {
					const page = await store.page(after, PAGE, last)
					if (page.length === 0) break
					for (const row of page) {
						if (row.entry === null)
							throw new AppError(
								'AUDIT_EXPORT_PURGED',
								'That range includes entries purged after the retention period; export a later range.',
							)
						entries.push({
							...row,
							inclusionProof: merkle
								.inclusionProof(row.seq - 1, cp.treeSize)
								.map((h) => h.toString('hex')),
						})
					}
					after = (page.at(-1) as StoredRow).seq
				}
			}
			return {
				checkpoint: cp,
				checkpoints: checkpoints.filter((c) => c !== cp && c.treeSize !== cp.treeSize),
				consistency,
				previousChainHash,
				entries,
			}
		},

		async close() {
			closed = true
			clearInterval(timer)
			while (flushing) await flushing
			// Sign what was written, so no entry is left uncovered between runs.
			await checkpoint().catch((error: unknown) =>
				log.error('audit.checkpoint_failed', { code: (error as { code?: string }).code ?? null }),
			)
		},
	}
	return ledger
}
