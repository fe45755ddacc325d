import { createRequire } from 'node:module'
import type { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
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

/** The schema version this pg-boss release runs on (its package.json's `pgboss.schema`). */
export const JOB_SCHEMA_VERSION: number = (
	createRequire(import.meta.url)('pg-boss/package.json') as { pgboss: { schema: number } }
).pgboss.schema

/**
 * The version of pg-boss's schema installed in `target`, or null when none is: read from the
 * catalog and pg-boss's own version table before pg-boss starts, so "not installed" and "out of
 * date" are told apart without reading an error's message.
 */
export async function installedSchemaVersion(target: JobQueueTarget): Promise<number | null> {
	// Two statements: a query naming a missing table fails when it is parsed, whatever its CASE.
	const exists = `select to_regclass('${JOB_SCHEMA}.version') is not null as installed`
	const version = `select max(version)::int as version from ${JOB_SCHEMA}.version`
	const read = async (query: <Row>(sql: string) => Promise<Row[]>) => {
		const [found] = await query<{ installed: boolean }>(exists)
		if (!found?.installed) return null
		const [row] = await query<{ version: number | null }>(version)
		return row?.version ?? null
	}
	if (isEmbedded(target))
		return read(async <Row>(sql: string) => (await target.pglite.query<Row>(sql)).rows)
	const client = new pg.Client({ connectionString: target.connectionString })
	await client.connect()
	try {
		return await read(async <Row>(sql: string) => (await client.query(sql)).rows as Row[])
	} finally {
		await client.end()
	}
}
