/**
 * Boots the Chartside web server: validates configuration (a bad value stops boot, naming the
 * variable), opens the operational database and the ledger store, applies migrations, and serves
 * the Remix app. `npm start` runs the demo seed and the build first.
 *
 *   tsx server/main.ts          serve the production build in build/
 *   tsx server/main.ts --dev    serve through Vite's dev server (hot reload)
 *
 * Failures print plain words and an error code, never an error's message or stack (which may
 * carry database values).
 */
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import type express from 'express'
import { loadConfigOrExit } from './config/boot.ts'
import { describeBootFailure } from './boot-failure.ts'
import { createHttpApp } from './http/app.ts'
import { createLogger, errorFields, type Logger } from './log.ts'
import { modelsInUse } from './overview.ts'
import { createServices, type Services } from './services.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUILD = path.join(ROOT, 'build/server/index.js')

function fail(log: Logger, event: string, message: string, error?: unknown): never {
	log.error(event, error === undefined ? {} : errorFields(error))
	process.stderr.write(`Chartside cannot start: ${message}\n`)
	process.exit(1)
}

async function main(): Promise<void> {
	const config = loadConfigOrExit()
	const log = createLogger(config.logLevel)
	process.on('unhandledRejection', (error) =>
		fail(log, 'process.unhandled_rejection', 'an unexpected error occurred.', error),
	)
	process.on('uncaughtException', (error) =>
		fail(log, 'process.uncaught_exception', 'an unexpected error occurred.', error),
	)
	const dev = process.argv.includes('--dev')

	let services: Services
	try {
		services = await createServices(config, { log })
	} catch (error) {
		const { event, message } = describeBootFailure(error)
		fail(log, event, message, error)
	}

	let app: express.Express
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
		if (!existsSync(BUILD)) fail(log, 'boot.no_build', 'no build found. Run `npm run build` first.')
		let build: ServerBuild
		try {
			build = (await import(pathToFileURL(BUILD).href)) as ServerBuild
		} catch (error) {
			fail(
				log,
				'boot.build_unloadable',
				'the build in build/ could not be loaded; rebuild with `npm run build`.',
				error,
			)
		}
		app = createHttpApp({ services, build, clientDir: path.join(ROOT, 'build/client') })
	}

	const server: Server = app.listen(config.port, config.host, () => {
		log.info('server.listening', {
			url: config.appUrl,
			database: services.database.kind,
			ledgerStore: services.ledgerStore.kind,
			models: modelsInUse(config),
		})
	})
	server.on('error', (error) =>
		fail(log, 'server.listen_failed', `port ${config.port} is not available.`, error),
	)

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
