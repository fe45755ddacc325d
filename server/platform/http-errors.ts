import { ERRORS, isAppError, type ErrorCode } from './errors.ts'

/**
 * The one mapper from an error to HTTP: the status comes from the registry (errors.ts), and the
 * words are the error's own message only when its code's exposure is 'user'. Otherwise the
 * surface's plain words stand in, so a provider's or database's text never leaves. Each surface
 * (the Remix routes, the stand-alone gateway service) brings its own words and its own body
 * format; the decision of what may be said and with which status is made here, once.
 */
export type ErrorWords = {
	/** Words for a code whose own message users may not read. */
	plain?: Partial<Record<ErrorCode, string>>
	/** Words for any other error of the registry whose message users may not read. */
	otherwise(requestId: string): string
	/** What an error outside the registry (a bug, a library's throw) is called, and its words. */
	unexpected: { code: ErrorCode; message(requestId: string): string }
}

export type ErrorDescription = { status: number; code: ErrorCode; message: string }

export function describeError(
	error: unknown,
	requestId: string,
	words: ErrorWords,
): ErrorDescription {
	if (!isAppError(error)) {
		const { code } = words.unexpected
		return { status: statusOf(code), code, message: words.unexpected.message(requestId) }
	}
	const message =
		error.exposure === 'user'
			? error.message
			: (words.plain?.[error.code] ?? words.otherwise(requestId))
	return { status: statusOf(error.code), code: error.code, message }
}

/** The HTTP status a code answers with (500 for a code the registry lacks, from a cast). */
export const statusOf = (code: ErrorCode): number =>
	Object.hasOwn(ERRORS, code) ? ERRORS[code].status : 500

/**
 * The app's JSON refusal: `{ error, code }` with the code's status, never cached. The gateway
 * service writes the OpenAI-compatible body instead (server/gateway/http/service.ts).
 */
export function errorResponse(described: ErrorDescription): Response {
	return Response.json(
		{ error: described.message, code: described.code },
		{ status: described.status, headers: { 'Cache-Control': 'no-store' } },
	)
}
