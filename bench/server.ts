import type { PGlite } from '@electric-sql/pglite'
import { serverDatabases, type ServerDatabases } from '#tests/helpers/server-databases.ts'

/**
 * The PostgreSQL server the retrieval and ledger suites run on a second time (`--server URL`, or
 * BENCH_DATABASE_URL): a superuser URL of a server where pgvector is available. The benchmark
 * makes its own logins and databases there, all named `chartside_bench_…` (apart from the
 * integration tests' `chartside_test_…`), migrates them with `npm run db:migrate`'s code, and
 * measures as the application logins that own nothing, as production runs. Every database it
 * made is dropped at the end, and any left by an interrupted run at the start of the next.
 */
export type BenchServer = {
	databases: ServerDatabases
	/** For the table's notes and the JSON: the server's and pgvector's versions. */
	description: string
	/** Drops every database the benchmark made on the server. */
	close(): Promise<void>
}

/** The flag, else the environment; null when neither names a server. Throws on a non-URL. */
export function serverUrlFrom(flag: string | undefined, env: string | undefined): string | null {
	const raw = (flag || env || '').trim()
	if (!raw) return null
	let url: URL
	try {
		url = new URL(raw)
	} catch {
		throw new Error('--server (or BENCH_DATABASE_URL) must be a postgres:// URL')
	}
	if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
		throw new Error(
			`--server (or BENCH_DATABASE_URL) must be a postgres:// URL, not ${url.protocol}`,
		)
	return raw
}

export const SERVER_SKIPPED =
	'server figures skipped: no PostgreSQL server configured. To run retrieval and the ledger a ' +
	'second time on one, pass --server postgres://SUPERUSER:PASSWORD@HOST:5432/postgres or set ' +
	'BENCH_DATABASE_URL (a superuser URL; pgvector must be available on the server).'

/** Checks the server, then makes the benchmark's logins and migrated template databases. */
export async function openBenchServer(url: string): Promise<BenchServer> {
	const databases = serverDatabases(url, 'bench')
	const description = await databases.asSuperuser(async (client) => {
		const { rows } = await client.query<{ server: string; vector: string | null }>(
			`select current_setting('server_version') as server,
				(select default_version from pg_available_extensions where name = 'vector') as vector`,
		)
		const row = rows[0]
		if (!row?.vector) throw new Error('the benchmark server has no pgvector extension available')
		return `PostgreSQL ${row.server.split(' ')[0]}, pgvector ${row.vector}`
	})
	try {
		await databases.prepare()
	} catch (error) {
		await databases.dropAll()
		throw error
	}
	return { databases, description, close: () => databases.dropAll() }
}

/** SQL as the tables' owner, for bulk loads: several statements at once through `exec`. */
export type Owner = {
	exec(statements: string): Promise<void>
	query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>
}

/** PGlite's only user owns everything. */
export function pgliteOwner(pglite: PGlite): Owner {
	return {
		exec: async (statements) => void (await pglite.exec(statements)),
		query: async <Row extends Record<string, unknown>>(text: string, params?: unknown[]) =>
			(await pglite.query<Row>(text, params)).rows,
	}
}

/**
 * The migrator of a server database (`asOwner` of tests/helpers/server-databases.ts): node-postgres
 * sends a query without parameters as a simple query, so `exec` may hold several statements.
 */
export function serverOwner(store: {
	asOwner<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>
}): Owner {
	return {
		exec: async (statements) => void (await store.asOwner(statements)),
		query: (text, params) => store.asOwner(text, params),
	}
}
