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
	return {
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
		careTeams: services.careTeams,
		ledger: {
			async view(actor, filter, requestId) {
				const rows = await services.ledger.search(filter, { actor, requestId })
				return { status: await services.ledger.status(), rows }
			},
			verify: (actor, requestId) => services.ledger.verify({ actor, requestId }),
		},
	}
}
