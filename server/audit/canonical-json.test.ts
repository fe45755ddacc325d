import { describe, expect, test } from 'vitest'
import { canonicalJson } from './canonical-json.ts'

describe('canonical JSON', () => {
	test('sorts keys at every depth and drops whitespace', () => {
		expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
			'{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
		)
	})
	test('orders keys by UTF-16 code units (RFC 8785), not by locale', () => {
		// "\u20ac" (€) sorts after "\r", "1", "a" and before "\ud83d\ude00" (😀) in code units.
		expect(canonicalJson({ '€': 1, a: 2, '1': 3, '😀': 4, '\r': 5 })).toBe(
			'{"\\r":5,"1":3,"a":2,"€":1,"😀":4}',
		)
	})
	test('writes numbers in their shortest form, and -0 as 0', () => {
		expect(canonicalJson([1.0, 0.1, 1e21, 1e-7, -0, 333333333.3333333])).toBe(
			'[1,0.1,1e+21,1e-7,0,333333333.3333333]',
		)
	})
	test('escapes strings as JSON does, keeping non-ASCII characters as they are', () => {
		expect(canonicalJson('line\nbreak "quoted" \u0001 é 😀')).toBe(
			'"line\\nbreak \\"quoted\\" \\u0001 é 😀"',
		)
	})
	test('quotes every string and key exactly as JSON.stringify does (fast path included)', () => {
		const strings = [
			'',
			'plain ascii',
			'quote " inside',
			'back\\slash',
			'tab\tnew\nline\r',
			'\u0000\u0001\u001f',
			'\u007f del stays',
			'line\u2028separator\u2029',
			'é, ß, 中文',
			'emoji 😀 pair',
			'</script>',
		]
		for (const text of strings) {
			expect(canonicalJson(text), JSON.stringify(text)).toBe(JSON.stringify(text))
			expect(canonicalJson({ [text]: 1 })).toBe(`{${JSON.stringify(text)}:1}`)
		}
	})

	test('gives the same bytes whatever the key insertion order', () => {
		expect(canonicalJson({ x: 1, y: [true, null] })).toBe(canonicalJson({ y: [true, null], x: 1 }))
	})
})

describe('canonical JSON refuses', () => {
	test.each([
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['undefined inside an object', { a: undefined }],
		['a function', () => 1],
		['a bigint', 10n],
		['a symbol', Symbol('s')],
		['a Date (convert it to an ISO string first)', new Date(0)],
		['a Buffer (convert it to base64 first)', Buffer.from('x')],
		['a lone surrogate', '\ud800'],
		['a lone surrogate in a key', { '\udc00': 1 }],
	])('%s', (_name, value) => {
		expect(() => canonicalJson(value)).toThrow(
			expect.objectContaining({ code: 'AUDIT_CANONICAL_JSON_INVALID' }),
		)
	})
})
