import { describe, expect, test } from 'vitest'
import { cleanFileName } from './receive.ts'

describe('cleanFileName', () => {
	test('keeps the last path part only', () => {
		expect(cleanFileName('C:\\scans\\..\\fax 12.tif')).toBe('fax 12.tif')
		expect(cleanFileName('../../etc/passwd')).toBe('passwd')
	})

	test('drops control, format and bidirectional characters', () => {
		expect(cleanFileName('fax\u0000\u001b[31m.pdf')).toBe('fax[31m.pdf')
		expect(cleanFileName('invoice\u202egpj.pdf')).toBe('invoicegpj.pdf')
		expect(cleanFileName('a\u200bb.png')).toBe('ab.png')
	})

	test('names a file with nothing printable, and caps the length', () => {
		expect(cleanFileName('\u0000\u0001')).toBe('unnamed')
		expect(cleanFileName('x'.repeat(500))).toHaveLength(200)
	})
})
