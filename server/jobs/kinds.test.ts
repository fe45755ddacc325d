import { describe, expect, test } from 'vitest'
import { jobQueueGrantsSql } from './install.ts'
import { idsOnly, isJobKind, JOB_KIND_VALUES, JOB_SPECS } from './kinds.ts'

const ID = '3f0b6a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'

describe('job payloads are ids only', () => {
	const schema = idsOnly('faxId')

	test('a payload of the declared ids is accepted', () => {
		expect(schema.parse({ faxId: ID })).toEqual({ faxId: ID })
	})
	test('a value that is not a UUID is refused', () => {
		expect(schema.safeParse({ faxId: 'Jane Synthetic' }).success).toBe(false)
	})
	test('any key beyond the declared ids is refused', () => {
		expect(schema.safeParse({ faxId: ID, note: 'chest pain' }).success).toBe(false)
	})
	test('a missing id is refused', () => {
		expect(schema.safeParse({}).success).toBe(false)
	})
	test.each(JOB_KIND_VALUES)('%s refuses anything riding along', (kind) => {
		expect(JOB_SPECS[kind].payload.safeParse({ patientName: 'Jane Synthetic' }).success).toBe(false)
	})
})

describe('the job kinds', () => {
	test('each kind has one spec, and only the kinds are kinds', () => {
		expect(Object.keys(JOB_SPECS).sort()).toEqual([...JOB_KIND_VALUES].sort())
		expect(isJobKind('ledger.checkpoint')).toBe(true)
		expect(isJobKind('fax.ocr')).toBe(false)
		expect(isJobKind(undefined)).toBe(false)
	})
	test.each(JOB_KIND_VALUES)('%s retries with a backoff that starts below its cap', (kind) => {
		const spec = JOB_SPECS[kind]
		expect(spec.retryLimit).toBeGreaterThan(0)
		expect(spec.retryDelaySeconds).toBeGreaterThan(0)
		expect(spec.retryDelaySeconds).toBeLessThan(spec.retryDelayMaxSeconds)
	})
})

describe('the grants for a non-owner login', () => {
	test('cover the schema, its tables, sequences and functions, and never CREATE', () => {
		const statements = jobQueueGrantsSql('chartside_service')
		expect(statements).toContain('grant usage on schema pgboss to "chartside_service"')
		expect(statements.join('\n')).toMatch(/select, insert, update, delete on all tables/)
		expect(statements.join('\n')).toMatch(/execute on all functions/)
		expect(statements.join('\n')).not.toMatch(/\bcreate\b/i)
	})
	test.each(['App', 'app"; drop table x; --', '', '1app'])('refuse the login name %j', (login) => {
		expect(() => jobQueueGrantsSql(login)).toThrow(RangeError)
	})
})
