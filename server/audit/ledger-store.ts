import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { ledgerCheckpoints, ledgerEntries, ledgerPatientKeys } from '#db/ledger/schema.ts'
import { buildChain, GENESIS, type StoredEntry } from './chain.ts'
import type { SignedCheckpoint } from './checkpoint.ts'
import {
	LEDGER_APP_ROLE,
	ledgerTx,
	type LedgerTx,
	type PatientKeyRow,
	type Tx,
} from './ledger-store-tx.ts'
import type { WrappedKey } from './payload-crypto.ts'

export { LEDGER_APP_ROLE, LEDGER_RETENTION_ROLE } from './ledger-store-tx.ts'
export type { LedgerTx, PatientKeyRow } from './ledger-store-tx.ts'

/** Any 64-bit number, the same in every process: the advisory lock that serializes appends. */
const APPEND_LOCK = 0x43534c4544474552n // "CSLEDGER"

export type StoredRow = StoredEntry & { recordedAt: string }

export type LedgerQuery = {
	patientId?: string
	userId?: string
	action?: string
	from?: Date
	to?: Date
	limit: number
}

/**
 * The ledger's SQL, over its own database. Every statement runs inside a transaction as the
 * INSERT/SELECT-only application role (or the retention role for a purge), so the privileges the
 * migrations grant are the ones the code actually has. Appends take a transaction-scoped advisory
 * lock in the database itself: several app instances writing to one ledger still produce one
 * chain, and a batch of entries goes in one transaction.
 */
export function createLedgerStore(db: Database) {
	const as = <T>(role: string, work: (tx: Tx) => Promise<T>): Promise<T> =>
		db.transaction(async (tx) => {
			await tx.execute(sql.raw(`set local role ${role}`))
			return work(tx)
		})
	const asApp = <T>(work: (tx: Tx) => Promise<T>) => as(LEDGER_APP_ROLE, work)

	// Every column but the generated jsonb copy, which only the search's WHERE reads.
	const COLUMNS = {
		seq: ledgerEntries.seq,
		recordedAt: ledgerEntries.recordedAt,
		entry: ledgerEntries.entry,
		leafHash: ledgerEntries.leafHash,
		chainHash: ledgerEntries.chainHash,
	}
	const toStored = (r: {
		seq: number
		recordedAt: Date
		entry: string | null
		leafHash: string
		chainHash: string
	}): StoredRow => ({
		seq: r.seq,
		recordedAt: r.recordedAt.toISOString(),
		entry: r.entry === null ? null : parseStored(r.entry),
		text: r.entry,
		leafHash: r.leafHash,
		chainHash: r.chainHash,
	})

	return {
		/**
		 * Appends in one transaction, in order. `prepare` runs under the lock and may read or create
		 * patient keys through `keys`; it returns the entries to hash and store.
		 */
		async append(
			prepare: (tx: LedgerTx) => Promise<readonly object[]>,
		): Promise<{ firstSeq: number; lastSeq: number; chainHash: string; stored: StoredEntry[] }> {
			return db.transaction(async (tx) => {
				// One round trip: become the application role (set_config('role', …, true) is SET LOCAL
				// ROLE) and take the append lock, held until commit.
				await tx.execute(
					sql`select set_config('role', ${LEDGER_APP_ROLE}, true), pg_advisory_xact_lock(${APPEND_LOCK.toString()}::bigint)`,
				)
				const prepared = await prepare(ledgerTx(tx))
				if (prepared.length === 0) throw new RangeError('nothing to append')
				// Under the lock, in one round trip: the database's clock (recorded times rise with the
				// sequence, and each is hashed into its entry; verify checks the column against it) and
				// the head of the chain.
				const result = await tx.execute(
					sql`select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as now, h.seq, h.chain_hash
						from (select 1) as one
						left join lateral (select seq, chain_hash from ledger_entries order by seq desc limit 1) as h on true`,
				)
				const row = (
					result as unknown as {
						rows: Array<{ now: unknown; seq: unknown; chain_hash: unknown }>
					}
				).rows[0]
				const recordedAt = new Date(String(row?.now))
				const entries = prepared.map((e) => ({ ...e, recordedAt: recordedAt.toISOString() }))
				const head =
					row && row.seq !== null && row.seq !== undefined
						? { seq: Number(row.seq), chainHash: String(row.chain_hash) }
						: null
				const built = buildChain(entries, {
					seq: (head?.seq ?? 0) + 1,
					head: head ? Buffer.from(head.chainHash, 'hex') : GENESIS,
				})
				await tx.insert(ledgerEntries).values(
					built.map((b) => ({
						seq: b.seq,
						recordedAt,
						entry: b.text as string,
						leafHash: b.leafHash,
						chainHash: b.chainHash,
					})),
				)
				const last = built[built.length - 1] as StoredEntry
				return {
					firstSeq: (built[0] as StoredEntry).seq,
					lastSeq: last.seq,
					chainHash: last.chainHash,
					stored: built,
				}
			})
		},

		/** Entries with afterSeq < seq ≤ upTo, ascending, at most `limit`. */
		async page(afterSeq: number, limit: number, upTo?: number): Promise<StoredRow[]> {
			const rows = await asApp((tx) =>
				tx
					.select(COLUMNS)
					.from(ledgerEntries)
					.where(
						and(
							gt(ledgerEntries.seq, afterSeq),
							upTo === undefined ? undefined : lte(ledgerEntries.seq, upTo),
						),
					)
					.orderBy(asc(ledgerEntries.seq))
					.limit(limit),
			)
			return rows.map(toStored)
		},

		/**
		 * A page for verification, ascending: the stored text (not parsed: verify hashes it as it is),
		 * hashes and time. One aggregated value per page rather than a row per entry: at verification's
		 * volume the per-row cost of the driver, not the database, is what counts. Canonical JSON never
		 * holds a raw tab or newline, so those separate the fields; a page whose stored text does hold
		 * one (only a tampered one can) is read again row by row.
		 */
		async verifyPage(afterSeq: number, limit: number): Promise<StoredRow[]> {
			const result = await asApp((tx) =>
				tx.execute(
					sql`select count(*)::int as n, string_agg(seq || E'\t' || (extract(epoch from recorded_at) * 1000)::bigint || E'\t' || leaf_hash || E'\t' || chain_hash || E'\t' || coalesce('=' || entry, '-'), E'\n' order by seq) as page
						from (select * from ${ledgerEntries} where seq > ${afterSeq} order by seq limit ${limit}) as p`,
				),
			)
			const row = (result as unknown as { rows: Array<{ n: unknown; page: unknown }> }).rows[0]
			const count = Number(row?.n ?? 0)
			if (count === 0 || typeof row?.page !== 'string') return []
			const lines = row.page.split('\n')
			if (lines.length !== count) {
				const rows = await this.page(afterSeq, limit)
				return rows.map((r) => ({ ...r, entry: undefined }))
			}
			return lines.map((line) => {
				const fields: string[] = []
				let at = 0
				for (let i = 0; i < 4; i++) {
					const tab = line.indexOf('\t', at)
					fields.push(tab < 0 ? '' : line.slice(at, tab))
					at = tab < 0 ? line.length : tab + 1
				}
				const rest = line.slice(at)
				return {
					seq: Number(fields[0]),
					recordedAt: isoFromMillis(fields[1]),
					entry: undefined,
					text: rest.startsWith('=') ? rest.slice(1) : null,
					leafHash: fields[2] ?? '',
					chainHash: fields[3] ?? '',
				}
			})
		},

		/** Leaf and chain hashes after `afterSeq`, ascending (for the in-memory Merkle log). */
		async leavesAfter(
			afterSeq: number,
		): Promise<Array<{ seq: number; leafHash: string; chainHash: string }>> {
			return asApp((tx) =>
				tx
					.select({
						seq: ledgerEntries.seq,
						leafHash: ledgerEntries.leafHash,
						chainHash: ledgerEntries.chainHash,
					})
					.from(ledgerEntries)
					.where(gt(ledgerEntries.seq, afterSeq))
					.orderBy(asc(ledgerEntries.seq)),
			)
		},

		async size(): Promise<number> {
			const [row] = await asApp((tx) =>
				tx
					.select({ seq: ledgerEntries.seq })
					.from(ledgerEntries)
					.orderBy(desc(ledgerEntries.seq))
					.limit(1),
			)
			return row?.seq ?? 0
		},

		/** The admin search, newest first. */
		async search(q: LedgerQuery): Promise<StoredRow[]> {
			const where: SQL[] = []
			if (q.patientId)
				where.push(sql`(${ledgerEntries.doc}->'resource'->>'patientId') = ${q.patientId}`)
			if (q.userId) where.push(sql`(${ledgerEntries.doc}->'actor'->>'userId') = ${q.userId}`)
			if (q.action) where.push(sql`(${ledgerEntries.doc}->>'action') = ${q.action}`)
			if (q.from) where.push(gte(ledgerEntries.recordedAt, q.from))
			if (q.to) where.push(lt(ledgerEntries.recordedAt, q.to))
			const rows = await asApp((tx) =>
				tx
					.select(COLUMNS)
					.from(ledgerEntries)
					.where(and(...where))
					.orderBy(desc(ledgerEntries.seq))
					.limit(q.limit),
			)
			return rows.map(toStored)
		},

		/** The sequence range of entries recorded in [from, to). */
		async seqRange(
			from: Date | null,
			to: Date | null,
		): Promise<{ first: number; last: number } | null> {
			const [row] = await asApp((tx) =>
				tx
					.select({
						first: sql<string | null>`min(${ledgerEntries.seq})`,
						last: sql<string | null>`max(${ledgerEntries.seq})`,
					})
					.from(ledgerEntries)
					.where(
						and(
							from ? gte(ledgerEntries.recordedAt, from) : undefined,
							to ? lt(ledgerEntries.recordedAt, to) : undefined,
						),
					),
			)
			if (!row || row.first === null || row.last === null) return null
			return { first: Number(row.first), last: Number(row.last) }
		},

		async entry(seq: number): Promise<StoredRow | null> {
			const [row] = await asApp((tx) =>
				tx.select(COLUMNS).from(ledgerEntries).where(eq(ledgerEntries.seq, seq)),
			)
			return row ? toStored(row) : null
		},

		async lastWithAction(action: string): Promise<StoredRow | null> {
			const [row] = await asApp((tx) =>
				tx
					.select(COLUMNS)
					.from(ledgerEntries)
					.where(sql`(${ledgerEntries.doc}->>'action') = ${action}`)
					.orderBy(desc(ledgerEntries.seq))
					.limit(1),
			)
			return row ? toStored(row) : null
		},

		async checkpoints(): Promise<SignedCheckpoint[]> {
			return asApp((tx) =>
				tx.select().from(ledgerCheckpoints).orderBy(asc(ledgerCheckpoints.treeSize)),
			)
		},

		async saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
			await asApp((tx) => tx.insert(ledgerCheckpoints).values(checkpoint).onConflictDoNothing())
		},

		async patientKey(patientId: string): Promise<PatientKeyRow | null> {
			const [row] = await asApp((tx) =>
				tx
					.select({
						patientId: ledgerPatientKeys.patientId,
						wrappedKey: ledgerPatientKeys.wrappedKey,
					})
					.from(ledgerPatientKeys)
					.where(eq(ledgerPatientKeys.patientId, patientId)),
			)
			return row
				? { patientId: row.patientId, wrappedKey: row.wrappedKey as WrappedKey | null }
				: null
		},
	}
}

export type LedgerStore = ReturnType<typeof createLedgerStore>

/** The stored time, sent as epoch milliseconds (cheaper for the database than formatting it). */
function isoFromMillis(value: string | undefined): string {
	const ms = Number(value)
	return Number.isSafeInteger(ms) ? new Date(ms).toISOString() : ''
}

/** Stored text that does not parse (only tampering makes it) reads as an unreadable marker. */
function parseStored(text: string): unknown {
	try {
		return JSON.parse(text) as unknown
	} catch {
		return { unreadable: true }
	}
}
