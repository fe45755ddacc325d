import { data, redirect, type AppLoadContext } from '@remix-run/node'
import type { AuditEvent } from '#server/audit/sink.ts'
import { POLICIES, type Permission } from '#server/auth/policy.ts'
import {
	actorOf,
	csrfTokenMatches,
	type ResolvedSession,
	type SessionUser,
} from '#server/auth/sessions.ts'
import type { RequestScope } from '#server/http/app-context.ts'

/**
 * Route guards. Every loader and action that serves anything but public pages starts with
 * requireUser or requirePermission; every action also calls requireCsrf. Guards throw Responses
 * (redirects or 403s) and record each refusal with the policy that made it. Patient data is
 * reached through requestScope(context, user), bound to the session the guard resolved.
 */

/** Resolves the session; an expired one is recorded once (when it is found to have expired). */
async function resolveSession(request: Request, context: AppLoadContext) {
	const resolution = await context.app.auth.resolve(request)
	if (resolution.status === 'expired' && resolution.reason !== 'ended') {
		await context.app.auth.recordExpired(
			{ userId: resolution.userId, role: resolution.role, sessionId: resolution.sessionId },
			context.requestId,
		)
	}
	return resolution
}

/** The signed-in user, or null. Ends (and records) an expired session. */
export async function getUser(
	request: Request,
	context: AppLoadContext,
): Promise<ResolvedSession | null> {
	const resolution = await resolveSession(request, context)
	return resolution.status === 'active' ? resolution.user : null
}

export async function requireUser(
	request: Request,
	context: AppLoadContext,
): Promise<ResolvedSession> {
	const resolution = await resolveSession(request, context)
	if (resolution.status === 'active') return resolution.user
	const headers = new Headers({ 'Set-Cookie': await context.app.auth.clearSessionCookie() })
	if (resolution.status === 'expired') throw redirect('/login?expired=1', { headers })
	const url = new URL(request.url)
	const returnTo = request.method === 'GET' ? `${url.pathname}${url.search}` : '/'
	throw redirect(`/login?returnTo=${encodeURIComponent(returnTo)}`, { headers })
}

export async function requirePermission(
	request: Request,
	context: AppLoadContext,
	permission: Permission,
): Promise<ResolvedSession> {
	const user = await requireUser(request, context)
	if (context.app.auth.can(user.role, permission)) return user
	return refuse(request, context, user, POLICIES.rbac, 'role')
}

/**
 * The signed-in user's operations for this request: the actor is the resolved session's, and the
 * scope stops working when the response has closed (ADR 031).
 */
export function requestScope(context: AppLoadContext, user: ResolvedSession): RequestScope {
	return context.app.forActor(user, { requestId: context.requestId, ended: context.requestEnded })
}

/** Every mutation echoes the session's CSRF token in a `csrf` form field. */
export async function requireCsrf(
	request: Request,
	context: AppLoadContext,
	user: SessionUser,
	form: FormData,
): Promise<void> {
	if (csrfTokenMatches(user.csrfToken, form.get('csrf'))) return
	return refuse(request, context, user, POLICIES.csrf, 'csrf')
}

/**
 * A form posted by a user who holds `permission`, carrying the session's CSRF token: the user and
 * the parsed form. Otherwise the refusal is recorded and answered as by requirePermission and
 * requireCsrf.
 */
export async function requirePermittedForm(
	request: Request,
	context: AppLoadContext,
	permission: Permission,
): Promise<{ user: ResolvedSession; form: FormData }> {
	const user = await requirePermission(request, context, permission)
	const form = await request.formData()
	await requireCsrf(request, context, user, form)
	return { user, form }
}

/** Records the refusal with the policy that made it, then answers 403. */
async function refuse(
	request: Request,
	context: AppLoadContext,
	user: SessionUser,
	policy: string,
	reason: 'role' | 'csrf',
): Promise<never> {
	await context.app.auth.recordDenied(
		actorOf(user),
		routeResource(request),
		policy,
		context.requestId,
	)
	throw data({ reason }, { status: 403 })
}

function routeResource(request: Request): AuditEvent['resource'] {
	return { type: 'route', id: new URL(request.url).pathname.slice(0, 200) }
}

export { PERMISSIONS } from '#server/auth/policy.ts'
export { safeReturnTo } from '#server/http/return-to.ts'
