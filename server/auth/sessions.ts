import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { and, eq, isNull } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { sessions } from '#db/schema/sessions.ts'
import { users, type Role } from '#db/schema/users.ts'
import { sha256Hex } from '../platform/hashing.ts'
import type { PendingSignIn } from './oidc.ts'
import type { Actor } from './scope.ts'

/**
 * Server-side sessions behind a signed, httpOnly, SameSite=Lax cookie (Secure when APP_URL is
 * https). A session ends on sign-out, after SESSION_IDLE_MINUTES without a request (automatic
 * logoff), or SESSION_MAX_HOURS after sign-in, whichever comes first. Each session carries a CSRF
 * token that every form must echo.
 */
export type SessionUser = {
	id: string
	sessionId: string
	role: Role
	displayName: string
	csrfToken: string
}

/** Who acts, for the ledger and row-level security: the session's user, role and session id. */
export const actorOf = (user: SessionUser): Actor => ({
	userId: user.id,
	role: user.role,
	sessionId: user.sessionId,
})

declare const resolved: unique symbol
/**
 * A session user as resolve() found it on the server: the only thing a request-bound data handle
 * is made from (auth/patient-data.ts). The brand cannot be written outside this module, and
 * isResolvedSession() checks at run time that resolve() made the object.
 */
export type ResolvedSession = SessionUser & { readonly [resolved]: true }

const RESOLVED = new WeakSet<object>()

export function isResolvedSession(value: unknown): value is ResolvedSession {
	return typeof value === 'object' && value !== null && RESOLVED.has(value)
}

export type SessionResolution =
	| { status: 'none' }
	| {
			status: 'expired'
			sessionId: string
			userId: string
			role: Role
			reason: 'idle' | 'absolute' | 'ended'
	  }
	| { status: 'active'; user: ResolvedSession }

export type SessionManager = ReturnType<typeof createSessionManager>

// lastSeenAt is written at most this often; the idle check allows for it (users are never logged
// out early by more than this).
const TOUCH_EVERY_MS = 15_000

export function createSessionManager(options: {
	db: Database
	secret: string
	idleMinutes: number
	maxHours: number
	secureCookies: boolean
	now?: () => Date
}) {
	const now = options.now ?? (() => new Date())
	const idleMs = options.idleMinutes * 60_000
	const sessionCookie = createCookie('chartside_session', {
		httpOnly: true,
		sameSite: 'lax',
		secure: options.secureCookies,
		path: '/',
		secrets: [options.secret],
	})
	// Holds state, nonce and PKCE verifier between the redirect to the provider and its return.
	const signInCookie = createCookie('chartside_signin', {
		httpOnly: true,
		sameSite: 'lax',
		secure: options.secureCookies,
		path: '/auth',
		maxAge: 600,
		secrets: [options.secret],
	})

	/** The session token from the cookie (signature checked), or null. */
	async function tokenFrom(request: Request): Promise<string | null> {
		const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'))
		return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null
	}

	return {
		idleMinutes: options.idleMinutes,

		async start(
			userId: string,
			idToken: string | null,
		): Promise<{ sessionId: string; setCookie: string }> {
			const created = now()
			const token = randomBytes(32).toString('base64url')
			const [row] = await options.db
				.insert(sessions)
				.values({
					userId,
					idToken,
					tokenHash: hashToken(token),
					csrfToken: randomBytes(32).toString('base64url'),
					createdAt: created,
					lastSeenAt: created,
					expiresAt: new Date(created.getTime() + options.maxHours * 3_600_000),
				})
				.returning({ id: sessions.id })
			if (!row) throw new Error('session not created')
			return { sessionId: row.id, setCookie: await sessionCookie.serialize(token) }
		},

		/** The id of the session this request's cookie names, ended or not (to end it at re-sign-in). */
		async sessionIdOf(request: Request): Promise<string | null> {
			const token = await tokenFrom(request)
			if (!token) return null
			const [row] = await options.db
				.select({ id: sessions.id })
				.from(sessions)
				.where(eq(sessions.tokenHash, hashToken(token)))
			return row?.id ?? null
		},

		async resolve(request: Request): Promise<SessionResolution> {
			const token = await tokenFrom(request)
			if (!token) return { status: 'none' }
			const [row] = await options.db
				.select({ session: sessions, user: users })
				.from(sessions)
				.innerJoin(users, eq(users.id, sessions.userId))
				.where(eq(sessions.tokenHash, hashToken(token)))
			if (!row) return { status: 'none' }
			const { session, user } = row
			const sessionId = session.id
			const at = now()
			const expired = (reason: 'idle' | 'absolute' | 'ended') =>
				({ status: 'expired', sessionId, userId: user.id, role: user.role, reason }) as const
			if (session.endedAt) return expired('ended')
			const reason =
				at >= session.expiresAt
					? 'absolute'
					: at.getTime() - session.lastSeenAt.getTime() >= idleMs
						? 'idle'
						: null
			if (reason) {
				await options.db
					.update(sessions)
					.set({ endedAt: at, endReason: reason })
					.where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
				return expired(reason)
			}
			if (at.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
				await options.db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, sessionId))
			}
			const resolvedUser: SessionUser = {
				id: user.id,
				sessionId,
				role: user.role,
				displayName: user.displayName,
				csrfToken: session.csrfToken,
			}
			RESOLVED.add(resolvedUser)
			return { status: 'active', user: resolvedUser as ResolvedSession }
		},

		/** Ends the session; returns the ID token to hint the provider's end-session endpoint. */
		async end(sessionId: string, reason: string): Promise<string | null> {
			const [row] = await options.db
				.update(sessions)
				.set({ endedAt: now(), endReason: reason })
				.where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
				.returning({ idToken: sessions.idToken })
			return row?.idToken ?? null
		},

		clearCookie: () => sessionCookie.serialize('', { maxAge: 0 }),

		savePending: (pending: PendingSignIn) => signInCookie.serialize(pending),

		async readPending(request: Request): Promise<PendingSignIn | null> {
			const value: unknown = await signInCookie.parse(request.headers.get('Cookie'))
			if (typeof value !== 'object' || value === null) return null
			const v = value as Record<string, unknown>
			const fields = ['state', 'nonce', 'codeVerifier', 'returnTo'] as const
			if (!fields.every((f) => typeof v[f] === 'string')) return null
			return {
				state: String(v.state),
				nonce: String(v.nonce),
				codeVerifier: String(v.codeVerifier),
				returnTo: String(v.returnTo),
			}
		},

		clearPending: () => signInCookie.serialize('', { maxAge: 0 }),
	}
}

const hashToken = sha256Hex

/** Compares a submitted CSRF token with the session's in constant time. */
export function csrfTokenMatches(expected: string, submitted: unknown): boolean {
	if (typeof submitted !== 'string') return false
	const a = Buffer.from(expected)
	const b = Buffer.from(submitted)
	return a.length === b.length && timingSafeEqual(a, b)
}
