import { describe, expect, test } from 'vitest'
import { AppError, isAppError } from './errors.ts'

describe('AppError', () => {
	test('carries a code, an exposure and a cause', () => {
		const cause = new Error('socket closed')
		const error = new AppError('AUDIT_WRITE_FAILED', 'The audit record could not be written.', {
			cause,
		})
		expect(error.code).toBe('AUDIT_WRITE_FAILED')
		expect(error.exposure).toBe('log')
		expect(error.cause).toBe(cause)
	})
	test('is recognised by its brand, also when it comes from another copy of this module', () => {
		const foreign = Object.assign(new Error('x'), {
			code: 'X',
			exposure: 'log',
			[Symbol.for('chartside.AppError')]: true,
		})
		expect(isAppError(foreign)).toBe(true)
		expect(isAppError(new AppError('X', 'x'))).toBe(true)
	})
	test('is not confused with other errors that happen to have a code', () => {
		expect(isAppError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false)
		expect(isAppError(null)).toBe(false)
		expect(isAppError('AUDIT_WRITE_FAILED')).toBe(false)
	})
})
