import type { AccessEvent } from '../audit/sink.ts'
import type { CareTeamService } from '../auth/care-teams.ts'
import type { Permission } from '../auth/policy.ts'
import { can, POLICIES } from '../auth/policy.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { Actor } from '../auth/scope.ts'
import type { SessionResolution } from '../auth/sessions.ts'
import type { SignInService } from '../auth/sign-in.ts'
import type { ChartService } from '../chart/patients.ts'
import { AUDIT_ACTIONS } from '../audit/sink.ts'
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
			resource: AccessEvent['resource'],
			policy: string,
			requestId: string,
		): Promise<void>
		/** Records an ended session (idle or absolute timeout). */
		recordExpired(actor: Actor, requestId: string): Promise<void>
		can(role: Actor['role'], permission: Permission): boolean
	}
	chart: Pick<ChartService, 'listPatients' | 'openChart' | 'breakGlass'>
	careTeams: CareTeamService
	accessLog: { read(actor: Actor, limit: number, requestId: string): Promise<AccessEvent[]> }
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
					action: AUDIT_ACTIONS.accessDenied,
					decision: 'deny',
					policy,
					resource,
				}),
			recordExpired: (actor, requestId) =>
				recordAccess(audit, log, {
					requestId,
					actor,
					action: AUDIT_ACTIONS.sessionExpired,
					decision: 'deny',
					policy: POLICIES.authentication,
					resource: { type: 'session', id: actor.sessionId ?? 'unknown' },
				}),
			can,
		},
		chart: services.chart,
		careTeams: services.careTeams,
		accessLog: {
			// Reading the record of access is itself recorded, before anything is shown.
			async read(actor, limit, requestId) {
				await recordAccess(audit, log, {
					requestId,
					actor,
					action: AUDIT_ACTIONS.ledgerRead,
					decision: 'allow',
					policy: POLICIES.rbac,
					resource: { type: 'access_log', id: `recent ${limit}` },
				})
				return audit.recent(limit)
			},
		},
	}
}
