import type { LedgerReader } from './append.ts'
import { AUDIT_ACTIONS, type LedgerEntry } from './events.ts'
import type { LedgerContext } from './ledger-context.ts'
import type { StoredRow } from './ledger-store.ts'

/** The admin page's reads of the ledger: its status, recorded views, and the search. */

const SEARCH_LIMIT_MAX = 500

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

export async function status(ctx: LedgerContext): Promise<LedgerStatus> {
	const { store, keys } = ctx
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
}

export async function recordView(
	ctx: LedgerContext,
	reader: LedgerReader,
	view: string,
): Promise<void> {
	await ctx.appends.recordRead(reader, { details: { operation: 'view', view } })
}

/** The admin search, newest first; recorded (with its filter) before it runs. */
export async function search(
	ctx: LedgerContext,
	filter: LedgerSearch,
	reader: LedgerReader,
): Promise<LedgerRow[]> {
	const limit = Math.min(Math.max(filter.limit ?? 200, 1), SEARCH_LIMIT_MAX)
	await ctx.appends.recordRead(reader, {
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
	return (await ctx.store.search({ ...filter, limit })).map(toRow)
}

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
