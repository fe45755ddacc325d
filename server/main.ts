/**
 * Boots the Chartside web server: validates configuration (a bad value stops boot, naming the
 * variable), opens the operational database and the ledger store, applies migrations, and serves
 * the Remix app. `npm start` runs the demo seed first (ingest/demo/seed.cli.ts).
 *
 *   tsx server/main.ts          serve the production build in build/
 *   tsx server/main.ts --dev    serve through Vite's dev server (hot reload)
 */
import type { Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { ConfigError, getConfig, type Config } from './config/index.ts'
import { createHttpApp } from './http/app.ts'
import { errorFields, log, setLogLevel } from './log.ts'
import { createServices, type Services } from './services.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

async function main(): Promise<void> {
	let config: Config
	try {
		config = getConfig()
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(`Chartside cannot start.\n${error.message}\n`)
			process.exit(1)
		}
		throw error
	}
	setLogLevel(config.logLevel)
	const dev = process.argv.includes('--dev')

	let services: Services
	try {
		services = await createServices(config)
	} catch (error) {
		log.error('boot.database_unavailable', errorFields(error))
		process.stderr.write(
			'Chartside cannot start: the database or the ledger store could not be opened and migrated.\n' +
				'Check DATABASE_URL / AUDIT_DATABASE_URL, or DATA_DIR for the embedded stores.\n',
		)
		process.exit(1)
	}

	let app
	if (dev) {
		const vite = await import('vite').then((v) =>
			v.createServer({ root: ROOT, server: { middlewareMode: true } }),
		)
		app = createHttpApp({
			services,
			devMiddleware: vite.middlewares,
			build: () => vite.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>,
		})
	} else {
		const buildPath = path.join(ROOT, 'build/server/index.js')
		const build = (await import(pathToFileURL(buildPath).href).catch(
			() => null,
		)) as ServerBuild | null
		if (!build) {
			process.stderr.write('Chartside cannot start: no build found. Run `npm run build` first.\n')
			await services.close()
			process.exit(1)
		}
		app = createHttpApp({ services, build, clientDir: path.join(ROOT, 'build/client') })
	}

	const server: Server = app.listen(config.port, config.host, () => {
		log.info('server.listening', {
			url: `http://localhost:${config.port}`,
			database: services.database.kind,
			ledgerStore: services.ledgerStore.kind,
			models: 'local deterministic',
		})
	})
	server.on('error', (error) => {
		log.error('server.listen_failed', errorFields(error))
		process.exit(1)
	})

	let closing = false
	const shutdown = (signal: string) => {
		if (closing) return
		closing = true
		log.info('server.stopping', { signal })
		server.close(() => {
			void services.close().then(() => process.exit(0))
		})
		setTimeout(() => process.exit(0), 5_000).unref()
	}
	process.on('SIGTERM', () => shutdown('SIGTERM'))
	process.on('SIGINT', () => shutdown('SIGINT'))
}

await main()
