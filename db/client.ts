import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
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
/** A transaction of a Database: what `db.transaction(work)` hands to `work`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]

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

/**
 * Raised when an embedded store's directory is already open in another live process. PGlite has
 * no lock of its own, and two processes writing one directory corrupt it (the audit CLI beside a
 * running app, a second `npm start`).
 */
export class StoreInUseError extends Error {
	readonly code = 'DB_STORE_IN_USE'
	constructor(
		readonly dataDir: string,
		readonly pid: number,
	) {
		super(`The embedded store ${dataDir} is open in process ${pid}.`)
		this.name = 'StoreInUseError'
	}
}

/** Takes `<dataDir>.lock` for this process; a lock left by a process that has died is taken over. */
function lockStore(dataDir: string): () => void {
	const lockFile = `${path.resolve(dataDir)}.lock`
	mkdirSync(path.dirname(lockFile), { recursive: true })
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
			return () => rmSync(lockFile, { force: true })
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
			const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10)
			if (Number.isSafeInteger(holder) && holder > 0 && isAlive(holder))
				throw new StoreInUseError(dataDir, holder)
			rmSync(lockFile, { force: true })
		}
	}
	throw new StoreInUseError(dataDir, -1)
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0)
		return true
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM'
	}
}

async function openEmbedded(
	options: Extract<ConnectionOptions, { kind: 'embedded' }>,
): Promise<DatabaseHandle> {
	const unlock = options.dataDir ? lockStore(options.dataDir) : () => undefined
	let client: PGlite
	try {
		client = await PGlite.create({
			...(options.dataDir ? { dataDir: options.dataDir } : {}),
			extensions: { vector },
		})
	} catch (error) {
		unlock()
		throw error
	}
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
			unlock()
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
