import { afterEach, describe, expect, test, vi } from 'vitest'
import { createLogger, errorFields } from './log.ts'

describe('the application log', () => {
	afterEach(() => {
		vi.restoreAllMocks()
	})

	test('writes one JSON object per line with the event and fields', () => {
		const out = vi.spyOn(console, 'log').mockImplementation(() => {})
		createLogger('info').info('http.request', { requestId: 'r-12345678', status: 200 })
		const line = JSON.parse(String(out.mock.calls[0]?.[0])) as Record<string, unknown>
		expect(line).toMatchObject({
			level: 'info',
			event: 'http.request',
			requestId: 'r-12345678',
			status: 200,
		})
	})

	test('drops lines below its level', () => {
		const out = vi.spyOn(console, 'log').mockImplementation(() => {})
		createLogger('warn').info('noise')
		expect(out).not.toHaveBeenCalled()
	})

	test('logs an error by code and class only, never its message', () => {
		const error = Object.assign(new Error('duplicate key (mrn)=(DEMO-100001)'), { code: '23505' })
		const fields = errorFields(error)
		expect(fields).toEqual({ errorCode: '23505', errorName: 'Error' })
		expect(JSON.stringify(fields)).not.toContain('DEMO-100001')
	})
})
