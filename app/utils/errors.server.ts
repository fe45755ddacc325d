import { data } from '@remix-run/node'
import { errorFields } from '#server/log.ts'
import { isAppError } from '#server/platform/errors.ts'

/**
 * Runs an action's work; an error written for the user (AppError with exposure 'user') comes back
 * as a 400 with its message for the form to show. Anything else propagates to the error boundary,
 * which shows plain words and the request id.
 */
export async function withUserErrors<T>(work: () => Promise<T>) {
	try {
		return await work()
	} catch (error) {
		if (isAppError(error) && error.exposure === 'user')
			return data({ error: error.message }, { status: 400 })
		throw error
	}
}

/** The stable code of an error, for the log (never its message). */
export const errorCode = (error: unknown): string => String(errorFields(error).errorCode)
