import { randomBytes } from 'node:crypto'

/** A fresh CSP nonce for one response. */
export function createNonce(): string {
	return randomBytes(16).toString('base64')
}

/**
 * Response headers every Chartside response carries. The content security policy allows scripts
 * only from this origin or with this response's nonce (Remix's inline hydration data), no framing,
 * no plugins; referrers are never sent; HSTS is on whenever the request came over TLS.
 */
export function securityHeaders(options: {
	nonce: string
	/** The request arrived over TLS (directly or through a trusted proxy): HSTS and upgrades. */
	secure: boolean
	/** Vite's dev server needs inline styles and a websocket; never in production. */
	development?: boolean
}): Record<string, string> {
	const csp = [
		"default-src 'self'",
		`script-src 'self' 'nonce-${options.nonce}'`,
		options.development ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		options.development ? "connect-src 'self' ws:" : "connect-src 'self'",
		"frame-ancestors 'none'",
		"form-action 'self'",
		"base-uri 'none'",
		"object-src 'none'",
		...(options.secure ? ['upgrade-insecure-requests'] : []),
	].join('; ')
	const headers: Record<string, string> = {
		'Content-Security-Policy': csp,
		'Referrer-Policy': 'no-referrer',
		'X-Content-Type-Options': 'nosniff',
		'X-Frame-Options': 'DENY',
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Resource-Policy': 'same-origin',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	}
	if (options.secure) {
		headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
	}
	return headers
}
