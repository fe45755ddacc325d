import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { errorFields, log } from '../log.ts'
import type { Services } from '../services.ts'
import type { ChartsideLoadContext } from './load-context.ts'
import { requestIdFrom } from './request-id.ts'
import { createNonce, securityHeaders } from './security-headers.ts'

export type HttpAppOptions = {
	services: Services
	/** The Remix server build: a module, or a loader of it (Vite's dev server). */
	build: ServerBuild | (() => Promise<ServerBuild>)
	/** Folder with the built browser assets (build/client); unused in development. */
	clientDir?: string
	/** Connect middleware of Vite's dev server, when running `npm run dev`. */
	devMiddleware?: express.RequestHandler
}

/** The HTTP edge: request ids, security headers, static assets, then Remix for everything else. */
export function createHttpApp(options: HttpAppOptions): express.Express {
	const { services } = options
	const production = services.config.env === 'production' || services.config.trustProxy
	const app = express()
	app.disable('x-powered-by')
	if (services.config.trustProxy) app.set('trust proxy', true)

	app.use((req, res, next) => {
		const requestId = requestIdFrom(req.headers['x-request-id'])
		const cspNonce = createNonce()
		res.locals.requestId = requestId
		res.locals.cspNonce = cspNonce
		res.setHeader('X-Request-Id', requestId)
		const headers = securityHeaders({
			nonce: cspNonce,
			production,
			development: Boolean(options.devMiddleware),
		})
		for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
		const started = performance.now()
		res.on('finish', () => {
			log.info('http.request', {
				requestId,
				method: req.method,
				route: redactIds(req.path),
				status: res.statusCode,
				ms: Math.round(performance.now() - started),
			})
		})
		next()
	})

	if (options.devMiddleware) {
		app.use(options.devMiddleware)
	} else if (options.clientDir) {
		app.use(
			'/assets',
			express.static(path.join(options.clientDir, 'assets'), { immutable: true, maxAge: '1y' }),
		)
		app.use(express.static(options.clientDir, { maxAge: '1h', index: false }))
	}

	app.all(
		'*',
		createRequestHandler({
			build: options.build,
			mode: services.config.env === 'production' ? 'production' : 'development',
			getLoadContext: (_req, res): ChartsideLoadContext => ({
				requestId: String(res.locals.requestId),
				cspNonce: String(res.locals.cspNonce),
				services,
			}),
		}),
	)

	// Last resort: an error that escaped Remix. Plain words and the request id, nothing else.
	app.use(
		(error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
			const requestId = String(res.locals.requestId)
			log.error('http.unhandled', { requestId, ...errorFields(error) })
			if (res.headersSent) return next(error)
			res
				.status(500)
				.type('text/plain')
				.send(`Something went wrong on our side. Request id: ${requestId}\n`)
		},
	)
	return app
}

/** Paths may carry record ids; the log keeps the route's shape only. */
export function redactIds(pathname: string): string {
	return pathname
		.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
		.replace(/\/\d+(?=\/|$)/g, '/:n')
}
