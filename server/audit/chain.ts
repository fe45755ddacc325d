import { hash } from 'node:crypto'
import { canonicalJson } from './canonical-json.ts'
import { leafHashOfText, type Hash } from './merkle.ts'

/**
 * The ledger's hash chain: each entry commits to every entry before it.
 *   leaf hash  = SHA-256(0x00 ‖ canonical JSON of the entry)      (the Merkle leaf, RFC 6962)
 *   chain hash = SHA-256(previous chain hash ‖ leaf hash), starting from 32 zero bytes
 * Changing, removing, inserting or reordering any entry changes every chain hash after it.
 */
export const GENESIS: Hash = Buffer.alloc(32)

export const entryLeafHash = (entry: unknown): Hash => leafHashOfText(canonicalJson(entry))

export const chainHash = (previous: Hash, leaf: Hash): Hash =>
	hash('sha256', Buffer.concat([previous, leaf]), 'buffer')

export type StoredEntry = {
	/** 1-based, gap-free sequence number. */
	seq: number
	/** null once a retention purge has blanked the entry; its stored hashes still link the chain. */
	entry: unknown
	/**
	 * The entry's canonical JSON as stored, when the caller has it: the leaf hash is recomputed from
	 * these bytes (what was hashed is what is stored), otherwise from the entry, canonicalized.
	 */
	text?: string | null
	leafHash: string
	chainHash: string
}

export type ChainVerdict =
	| { ok: true; size: number; head: string; purged: number }
	| {
			ok: false
			firstBadSeq: number
			reason: 'sequence' | 'leaf_hash' | 'chain_hash' | 'unreadable'
	  }

const HEX64 = /^[0-9a-f]{64}$/

/**
 * Walks the chain one entry at a time (so a large ledger can be read in pages), recomputing every
 * hash; stops at the first entry that does not hold and names it. Every stored value is treated
 * as hostile. A purged entry (content blanked after the retention period) cannot have its leaf
 * recomputed; its stored leaf must still link the chain, and it is counted so the caller can check
 * the purge was itself recorded.
 */
export class ChainVerifier {
	private previous: Hash = GENESIS
	private expectedSeq = 1
	private failure: Extract<ChainVerdict, { ok: false }> | null = null
	purged = 0
	/** The leaf hash of the entry last accepted (for a Merkle log built alongside). */
	lastLeaf: Hash = GENESIS

	/** Feeds the next entry; returns false once the chain is broken (see `verdict`). */
	push(stored: StoredEntry, options: { allowPurged?: boolean } = {}): boolean {
		if (this.failure) return false
		const seq = typeof stored?.seq === 'number' ? stored.seq : Number.NaN
		if (seq !== this.expectedSeq) return this.fail(this.expectedSeq, 'sequence')
		let leaf: Hash
		const purged = (stored.text ?? null) === null && (stored.entry ?? null) === null
		if (purged && options.allowPurged && typeof stored.leafHash === 'string') {
			if (!HEX64.test(stored.leafHash)) return this.fail(seq, 'leaf_hash')
			leaf = Buffer.from(stored.leafHash, 'hex')
			this.purged += 1
		} else {
			try {
				leaf =
					typeof stored.text === 'string'
						? leafHashOfText(stored.text)
						: entryLeafHash(stored.entry)
			} catch {
				return this.fail(seq, 'unreadable')
			}
			if (stored.leafHash !== leaf.toString('hex')) return this.fail(seq, 'leaf_hash')
		}
		const next = chainHash(this.previous, leaf)
		if (stored.chainHash !== next.toString('hex')) return this.fail(seq, 'chain_hash')
		this.previous = next
		this.lastLeaf = leaf
		this.expectedSeq += 1
		return true
	}

	get verdict(): ChainVerdict {
		return (
			this.failure ?? {
				ok: true,
				size: this.expectedSeq - 1,
				head: this.previous.toString('hex'),
				purged: this.purged,
			}
		)
	}

	private fail(seq: number, reason: Extract<ChainVerdict, { ok: false }>['reason']): false {
		this.failure = { ok: false, firstBadSeq: seq, reason }
		return false
	}
}

/** Verifies a whole chain held in memory (no purged entries allowed). */
export function verifyChain(entries: Iterable<StoredEntry>): ChainVerdict {
	const verifier = new ChainVerifier()
	for (const stored of entries) if (!verifier.push(stored)) break
	return verifier.verdict
}

/** Builds stored entries, with their canonical text, from a list of entries (appends, tests). */
export function buildChain(
	entries: readonly unknown[],
	start: { seq: number; head: Hash } = { seq: 1, head: GENESIS },
): StoredEntry[] {
	let previous = start.head
	return entries.map((entry, i) => {
		const text = canonicalJson(entry)
		const leaf = leafHashOfText(text)
		previous = chainHash(previous, leaf)
		return {
			seq: start.seq + i,
			entry,
			text,
			leafHash: leaf.toString('hex'),
			chainHash: previous.toString('hex'),
		}
	})
}
