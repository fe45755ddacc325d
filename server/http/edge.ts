import type express from 'express'
import type { Logger } from '../log.ts'
import { requestIdFrom } from './request-id.ts'
import { createNonce, securityHeaders } from './security-headers.ts'

export type EdgeOptions = {
	log: Logger
	/** One TLS-terminating proxy is trusted (TRUST_PROXY): its X-Request-Id is kept. */
	trustProxy: boolean
	/** Vite's dev server is mounted (relaxed style-src). */
	development: boolean
	/** The app's own origin (from APP_URL): state-changing requests from any other are refused. */
	appOrigin?: string
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The first middleware of every request: a request id (a trusted proxy's, or a fresh one), a CSP
 * nonce, the security headers, `Cache-Control: no-store` (pages and data may carry PHI; static
 * assets override it), and one access-log line without record identifiers.
 */
export function edgeMiddleware(options: EdgeOptions): express.RequestHandler {
	return (req, res, next) => {
		const requestId = requestIdFrom(options.trustProxy ? req.headers['x-request-id'] : undefined)
		const cspNonce = createNonce()
		res.locals.requestId = requestId
		res.locals.cspNonce = cspNonce
		res.setHeader('X-Request-Id', requestId)
		res.setHeader('Cache-Control', 'no-store')
		// req.secure is true for TLS, or behind a trusted proxy that says it terminated TLS.
		const headers = securityHeaders({
			nonce: cspNonce,
			secure: req.secure,
			development: options.development,
		})
		for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
		// CSRF, first layer: refuse a state-changing request a browser marks as coming from another
		// site, before any handler runs. (The second layer is the per-session token in every form.)
		if (!SAFE_METHODS.has(req.method) && options.appOrigin && isCrossSite(req, options.appOrigin)) {
			options.log.warn('http.cross_site_refused', { requestId, method: req.method })
			res
				.status(403)
				.type('text/plain')
				.send(`Cross-site request refused. Request id: ${requestId}\n`)
			return
		}
		const started = performance.now()
		res.on('finish', () => {
			options.log.info('http.request', {
				requestId,
				method: req.method,
				route: routeShape(req.path),
				status: res.statusCode,
				ms: Math.round(performance.now() - started),
			})
		})
		next()
	}
}

/**
 * What the access log keeps of a path: its first segment only. Later segments may hold record
 * numbers, names typed into a search, or ids, none of which belong in an application log.
 */
export function routeShape(pathname: string): string {
	const [first, ...rest] = pathname.split('/').filter(Boolean)
	if (!first) return '/'
	const head = /^[a-z0-9._-]{1,40}$/i.test(first) && !/\d{3,}/.test(first) ? first : ':segment'
	return rest.length > 0 ? `/${head}/…` : `/${head}`
}

/**
 * Browsers label every request with Sec-Fetch-Site; trust it first. Without it, compare Origin,
 * except "null", which browsers send for same-origin posts under Referrer-Policy: no-referrer.
 * Non-browser clients send neither and still need a session and its CSRF token.
 */
function isCrossSite(req: express.Request, appOrigin: string): boolean {
	const site = req.headers['sec-fetch-site']
	if (typeof site === 'string') return site !== 'same-origin' && site !== 'none'
	const origin = req.headers.origin
	return typeof origin === 'string' && origin !== 'null' && origin !== appOrigin
}

/** Applies the edge to an Express app: no framework banner, proxy trust as configured, the middleware. */
export function configureEdge(app: express.Express, options: EdgeOptions): void {
	app.disable('x-powered-by')
	// One TLS-terminating proxy in front, when configured; never "trust every hop".
	app.set('trust proxy', options.trustProxy ? 1 : false)
	app.use(edgeMiddleware(options))
}
