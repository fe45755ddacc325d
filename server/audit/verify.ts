import type { LedgerReader } from './append.ts'
import { AUDIT_ACTIONS } from './events.ts'
import { ChainVerifier } from './chain.ts'
import { verifyCheckpoint } from './checkpoint.ts'
import type { LedgerKeys } from './keys.ts'
import type { LedgerContext } from './ledger-context.ts'
import type { LedgerStore, StoredRow } from './ledger-store.ts'
import { MerkleLog } from './merkle.ts'

/**
 * Verification of the whole ledger, treating every stored value as hostile: the hash chain entry
 * by entry (read in aggregated pages), the stored time against the hashed one, purges against the
 * purge records that must declare them, every signed checkpoint against the tree and chain
 * recomputed from the entries, and entries left too long without a checkpoint. The first failure
 * is named by entry (or by checkpoint, for a bad signature).
 */
export type VerifyReport = {
	ok: boolean
	entries: number
	purged: number
	checkpoints: number
	/** The first entry that does not hold, when one can be named. */
	firstBadSeq: number | null
	/** The first checkpoint that does not hold (its tree size), when that is the failure. */
	badCheckpoint: number | null
	reason: string | null
	verifiedAt: string
}

const PAGE = 10_000
const PURGE_MARK = `"action":"${AUDIT_ACTIONS.ledgerPurge}"`

export async function verifyLedger(options: {
	store: LedgerStore
	signing: LedgerKeys['signing']
	/** Entries recorded before this (epoch ms) must be covered by a checkpoint. */
	staleBefore: number
}): Promise<Omit<VerifyReport, 'verifiedAt'>> {
	const { store, signing } = options
	const chain = new ChainVerifier()
	const leaves = new MerkleLog()
	const stored = await store.checkpoints()
	// Only the chain hashes a checkpoint commits to are kept, not one for every entry.
	const wanted = new Set(stored.map((c) => c.treeSize))
	const chainHashes = new Map<number, string>()
	let declaredPurge = 0
	// The stored time column is outside the hash; it must match the time hashed in the entry.
	let timeMismatch: number | null = null
	let lowestPurged: number | null = null
	let highestPurged = 0
	for (let after = 0; ;) {
		const page = await store.verifyPage(after, PAGE)
		if (page.length === 0) break
		for (const row of page) {
			// In canonical JSON the only "recordedAt":"…" is the top-level one (events.ts reserves
			// the key elsewhere), so this checks the column against the hashed time exactly.
			const text = row.text ?? null
			if (text !== null && !text.includes(`"recordedAt":"${row.recordedAt}"`)) {
				timeMismatch ??= row.seq
			}
			if (!chain.push(row, { allowPurged: true })) break
			leaves.append(chain.lastLeaf)
			if (wanted.has(row.seq)) chainHashes.set(row.seq, row.chainHash)
			if (text === null) {
				lowestPurged ??= row.seq
				highestPurged = row.seq
			} else if (text.includes(PURGE_MARK)) {
				const entry = JSON.parse(text) as {
					action?: unknown
					details?: { throughSeq?: unknown }
				}
				const through = entry.details?.throughSeq
				if (entry.action === AUDIT_ACTIONS.ledgerPurge && typeof through === 'number')
					declaredPurge = Math.max(declaredPurge, through)
			}
		}
		const verdict = chain.verdict
		if (!verdict.ok) break
		after = (page.at(-1) as StoredRow).seq
	}
	const verdict = chain.verdict
	const base = { purged: chain.purged, checkpoints: stored.length, badCheckpoint: null }
	if (!verdict.ok) {
		// Whichever breaks first: the chain itself, or a stored time that differs from the hashed one.
		const first = Math.min(verdict.firstBadSeq, timeMismatch ?? Infinity)
		return {
			...base,
			ok: false,
			entries: first - 1,
			firstBadSeq: first,
			reason: first === verdict.firstBadSeq ? verdict.reason : 'recorded_at',
		}
	}
	if (timeMismatch !== null) {
		return {
			...base,
			ok: false,
			entries: timeMismatch - 1,
			firstBadSeq: timeMismatch,
			reason: 'recorded_at',
		}
	}
	if (highestPurged > declaredPurge) {
		return {
			...base,
			ok: false,
			entries: verdict.size,
			firstBadSeq: Math.max(declaredPurge + 1, lowestPurged ?? 1),
			reason: 'purged_without_record',
		}
	}
	// Each checkpoint must be signed by our key and match the tree and chain recomputed from the
	// entries. A mismatch means entries up to it were rewritten: the first possibly bad entry is
	// the one after the last checkpoint that still holds.
	let lastGood = 0
	for (const cp of stored) {
		const fail = (reason: string) => ({
			...base,
			ok: false,
			entries: verdict.size,
			firstBadSeq: reason === 'checkpoint_signature' ? null : lastGood + 1,
			badCheckpoint: cp.treeSize,
			reason,
		})
		if (cp.keyId !== signing.keyId || !verifyCheckpoint(cp, signing.publicKey))
			return fail('checkpoint_signature')
		if (cp.treeSize > verdict.size) return fail('checkpoint_beyond_ledger')
		if (cp.treeSize > 0 && leaves.root(cp.treeSize).toString('hex') !== cp.rootHash)
			return fail('checkpoint_root')
		if (cp.treeSize > 0 && chainHashes.get(cp.treeSize) !== cp.chainHash)
			return fail('checkpoint_chain')
		lastGood = cp.treeSize
	}
	// Checkpoints are signed every few seconds and when the ledger closes, so an entry that has
	// waited far longer than that without one means checkpoints were removed (or the process
	// died before signing): a rewrite after that point could not be told from the original.
	if (verdict.size > lastGood) {
		const uncovered = await store.entry(lastGood + 1)
		if (uncovered && new Date(uncovered.recordedAt).getTime() < options.staleBefore)
			return {
				...base,
				ok: false,
				entries: verdict.size,
				firstBadSeq: uncovered.seq,
				reason: 'checkpoint_missing',
			}
	}
	return { ...base, ok: true, entries: verdict.size, firstBadSeq: null, reason: null }
}

/** The ledger's `verify`: the whole ledger, then a ledger.verify entry with the verdict. */
export async function verifyAndRecord(
	ctx: LedgerContext,
	reader: LedgerReader,
): Promise<VerifyReport> {
	const { store, keys, checkpoints } = ctx
	const report: VerifyReport = {
		...(await verifyLedger({
			store,
			signing: keys.signing,
			staleBefore: checkpoints.staleBefore(),
		})),
		verifiedAt: ctx.now().toISOString(),
	}
	await ctx.appends.recordRead(reader, {
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
}
