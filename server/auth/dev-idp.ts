import { generateKeyPairSync } from 'node:crypto'
import express from 'express'
import Provider, { type Configuration } from 'oidc-provider'
import { AppError } from '../platform/errors.ts'
import { DEMO_USERS, DEV_IDP_OTHER_ACCOUNTS } from './demo-users.ts'

/**
 * The development identity provider: a real OpenID provider (oidc-provider) that the app mounts
 * under /dev-idp when no OIDC_ISSUER is configured. The app's OIDC client reaches it over HTTP
 * exactly as it would reach Entra ID, Okta or Keycloak. Its login page lists the demo accounts
 * (no passwords: development only). It refuses to exist in production.
 */
export type DevIdpOptions = {
	issuer: string
	clientId: string
	clientSecret: string
	redirectUri: string
	postLogoutRedirectUri: string
	cookieKey: string
	production: boolean
}

type Account = {
	subject: string
	displayName: string
	email: string
	roles: string[]
	title: string
}

const ACCOUNTS: Account[] = [
	...DEMO_USERS.map((u) => ({ ...u, roles: [u.role] })),
	...DEV_IDP_OTHER_ACCOUNTS,
]

export function createDevIdentityProvider(options: DevIdpOptions): express.Router {
	if (options.production) {
		throw new AppError(
			'AUTH_DEV_IDP_IN_PRODUCTION',
			'The development identity provider never runs with NODE_ENV=production; set OIDC_ISSUER.',
		)
	}
	const mountPath = new URL(options.issuer).pathname.replace(/\/+$/, '')
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
	const signingKey = {
		...privateKey.export({ format: 'jwk' }),
		kid: 'dev-idp-1',
		alg: 'RS256',
		use: 'sig',
	}

	const configuration: Configuration = {
		clients: [
			{
				client_id: options.clientId,
				client_secret: options.clientSecret,
				redirect_uris: [options.redirectUri],
				post_logout_redirect_uris: [options.postLogoutRedirectUri],
				grant_types: ['authorization_code'],
				response_types: ['code'],
				token_endpoint_auth_method: 'client_secret_basic',
			},
		],
		jwks: { keys: [signingKey as never] },
		pkce: { required: () => true },
		scopes: ['openid', 'profile', 'email', 'roles'],
		claims: { openid: ['sub'], profile: ['name'], email: ['email'], roles: ['roles'] },
		// Put the claims in the ID token (the app reads roles from it, as with Entra ID).
		conformIdTokenClaims: false,
		features: {
			devInteractions: { enabled: false },
			rpInitiatedLogout: { enabled: true, logoutSource },
		},
		cookies: { keys: [options.cookieKey] },
		ttl: {
			AccessToken: 600,
			AuthorizationCode: 60,
			IdToken: 600,
			Interaction: 600,
			Session: 3600,
			Grant: 3600,
		},
		interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
		// First-party client: no consent screen; the grant covers what the app asked for.
		async loadExistingGrant(ctx) {
			const session = ctx.oidc.session
			const client = ctx.oidc.client
			if (!session?.accountId || !client) return undefined
			const grantId = session.grantIdFor(client.clientId)
			if (grantId) return ctx.oidc.provider.Grant.find(grantId)
			const grant = new ctx.oidc.provider.Grant({
				clientId: client.clientId,
				accountId: session.accountId,
			})
			grant.addOIDCScope('openid profile email roles')
			await grant.save()
			return grant
		},
		async findAccount(_ctx, id) {
			const account = ACCOUNTS.find((a) => a.subject === id)
			if (!account) return undefined
			return {
				accountId: account.subject,
				claims: async () => ({
					sub: account.subject,
					name: account.displayName,
					email: account.email,
					roles: account.roles,
				}),
			}
		},
		renderError(ctx, out) {
			ctx.type = 'html'
			ctx.body = page(
				'Sign-in error',
				`<p>${escapeHtml(String(out.error_description ?? out.error))}</p>`,
			)
		},
	}
	const provider = new Provider(options.issuer, configuration)

	const router = express.Router()
	router.get('/interaction/:uid', async (req, res, next) => {
		try {
			const details = await provider.interactionDetails(req, res)
			res.type('html').send(loginPage(`${mountPath}/interaction/${details.uid}/login`))
		} catch (error) {
			next(error)
		}
	})
	router.post(
		'/interaction/:uid/login',
		express.urlencoded({ extended: false, limit: '2kb' }),
		async (req, res, next) => {
			try {
				const body: unknown = req.body
				const accountId =
					typeof body === 'object' && body !== null
						? (body as Record<string, unknown>).account
						: undefined
				const account = ACCOUNTS.find((a) => a.subject === accountId)
				if (!account) {
					res
						.status(400)
						.type('html')
						.send(page('Unknown account', '<p>Choose one of the listed demo accounts.</p>'))
					return
				}
				await provider.interactionFinished(
					req,
					res,
					{ login: { accountId: account.subject } },
					{ mergeWithLastSubmission: false },
				)
			} catch (error) {
				next(error)
			}
		},
	)
	router.use(provider.callback())
	return router
}

function loginPage(action: string): string {
	const buttons = ACCOUNTS.map(
		(a) => `
		<li>
			<form method="post" action="${escapeHtml(action)}">
				<input type="hidden" name="account" value="${escapeHtml(a.subject)}">
				<button type="submit">Sign in as ${escapeHtml(a.displayName)}</button>
				<span class="title">${escapeHtml(a.title)}</span>
			</form>
		</li>`,
	).join('')
	return page(
		'Demo Hospital sign-in',
		`<p class="dev">Development identity provider — for the synthetic demo only. It never runs in production, and it asks for no password.</p>
		<ul class="accounts" aria-label="Demo accounts">${buttons}</ul>`,
	)
}

async function logoutSource(ctx: { body?: unknown }, form: string): Promise<void> {
	ctx.body = page(
		'Sign out of Demo Hospital',
		`${form}<p>Sign out of the development identity provider as well?</p>
		<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign out</button>`,
	)
}

function page(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/dev-idp.css"></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
}

function escapeHtml(value: string): string {
	return value.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
	)
}
