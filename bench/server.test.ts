import { describe, expect, test } from 'vitest'
import { SERVER_SKIPPED, serverUrlFrom } from './server.ts'

describe('the benchmark server', () => {
	const url = 'postgres://admin:secret@db.example.invalid:5432/postgres'

	test('is unset when neither the flag nor BENCH_DATABASE_URL names one', () => {
		expect(serverUrlFrom(undefined, undefined)).toBeNull()
		expect(serverUrlFrom('', '  ')).toBeNull()
	})
	test('comes from the flag before the environment', () => {
		expect(serverUrlFrom(url, 'postgres://other@localhost/postgres')).toBe(url)
		expect(serverUrlFrom(undefined, url)).toBe(url)
		expect(serverUrlFrom(undefined, url.replace('postgres:', 'postgresql:'))).toMatch(
			/^postgresql:/,
		)
	})
	test('refuses what is not a postgres:// URL', () => {
		expect(() => serverUrlFrom('localhost:5432', undefined)).toThrow(/postgres:\/\/ URL/)
		expect(() => serverUrlFrom('not a url', undefined)).toThrow(/postgres:\/\/ URL/)
		expect(() => serverUrlFrom(undefined, 'mysql://root@localhost/db')).toThrow(/not mysql:/)
	})
	test('when skipped, the note says how to enable it', () => {
		expect(SERVER_SKIPPED).toContain('--server')
		expect(SERVER_SKIPPED).toContain('BENCH_DATABASE_URL')
	})
})
