import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import pg from 'pg'
import * as schema from './schema/index.ts'

/**
 * How to reach a PostgreSQL database. `embedded` is PGlite (PostgreSQL compiled to WebAssembly)
 * in a directory, or in memory when `dataDir` is omitted; `server` is a PostgreSQL server reached
 * through the production driver (node-postgres).
 */
export type ConnectionOptions =
	| { kind: 'embedded'; dataDir?: string; statementTimeoutMs?: number }
	| {
			kind: 'server'
			url: string
			poolMax?: number
			connectTimeoutMs?: number
			idleTimeoutMs?: number
			statementTimeoutMs?: number
			/** Name reported to the server (pg_stat_activity). */
			applicationName?: string
			/** Told when an idle pooled connection fails (the pool replaces it; the process goes on). */
			onIdleError?: (error: Error) => void
	  }

export type Schema = typeof schema
export type Database = PgDatabase<PgQueryResultHKT, Schema>

/** An open store without a typed schema: raw queries, health and lifecycle. */
export type StoreHandle = {
	readonly kind: ConnectionOptions['kind']
	/** Raw parameterised SQL for the few places drizzle does not fit (benchmarks, health). */
	query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>
	/** Throws if the database does not answer. */
	ping(): Promise<void>
	close(): Promise<void>
	/** The embedded engine, when embedded (used to serve it over the wire in tests). */
	readonly pglite: PGlite | null
}

/** An open operational database: the typed drizzle handle plus what the process needs. */
export type DatabaseHandle = StoreHandle & { readonly db: Database }

export async function openDatabase(options: ConnectionOptions): Promise<DatabaseHandle> {
	return options.kind === 'embedded' ? openEmbedded(options) : openServer(options)
}

async function openEmbedded(
	options: Extract<ConnectionOptions, { kind: 'embedded' }>,
): Promise<DatabaseHandle> {
	const client = await PGlite.create({
		...(options.dataDir ? { dataDir: options.dataDir } : {}),
		extensions: { vector },
	})
	if (options.statementTimeoutMs) {
		await client.exec(`SET statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`)
	}
	const db = drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database
	return {
		kind: 'embedded',
		db,
		pglite: client,
		async query<Row>(text: string, params: unknown[] = []) {
			const result = await client.query<Row>(text, params)
			return result.rows
		},
		async ping() {
			await client.query('select 1')
		},
		async close() {
			if (!client.closed) await client.close()
		},
	}
}

async function openServer(
	options: Extract<ConnectionOptions, { kind: 'server' }>,
): Promise<DatabaseHandle> {
	const pool = new pg.Pool({
		connectionString: options.url,
		max: options.poolMax ?? 10,
		connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
		idleTimeoutMillis: options.idleTimeoutMs ?? 30_000,
		application_name: options.applicationName ?? 'chartside',
		...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
	})
	// An idle client losing its connection must not crash the process; the pool replaces it.
	pool.on('error', (error) => options.onIdleError?.(error))
	const db = drizzleNodePg(pool, { schema, casing: 'snake_case' }) as unknown as Database
	const handle: DatabaseHandle = {
		kind: 'server',
		db,
		pglite: null,
		async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
			const result = await pool.query<Row>(text, params)
			return result.rows
		},
		async ping() {
			await pool.query('select 1')
		},
		async close() {
			await pool.end()
		},
	}
	// Fail at open, not at the first request, when the server cannot be reached.
	await handle.ping()
	return handle
}
