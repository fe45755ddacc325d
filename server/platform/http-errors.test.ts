import { describe, expect, test } from 'vitest'
import { AppError, ERRORS, type ErrorCode } from './errors.ts'
import { describeError, errorResponse, statusOf, type ErrorWords } from './http-errors.ts'

const WORDS: ErrorWords = {
	plain: { GATEWAY_PROVIDER_TIMEOUT: 'The model did not answer in time.' },
	otherwise: (requestId) => `It could not be done. Reference: ${requestId}.`,
	unexpected: {
		code: 'UNEXPECTED',
		message: (requestId) => `Something went wrong (${requestId}).`,
	},
}
const SECRET = 'relation "patients" violates check: Whitfield DEMO-100001'
const codes = Object.keys(ERRORS) as ErrorCode[]

describe('describeError', () => {
	test('never echoes the message of an error users may not read, whatever its code', () => {
		for (const code of codes.filter((c) => ERRORS[c].exposure === 'log')) {
			const described = describeError(new AppError(code, SECRET), 'req-1', WORDS)
			expect(described.message).not.toContain('Whitfield')
			expect(described).toMatchObject({ status: ERRORS[code].status, code })
		}
	})
	test('gives the message of an error written for users, with its code’s status', () => {
		for (const code of codes.filter((c) => ERRORS[c].exposure === 'user'))
			expect(describeError(new AppError(code, 'Choose a reason.'), 'req-1', WORDS)).toEqual({
				status: ERRORS[code].status,
				code,
				message: 'Choose a reason.',
			})
	})
	test('a log-only error: the surface’s plain words for its code, or its words for the rest', () => {
		expect(describeError(new AppError('GATEWAY_PROVIDER_TIMEOUT', SECRET), 'req-1', WORDS)).toEqual(
			{
				status: 504,
				code: 'GATEWAY_PROVIDER_TIMEOUT',
				message: 'The model did not answer in time.',
			},
		)
		expect(describeError(new AppError('AUDIT_WRITE_FAILED', SECRET), 'req-1', WORDS)).toEqual({
			status: 503,
			code: 'AUDIT_WRITE_FAILED',
			message: 'It could not be done. Reference: req-1.',
		})
	})
	test('anything that is not an AppError is the surface’s unexpected error, and says nothing of itself', () => {
		for (const thrown of [
			new Error(SECRET),
			Object.assign(new Error(SECRET), { code: 'COPILOT_NOT_FOUND' }),
			SECRET,
			null,
		])
			expect(describeError(thrown, 'req-2', WORDS)).toEqual({
				status: 500,
				code: 'UNEXPECTED',
				message: 'Something went wrong (req-2).',
			})
	})
	test('statusOf reads the registry', () => {
		expect(statusOf('GATEWAY_INPUT_TOO_LARGE')).toBe(413)
		expect(statusOf('AUDIT_WRITE_FAILED')).toBe(503)
	})
})

describe('errorResponse', () => {
	test('the app’s JSON refusal: the words and the code, the status, never cached', async () => {
		const response = errorResponse(
			describeError(new AppError('COPILOT_FORBIDDEN', 'Not on your care team.'), 'r', WORDS),
		)
		expect(response.status).toBe(403)
		expect(response.headers.get('cache-control')).toBe('no-store')
		expect(await response.json()).toEqual({
			error: 'Not on your care team.',
			code: 'COPILOT_FORBIDDEN',
		})
	})
})
