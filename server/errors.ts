/**
 * The application's error currency. Every layer throws an AppError (or a subclass per layer) with
 * a stable `code` (SCREAMING_SNAKE with a layer prefix, e.g. `CONFIG_INVALID`), an optional
 * `cause`, and an `exposure`: 'user' errors carry a message written for the person at the screen;
 * 'log' errors carry details only for the log and the ledger. Never match on `message`.
 *
 * Recognised by a brand rather than `instanceof`: the Remix server bundle and the boot code are
 * separate module graphs, so an error class from one is not the same object in the other.
 */
export type Exposure = 'user' | 'log'

const BRAND = Symbol.for('chartside.AppError')

export class AppError extends Error {
	readonly code: string
	readonly exposure: Exposure
	readonly [BRAND] = true

	constructor(
		code: string,
		message: string,
		options: { cause?: unknown; exposure?: Exposure } = {},
	) {
		super(message, { cause: options.cause })
		this.name = 'AppError'
		this.code = code
		this.exposure = options.exposure ?? 'log'
	}
}

export function isAppError(error: unknown): error is AppError {
	return (
		typeof error === 'object' && error !== null && (error as { [BRAND]?: unknown })[BRAND] === true
	)
}
