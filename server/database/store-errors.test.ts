import { describe, expect, test } from 'vitest'
import { AppError } from '../platform/errors.ts'
import { describeStoreError } from './store-errors.ts'

/** A driver error as node-postgres raises it: the server's message (which may quote a value) and SQLSTATE. */
const serverError = (code: string) =>
	Object.assign(new Error('value "Eleanor Whitfield" violates something'), { code })

describe('a database failure at boot is described by database, SQLSTATE class and what to check', () => {
	test.each([
		['28P01', 'class 28, invalid authorization', 'the login and password in DATABASE_URL'],
		['3D000', 'class 3D, invalid catalog name', 'the database named in DATABASE_URL exists'],
		['08006', 'class 08, connection exception', 'host, port and TLS settings in DATABASE_URL'],
		['42501', 'class 42, syntax error or access rule violation', 'npm run db:migrate'],
		['53300', 'class 53, insufficient resources', 'max_connections'],
		['57P03', 'class 57, operator intervention', 'starting up'],
	])('SQLSTATE %s', (code, klass, check) => {
		const described = describeStoreError('operational', serverError(code))
		expect(described.code).toBe('DB_UNAVAILABLE')
		expect(described.message).toContain(
			`the operational database answered SQLSTATE ${code} (${klass})`,
		)
		expect(described.message).toContain(check)
	})

	test('never repeats the server’s own message, which can quote a value', () => {
		for (const code of ['28P01', '23505', 'XX000', 'ECONNREFUSED'])
			expect(describeStoreError('ledger', serverError(code)).message).not.toContain('Eleanor')
	})

	test('an unknown class still names its SQLSTATE', () => {
		expect(describeStoreError('ledger', serverError('P0001')).message).toBe(
			'the audit ledger database answered SQLSTATE P0001 (class P0). Check the server’s own log for this SQLSTATE.',
		)
	})

	test('a socket error before any SQLSTATE names what does not answer', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
			code: 'ECONNREFUSED',
		})
		expect(describeStoreError('ledger', refused).message).toBe(
			'the audit ledger database could not be reached (ECONNREFUSED): nothing accepts connections at the host and port in AUDIT_DATABASE_URL.',
		)
	})

	test('a code found on the cause (drizzle wraps driver errors) is used', () => {
		const wrapped = new Error('Failed query: select …', { cause: serverError('28000') })
		expect(describeStoreError('operational', wrapped).message).toContain('SQLSTATE 28000')
	})

	test('the migrator is pointed at its own variable and privileges', () => {
		const described = describeStoreError('operational', serverError('42501'), { as: 'migrator' })
		expect(described.message).toContain(
			'MIGRATOR_DATABASE_URL owns the database and has CREATEROLE',
		)
	})

	test('an error without any code says so and names the variable', () => {
		expect(describeStoreError('operational', new Error('boom')).message).toBe(
			'the operational database could not be opened (no SQLSTATE). Check DATABASE_URL, or DATA_DIR for the embedded stores.',
		)
	})

	test('a check’s own refusal passes through unchanged', () => {
		const refusal = new AppError('DB_VECTOR_MISSING', 'no vector')
		expect(describeStoreError('operational', refusal)).toBe(refusal)
	})
})
