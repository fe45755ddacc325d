import { AppError, isAppError } from '../platform/errors.ts'

/** The two databases a Chartside process opens, named as an operator configures them. */
export const STORES = {
	operational: {
		variable: 'DATABASE_URL',
		migratorVariable: 'MIGRATOR_DATABASE_URL',
		words: 'the operational database',
	},
	ledger: {
		variable: 'AUDIT_DATABASE_URL',
		migratorVariable: 'MIGRATOR_AUDIT_DATABASE_URL',
		words: 'the audit ledger database',
	},
} as const

export type StoreName = keyof typeof STORES

/**
 * What to check for each SQLSTATE class (the first two characters of a PostgreSQL error code,
 * https://www.postgresql.org/docs/current/errcodes-appendix.html). The server's own message is
 * never repeated: it can quote values, and a value can be PHI.
 */
const SQLSTATE_CLASSES: Record<string, { name: string; check: string }> = {
	'08': {
		name: 'connection exception',
		check:
			'the host, port and TLS settings in {variable}, and that the server accepts connections from here',
	},
	'0A': {
		name: 'feature not supported',
		check: 'the server is PostgreSQL 15 or newer with the pgvector extension available',
	},
	'28': {
		name: 'invalid authorization',
		check: 'the login and password in {variable}, and pg_hba.conf on the server',
	},
	'3D': {
		name: 'invalid catalog name',
		check:
			'that the database named in {variable} exists (docs/runbooks/production-postgres.md, step 2)',
	},
	'3F': {
		name: 'invalid schema name',
		check: 'that `npm run db:migrate` has run against this database',
	},
	'42': {
		name: 'syntax error or access rule violation',
		check:
			'that `npm run db:migrate` has run with the current code and granted the login its roles',
	},
	'53': {
		name: 'insufficient resources',
		check:
			'the server’s max_connections, disk and memory; lower DB_POOL_MAX if many instances share it',
	},
	'55': {
		name: 'object not in prerequisite state',
		check: 'locks held by another session (a migration in progress?)',
	},
	'57': {
		name: 'operator intervention',
		check:
			'whether the server is starting up, shutting down or cancelled the statement (statement_timeout)',
	},
	'58': { name: 'system error', check: 'the server’s own log' },
	XX: { name: 'internal error', check: 'the server’s own log' },
}

/** Node's socket errors, before any SQLSTATE exists. */
const NETWORK_ERRORS: Record<string, string> = {
	ECONNREFUSED: 'nothing accepts connections at the host and port in {variable}',
	ENOTFOUND: 'the host name in {variable} does not resolve',
	EAI_AGAIN: 'the host name in {variable} does not resolve (DNS unavailable)',
	ETIMEDOUT: 'the server at {variable} did not answer in time (firewall, or DB_CONNECT_TIMEOUT_MS)',
	ECONNRESET: 'the server closed the connection (TLS required? server restarting?)',
}

function codeOf(error: unknown): string | null {
	for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
		const code = (e as { code?: unknown }).code
		if (typeof code === 'string' && (/^[0-9A-Z]{5}$/.test(code) || code in NETWORK_ERRORS))
			return code
		e = (e as { cause?: unknown }).cause
	}
	if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message))
		return 'ETIMEDOUT'
	return null
}

/** What the migrator needs where the application would need db:migrate to have run. */
const MIGRATOR_CHECKS: Record<string, string> = {
	'42': 'that the migrator login in {variable} owns the database and has CREATEROLE (docs/runbooks/production-postgres.md, steps 1 and 2)',
	'3F': 'that the migrator login in {variable} owns the database (docs/runbooks/production-postgres.md, step 2)',
}

/**
 * A database failure while opening or migrating `store`, as words an operator can act on: which
 * database, the SQLSTATE and its class, and what to check. `as: 'migrator'` for
 * `npm run db:migrate`. An AppError from the checks themselves (whose message already says
 * cause and fix) is returned as it is.
 */
export function describeStoreError(
	store: StoreName,
	error: unknown,
	options: { as?: 'application' | 'migrator' } = {},
): AppError {
	if (isAppError(error)) return error
	const migrator = options.as === 'migrator'
	const { words } = STORES[store]
	const variable = migrator ? STORES[store].migratorVariable : STORES[store].variable
	const code = codeOf(error)
	const fill = (text: string) => text.replaceAll('{variable}', variable)
	if (code && code in NETWORK_ERRORS)
		return new AppError(
			'DB_UNAVAILABLE',
			`${words} could not be reached (${code}): ${fill(NETWORK_ERRORS[code] ?? '')}.`,
			{ cause: error },
		)
	if (code) {
		const known = SQLSTATE_CLASSES[code.slice(0, 2)]
		const klass = known ? `class ${code.slice(0, 2)}, ${known.name}` : `class ${code.slice(0, 2)}`
		const specific = (migrator ? MIGRATOR_CHECKS[code.slice(0, 2)] : undefined) ?? known?.check
		const check = specific ? fill(specific) : 'the server’s own log for this SQLSTATE'
		return new AppError(
			'DB_UNAVAILABLE',
			`${words} answered SQLSTATE ${code} (${klass}). Check ${check}.`,
			{ cause: error },
		)
	}
	return new AppError(
		'DB_UNAVAILABLE',
		`${words} could not be opened (no SQLSTATE). Check ${variable}, or DATA_DIR for the embedded stores.`,
		{ cause: error },
	)
}
