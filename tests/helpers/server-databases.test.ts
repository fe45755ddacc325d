import { describe, expect, test } from 'vitest'
import { serverLogins } from './server-databases.ts'

describe('server databases', () => {
	test("a tag's logins are its own: the benchmarks' apart from the tests', which keep their names", () => {
		expect(serverLogins('test')).toEqual({
			migrator: { name: 'chartside_test_migrator', password: 'test-migrator' },
			service: { name: 'chartside_test_service', password: 'test-service' },
			ledger: { name: 'chartside_test_ledger_service', password: 'test-ledger-service' },
		})
		expect(Object.values(serverLogins('bench')).map((l) => l.name)).toEqual([
			'chartside_bench_migrator',
			'chartside_bench_service',
			'chartside_bench_ledger_service',
		])
	})
})
