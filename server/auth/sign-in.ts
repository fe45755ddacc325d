import type { Database } from '#db/client.ts'
import type { Role } from '#db/schema/users.ts'
import type { IdentityConfig } from '../config/index.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, SYSTEM_ACTOR, type AuditSink } from '../audit/sink.ts'
import { safeReturnTo } from '../http/return-to.ts'
import type { Logger } from '../log.ts'
import { DEV_IDP_ISSUER_ID } from './demo-users.ts'
import { AuthError, type OidcClient } from './oidc.ts'
import { POLICIES } from './policy.ts'
import { recordAccess } from './record-access.ts'
import type { SessionManager } from './sessions.ts'
import { upsertUser } from './users.ts'

export type SignInResult =
	{ status: 'signed-in'; setCookie: string; returnTo: string } | { status: 'no-role' }

/**
 * Sign-in and sign-out as use cases: the OIDC exchange, the user upsert, the session, and the
 * audit events around them. Routes only move cookies and redirects.
 */
export function createSignInService(options: {
	db: Database
	identity: IdentityConfig
	oidc: OidcClient
	sessions: SessionManager
	sink: AuditSink
	log: Logger
}) {
	const { db, identity, oidc, sessions, sink, log } = options
	// The development provider's issuer URL changes with the port; its users are stored under one
	// stable issuer id so that seeded care teams follow them.
	const issuerId = (iss: string) => (identity.kind === 'development' ? DEV_IDP_ISSUER_ID : iss)

	return {
		async begin(returnTo: string): Promise<{ redirectTo: string; setCookie: string }> {
			const { url, pending } = await oidc.beginSignIn(safeReturnTo(returnTo, identity.redirectUri))
			return { redirectTo: url.href, setCookie: await sessions.savePending(pending) }
		},

		async complete(request: Request, requestId: string): Promise<SignInResult> {
			const pending = await sessions.readPending(request)
			if (!pending)
				throw new AuthError(
					'AUTH_SIGN_IN_STATE_MISSING',
					'Your sign-in took too long or was started elsewhere. Please sign in again.',
				)
			const verified = await oidc.completeSignIn(
				new URL(request.url, identity.redirectUri),
				pending,
			)
			if (!verified.role) {
				await recordAccess(sink, log, {
					requestId,
					actor: SYSTEM_ACTOR,
					component: AUDIT_COMPONENTS.auth,
					action: AUDIT_ACTIONS.signInRefused,
					decision: 'deny',
					policy: POLICIES.unknownRole,
					resource: { type: 'route', id: '/auth/callback' },
				})
				return { status: 'no-role' }
			}
			const user = await upsertUser(db, {
				...verified,
				issuer: issuerId(verified.issuer),
				role: verified.role,
			})
			// A new sign-in in this browser ends whatever session it held before.
			const previous = await sessions.sessionIdOf(request)
			if (previous) await sessions.end(previous, 'replaced')
			const { sessionId, setCookie } = await sessions.start(user.id, verified.idToken)
			await recordAccess(sink, log, {
				requestId,
				actor: { userId: user.id, role: user.role, sessionId },
				component: AUDIT_COMPONENTS.auth,
				action: AUDIT_ACTIONS.signIn,
				decision: 'allow',
				policy: POLICIES.authentication,
				resource: { type: 'session', id: sessionId },
			})
			return { status: 'signed-in', setCookie, returnTo: pending.returnTo }
		},

		/** Ends the session; returns where to send the browser (the provider's end-session URL if any). */
		async signOut(
			user: { id: string; role: Role; sessionId: string },
			requestId: string,
		): Promise<string> {
			const idToken = await sessions.end(user.sessionId, 'sign-out')
			await recordAccess(sink, log, {
				requestId,
				actor: { userId: user.id, role: user.role, sessionId: user.sessionId },
				component: AUDIT_COMPONENTS.auth,
				action: AUDIT_ACTIONS.signOut,
				decision: 'allow',
				policy: POLICIES.authentication,
				resource: { type: 'session', id: user.sessionId },
			})
			const endSession = await oidc.endSessionUrl(idToken)
			return endSession?.href ?? '/login?signed-out=1'
		},
	}
}

export type SignInService = ReturnType<typeof createSignInService>
