/**
 * The application's error currency. Every layer throws an AppError (or a subclass) with a stable
 * `code`, an optional `cause`, and an `exposure`: 'user' errors carry a message written for the
 * person at the screen; 'log' errors carry details only for the log and the ledger. One mapper
 * (server/http/error-response.ts) turns them into HTTP responses. Never match on `message`.
 */
export type Exposure = 'user' | 'log'

export class AppError extends Error {
	readonly code: string
	readonly exposure: Exposure
	readonly status: number

	constructor(
		code: string,
		message: string,
		options: { cause?: unknown; exposure?: Exposure; status?: number } = {},
	) {
		super(message, { cause: options.cause })
		this.name = 'AppError'
		this.code = code
		this.exposure = options.exposure ?? 'log'
		this.status = options.status ?? 500
	}
}

export function isAppError(error: unknown): error is AppError {
	return error instanceof AppError
}
