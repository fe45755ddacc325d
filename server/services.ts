import { mkdir } from 'node:fs/promises'
import type express from 'express'
import { openDatabase, StoreInUseError, type DatabaseHandle } from '#db/client.ts'
import { createGatewayFromConfig, type Gateway } from './gateway/index.ts'
import { connectHttpGateway } from './gateway/http/client.ts'
import { createCopilot, type Copilot } from './copilot/copilot.ts'
import { createDecisions } from './copilot/decide.ts'
import { createRetrieval } from './retrieval/search.ts'
import type { Ledger } from './audit/ledger.ts'
import { startLedger } from './audit/start-ledger.ts'
import type { AuditSink } from './audit/sink.ts'
import { createCareTeamService, type CareTeamService } from './auth/care-teams.ts'
import { createDataAccess, type DataAccess } from './auth/patient-data.ts'
import { createSystemAccess, type SystemAccess } from './auth/system-access.ts'
import { createDevIdentityProvider } from './auth/dev-idp.ts'
import { createOidcClient } from './auth/oidc.ts'
import { loadOrCreateSecret } from './auth/secrets.ts'
import { createSessionManager, type SessionManager } from './auth/sessions.ts'
import { createSignInService, type SignInService } from './auth/sign-in.ts'
import { createChartService, type ChartService } from './chart/patients.ts'
import type { Config, DatabaseConfig } from './config/index.ts'
import { databaseConnection } from './database/connection.ts'
import { prepareStore } from './database/migrate.ts'
import { describeStoreError, type StoreName } from './database/store-errors.ts'
import { createDocumentsService, DOCUMENTS_SYSTEM_PATH } from './documents/index.ts'
import { createIntakeService, type IntakeService } from './intake/index.ts'
import { createOcrEngine, type OcrEngine } from './intake/ocr/index.ts'
import { JOB_KINDS, startJobs, type JobQueue, type JobsMode } from './jobs/index.ts'
import { createLogger, type Logger } from './log.ts'

/**
 * What a running Chartside process holds: configuration, logger, the operational database, the
 * separate ledger store, the audit sink, and the services built on them. Created once at boot.
 * Requests never see this object whole: they get the narrow AppContext built from it
 * (server/http/app-context.ts). Services get no system database: PHI services take a PatientData
 * per call (from `access`), and the system handle is handed out only on the system paths of
 * server/auth/system-access.ts (ADR 031).
 */
export type Services = {
	config: Config
	log: Logger
	database: DatabaseHandle
	/** The ledger's own store: never the operational database (DESIGN.md, floor item 6). */
	ledgerStore: DatabaseHandle
	/** The system handles, by named system path only (server/auth/system-access.ts). */
	system: SystemAccess
	/** Makes each request's PatientData from its resolved session (server/auth/patient-data.ts). */
	access: DataAccess
	/** The audit ledger over that store. */
	ledger: Ledger
	/** Where every service records: the ledger (a test may substitute a sink that refuses). */
	audit: AuditSink
	/** The only door to any model (server/gateway). */
	gateway: Gateway
	/** Ask, summarize, reopen and decide (server/copilot). */
	copilot: Copilot & { decide: ReturnType<typeof createDecisions> }
	sessions: SessionManager
	signIn: SignInService
	chart: ChartService
	careTeams: CareTeamService
	/** The development identity provider, mounted at /dev-idp when no OIDC_ISSUER is set. */
	devIdentityProvider: express.Router | null
	/** The job queue (server/jobs, ADR 032); null when started with `jobs: 'off'`. */
	jobs: JobQueue | null
	/** Fax intake (server/intake): receiving, reading, routing and the review queue. */
	intake: IntakeService
	close(): Promise<void>
}

export type ServiceOptions = {
	/** Migrate embedded stores at boot (default). Server databases are never migrated here. */
	migrate?: boolean
	log?: Logger
	audit?: AuditSink
	/** Test-only seam: drop the SQL care-team filter so row-level security is the only guard. */
	bypassSqlScope?: boolean
	/** Test-only: a clock for session timeouts. */
	now?: () => Date
	/**
	 * The job queue's part in this process (server/jobs/start.ts): `auto` (default) follows
	 * JOBS_IN_PROCESS; `workers` for `npm run worker`; `client` for commands that only send;
	 * `off` for tests that want no background work (the ledger then signs on its own timer).
	 */
	jobs?: JobsMode
}

async function openStore(
	store: StoreName,
	db: DatabaseConfig,
	applicationName: string,
	log: Logger,
): Promise<DatabaseHandle> {
	try {
		return await openDatabase(databaseConnection(db, applicationName, log))
	} catch (error) {
		if (error instanceof StoreInUseError) throw error
		throw describeStoreError(store, error)
	}
}

export async function createServices(
	config: Config,
	options: ServiceOptions = {},
): Promise<Services> {
	const log = options.log ?? createLogger(config.logLevel)
	await mkdir(config.dataDir, { recursive: true })
	const database = await openStore('operational', config.database, 'chartside', log)
	let ledgerStore: DatabaseHandle
	try {
		ledgerStore = await openStore('ledger', config.auditDatabase, 'chartside-ledger', log)
	} catch (error) {
		await database.close()
		throw error
	}
	const system = createSystemAccess({ database, ledgerStore })
	let ledger: Ledger | null = null
	let jobs: JobQueue | null = null
	let ocr: Promise<OcrEngine> | null = null
	const close = async () => {
		// Running jobs finish (or are given back) before the ledger they record in closes.
		await jobs?.stop()
		await ocr?.then((engine) => engine.close()).catch(() => undefined)
		await ledger?.close()
		await Promise.allSettled([database.close(), ledgerStore.close()])
	}
	try {
		await prepareStore('operational', system.systemDatabase('migrations'), options)
		await prepareStore('ledger', system.systemDatabase('ledger'), options)
		const jobsMode = options.jobs ?? 'auto'
		// Where a queue runs, its scheduled ledger.checkpoint signs instead of a per-process timer.
		ledger = await startLedger(config, system.systemDatabase('ledger'), log, {
			checkpointTimer: jobsMode === 'off',
		})
		const audit = options.audit ?? ledger
		// Inference records go to the ledger itself (they need its sequence numbers). With
		// GATEWAY_URL the stand-alone gateway records them, in the same ledger database.
		const gateway =
			config.raw.GATEWAY_URL && config.raw.GATEWAY_TOKEN
				? await connectHttpGateway({ url: config.raw.GATEWAY_URL, token: config.raw.GATEWAY_TOKEN })
				: createGatewayFromConfig(config, { audit: ledger, log })
		const identity = config.identity
		const clientSecret =
			identity.clientSecret ?? (await loadOrCreateSecret(config.dataDir, 'dev-idp-client-secret'))
		const sessions = createSessionManager({
			db: system.systemDatabase('sessions').db,
			secret:
				config.sessions.secret ?? (await loadOrCreateSecret(config.dataDir, 'session-secret')),
			idleMinutes: config.sessions.idleMinutes,
			maxHours: config.sessions.maxHours,
			secureCookies: config.sessions.secureCookies,
			...(options.now ? { now: options.now } : {}),
		})
		const oidc = createOidcClient({
			issuer: identity.issuer,
			clientId: identity.clientId,
			clientSecret,
			redirectUri: identity.redirectUri,
			postLogoutRedirectUri: identity.postLogoutRedirectUri,
			scopes: identity.scopes,
			rolesClaim: identity.rolesClaim,
			allowInsecureRequests: identity.issuer.startsWith('http:'),
		})
		const devIdentityProvider =
			identity.kind === 'development'
				? createDevIdentityProvider({
						issuer: identity.issuer,
						clientId: identity.clientId,
						clientSecret,
						redirectUri: identity.redirectUri,
						postLogoutRedirectUri: identity.postLogoutRedirectUri,
						cookieKey: await loadOrCreateSecret(config.dataDir, 'dev-idp-cookie-key'),
						production: config.env === 'production',
					})
				: null
		const access = createDataAccess({
			db: system.systemDatabase('requestScopes').db,
			existence: system.systemDatabase('patientExistence').db,
		})
		const intakeDb = system.systemDatabase('intake').db
		const intake: IntakeService = createIntakeService({
			db: intakeDb,
			audit,
			gateway,
			documents: createDocumentsService({
				db: system.systemDatabase(DOCUMENTS_SYSTEM_PATH).db,
				gateway,
				audit,
			}),
			limits: config.intake,
			autoFileMinConfidence: config.intake.autoFileMinConfidence,
			// The OCR workers start on the first page that needs them (~250 MB each).
			ocr: () => (ocr ??= createOcrEngine({ workers: config.intake.ocrWorkers })),
			// The read job goes to the queue; with no queue (`jobs: 'off'`, tests) it runs here.
			schedule: async (faxId) => {
				if (jobs) await jobs.send(JOB_KINDS.intakeRead, { faxId })
				else await intake.process(faxId, { requestId: `intake-${faxId}`, lastAttempt: true })
			},
			log,
		})
		jobs = await startJobs({
			config,
			mode: jobsMode,
			// Installing the queue is part of migrating: the embedded store at boot; a server
			// database only by npm run db:migrate, as the migrator (ADR 033).
			install: database.kind === 'embedded' && options.migrate !== false,
			store: system.systemDatabase('jobs'),
			documentsDb: system.systemDatabase(DOCUMENTS_SYSTEM_PATH).db,
			ledger,
			gateway,
			intake,
			log,
		})
		const copilot = createCopilot({
			gateway,
			retrieval: createRetrieval({
				gateway,
				bypassSqlScope: options.bypassSqlScope ?? false,
			}),
			audit,
			log,
		})
		return {
			config,
			log,
			database,
			ledgerStore,
			system,
			access,
			ledger,
			audit,
			gateway,
			copilot: {
				...copilot,
				decide: createDecisions({ audit, log }),
			},
			sessions,
			signIn: createSignInService({
				db: system.systemDatabase('sessions').db,
				identity,
				oidc,
				sessions,
				sink: audit,
				log,
			}),
			chart: createChartService({
				sink: audit,
				log,
				breakGlassMinutes: config.breakGlassMinutes,
				bypassSqlScope: options.bypassSqlScope ?? false,
			}),
			careTeams: createCareTeamService({ sink: audit, log }),
			devIdentityProvider,
			jobs,
			intake,
			close,
		}
	} catch (error) {
		await close()
		throw error
	}
}
