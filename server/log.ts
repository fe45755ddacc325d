import type { ErrorCode } from './platform/errors.ts'

/**
 * The application log: one JSON object per line on stdout/stderr. It carries request ids, error
 * codes and counts, never PHI: callers pass structured fields, and free text from users, charts or
 * providers must not be put in them. Details that identify a patient belong in the audit ledger.
 *
 * A process creates its logger at boot with the configured level and hands it on (through the
 * services and the Remix load context), so the server bundle and the boot code share one logger.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent'
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

export type LogFields = Record<string, string | number | boolean | null | undefined>

export type Logger = {
	debug(event: string, fields?: LogFields): void
	info(event: string, fields?: LogFields): void
	warn(event: string, fields?: LogFields): void
	error(event: string, fields?: LogFields): void
}

export function createLogger(level: LogLevel = 'info'): Logger {
	const threshold = ORDER[level]
	const write = (lineLevel: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}) => {
		if (ORDER[lineLevel] < threshold) return
		const line = JSON.stringify({
			time: new Date().toISOString(),
			level: lineLevel,
			event,
			...fields,
		})
		if (lineLevel === 'error' || lineLevel === 'warn') console.error(line)
		else console.log(line)
	}
	return {
		debug: (event, fields) => write('debug', event, fields),
		info: (event, fields) => write('info', event, fields),
		warn: (event, fields) => write('warn', event, fields),
		error: (event, fields) => write('error', event, fields),
	}
}

/** The loggable part of an error: its code and class, never its message (which may hold PHI). */
export function errorFields(error: unknown): LogFields {
	if (error && typeof error === 'object') {
		const e = error as { code?: unknown; name?: unknown }
		return {
			errorCode: typeof e.code === 'string' ? e.code : ('UNEXPECTED' satisfies ErrorCode),
			errorName: typeof e.name === 'string' ? e.name : 'Error',
		}
	}
	return { errorCode: 'UNEXPECTED' satisfies ErrorCode, errorName: typeof error }
}
