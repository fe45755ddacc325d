import { describe, expect, test } from 'vitest'
import { safeReturnTo } from './return-to.ts'

const APP = 'https://chartside.hospital.example'

describe('returnTo refuses, falling back to /,', () => {
	test.each([
		['a protocol-relative URL', '//evil.example/'],
		['a backslash trick', '/\\evil.example'],
		['an encoded tab before a second slash', '/%09/evil.example'],
		['a raw tab before a second slash', '/\t/evil.example'],
		['an encoded newline', '/%0a/evil.example'],
		['an encoded backslash', '/%5Cevil.example'],
		['an encoded double slash', '/%2F%2Fevil.example'],
		['an absolute URL', 'https://evil.example/'],
		['a javascript: URL', 'javascript:alert(1)'],
		['a malformed escape', '/%E0%A4%A'],
		['an over-long value', `/${'a'.repeat(600)}`],
		['nothing', null],
	])('%s', (_name, value) => {
		expect(safeReturnTo(value, APP)).toBe('/')
	})
})

describe('returnTo keeps', () => {
	test('a path with its query and fragment', () => {
		expect(safeReturnTo('/patients?q=whit#top', APP)).toBe('/patients?q=whit#top')
	})
	test('an encoded character that is not a separator', () => {
		expect(safeReturnTo('/patients?q=o%27brien', APP)).toBe('/patients?q=o%27brien')
	})
})
