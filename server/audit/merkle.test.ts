import { describe, expect, test } from 'vitest'
import {
	consistencyProof,
	EMPTY_ROOT,
	inclusionProof,
	leafHash,
	MerkleLog,
	nodeHash,
	rootOf,
	verifyConsistency,
	verifyInclusion,
	type Hash,
} from './merkle.ts'

// RFC 6962 reference data (Certificate Transparency test vectors).
const CT_ENTRIES = [
	'',
	'00',
	'10',
	'2021',
	'3031',
	'40414243',
	'5051525354555657',
	'606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'))
const CT_ROOTS = [
	'6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
	'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
	'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
	'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
	'4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
	'76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
	'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
	'5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
]
const CT_LEAVES = CT_ENTRIES.map(leafHash)
const hex = (h: Hash) => h.toString('hex')

describe('the Merkle tree (RFC 6962)', () => {
	test('matches the reference tree heads for every size 0..8', () => {
		expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
		for (let n = 1; n <= 8; n++)
			expect(hex(rootOf(CT_LEAVES.slice(0, n))), `size ${n}`).toBe(CT_ROOTS[n - 1])
	})

	test('matches a reference inclusion proof', () => {
		expect(inclusionProof(0, CT_LEAVES).map(hex)).toEqual([
			'96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
			'5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
			'6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
		])
	})

	test('separates leaves from nodes (no second-preimage between levels)', () => {
		const [a, b] = [leafHash(Buffer.from('a')), leafHash(Buffer.from('b'))]
		expect(leafHash(Buffer.concat([a, b])).equals(nodeHash(a, b))).toBe(false)
	})

	const many = Array.from({ length: 33 }, (_, i) => leafHash(Buffer.from([i, (i * 7) & 0xff])))

	test('every inclusion proof verifies in every tree size up to 33', () => {
		for (let n = 1; n <= many.length; n++) {
			const leaves = many.slice(0, n)
			const root = rootOf(leaves)
			for (let i = 0; i < n; i++) {
				expect(
					verifyInclusion(i, n, leaves[i] as Hash, inclusionProof(i, leaves), root),
					`${i}/${n}`,
				).toBe(true)
			}
		}
	})

	test('every consistency proof verifies between every pair of sizes up to 33', () => {
		for (let n = 1; n <= many.length; n++) {
			const leaves = many.slice(0, n)
			for (let m = 1; m <= n; m++) {
				const proof = consistencyProof(m, leaves)
				expect(
					verifyConsistency(m, n, rootOf(leaves.slice(0, m)), rootOf(leaves), proof),
					`${m}->${n}`,
				).toBe(true)
			}
		}
	})
})

describe('the in-memory Merkle log', () => {
	const many = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from([i, (i * 13) & 0xff])))
	const log = new MerkleLog()
	for (const leaf of many) log.append(leaf)

	test('gives the same tree head as the reference at every size up to 70', () => {
		for (let n = 0; n <= many.length; n++)
			expect(hex(log.root(n)), `size ${n}`).toBe(hex(rootOf(many.slice(0, n))))
	})

	test('gives the reference inclusion proof for every leaf of every size up to 70', () => {
		for (let n = 1; n <= many.length; n++)
			for (let i = 0; i < n; i++)
				expect(log.inclusionProof(i, n).map(hex), `${i}/${n}`).toEqual(
					inclusionProof(i, many.slice(0, n)).map(hex),
				)
	})

	test('gives the reference consistency proof between every pair of sizes up to 70', () => {
		for (let n = 1; n <= many.length; n++)
			for (let m = 1; m <= n; m++)
				expect(log.consistencyProof(m, n).map(hex), `${m}->${n}`).toEqual(
					consistencyProof(m, many.slice(0, n)).map(hex),
				)
	})

	test('matches the Certificate Transparency reference heads', () => {
		const ct = new MerkleLog()
		CT_LEAVES.forEach((leaf, i) => {
			ct.append(leaf)
			expect(hex(ct.root()), `size ${i + 1}`).toBe(CT_ROOTS[i])
		})
		expect(hex(ct.leaf(3))).toBe(hex(CT_LEAVES[3] as Hash))
	})

	test('refuses sizes and indexes beyond the log, and leaves that are not hashes', () => {
		expect(() => log.root(71)).toThrow(RangeError)
		expect(() => log.inclusionProof(70, 70)).toThrow(RangeError)
		expect(() => log.inclusionProof(0, 71)).toThrow(RangeError)
		expect(() => log.consistencyProof(0, 10)).toThrow(RangeError)
		expect(() => log.consistencyProof(11, 10)).toThrow(RangeError)
		expect(() => log.leaf(-1)).toThrow(RangeError)
		expect(() => new MerkleLog().append(Buffer.alloc(31))).toThrow(TypeError)
	})
})

describe('inclusion verification rejects', () => {
	const leaves = CT_LEAVES
	const root = rootOf(leaves)
	const proof = inclusionProof(5, leaves)
	const leaf = leaves[5] as Hash
	const flip = (h: Hash) => {
		const c = Buffer.from(h)
		c[0] = (c[0] ?? 0) ^ 1
		return c
	}
	test('another leaf', () =>
		expect(verifyInclusion(5, 8, leaves[4] as Hash, proof, root)).toBe(false))
	test('the wrong index', () => expect(verifyInclusion(4, 8, leaf, proof, root)).toBe(false))
	test('the wrong tree size', () => expect(verifyInclusion(5, 9, leaf, proof, root)).toBe(false))
	test('a tampered proof element', () =>
		expect(verifyInclusion(5, 8, leaf, [flip(proof[0] as Hash), ...proof.slice(1)], root)).toBe(
			false,
		))
	test('a truncated proof', () =>
		expect(verifyInclusion(5, 8, leaf, proof.slice(1), root)).toBe(false))
	test('an extended proof', () =>
		expect(verifyInclusion(5, 8, leaf, [...proof, root], root)).toBe(false))
	test('another root', () => expect(verifyInclusion(5, 8, leaf, proof, flip(root))).toBe(false))
	test('an index beyond the tree', () =>
		expect(verifyInclusion(8, 8, leaf, proof, root)).toBe(false))
	test('a negative or fractional index', () => {
		expect(verifyInclusion(-1, 8, leaf, proof, root)).toBe(false)
		expect(verifyInclusion(1.5, 8, leaf, proof, root)).toBe(false)
	})
	test('hashes of the wrong length', () =>
		expect(verifyInclusion(5, 8, leaf, [Buffer.alloc(31), ...proof.slice(1)], root)).toBe(false))
})

describe('consistency verification rejects', () => {
	const leaves = CT_LEAVES
	const proof = consistencyProof(3, leaves)
	const r3 = rootOf(leaves.slice(0, 3))
	const r8 = rootOf(leaves)
	test('a rewritten earlier tree', () => {
		const rewritten = [leafHash(Buffer.from('forged')), ...leaves.slice(1)]
		expect(verifyConsistency(3, 8, rootOf(rewritten.slice(0, 3)), r8, proof)).toBe(false)
	})
	test('a rewritten later tree', () => {
		const rewritten = [...leaves.slice(0, 7), leafHash(Buffer.from('forged'))]
		expect(verifyConsistency(3, 8, r3, rootOf(rewritten), proof)).toBe(false)
	})
	test('swapped sizes', () => expect(verifyConsistency(8, 3, r8, r3, proof)).toBe(false))
	test('a truncated proof', () =>
		expect(verifyConsistency(3, 8, r3, r8, proof.slice(1))).toBe(false))
	test('an empty proof between different sizes', () =>
		expect(verifyConsistency(3, 8, r3, r8, [])).toBe(false))
	test('equal sizes with different roots', () =>
		expect(verifyConsistency(8, 8, r3, r8, [])).toBe(false))
	test('a size of zero', () => expect(verifyConsistency(0, 8, EMPTY_ROOT, r8, proof)).toBe(false))
})
