/**
 * The application log: one JSON object per line on stdout/stderr. It carries request ids, error
 * codes and counts, never PHI: callers pass structured fields, and free text from users, charts or
 * providers must not be put in them. Details that identify a patient belong in the audit ledger.
 */
type Level = 'debug' | 'info' | 'warn' | 'error'
const ORDER: Record<Level | 'silent', number> = {
	debug: 10,
	info: 20,
	warn: 30,
	error: 40,
	silent: 99,
}

export type LogFields = Record<string, string | number | boolean | null | undefined>

let threshold: number = ORDER.info

export function setLogLevel(level: Level | 'silent'): void {
	threshold = ORDER[level]
}

function write(level: Level, event: string, fields: LogFields = {}): void {
	if (ORDER[level] < threshold) return
	const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })
	if (level === 'error' || level === 'warn') console.error(line)
	else console.log(line)
}

export const log = {
	debug: (event: string, fields?: LogFields) => write('debug', event, fields),
	info: (event: string, fields?: LogFields) => write('info', event, fields),
	warn: (event: string, fields?: LogFields) => write('warn', event, fields),
	error: (event: string, fields?: LogFields) => write('error', event, fields),
}

/** The loggable part of an error: its code and class, never its message (which may hold PHI). */
export function errorFields(error: unknown): LogFields {
	if (error && typeof error === 'object') {
		const e = error as { code?: unknown; name?: unknown }
		return {
			errorCode: typeof e.code === 'string' ? e.code : 'UNEXPECTED',
			errorName: typeof e.name === 'string' ? e.name : 'Error',
		}
	}
	return { errorCode: 'UNEXPECTED', errorName: typeof error }
}
