import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'
import { freePort } from './free-port.ts'

/**
 * A PostgreSQL server for tests: PGlite (real Postgres with pgvector) served over the Postgres wire
 * protocol, so the production driver (node-postgres) and its connection code run against it.
 * All connections share one Postgres session (a pglite-socket property): keep transactions short
 * and use SET LOCAL for per-transaction settings.
 */
export type WirePostgres = { url: string; pglite: PGlite; stop(): Promise<void> }

export async function startWirePostgres(options: { dataDir?: string } = {}): Promise<WirePostgres> {
	const pglite = await PGlite.create({
		...(options.dataDir ? { dataDir: options.dataDir } : {}),
		extensions: { vector },
	})
	const port = await freePort()
	const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port, maxConnections: 16 })
	await server.start()
	return {
		url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
		pglite,
		async stop() {
			await server.stop()
			await pglite.close()
		},
	}
}
