/**
 * Signs a demo user in over HTTP against a running app that uses the development identity
 * provider, the way a browser does: GET /auth/login, follow the redirects to the provider's
 * interaction page, post its login form, follow the provider back to /auth/callback and on to the
 * page the sign-in was started for. Cookies live in a small jar per origin (path and expiry kept,
 * as a browser keeps them); every redirect is followed by hand (`redirect: 'manual'`), so each hop
 * is one real request. The CSRF token is read where a browser finds it: the hidden `csrf` field
 * of the forms on a signed-in page (app/components/csrf-input.tsx, in the app shell's sign-out
 * form on every page).
 *
 * The development provider asks for no password (server/auth/dev-idp.ts): the credential it
 * checks is the account posted from its form, so an account it does not list is the wrong
 * credential, and a listed account without a Chartside role is refused by the app.
 */

export const SESSION_COOKIE = 'chartside_session'

type StoredCookie = { name: string; value: string; path: string; expires: number | null }

/** Cookies by origin, with the path and expiry a browser honours (no Domain: host-only cookies). */
export class CookieJar {
	private readonly byOrigin = new Map<string, Map<string, StoredCookie>>()

	/** Stores every Set-Cookie of a response to `url`; an expired one removes the cookie. */
	store(url: URL, response: Response): void {
		for (const header of response.headers.getSetCookie()) {
			const [pair = '', ...attributes] = header.split(';')
			const eq = pair.indexOf('=')
			if (eq <= 0) continue
			const name = pair.slice(0, eq).trim()
			const value = pair.slice(eq + 1).trim()
			let path = defaultPath(url.pathname)
			let expires: number | null = null
			for (const attribute of attributes) {
				const [key = '', ...rest] = attribute.split('=')
				const v = rest.join('=').trim()
				switch (key.trim().toLowerCase()) {
					case 'path':
						if (v.startsWith('/')) path = v
						break
					case 'max-age':
						expires = Date.now() + Number(v) * 1000
						break
					case 'expires':
						// Max-Age wins over Expires (RFC 6265 5.3, step 3).
						if (!/max-age/i.test(header)) expires = Date.parse(v)
						break
				}
			}
			const cookies = this.cookiesOf(url.origin)
			const key = `${name};${path}`
			if (expires !== null && expires <= Date.now()) cookies.delete(key)
			else cookies.set(key, { name, value, path, expires })
		}
	}

	/** The Cookie header for `url`: longer paths first, expired cookies dropped. */
	header(url: URL): string {
		const now = Date.now()
		return [...this.cookiesOf(url.origin).values()]
			.filter((c) => (c.expires === null || c.expires > now) && pathMatches(url.pathname, c.path))
			.sort((a, b) => b.path.length - a.path.length)
			.map((c) => `${c.name}=${c.value}`)
			.join('; ')
	}

	/** A cookie's `name=value` for `origin`, or null. */
	get(origin: string, name: string): string | null {
		const found = [...this.cookiesOf(origin).values()].find((c) => c.name === name)
		return found ? `${found.name}=${found.value}` : null
	}

	private cookiesOf(origin: string): Map<string, StoredCookie> {
		let cookies = this.byOrigin.get(origin)
		if (!cookies) this.byOrigin.set(origin, (cookies = new Map()))
		return cookies
	}
}

/** RFC 6265 5.1.4: the default path is the request path up to its last slash. */
function defaultPath(pathname: string): string {
	const slash = pathname.lastIndexOf('/')
	return slash <= 0 ? '/' : pathname.slice(0, slash)
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
	return (
		requestPath === cookiePath ||
		(requestPath.startsWith(cookiePath) &&
			(cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))
	)
}

/** A signed-in session as a browser holds it. */
export type HttpSession = {
	/** `chartside_session=…`, ready for a Cookie header. */
	cookie: string
	/** The session's CSRF token, from the page's forms. */
	csrf: string
	/** The X-Request-Id of the /auth/callback response: the request that started the session. */
	signInRequestId: string
	/** Where the sign-in ended: the page it was started for. */
	landedOn: string
	/** The X-Request-Id of that page's response (it is a request of the session like any other). */
	landingRequestId: string
	/** The HTML of that page. */
	page: string
}

/** A sign-in that ended without a session, naming where the browser was left. */
export class SignInRefusedError extends Error {
	constructor(
		readonly endedAt: string,
		readonly status: number,
	) {
		super(`the sign-in ended without a session at ${endedAt} (HTTP ${status})`)
		this.name = 'SignInRefusedError'
	}
}

const MAX_HOPS = 20

/**
 * Signs `subject` in on the app at `base` (its APP_URL: the provider's issuer derives from it) and
 * returns the session. Throws SignInRefusedError when the flow ends without a session cookie.
 */
export async function signInOverHttp(
	base: string,
	subject: string,
	options: { returnTo?: string; jar?: CookieJar; signal?: AbortSignal } = {},
): Promise<HttpSession> {
	const jar = options.jar ?? new CookieJar()
	const app = new URL(base)
	let signInRequestId = ''

	const request = async (url: URL, init: RequestInit = {}) => {
		const cookie = jar.header(url)
		const response = await fetch(url, {
			...init,
			redirect: 'manual',
			...(options.signal ? { signal: options.signal } : {}),
			headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
		})
		jar.store(url, response)
		if (url.origin === app.origin && url.pathname === '/auth/callback')
			signInRequestId = response.headers.get('x-request-id') ?? ''
		return response
	}

	/** Follows redirects from `response` (to `url`) until a page is served. */
	const follow = async (url: URL, response: Response) => {
		for (let hop = 0; hop < MAX_HOPS; hop++) {
			const location = response.headers.get('location')
			if (response.status < 300 || response.status >= 400 || !location) return { url, response }
			await response.body?.cancel()
			url = new URL(location, url)
			response = await request(url)
		}
		throw new Error(`more than ${MAX_HOPS} redirects signing in ${subject}`)
	}

	const start = new URL(
		`/auth/login?returnTo=${encodeURIComponent(options.returnTo ?? '/patients')}`,
		app,
	)
	const login = await follow(start, await request(start))
	const loginPage = await login.response.text()
	const action = /<form method="post" action="([^"]+)"/.exec(loginPage)?.[1]
	if (login.response.status !== 200 || !action)
		throw new SignInRefusedError(login.url.pathname, login.response.status)
	const formUrl = new URL(action.replaceAll('&amp;', '&'), login.url)
	const posted = await request(formUrl, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: formUrl.origin,
			'sec-fetch-site': 'same-origin',
		},
		body: new URLSearchParams({ account: subject }),
	})
	const landed = await follow(formUrl, posted)
	const page = await landed.response.text()
	const cookie = jar.get(app.origin, SESSION_COOKIE)
	if (landed.response.status !== 200 || landed.url.origin !== app.origin || !cookie)
		throw new SignInRefusedError(
			`${landed.url.pathname}${landed.url.search}`,
			landed.response.status,
		)
	const csrf = csrfTokenIn(page)
	if (!csrf) throw new Error(`${landed.url.pathname} holds no CSRF token for ${subject}`)
	return {
		cookie,
		csrf,
		signInRequestId,
		landedOn: landed.url.pathname,
		landingRequestId: landed.response.headers.get('x-request-id') ?? '',
		page,
	}
}

/** The value of the hidden `csrf` field of a page's forms, or null when the page has none. */
export function csrfTokenIn(html: string): string | null {
	const input = /<input\b[^>]*\bname="csrf"[^>]*>/.exec(html)?.[0]
	return input ? (/\bvalue="([^"]*)"/.exec(input)?.[1] ?? null) : null
}
