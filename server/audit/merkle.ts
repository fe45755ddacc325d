import { hash } from 'node:crypto'

/**
 * The ledger's Merkle tree, as RFC 6962 (Certificate Transparency) defines it, so that any
 * outsider with a standard verifier can check Chartside's proofs:
 *   leaf hash  = SHA-256(0x00 ‖ entry bytes)
 *   node hash  = SHA-256(0x01 ‖ left ‖ right)
 *   tree head of n leaves: MTH(D[0:n]) split at the largest power of two below n.
 * Inclusion proofs show an entry is in a tree head; consistency proofs show a later tree head
 * extends an earlier one (nothing rewritten). Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2
 * and treats every input as hostile.
 */
export type Hash = Buffer

const LEAF_PREFIX = Buffer.from([0x00])
const NODE_PREFIX = Buffer.from([0x01])

// One-shot hashing (crypto.hash) is several times faster than createHash for inputs this small.
const sha256 = (...parts: Buffer[]): Hash => hash('sha256', Buffer.concat(parts), 'buffer')

export const leafHash = (entry: Uint8Array): Hash => sha256(LEAF_PREFIX, Buffer.from(entry))
/** The leaf hash of a text's UTF-8 bytes, without copying them into a buffer first. */
export const leafHashOfText = (text: string): Hash => hash('sha256', `\u0000${text}`, 'buffer')
export const nodeHash = (left: Hash, right: Hash): Hash => sha256(NODE_PREFIX, left, right)
export const EMPTY_ROOT: Hash = sha256()

/** Largest power of two strictly smaller than n (n ≥ 2). */
function split(n: number): number {
	let k = 1
	while (k * 2 < n) k *= 2
	return k
}

/** The tree head over leaf hashes (MTH). */
export function rootOf(leaves: readonly Hash[]): Hash {
	if (leaves.length === 0) return EMPTY_ROOT
	if (leaves.length === 1) return leaves[0] as Hash
	const k = split(leaves.length)
	return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)))
}

/** PATH(m, D[0:n]): the audit path of leaf `index` in the tree of the given leaves. */
export function inclusionProof(index: number, leaves: readonly Hash[]): Hash[] {
	const n = leaves.length
	if (!Number.isInteger(index) || index < 0 || index >= n)
		throw new RangeError('leaf index out of range')
	if (n === 1) return []
	const k = split(n)
	return index < k
		? [...inclusionProof(index, leaves.slice(0, k)), rootOf(leaves.slice(k))]
		: [...inclusionProof(index - k, leaves.slice(k)), rootOf(leaves.slice(0, k))]
}

/** PROOF(m, D[0:n]): shows the tree of the first m leaves is a prefix of the tree of n. */
export function consistencyProof(m: number, leaves: readonly Hash[]): Hash[] {
	const n = leaves.length
	if (!Number.isInteger(m) || m < 1 || m > n) throw new RangeError('tree size out of range')
	return subproof(m, leaves, true)
}

function subproof(m: number, leaves: readonly Hash[], complete: boolean): Hash[] {
	const n = leaves.length
	if (m === n) return complete ? [] : [rootOf(leaves)]
	const k = split(n)
	return m <= k
		? [...subproof(m, leaves.slice(0, k), complete), rootOf(leaves.slice(k))]
		: [...subproof(m - k, leaves.slice(k), false), rootOf(leaves.slice(0, k))]
}

const isHash = (h: unknown): h is Hash => Buffer.isBuffer(h) && h.length === 32

/** RFC 9162 §2.1.3.2. False for anything malformed; never throws on hostile input. */
export function verifyInclusion(
	index: number,
	size: number,
	leaf: Hash,
	proof: readonly Hash[],
	root: Hash,
): boolean {
	if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
		return false
	if (!isHash(leaf) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false
	let fn = index
	let sn = size - 1
	let r = leaf
	for (const p of proof) {
		if (sn === 0) return false
		if (fn % 2 === 1 || fn === sn) {
			r = nodeHash(p, r)
			if (fn % 2 === 0) {
				while (fn % 2 === 0 && fn !== 0) {
					fn = Math.floor(fn / 2)
					sn = Math.floor(sn / 2)
				}
			}
		} else {
			r = nodeHash(r, p)
		}
		fn = Math.floor(fn / 2)
		sn = Math.floor(sn / 2)
	}
	return sn === 0 && r.equals(root)
}

/** RFC 9162 §2.1.4.2. False for anything malformed; never throws on hostile input. */
export function verifyConsistency(
	size1: number,
	size2: number,
	root1: Hash,
	root2: Hash,
	proof: readonly Hash[],
): boolean {
	if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size1 > size2)
		return false
	if (!isHash(root1) || !isHash(root2) || !Array.isArray(proof) || !proof.every(isHash))
		return false
	if (size1 === size2) return proof.length === 0 && root1.equals(root2)
	const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof]
	if (path.length === 0) return false
	let fn = size1 - 1
	let sn = size2 - 1
	while (fn % 2 === 1) {
		fn = Math.floor(fn / 2)
		sn = Math.floor(sn / 2)
	}
	let fr = path[0] as Hash
	let sr = path[0] as Hash
	for (const c of path.slice(1)) {
		if (sn === 0) return false
		if (fn % 2 === 1 || fn === sn) {
			fr = nodeHash(c, fr)
			sr = nodeHash(c, sr)
			if (fn % 2 === 0) {
				while (fn % 2 === 0 && fn !== 0) {
					fn = Math.floor(fn / 2)
					sn = Math.floor(sn / 2)
				}
			}
		} else {
			sr = nodeHash(sr, c)
		}
		fn = Math.floor(fn / 2)
		sn = Math.floor(sn / 2)
	}
	return sn === 0 && fr.equals(root1) && sr.equals(root2)
}

const isPowerOfTwo = (n: number) => n > 0 && (n & (n - 1)) === 0

/**
 * An append-only Merkle log held in memory, for a ledger of millions of entries. It keeps every
 * complete, aligned subtree hash (level k holds the hashes of leaves [i·2^k, (i+1)·2^k)) in one
 * growing buffer per level, about 64 bytes a leaf in all. Any tree head, inclusion proof or
 * consistency proof for any size up to the current one is then assembled from O(log n) stored
 * hashes, and gives exactly what `rootOf`, `inclusionProof` and `consistencyProof` give over the
 * same leaves.
 */
export class MerkleLog {
	private readonly levels: Level[] = [new Level()]

	get size(): number {
		return (this.levels[0] as Level).count
	}

	append(leaf: Hash): void {
		if (!isHash(leaf)) throw new TypeError('a Merkle leaf is a 32-byte hash')
		let level = 0
		let hash = leaf
		for (;;) {
			const row = this.levels[level] as Level
			row.push(hash)
			if (row.count % 2 === 1) return
			hash = nodeHash(row.get(row.count - 2), hash)
			level += 1
			this.levels[level] ??= new Level()
		}
	}

	leaf(index: number): Hash {
		this.check(index, this.size, 'leaf index')
		return Buffer.from((this.levels[0] as Level).get(index))
	}

	/** The tree head over the first `size` leaves. */
	root(size: number = this.size): Hash {
		this.check(size, this.size + 1, 'tree size')
		return size === 0 ? EMPTY_ROOT : this.range(0, size)
	}

	/** The audit path of leaf `index` in the tree of the first `size` leaves. */
	inclusionProof(index: number, size: number): Hash[] {
		this.check(size, this.size + 1, 'tree size')
		this.check(index, size, 'leaf index')
		const path: Hash[] = []
		let start = 0
		let end = size
		while (end - start > 1) {
			const k = split(end - start)
			if (index < start + k) {
				path.push(this.range(start + k, end))
				end = start + k
			} else {
				path.push(this.range(start, start + k))
				start += k
			}
		}
		return path.reverse()
	}

	/** Shows the tree of the first `m` leaves is a prefix of the tree of the first `size`. */
	consistencyProof(m: number, size: number): Hash[] {
		this.check(size, this.size + 1, 'tree size')
		if (!Number.isInteger(m) || m < 1 || m > size) throw new RangeError('tree size out of range')
		const path: Hash[] = []
		let start = 0
		let end = size
		let complete = true
		while (m !== end - start) {
			const k = split(end - start)
			if (m <= k) {
				path.push(this.range(start + k, end))
				end = start + k
			} else {
				path.push(this.range(start, start + k))
				m -= k
				start += k
				complete = false
			}
		}
		if (!complete) path.push(this.range(start, end))
		return path.reverse()
	}

	/** MTH of leaves [start, end): stored when the range is a complete aligned subtree. */
	private range(start: number, end: number): Hash {
		const n = end - start
		if ((n & (n - 1)) === 0 && start % n === 0) {
			const level = Math.log2(n)
			return Buffer.from((this.levels[level] as Level).get(start / n))
		}
		const k = split(n)
		return nodeHash(this.range(start, start + k), this.range(start + k, end))
	}

	private check(value: number, bound: number, what: string) {
		if (!Number.isSafeInteger(value) || value < 0 || value >= bound)
			throw new RangeError(`${what} out of range`)
	}
}

/** Fixed-width 32-byte hashes in one growing buffer. */
class Level {
	private buffer = Buffer.alloc(32 * 64)
	count = 0

	push(hash: Hash) {
		if ((this.count + 1) * 32 > this.buffer.length) {
			const bigger = Buffer.alloc(this.buffer.length * 2)
			this.buffer.copy(bigger)
			this.buffer = bigger
		}
		hash.copy(this.buffer, this.count * 32)
		this.count += 1
	}

	/** A view, valid until the next push; callers copy what they keep. */
	get(index: number): Hash {
		return this.buffer.subarray(index * 32, index * 32 + 32)
	}
}
