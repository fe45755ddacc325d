import { createHash } from 'node:crypto'
import { canonicalBytes } from './canonical-json.ts'
import { leafHash, type Hash } from './merkle.ts'

/**
 * The ledger's hash chain: each entry commits to every entry before it.
 *   leaf hash  = SHA-256(0x00 ‖ canonical JSON of the entry)      (the Merkle leaf, RFC 6962)
 *   chain hash = SHA-256(previous chain hash ‖ leaf hash), starting from 32 zero bytes
 * Changing, removing, inserting or reordering any entry changes every chain hash after it.
 */
export const GENESIS: Hash = Buffer.alloc(32)

export const entryLeafHash = (entry: unknown): Hash => leafHash(canonicalBytes(entry))

export const chainHash = (previous: Hash, leaf: Hash): Hash =>
	createHash('sha256').update(previous).update(leaf).digest()

export type StoredEntry = {
	/** 1-based, gap-free sequence number. */
	seq: number
	entry: unknown
	leafHash: string
	chainHash: string
}

export type ChainVerdict =
	| { ok: true; size: number; head: string }
	| {
			ok: false
			firstBadSeq: number
			reason: 'sequence' | 'leaf_hash' | 'chain_hash' | 'unreadable'
	  }

/**
 * Walks the chain from the start, recomputing every hash; stops at the first entry that does not
 * hold and names it. Every stored value is treated as hostile.
 */
export function verifyChain(entries: Iterable<StoredEntry>): ChainVerdict {
	let previous = GENESIS
	let expectedSeq = 1
	for (const stored of entries) {
		const seq = typeof stored?.seq === 'number' ? stored.seq : Number.NaN
		if (seq !== expectedSeq) return { ok: false, firstBadSeq: expectedSeq, reason: 'sequence' }
		let leaf: Hash
		try {
			leaf = entryLeafHash(stored.entry)
		} catch {
			return { ok: false, firstBadSeq: seq, reason: 'unreadable' }
		}
		if (stored.leafHash !== leaf.toString('hex'))
			return { ok: false, firstBadSeq: seq, reason: 'leaf_hash' }
		const next = chainHash(previous, leaf)
		if (stored.chainHash !== next.toString('hex'))
			return { ok: false, firstBadSeq: seq, reason: 'chain_hash' }
		previous = next
		expectedSeq += 1
	}
	return { ok: true, size: expectedSeq - 1, head: previous.toString('hex') }
}

/** Builds stored entries from a list of entries (for appends and for tests). */
export function buildChain(
	entries: readonly unknown[],
	start: { seq: number; head: Hash } = { seq: 1, head: GENESIS },
): StoredEntry[] {
	let previous = start.head
	return entries.map((entry, i) => {
		const leaf = entryLeafHash(entry)
		previous = chainHash(previous, leaf)
		return {
			seq: start.seq + i,
			entry,
			leafHash: leaf.toString('hex'),
			chainHash: previous.toString('hex'),
		}
	})
}
