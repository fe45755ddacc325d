import { data } from '@remix-run/node'
import { errorFields } from '#server/log.ts'
import { isAppError } from '#server/platform/errors.ts'
import { statusOf } from '#server/platform/http-errors.ts'

/**
 * Runs an action's work; an error written for the user (AppError with exposure 'user') comes back
 * with its message and code for the form to show, as a 400, or with the status the error registry
 * gives its code (`status: 'registry'`: an upload refused as too large is a 413). Anything else
 * propagates to the error boundary, which shows plain words and the request id.
 */
export async function withUserErrors<T>(
	work: () => Promise<T>,
	options: { status?: 'bad-request' | 'registry' } = {},
) {
	try {
		return await work()
	} catch (error) {
		if (isAppError(error) && error.exposure === 'user')
			return data(
				{ error: error.message, code: error.code },
				{ status: options.status === 'registry' ? statusOf(error.code) : 400 },
			)
		throw error
	}
}

/** The stable code of an error, for the log (never its message). */
export const errorCode = (error: unknown): string => String(errorFields(error).errorCode)
