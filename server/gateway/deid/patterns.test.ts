import { describe, expect, test } from 'vitest'
import { codeRuns } from './patterns.ts'

// Synthetic codes only.

/** The expression `codeRuns` replaces, and the filter it applied to each match. */
const ALNUM_CODE = /(?<![\w-])(?=[A-Za-z-]{0,40}\d)[A-Za-z0-9][A-Za-z0-9-]{5,40}(?![\w-])/g
function reference(text: string): Array<[number, number]> {
	return [...text.matchAll(ALNUM_CODE)]
		.filter((m) => m[0].replace(/\D/g, '').length >= 4 && /[A-Za-z]/.test(m[0]))
		.map((m) => [m.index, m.index + m[0].length])
}

const PIECES = ['a', 'Q', 'x9', '1', '42', '7', '-', '_', ' ', '.', '/', 'é', '\n', 'AB-12']

describe('codes', () => {
	test('are the runs the reference expression finds', () => {
		for (const text of [
			'Case QX-448812-7 closed; ref A12B3456, code_1234ab, -AB1234 and AB1234-.',
			// the length bounds: 6 to 41 characters
			'a1234 ab1234',
			'x'.repeat(37) + '1234',
			'x'.repeat(38) + '1234',
			'1000mg 2500-units W-1234-X é1234ab',
		]) {
			expect(codeRuns(text)).toEqual(reference(text))
		}
		let seed = 11
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648
		for (let n = 0; n < 5_000; n++) {
			let text = ''
			const length = 1 + Math.floor(next() * 30)
			for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)]
			expect(codeRuns(text)).toEqual(reference(text))
		}
	})
})
