/**
 * The application's error currency. Every layer throws an AppError (or a subclass per layer) with
 * a stable `code` (SCREAMING_SNAKE with a layer prefix, e.g. `CONFIG_INVALID`) and an optional
 * `cause`. Each code is declared once, below, with the HTTP status it answers with and its
 * `exposure`: 'user' errors carry a message written for the person at the screen; 'log' errors
 * carry details only for the log and the ledger. Never match on `message`.
 *
 * Codes are a typed union derived from the registry, so the compiler refuses a code that is not
 * declared here. `http-errors.ts` turns an error into a status and words, for every surface.
 *
 * Recognised by a brand rather than `instanceof`: the Remix server bundle and the boot code are
 * separate module graphs, so an error class from one is not the same object in the other.
 *
 * Imports nothing (DESIGN.md: server/platform imports nothing of the project).
 */
export type Exposure = 'user' | 'log'

type ErrorSpec = { readonly status: number; readonly exposure: Exposure }

/** Every error code, once: its HTTP status and whether users may read its message. */
export const ERRORS = {
	// access and care teams (server/chart, server/auth)
	ACCESS_BREAK_GLASS_REASON_INVALID: { status: 400, exposure: 'user' },
	ACCESS_PATIENT_NOT_FOUND: { status: 404, exposure: 'user' },
	CARE_TEAM_UNKNOWN_MEMBER: { status: 400, exposure: 'user' },

	// the audit ledger (server/audit)
	/** The ledger could not record: whatever needed recording is refused (fail closed). */
	AUDIT_WRITE_FAILED: { status: 503, exposure: 'log' },
	AUDIT_EVENT_INVALID: { status: 500, exposure: 'log' },
	AUDIT_CANONICAL_JSON_INVALID: { status: 500, exposure: 'log' },
	AUDIT_KEY_INVALID: { status: 500, exposure: 'log' },
	AUDIT_PAYLOAD_UNREADABLE: { status: 500, exposure: 'log' },
	AUDIT_PAYLOAD_SHREDDED: { status: 410, exposure: 'user' },
	AUDIT_LEDGER_CORRUPT: { status: 500, exposure: 'log' },
	AUDIT_LEDGER_EMPTY: { status: 409, exposure: 'user' },
	AUDIT_CHECKPOINT_REFUSED: { status: 409, exposure: 'user' },
	AUDIT_ENTRY_NOT_FOUND: { status: 404, exposure: 'user' },
	AUDIT_EXPORT_PURGED: { status: 410, exposure: 'user' },
	/** `npm run audit` failed with an error outside this registry. */
	AUDIT_CLI_FAILED: { status: 500, exposure: 'log' },

	// sign-in (server/auth)
	AUTH_CALLBACK_INVALID: { status: 400, exposure: 'user' },
	AUTH_PROVIDER_UNAVAILABLE: { status: 502, exposure: 'user' },
	AUTH_SIGN_IN_STATE_MISSING: { status: 400, exposure: 'user' },
	AUTH_DEV_IDP_IN_PRODUCTION: { status: 500, exposure: 'log' },
	/** A PHI read or write without a request-bound handle, or after its request ended (ADR 031). */
	AUTH_SCOPE_REQUIRED: { status: 500, exposure: 'log' },

	// configuration (server/config) and the embedded store (db/client.ts, which imports nothing)
	CONFIG_INVALID: { status: 500, exposure: 'log' },
	DB_STORE_IN_USE: { status: 503, exposure: 'log' },
	/** A server database could not be opened or answered with an error at boot (server/database). */
	DB_UNAVAILABLE: { status: 503, exposure: 'log' },
	/** The application's login is a superuser or bypasses row-level security. */
	DB_LOGIN_PRIVILEGED: { status: 503, exposure: 'log' },
	/** The application's login owns tables: it would bypass row-level security. */
	DB_LOGIN_OWNS_TABLES: { status: 503, exposure: 'log' },
	/** The application's login lacks a role it needs (npm run db:migrate grants them). */
	DB_LOGIN_ROLE_MISSING: { status: 503, exposure: 'log' },
	/** The pgvector extension is not installed in the operational database. */
	DB_VECTOR_MISSING: { status: 503, exposure: 'log' },
	/** The database's schema is older than the code's migrations (npm run db:migrate). */
	DB_SCHEMA_BEHIND: { status: 503, exposure: 'log' },
	/** npm run db:migrate was given a configuration it cannot work with. */
	DB_MIGRATION_CONFIG_INVALID: { status: 500, exposure: 'log' },

	// the copilot (server/copilot)
	COPILOT_FORBIDDEN: { status: 403, exposure: 'user' },
	COPILOT_NOT_FOUND: { status: 404, exposure: 'user' },
	COPILOT_ALREADY_DECIDED: { status: 409, exposure: 'user' },
	COPILOT_QUESTION_INVALID: { status: 400, exposure: 'user' },
	COPILOT_DECISION_INVALID: { status: 400, exposure: 'user' },

	// retrieval (server/retrieval)
	RETRIEVAL_QUERY_INVALID: { status: 400, exposure: 'user' },

	// the inference gateway (server/gateway; the GATEWAY_ERRORS names in server/gateway/errors.ts)
	GATEWAY_ENDPOINT_NOT_ALLOWED: { status: 403, exposure: 'log' },
	GATEWAY_CONFIG_INVALID: { status: 500, exposure: 'log' },
	GATEWAY_FEATURE_DENIED: { status: 403, exposure: 'user' },
	GATEWAY_INPUT_TOO_LARGE: { status: 413, exposure: 'user' },
	GATEWAY_PROVIDER_FAILED: { status: 502, exposure: 'log' },
	GATEWAY_PROVIDER_MALFORMED: { status: 502, exposure: 'log' },
	GATEWAY_PROVIDER_TIMEOUT: { status: 504, exposure: 'log' },
	GATEWAY_GUARD_FAILED: { status: 500, exposure: 'log' },
	GATEWAY_OUTPUT_BLOCKED: { status: 500, exposure: 'log' },
	/** De-identification was unsure or failed: the text is never sent raw. */
	DEID_UNCERTAIN: { status: 422, exposure: 'user' },
	GATEWAY_UNAVAILABLE: { status: 503, exposure: 'log' },
	/** 499: the caller went away (nginx's "client closed request"). */
	GATEWAY_CANCELLED: { status: 499, exposure: 'log' },
	// the stand-alone gateway service's own refusals (server/gateway/http)
	GATEWAY_UNAUTHENTICATED: { status: 401, exposure: 'user' },
	GATEWAY_REQUEST_INVALID: { status: 400, exposure: 'user' },
	GATEWAY_ROUTE_NOT_FOUND: { status: 404, exposure: 'user' },
	GATEWAY_INTERNAL: { status: 500, exposure: 'log' },

	// ingestion (ingest/ and server/documents; the INGEST_ERRORS names in server/documents/errors.ts)
	INGEST_UNSUPPORTED_FILE: { status: 415, exposure: 'user' },
	INGEST_NOT_FOUND: { status: 404, exposure: 'user' },
	INGEST_FILE_TOO_LARGE: { status: 413, exposure: 'user' },
	INGEST_MALFORMED_JSON: { status: 400, exposure: 'user' },
	INGEST_INVALID_FHIR: { status: 422, exposure: 'user' },
	INGEST_INVALID_CCDA: { status: 422, exposure: 'user' },
	INGEST_UNSUPPORTED_CCDA_BODY: { status: 415, exposure: 'user' },
	INGEST_MALFORMED_PDF: { status: 400, exposure: 'user' },
	INGEST_NO_TEXT_LAYER: { status: 422, exposure: 'user' },
	INGEST_EMPTY_DOCUMENT: { status: 422, exposure: 'user' },
	INGEST_NO_PATIENT: { status: 422, exposure: 'user' },
	INGEST_PATIENT_MISMATCH: { status: 422, exposure: 'user' },
	INGEST_UNKNOWN_PATIENT: { status: 422, exposure: 'user' },
	INGEST_PATIENT_CONFLICT: { status: 409, exposure: 'user' },
	/** The documents service: no such document to replace or remove. */
	INGEST_DOCUMENT_NOT_FOUND: { status: 404, exposure: 'user' },
	/** `npm run ingest` failed on a file with an error outside this registry. */
	INGEST_FAILED: { status: 500, exposure: 'log' },

	// fax intake (server/intake; the INTAKE_ERRORS names in server/intake/errors.ts)
	/** A file of zero bytes. */
	INTAKE_EMPTY_FILE: { status: 400, exposure: 'user' },
	/** The bytes are none of PDF, TIFF, PNG, JPEG (sniffed, never the name or the browser's type). */
	INTAKE_UNSUPPORTED_FILE: { status: 415, exposure: 'user' },
	/** Over the per-file size cap; refused while streaming, before it is held in memory. */
	INTAKE_FILE_TOO_LARGE: { status: 413, exposure: 'user' },
	/** More files in one upload than allowed. */
	INTAKE_TOO_MANY_FILES: { status: 413, exposure: 'user' },
	/** More pages than a fax may have. */
	INTAKE_TOO_MANY_PAGES: { status: 413, exposure: 'user' },
	/** A page declaring more pixels than allowed (a decompression bomb), read from the header. */
	INTAKE_IMAGE_TOO_LARGE: { status: 413, exposure: 'user' },
	/** Truncated or corrupt: the file's own structure does not hold. */
	INTAKE_MALFORMED_FILE: { status: 422, exposure: 'user' },
	/** A password-protected PDF: nothing in it can be read. */
	INTAKE_ENCRYPTED_PDF: { status: 422, exposure: 'user' },
	/** The upload is not a multipart form, or has no file in it. */
	INTAKE_NO_FILES: { status: 400, exposure: 'user' },
	/** A page that OCR could not read; the original is kept and the fax can be retried. */
	INTAKE_OCR_FAILED: { status: 500, exposure: 'user' },
	/** Classification or matching could not run (the gateway refused); the fax waits for a person. */
	INTAKE_ANALYSIS_FAILED: { status: 500, exposure: 'user' },
	INTAKE_FAX_NOT_FOUND: { status: 404, exposure: 'user' },
	/** A decision on a fax that is not in the state it needs (already filed, still reading). */
	INTAKE_STATE_CONFLICT: { status: 409, exposure: 'user' },
	/** A decision that does not hold: page ranges that overlap or leave pages out, no reason given. */
	INTAKE_DECISION_INVALID: { status: 400, exposure: 'user' },

	// the job queue (server/jobs)
	/** A job's payload is not its kind's (ids only): refused on send and on receive. */
	JOBS_PAYLOAD_INVALID: { status: 500, exposure: 'log' },
	/** The queue's schema is missing or older than this pg-boss: run the migrator step first. */
	JOBS_NOT_INSTALLED: { status: 503, exposure: 'log' },
	/** This process runs no job queue (tests, or a command that does not need one). */
	JOBS_UNAVAILABLE: { status: 503, exposure: 'log' },
	/** No failed job of that kind and id to retry (already retried, or removed by retention). */
	JOBS_JOB_NOT_FOUND: { status: 404, exposure: 'user' },

	// evaluation (evals/)
	/** A bad line in an evaluation data file; the message names the file and line, never content. */
	EVAL_DATA_INVALID: { status: 400, exposure: 'user' },
	EVAL_CASE_FAILED: { status: 500, exposure: 'log' },
	EVAL_FAILED: { status: 500, exposure: 'log' },

	/** Anything thrown that is not an AppError (a bug, a library's own error). */
	UNEXPECTED: { status: 500, exposure: 'log' },
} as const satisfies Record<string, ErrorSpec>

export type ErrorCode = keyof typeof ERRORS

const BRAND = Symbol.for('chartside.AppError')

export class AppError extends Error {
	readonly code: ErrorCode
	/** From the registry: a code's exposure is the same wherever it is thrown. */
	readonly exposure: Exposure
	readonly [BRAND] = true

	constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
		super(message, { cause: options.cause })
		this.name = 'AppError'
		this.code = code
		// An undeclared code (from plain JavaScript, or a cast) is never shown to users.
		this.exposure = Object.hasOwn(ERRORS, code) ? ERRORS[code].exposure : 'log'
	}
}

export function isAppError(error: unknown): error is AppError {
	return (
		typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true
	)
}

/** Whether `error` is an AppError with this code (`hasCode(error, 'AUDIT_WRITE_FAILED')`). */
export const hasCode = (error: unknown, code: ErrorCode): error is AppError =>
	isAppError(error) && error.code === code

/** Whether a string read from outside (a wire body, an error's `code`) is a declared code. */
export const isErrorCode = (value: unknown): value is ErrorCode =>
	typeof value === 'string' && Object.hasOwn(ERRORS, value)
