import { describe, expect, test } from 'vitest'
import { buildChain, GENESIS, verifyChain, type StoredEntry } from './chain.ts'

const ENTRIES = Array.from({ length: 6 }, (_, i) => ({
	action: 'phi.read',
	seq: i + 1,
	actor: { userId: `u-${i}` },
}))

describe('the hash chain', () => {
	test('verifies when untouched and reports its size and head', () => {
		const verdict = verifyChain(buildChain(ENTRIES))
		expect(verdict).toMatchObject({ ok: true, size: 6 })
	})
	test('an empty ledger verifies, with the genesis head', () => {
		expect(verifyChain([])).toEqual({ ok: true, size: 0, head: GENESIS.toString('hex'), purged: 0 })
	})
	test('continues from a stored head exactly as if built in one go', () => {
		const whole = buildChain(ENTRIES)
		const first = buildChain(ENTRIES.slice(0, 3))
		const last = first[first.length - 1] as StoredEntry
		const rest = buildChain(ENTRIES.slice(3), { seq: 4, head: Buffer.from(last.chainHash, 'hex') })
		expect([...first, ...rest]).toEqual(whole)
	})
})

describe('the hash chain names the first bad entry when', () => {
	const chain = () => buildChain(ENTRIES)
	test('an entry was edited', () => {
		const c = chain()
		c[2] = {
			...(c[2] as StoredEntry),
			entry: { ...ENTRIES[2], actor: { userId: 'someone-else' } },
			text: undefined,
		}
		expect(verifyChain(c)).toEqual({ ok: false, firstBadSeq: 3, reason: 'leaf_hash' })
	})
	test('the stored text of an entry was edited', () => {
		const c = chain()
		const stored = c[2] as StoredEntry
		c[2] = { ...stored, text: String(stored.text).replace('phi.read', 'phi.reed') }
		expect(verifyChain(c)).toEqual({ ok: false, firstBadSeq: 3, reason: 'leaf_hash' })
	})
	test('an entry was edited and its leaf hash recomputed', () => {
		const c = chain()
		const forged = buildChain([{ ...ENTRIES[2], action: 'access.denied' }])[0] as StoredEntry
		c[2] = {
			...(c[2] as StoredEntry),
			entry: forged.entry,
			text: forged.text,
			leafHash: forged.leafHash,
		}
		expect(verifyChain(c)).toEqual({ ok: false, firstBadSeq: 3, reason: 'chain_hash' })
	})
	test('an entry was deleted', () => {
		const c = chain()
		c.splice(1, 1)
		expect(verifyChain(c)).toEqual({ ok: false, firstBadSeq: 2, reason: 'sequence' })
	})
	test('an entry was deleted and the rest renumbered', () => {
		const c = chain()
		c.splice(1, 1)
		const renumbered = c.map((e, i) => ({ ...e, seq: i + 1 }))
		expect(verifyChain(renumbered)).toEqual({ ok: false, firstBadSeq: 2, reason: 'chain_hash' })
	})
	test('two entries were swapped', () => {
		const c = chain()
		const swapped = [
			c[0],
			{ ...(c[2] as StoredEntry), seq: 2 },
			{ ...(c[1] as StoredEntry), seq: 3 },
			...c.slice(3),
		] as StoredEntry[]
		expect(verifyChain(swapped)).toEqual({ ok: false, firstBadSeq: 2, reason: 'chain_hash' })
	})
	test('an entry cannot be read as canonical JSON', () => {
		const c = chain()
		c[4] = { ...(c[4] as StoredEntry), entry: { bad: Number.NaN }, text: undefined }
		expect(verifyChain(c)).toEqual({ ok: false, firstBadSeq: 5, reason: 'unreadable' })
	})
})
