import type { PGlite } from '@electric-sql/pglite'
import { fromPglite, PgBoss, type ConstructorOptions } from 'pg-boss'

/**
 * The one module that builds a PgBoss instance (ADR 032): on a PostgreSQL server through its own
 * node-postgres pool, or on the embedded PGlite store through pg-boss's PGlite adapter. pg-boss
 * 12.38 exports `fromPglite` from its main entry (TOOLCHAIN.md names the
 * `pg-boss/dist/adapters/pglite.js` file, which its exports map does not allow); importing it here
 * only keeps any later move of it to this file.
 */
export type JobQueueTarget = { connectionString: string; poolMax?: number } | { pglite: PGlite }

/** pg-boss's schema in the operational database. */
export const JOB_SCHEMA = 'pgboss'

export const isEmbedded = (target: JobQueueTarget): target is { pglite: PGlite } =>
	'pglite' in target

/**
 * A PgBoss over `target` with `options`. On PGlite (one connection, shared with every request of
 * the app) the backend profile is pglite, and the index rebuilds and vacuum checks are off: they
 * would hold the only connection for nothing a single-process store needs.
 */
export function createBoss(target: JobQueueTarget, options: ConstructorOptions): PgBoss {
	const common: ConstructorOptions = {
		schema: JOB_SCHEMA,
		openTelemetry: { enabled: false },
		...options,
	}
	if (isEmbedded(target))
		return new PgBoss({
			...common,
			db: fromPglite(target.pglite),
			backend: 'pglite',
			reindex: false,
			monitorVacuum: false,
		})
	return new PgBoss({
		...common,
		connectionString: target.connectionString,
		max: target.poolMax ?? 4,
	})
}
