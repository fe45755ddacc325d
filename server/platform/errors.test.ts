import { describe, expect, test } from 'vitest'
import { StoreInUseError } from '#db/client.ts'
import { CanonicalJsonError } from '../audit/canonical-json.ts'
import { AppError, ERRORS, hasCode, isAppError, isErrorCode } from './errors.ts'

/**
 * Every code, its HTTP status and whether users may read its message, written out: a change to
 * the registry shows up here, in review.
 */
const TABLE = [
	['ACCESS_BREAK_GLASS_REASON_INVALID', 400, 'user'],
	['ACCESS_PATIENT_NOT_FOUND', 404, 'user'],
	['CARE_TEAM_UNKNOWN_MEMBER', 400, 'user'],
	['AUDIT_WRITE_FAILED', 503, 'log'],
	['AUDIT_EVENT_INVALID', 500, 'log'],
	['AUDIT_CANONICAL_JSON_INVALID', 500, 'log'],
	['AUDIT_KEY_INVALID', 500, 'log'],
	['AUDIT_PAYLOAD_UNREADABLE', 500, 'log'],
	['AUDIT_PAYLOAD_SHREDDED', 410, 'user'],
	['AUDIT_LEDGER_CORRUPT', 500, 'log'],
	['AUDIT_LEDGER_EMPTY', 409, 'user'],
	['AUDIT_CHECKPOINT_REFUSED', 409, 'user'],
	['AUDIT_ENTRY_NOT_FOUND', 404, 'user'],
	['AUDIT_EXPORT_PURGED', 410, 'user'],
	['AUDIT_CLI_FAILED', 500, 'log'],
	['AUTH_CALLBACK_INVALID', 400, 'user'],
	['AUTH_PROVIDER_UNAVAILABLE', 502, 'user'],
	['AUTH_SIGN_IN_STATE_MISSING', 400, 'user'],
	['AUTH_DEV_IDP_IN_PRODUCTION', 500, 'log'],
	['AUTH_SCOPE_REQUIRED', 500, 'log'],
	['CONFIG_INVALID', 500, 'log'],
	['DB_STORE_IN_USE', 503, 'log'],
	['DB_UNAVAILABLE', 503, 'log'],
	['DB_LOGIN_PRIVILEGED', 503, 'log'],
	['DB_LOGIN_OWNS_TABLES', 503, 'log'],
	['DB_LOGIN_ROLE_MISSING', 503, 'log'],
	['DB_VECTOR_MISSING', 503, 'log'],
	['DB_SCHEMA_BEHIND', 503, 'log'],
	['DB_MIGRATION_CONFIG_INVALID', 500, 'log'],
	['COPILOT_FORBIDDEN', 403, 'user'],
	['COPILOT_NOT_FOUND', 404, 'user'],
	['COPILOT_ALREADY_DECIDED', 409, 'user'],
	['COPILOT_QUESTION_INVALID', 400, 'user'],
	['COPILOT_DECISION_INVALID', 400, 'user'],
	['RETRIEVAL_QUERY_INVALID', 400, 'user'],
	['GATEWAY_ENDPOINT_NOT_ALLOWED', 403, 'log'],
	['GATEWAY_CONFIG_INVALID', 500, 'log'],
	['GATEWAY_FEATURE_DENIED', 403, 'user'],
	['GATEWAY_INPUT_TOO_LARGE', 413, 'user'],
	['GATEWAY_PROVIDER_FAILED', 502, 'log'],
	['GATEWAY_PROVIDER_MALFORMED', 502, 'log'],
	['GATEWAY_PROVIDER_TIMEOUT', 504, 'log'],
	['GATEWAY_GUARD_FAILED', 500, 'log'],
	['GATEWAY_OUTPUT_BLOCKED', 500, 'log'],
	['DEID_UNCERTAIN', 422, 'user'],
	['GATEWAY_UNAVAILABLE', 503, 'log'],
	['GATEWAY_CANCELLED', 499, 'log'],
	['GATEWAY_UNAUTHENTICATED', 401, 'user'],
	['GATEWAY_REQUEST_INVALID', 400, 'user'],
	['GATEWAY_ROUTE_NOT_FOUND', 404, 'user'],
	['GATEWAY_INTERNAL', 500, 'log'],
	['INGEST_UNSUPPORTED_FILE', 415, 'user'],
	['INGEST_NOT_FOUND', 404, 'user'],
	['INGEST_FILE_TOO_LARGE', 413, 'user'],
	['INGEST_MALFORMED_JSON', 400, 'user'],
	['INGEST_INVALID_FHIR', 422, 'user'],
	['INGEST_INVALID_CCDA', 422, 'user'],
	['INGEST_UNSUPPORTED_CCDA_BODY', 415, 'user'],
	['INGEST_MALFORMED_PDF', 400, 'user'],
	['INGEST_NO_TEXT_LAYER', 422, 'user'],
	['INGEST_EMPTY_DOCUMENT', 422, 'user'],
	['INGEST_NO_PATIENT', 422, 'user'],
	['INGEST_PATIENT_MISMATCH', 422, 'user'],
	['INGEST_UNKNOWN_PATIENT', 422, 'user'],
	['INGEST_PATIENT_CONFLICT', 409, 'user'],
	['INGEST_DOCUMENT_NOT_FOUND', 404, 'user'],
	['INGEST_FAILED', 500, 'log'],
	['INTAKE_EMPTY_FILE', 400, 'user'],
	['INTAKE_UNSUPPORTED_FILE', 415, 'user'],
	['INTAKE_FILE_TOO_LARGE', 413, 'user'],
	['INTAKE_TOO_MANY_FILES', 413, 'user'],
	['INTAKE_TOO_MANY_PAGES', 413, 'user'],
	['INTAKE_IMAGE_TOO_LARGE', 413, 'user'],
	['INTAKE_MALFORMED_FILE', 422, 'user'],
	['INTAKE_ENCRYPTED_PDF', 422, 'user'],
	['INTAKE_NO_FILES', 400, 'user'],
	['INTAKE_OCR_FAILED', 500, 'user'],
	['INTAKE_ANALYSIS_FAILED', 500, 'user'],
	['INTAKE_FAX_NOT_FOUND', 404, 'user'],
	['INTAKE_STATE_CONFLICT', 409, 'user'],
	['INTAKE_DECISION_INVALID', 400, 'user'],
	['JOBS_PAYLOAD_INVALID', 500, 'log'],
	['JOBS_NOT_INSTALLED', 503, 'log'],
	['JOBS_UNAVAILABLE', 503, 'log'],
	['JOBS_JOB_NOT_FOUND', 404, 'user'],
	['EVAL_DATA_INVALID', 400, 'user'],
	['EVAL_CASE_FAILED', 500, 'log'],
	['EVAL_FAILED', 500, 'log'],
	['UNEXPECTED', 500, 'log'],
] as const

describe('the error registry', () => {
	test('declares exactly these codes, each with this status and exposure', () => {
		expect(
			Object.entries(ERRORS).map(([code, { status, exposure }]) => [code, status, exposure]),
		).toEqual(TABLE)
	})
	test('every code is SCREAMING_SNAKE with a layer prefix, and every status an HTTP error', () => {
		for (const [code, { status }] of Object.entries(ERRORS)) {
			expect(code).toMatch(/^[A-Z]+(_[A-Z]+)+$|^UNEXPECTED$/)
			expect(status >= 400 && status <= 599).toBe(true)
		}
	})
	test('codes declared outside AppError are in it too (db/ imports nothing, so it repeats its own)', () => {
		expect(isErrorCode(new StoreInUseError('.data/store', 1).code)).toBe(true)
		expect(isErrorCode(new CanonicalJsonError('x', '').code)).toBe(true)
	})
	test('isErrorCode tells a declared code from any other string', () => {
		expect(isErrorCode('AUDIT_WRITE_FAILED')).toBe(true)
		expect(isErrorCode('ECONNREFUSED')).toBe(false)
		expect(isErrorCode('toString')).toBe(false)
		expect(isErrorCode(undefined)).toBe(false)
	})
})

describe('AppError', () => {
	test('carries a code, the exposure its code is declared with, and a cause', () => {
		const cause = new Error('socket closed')
		const error = new AppError('AUDIT_WRITE_FAILED', 'The audit record could not be written.', {
			cause,
		})
		expect(error.code).toBe('AUDIT_WRITE_FAILED')
		expect(error.exposure).toBe('log')
		expect(error.cause).toBe(cause)
		expect(new AppError('COPILOT_NOT_FOUND', 'There is no such answer.').exposure).toBe('user')
	})
	test('refuses, at compile time, a code the registry does not declare', () => {
		// @ts-expect-error: 'AUDIT_WRITE_FAILD' is not an ErrorCode (the line fails tsc without the directive)
		const error = new AppError('AUDIT_WRITE_FAILD', 'x')
		expect(isErrorCode(error.code)).toBe(false)
		expect(error.exposure).toBe('log')
	})
	test('is recognised by its brand, also when it comes from another copy of this module', () => {
		const foreign = Object.assign(new Error('x'), {
			code: 'X',
			exposure: 'log',
			[Symbol.for('chartside.AppError')]: true,
		})
		expect(isAppError(foreign)).toBe(true)
		expect(isAppError(new AppError('UNEXPECTED', 'x'))).toBe(true)
	})
	test('is not confused with other errors that happen to have a code', () => {
		expect(isAppError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(false)
		expect(isAppError(null)).toBe(false)
		expect(isAppError('AUDIT_WRITE_FAILED')).toBe(false)
	})
	test('hasCode matches the code of an AppError only', () => {
		const error = new AppError('AUDIT_WRITE_FAILED', 'x')
		expect(hasCode(error, 'AUDIT_WRITE_FAILED')).toBe(true)
		expect(hasCode(error, 'AUDIT_EVENT_INVALID')).toBe(false)
		expect(
			hasCode(Object.assign(new Error('x'), { code: 'AUDIT_WRITE_FAILED' }), 'AUDIT_WRITE_FAILED'),
		).toBe(false)
	})
})
