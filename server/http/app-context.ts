import type { LedgerRow, LedgerSearch, LedgerStatus, VerifyReport } from '../audit/ledger.ts'
import type { AuditEvent } from '../audit/sink.ts'
import type { CareTeamService } from '../auth/care-teams.ts'
import type { Permission } from '../auth/policy.ts'
import { can, POLICIES } from '../auth/policy.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { Actor } from '../auth/scope.ts'
import type { SessionResolution } from '../auth/sessions.ts'
import type { SignInService } from '../auth/sign-in.ts'
import type { ChartService } from '../chart/patients.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS } from '../audit/sink.ts'
import { hasCode } from '../platform/errors.ts'
import { statusOf } from '../platform/http-errors.ts'
import { checkHealth, type HealthStatus } from '../health.ts'
import type { Logger } from '../log.ts'
import { getSystemOverview, type SystemOverview } from '../overview.ts'
import type { Services } from '../services.ts'

/**
 * What route loaders and actions may use: named operations, not the raw database or the
 * configuration (which holds secrets). Operations on patient data take the acting user and are
 * scoped in SQL and by row-level security, so a handler cannot forget to check access.
 */
export type AppContext = {
	log: Logger
	health(): Promise<HealthStatus>
	overview(): Promise<SystemOverview>
	auth: {
		idleMinutes: number
		resolve(request: Request): Promise<SessionResolution>
		begin: SignInService['begin']
		complete: SignInService['complete']
		signOut: SignInService['signOut']
		clearSessionCookie(): Promise<string>
		clearSignInCookie(): Promise<string>
		/** Records a refusal (permission, CSRF) with the policy that made it; always before the 403. */
		recordDenied(
			actor: Actor | null,
			resource: AuditEvent['resource'],
			policy: string,
			requestId: string,
		): Promise<void>
		/** Records an ended session (idle or absolute timeout). */
		recordExpired(actor: Actor, requestId: string): Promise<void>
		can(role: Actor['role'], permission: Permission): boolean
	}
	chart: Pick<ChartService, 'listPatients' | 'openChart' | 'breakGlass'>
	/** The copilot: streamed answers and summaries, history, reopening, decisions. */
	copilot: Pick<Services['copilot'], 'ask' | 'summarize' | 'getAnswer' | 'history' | 'decide'>
	careTeams: CareTeamService
	/** The audit ledger as the admin page sees it; every look is itself a ledger.read event. */
	ledger: {
		/** The status panel and one search (the search is the recorded read). */
		view(
			actor: Actor,
			filter: LedgerSearch,
			requestId: string,
		): Promise<{ status: LedgerStatus; rows: LedgerRow[] }>
		verify(actor: Actor, requestId: string): Promise<VerifyReport>
	}
}

export function createAppContext(services: Services): AppContext {
	const { audit, log } = services
	return refuseUnaudited({
		log,
		health: () => checkHealth(services),
		overview: () => getSystemOverview(services),
		auth: {
			idleMinutes: services.sessions.idleMinutes,
			resolve: (request) => services.sessions.resolve(request),
			begin: (returnTo) => services.signIn.begin(returnTo),
			complete: (request, requestId) => services.signIn.complete(request, requestId),
			signOut: (user, requestId) => services.signIn.signOut(user, requestId),
			clearSessionCookie: () => services.sessions.clearCookie(),
			clearSignInCookie: () => services.sessions.clearPending(),
			recordDenied: (actor, resource, policy, requestId) =>
				recordAccess(audit, log, {
					requestId,
					actor: actor ?? { userId: null, role: null, sessionId: null },
					component: AUDIT_COMPONENTS.auth,
					action: AUDIT_ACTIONS.accessDenied,
					decision: 'deny',
					policy,
					resource,
				}),
			recordExpired: (actor, requestId) =>
				recordAccess(audit, log, {
					requestId,
					actor,
					component: AUDIT_COMPONENTS.auth,
					action: AUDIT_ACTIONS.sessionExpired,
					decision: 'deny',
					policy: POLICIES.authentication,
					resource: { type: 'session', id: actor.sessionId ?? 'unknown' },
				}),
			can,
		},
		chart: services.chart,
		copilot: {
			ask: (input) => services.copilot.ask(input),
			summarize: (input) => services.copilot.summarize(input),
			getAnswer: (input) => services.copilot.getAnswer(input),
			history: (input) => services.copilot.history(input),
			decide: (input) => services.copilot.decide(input),
		},
		careTeams: services.careTeams,
		ledger: {
			async view(actor, filter, requestId) {
				const rows = await services.ledger.search(filter, { actor, requestId })
				return { status: await services.ledger.status(), rows }
			},
			verify: (actor, requestId) => services.ledger.verify({ actor, requestId }),
		},
	})
}

/**
 * Fail closed, in one place: when any operation of the context cannot be recorded in the ledger
 * (AUDIT_WRITE_FAILED), the route is refused with a 503 whose body names only that code, so the
 * error page can say in plain words that nothing was shown or changed. The operation itself has
 * already refused to serve anything; this only chooses what the person at the screen is told.
 */
function refuseUnaudited<T extends object>(target: T): T {
	const refuse = (error: unknown): never => {
		if (hasCode(error, 'AUDIT_WRITE_FAILED'))
			throw new Response(JSON.stringify({ code: error.code }), {
				status: statusOf(error.code),
				headers: { 'Content-Type': 'application/json; charset=utf-8' },
			})
		throw error
	}
	const wrapped: Record<string, unknown> = {}
	for (const [key, value] of Object.entries(target)) {
		if (key === 'log') wrapped[key] = value
		else if (typeof value === 'function')
			// Synchronous members (auth.can) stay synchronous; only promises are mapped.
			// Looked up at each call, so the member in force then is the one that runs.
			wrapped[key] = (...args: unknown[]) => {
				const current = (target as Record<string, unknown>)[key] as (...a: unknown[]) => unknown
				const result: unknown = current.apply(target, args)
				return result instanceof Promise ? result.catch(refuse) : result
			}
		else if (
			value &&
			typeof value === 'object' &&
			Object.getPrototypeOf(value) === Object.prototype
		)
			wrapped[key] = refuseUnaudited(value as object)
		else wrapped[key] = value
	}
	return wrapped as T
}
