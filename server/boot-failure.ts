import { StoreInUseError } from '#db/client.ts'
import { isAppError, type ErrorCode } from './platform/errors.ts'

/**
 * Codes whose message is written for the operator by Chartside itself (cause and fix, names of
 * variables, roles and SQLSTATEs, never a value read from a database or a file), so boot may
 * print it as it is.
 */
const OPERATOR_MESSAGES: ReadonlySet<ErrorCode> = new Set([
	'GATEWAY_CONFIG_INVALID',
	'DB_UNAVAILABLE',
	'DB_LOGIN_PRIVILEGED',
	'DB_LOGIN_OWNS_TABLES',
	'DB_LOGIN_ROLE_MISSING',
	'DB_VECTOR_MISSING',
	'DB_SCHEMA_BEHIND',
	'DB_MIGRATION_CONFIG_INVALID',
	'JOBS_NOT_INSTALLED',
])

/** Whether `error`'s message was written for the operator and may be printed as it is. */
export const hasOperatorMessage = (error: unknown): boolean =>
	isAppError(error) && OPERATOR_MESSAGES.has(error.code)

/**
 * Why a process could not start, in words for the operator: `event` for the log, `message` for
 * stderr. Anything else than the codes above gets a generic sentence and its code only.
 */
export function describeBootFailure(error: unknown): { event: string; message: string } {
	if (error instanceof StoreInUseError)
		return {
			event: 'boot.store_in_use',
			message: `an embedded store in DATA_DIR is already open in process ${error.pid} (another \`npm start\`, or \`npm run audit\`); stop it first.`,
		}
	if (isAppError(error) && hasOperatorMessage(error))
		return {
			event: error.code.startsWith('DB_') ? 'boot.database_refused' : 'boot.config_refused',
			message: `${error.message} (${error.code})`,
		}
	return {
		event: 'boot.database_unavailable',
		message: `the database or the ledger store could not be opened (${isAppError(error) ? error.code : 'UNEXPECTED'}). Check DATABASE_URL / AUDIT_DATABASE_URL, or DATA_DIR for the embedded stores.`,
	}
}
