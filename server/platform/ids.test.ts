import { describe, expect, test } from 'vitest'
import { fingerprint } from './hashing.ts'
import { isUuid } from './ids.ts'

describe('isUuid', () => {
	test('a UUID in either case', () => {
		expect(isUuid('00000000-0000-4000-8000-000000000000')).toBe(true)
		expect(isUuid('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11')).toBe(true)
	})
	test('not anything else', () => {
		for (const value of [
			'',
			'DEMO-100001',
			'00000000-0000-4000-8000-00000000000',
			'00000000-0000-4000-8000-000000000000 ',
			'g0000000-0000-4000-8000-000000000000',
		])
			expect(isUuid(value)).toBe(false)
	})
})

describe('fingerprint', () => {
	test('sha256 of the text, prefixed as the ledger validates it', () => {
		expect(fingerprint('')).toBe(
			'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		)
		expect(fingerprint('K 5.1')).toMatch(/^sha256:[0-9a-f]{64}$/)
	})
})
