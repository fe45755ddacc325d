import type { LedgerRow, LedgerSearch, LedgerStatus, VerifyReport } from '../audit/ledger.ts'
import type { AuditEvent } from '../audit/sink.ts'
import type { CareTeamOverview } from '../auth/care-teams.ts'
import type { RequestLifetime } from '../auth/patient-data.ts'
import type { Permission } from '../auth/policy.ts'
import { can, POLICIES } from '../auth/policy.ts'
import { recordAccess } from '../auth/record-access.ts'
import type { Actor } from '../auth/scope.ts'
import type { ResolvedSession, SessionResolution } from '../auth/sessions.ts'
import type { SignInService } from '../auth/sign-in.ts'
import type { OpenChartResult, PatientSummary } from '../chart/patients.ts'
import type { Copilot } from '../copilot/copilot.ts'
import type { DecisionInput } from '../copilot/decide.ts'
import type { AnswerView, CopilotEvent, HistoryItem } from '../copilot/types.ts'
import type { JobsOverview } from '../jobs/index.ts'
import type {
	FaxReview,
	FaxRow,
	FilingPlan,
	IncomingFile,
	IntakeService,
	PatientHit,
	Receipt,
	RefileReason,
} from '../intake/index.ts'
import type { RejectReason } from '#db/schema/faxes.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, SYSTEM_ACTOR } from '../audit/sink.ts'
import { AppError, hasCode } from '../platform/errors.ts'
import { statusOf } from '../platform/http-errors.ts'
import { checkHealth, type HealthStatus } from '../health.ts'
import type { Logger } from '../log.ts'
import { getSystemOverview, type SystemOverview } from '../overview.ts'
import type { Services } from '../services.ts'

/** A copilot input as a route gives it: the request id and the actor come from the scope. */
type RouteInput<I> = Omit<I, 'requestId'>

/**
 * What a signed-in user's request may do (ADR 031): every operation runs on a PatientData made
 * from the request's resolved session, so the actor is the session's and row-level security is
 * set for it before any statement; no operation takes an actor, and none works after the request
 * has ended (AUTH_SCOPE_REQUIRED).
 */
export type RequestScope = {
	actor: Actor
	chart: {
		listPatients(search?: { q?: string }): Promise<PatientSummary[]>
		openChart(patientId: string): Promise<OpenChartResult>
		breakGlass(patientId: string, reason: string): Promise<{ expiresAt: Date }>
	}
	/** The copilot: streamed answers and summaries, history, reopening, decisions. */
	copilot: {
		ask(input: RouteInput<Parameters<Copilot['ask']>[1]>): AsyncGenerator<CopilotEvent>
		summarize(input: RouteInput<Parameters<Copilot['summarize']>[1]>): AsyncGenerator<CopilotEvent>
		getAnswer(input: RouteInput<Parameters<Copilot['getAnswer']>[1]>): Promise<AnswerView>
		history(input: RouteInput<Parameters<Copilot['history']>[1]>): Promise<HistoryItem[]>
		decide(input: RouteInput<DecisionInput>): Promise<{ status: string }>
	}
	careTeams: {
		overview(): Promise<CareTeamOverview>
		setMembership(change: { userId: string; patientId: string; member: boolean }): Promise<void>
	}
	/** The audit ledger as the admin page sees it; every look is itself a ledger.read event. */
	ledger: {
		/** The status panel and one search (the search is the recorded read). */
		view(filter: LedgerSearch): Promise<{ status: LedgerStatus; rows: LedgerRow[] }>
		verify(): Promise<VerifyReport>
	}
	/** The job queue as the admin page sees it (counts and failed jobs hold ids and codes only). */
	jobs: {
		overview(): Promise<JobsOverview>
		/** Puts a failed job back in its queue; recorded in the ledger (job.retry) before it moves. */
		retry(kind: string, id: string): Promise<void>
	}
	/** Fax intake (server/intake): the intake screen, the review queue and its decisions. */
	intake: {
		limits: IntakeService['limits']
		/** One uploaded file, received as the signed-in clerk. */
		receive(file: IncomingFile): Promise<Receipt>
		/** A file refused while streaming (over the size cap): recorded by its code and size. */
		recordRefused(refused: { code: string; bytes: number }): Promise<void>
		recent(): Promise<FaxRow[]>
		queue(): Promise<FaxRow[]>
		review(faxId: string): Promise<FaxReview>
		/** A page image: any fax's for intake staff, a filed page of a visible patient for a clinician. */
		pageImage(ref: { faxId: string; page: number }): Promise<{ png: Buffer } | null>
		searchPatients(query: string): Promise<PatientHit[]>
		confirm(faxId: string, plans: FilingPlan[]): Promise<{ documentIds: string[] }>
		reject(faxId: string, input: { reason: RejectReason; note: string }): Promise<void>
		retry(faxId: string): Promise<void>
		refile(faxId: string, input: { reason: RefileReason }): Promise<{ removed: number }>
	}
}

/**
 * What route loaders and actions may use: named operations, not the raw database or the
 * configuration (which holds secrets). Without a session only the anonymous surface is there
 * (health, overview, sign-in); patient data is reached only through forActor, with the session
 * resolved on the server, so a handler cannot forget to check access or act for someone else.
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
	/**
	 * The signed-in user's operations for this request. Takes only a session that
	 * auth.resolve() returned (anything else throws AUTH_SCOPE_REQUIRED), and stops working when
	 * `request.ended` aborts.
	 */
	forActor(session: ResolvedSession, request: RequestLifetime & { requestId: string }): RequestScope
}

export function createAppContext(services: Services): AppContext {
	const { audit, log } = services
	const { systemDatabase } = services.system
	return refuseUnaudited({
		log,
		health: () =>
			checkHealth({ database: systemDatabase('health'), ledgerStore: systemDatabase('ledger') }),
		overview: () =>
			getSystemOverview({
				config: services.config,
				database: systemDatabase('overview'),
				ledgerStore: systemDatabase('ledger'),
			}),
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
					actor: actor ?? SYSTEM_ACTOR,
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
		forActor(session, request) {
			const data = services.access.forSession(session, request)
			const { actor } = data
			const { requestId } = request
			// Services are looked up at each call, so a test's substitute is the one that runs.
			return refuseUnaudited<RequestScope>({
				actor,
				chart: {
					listPatients: (search = {}) => services.chart.listPatients(data, search, requestId),
					openChart: (patientId) => services.chart.openChart(data, patientId, requestId),
					breakGlass: (patientId, reason) =>
						services.chart.breakGlass(data, patientId, reason, requestId),
				},
				copilot: {
					ask: (input) => services.copilot.ask(data, { ...input, requestId }),
					summarize: (input) => services.copilot.summarize(data, { ...input, requestId }),
					getAnswer: (input) => services.copilot.getAnswer(data, { ...input, requestId }),
					history: (input) => services.copilot.history(data, { ...input, requestId }),
					decide: (input) => services.copilot.decide(data, { ...input, requestId }),
				},
				careTeams: {
					overview: () => services.careTeams.overview(data, requestId),
					setMembership: (change) => services.careTeams.setMembership(data, change, requestId),
				},
				ledger: {
					async view(filter) {
						const rows = await services.ledger.search(filter, { actor, requestId })
						return { status: await services.ledger.status(), rows }
					},
					verify: () => services.ledger.verify({ actor, requestId }),
				},
				intake: {
					limits: services.intake.limits,
					receive: (file) => services.intake.receive(file, { actor, source: 'upload', requestId }),
					recordRefused: (refused) =>
						services.intake.recordRefused(refused, { actor, source: 'upload', requestId }),
					recent: () => services.intake.recent(data),
					queue: () => services.intake.queue(data),
					review: (faxId) => services.intake.review(data, faxId, requestId),
					pageImage: (ref) => services.intake.pageImage(data, ref, requestId),
					searchPatients: (query) => services.intake.searchPatients(data, query, requestId),
					confirm: (faxId, plans) => services.intake.confirm(faxId, plans, { actor, requestId }),
					reject: (faxId, input) => services.intake.reject(faxId, input, { actor, requestId }),
					retry: (faxId) => services.intake.retry(faxId, { actor, requestId }),
					refile: (faxId, input) => services.intake.refile(faxId, input, { actor, requestId }),
				},
				jobs: {
					overview: () => jobQueue(services).overview(),
					retry: (kind, id) =>
						jobQueue(services).retry(kind, id, () =>
							recordAccess(audit, log, {
								requestId,
								actor,
								component: AUDIT_COMPONENTS.jobs,
								action: AUDIT_ACTIONS.jobRetry,
								decision: 'allow',
								policy: POLICIES.rbac,
								resource: { type: 'job', id },
								details: { kind },
							}),
						),
				},
			})
		},
	})
}

/** The process's job queue; a process started without one refuses (JOBS_UNAVAILABLE). */
function jobQueue(services: Services) {
	if (!services.jobs) throw new AppError('JOBS_UNAVAILABLE', 'This process runs no job queue.')
	return services.jobs
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
		if (key === 'log' || key === 'actor') wrapped[key] = value
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
