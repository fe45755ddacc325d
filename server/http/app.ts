import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'
import { errorFields } from '../log.ts'
import type { Services } from '../services.ts'
import { createAppContext } from './app-context.ts'
import { configureEdge } from './edge.ts'
import type { ChartsideLoadContext } from './load-context.ts'

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
	const development = Boolean(options.devMiddleware)
	const app = express()
	configureEdge(app, {
		log: services.log,
		trustProxy: services.config.trustProxy,
		development,
		appOrigin: new URL(services.config.appUrl).origin,
	})
	if (services.devIdentityProvider) {
		app.use(new URL(services.config.identity.issuer).pathname, services.devIdentityProvider)
	}

	if (options.devMiddleware) {
		app.use(options.devMiddleware)
	} else if (options.clientDir) {
		// Fingerprinted build assets hold no PHI and never change: cache them for a year.
		app.use(
			'/assets',
			express.static(path.join(options.clientDir, 'assets'), { immutable: true, maxAge: '1y' }),
		)
		app.use(express.static(options.clientDir, { maxAge: '1h', index: false }))
	}

	const appContext = createAppContext(services)
	app.all(
		'*',
		createRequestHandler({
			build: options.build,
			// Production mode outside `npm run dev`: Remix then replaces error messages and stacks
			// with a generic text before anything is sent to the browser
			// (tests/integration/error-pages.int.test.ts).
			mode: development ? 'development' : 'production',
			getLoadContext: (_req, res): ChartsideLoadContext => {
				// The request's lifetime: once the response has closed (sent, streamed to its end, or
				// dropped by the client), the PatientData handles made for it refuse all work.
				const ended = new AbortController()
				res.on('close', () => ended.abort())
				return {
					requestId: String(res.locals.requestId),
					cspNonce: String(res.locals.cspNonce),
					requestEnded: ended.signal,
					app: appContext,
				}
			},
		}),
	)

	// Last resort: an error that escaped Remix. Plain words and the request id, nothing else.
	app.use(
		(error: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
			const requestId = String(res.locals.requestId)
			services.log.error('http.unhandled', { requestId, ...errorFields(error) })
			if (res.headersSent) return next(error)
			res
				.status(500)
				.type('text/plain')
				.send(`Something went wrong on our side. Request id: ${requestId}\n`)
		},
	)
	return app
}
