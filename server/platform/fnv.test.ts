import { describe, expect, test } from 'vitest'
import { FNV_OFFSET_BASIS, fnv1a, fnv1aStep } from './fnv.ts'

describe('fnv1a', () => {
	test('matches the published FNV-1a 32-bit test vectors', () => {
		expect(fnv1a('')).toBe(0x811c9dc5)
		expect(fnv1a('a')).toBe(0xe40c292c)
		expect(fnv1a('foobar')).toBe(0xbf9cf968)
	})
	test('is unsigned, and a seed changes the hash', () => {
		for (const text of ['a', 'foobar', 'w:hypertension', 'Ünïcødé']) {
			expect(fnv1a(text)).toBeGreaterThanOrEqual(0)
			expect(fnv1a(text)).toBeLessThan(2 ** 32)
			expect(fnv1a(text, 17)).not.toBe(fnv1a(text))
		}
	})
	test('a seed is XORed into the offset basis', () => {
		let h = FNV_OFFSET_BASIS ^ 0x2545f491
		for (const c of 'abc') h = fnv1aStep(h, c.charCodeAt(0))
		expect(fnv1a('abc', 0x2545f491)).toBe(h >>> 0)
	})
	test('a step keeps the state a signed 32-bit integer', () => {
		const h = fnv1aStep(FNV_OFFSET_BASIS, 0x61)
		expect(h).toBe(h | 0)
		expect(h >>> 0).toBe(0xe40c292c)
	})
})
