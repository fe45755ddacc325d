import { describe, expect, test } from 'vitest'
import { formatTable, onStore, percentile, summarize } from './harness.ts'

describe('benchmark statistics', () => {
	test('percentiles use the nearest-rank method', () => {
		const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
		expect(percentile(sorted, 50)).toBe(50)
		expect(percentile(sorted, 95)).toBe(95)
		expect(percentile(sorted, 99)).toBe(99)
		expect(percentile([7], 99)).toBe(7)
	})
	test('a summary sorts its input and reports min, max and mean', () => {
		const s = summarize('suite', 'name', [3, 1, 2])
		expect(s).toMatchObject({ n: 3, p50: 2, min: 1, max: 3, mean: 2 })
	})
	test('the table shows ratios against the baseline', () => {
		const base = summarize('q', 'in-process', [1, 1, 1])
		const wire = summarize('q', 'wire', [2, 2, 2])
		const table = formatTable([base, wire], () => base)
		expect(table).toContain('1.00× (baseline)')
		expect(table).toContain('2.00×')
	})
	test('sub-millisecond figures keep three decimals; throughput gets a column when given', () => {
		const proof = summarize('merkle', 'proof', [0.012, 0.014, 0.02])
		const plain = formatTable([proof])
		expect(plain).toContain('0.014')
		expect(plain).not.toContain('throughput')
		const appends = {
			...summarize('ledger', 'append', [2, 3, 4]),
			rate: { value: 1234.4, unit: 'appends/s' },
		}
		const table = formatTable([appends, proof])
		expect(table).toContain('throughput')
		expect(table).toContain('1,234 appends/s')
	})
	test('a slow throughput keeps two decimals instead of rounding to 0', () => {
		const ocr = {
			...summarize('intake ocr', '1 worker', [900]),
			rate: { value: 0.456, unit: 'pages/s' },
		}
		expect(formatTable([ocr])).toContain('0.46 pages/s')
	})
	test('server figures print beside PGlite ones with a store column; one store, no column', () => {
		const [pglite] = onStore('pglite', [summarize('retrieval', 'in-process', [4, 4, 4])])
		const [server] = onStore('server', [summarize('retrieval', 'server', [6, 6, 6])])
		const merkle = summarize('merkle', 'proof', [0.01])
		if (!pglite || !server) throw new Error('onStore dropped a sample')
		expect([pglite.store, server.store]).toEqual(['pglite', 'server'])

		const [header, , ...rows] = formatTable([pglite, server, merkle], () => pglite).split('\n')
		expect(header?.split(/\s{2,}/).slice(0, 2)).toEqual(['benchmark', 'store'])
		expect(rows[0]?.split(/\s{2,}/).slice(0, 3)).toEqual(['retrieval · in-process', 'pglite', '3'])
		expect(rows[1]?.split(/\s{2,}/).slice(0, 3)).toEqual(['retrieval · server', 'server', '3'])
		expect(rows[1]).toContain('1.50×')
		// A sample of no store (the Merkle log is in memory) leaves the cell empty.
		expect(rows[2]?.split(/\s{2,}/).slice(0, 2)).toEqual(['merkle · proof', '1'])

		const pgliteOnly = formatTable([pglite, merkle])
		expect(pgliteOnly).not.toContain('store')
		expect(pgliteOnly).not.toContain('pglite')
	})
})
