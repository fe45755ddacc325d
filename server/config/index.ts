import path from 'node:path'
import { AppError } from '../platform/errors.ts'
import { envSchema, type Env } from './schema.ts'

export { envSchema, type Env } from './schema.ts'

/** The validated configuration the rest of the server is built from. */
export type Config = {
	env: Env['NODE_ENV']
	host: string
	port: number
	dataDir: string
	logLevel: Env['LOG_LEVEL']
	trustProxy: boolean
	database: DatabaseConfig
	auditDatabase: DatabaseConfig
	/**
	 * The migrator's URLs (MIGRATOR_DATABASE_URL, MIGRATOR_AUDIT_DATABASE_URL), read only by
	 * `npm run db:migrate`; null when unset. The application never connects with them.
	 */
	migrator: { database: string | null; auditDatabase: string | null }
	seedDemo: boolean
	/** Public origin of the app, without a trailing slash. */
	appUrl: string
	identity: IdentityConfig
	sessions: { secret: string | null; idleMinutes: number; maxHours: number; secureCookies: boolean }
	breakGlassMinutes: number
	ledger: {
		/** Base64 PKCS#8 Ed25519; null → generated under DATA_DIR/keys (embedded mode only). */
		signingKey: string | null
		/** Base64, 32 bytes; null → generated under DATA_DIR/keys (embedded mode only). */
		masterKey: string | null
		checkpointEvery: number
		checkpointSeconds: number
	}
	/** The job queue (server/jobs, ADR 032): where its workers run and how many at once. */
	jobs: { inProcess: boolean; concurrency: number }
	/** Fax intake: tesseract.js workers per process (server/intake/ocr, ADR 035). */
	intake: { ocrWorkers: number }
	raw: Env
}

/**
 * Where sign-in happens: a hospital OpenID provider, or — in the embedded default only — the
 * development provider the app mounts under /dev-idp and reaches over HTTP like any other.
 */
export type IdentityConfig = {
	kind: 'oidc' | 'development'
	issuer: string
	clientId: string
	/** null for the development provider: its client secret is generated under DATA_DIR. */
	clientSecret: string | null
	redirectUri: string
	postLogoutRedirectUri: string
	scopes: string
	rolesClaim: string
}

export type DatabaseConfig =
	| { kind: 'embedded'; dataDir: string; statementTimeoutMs: number }
	| {
			kind: 'server'
			url: string
			poolMax: number
			connectTimeoutMs: number
			idleTimeoutMs: number
			statementTimeoutMs: number
	  }

/** A configuration problem, naming every variable at fault. Thrown before anything starts. */
export class ConfigError extends AppError {
	constructor(readonly problems: ReadonlyArray<{ variable: string; message: string }>) {
		super(
			'CONFIG_INVALID',
			'Invalid configuration:\n' +
				problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n') +
				'\nSee .env.example for every setting and its meaning.',
		)
		this.name = 'ConfigError'
	}
}

/**
 * Parses and validates the environment. Throws ConfigError naming each bad variable; never
 * echoes a value back (values may be secrets).
 */
export function parseConfig(source: Record<string, string | undefined>): Config {
	// reportInput lets describeIssue tell "missing" from "wrong"; the input itself is never printed.
	const result = envSchema.safeParse(source, { reportInput: true })
	if (!result.success) {
		const problems = result.error.issues.map((issue) => ({
			variable: String(issue.path[0] ?? '(environment)'),
			message: describeIssue(issue),
		}))
		throw new ConfigError(problems)
	}
	const env = result.data
	const dataDir = path.resolve(env.DATA_DIR)
	const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '')
	const identity: IdentityConfig = env.OIDC_ISSUER
		? {
				kind: 'oidc',
				issuer: env.OIDC_ISSUER,
				clientId: env.OIDC_CLIENT_ID ?? '',
				clientSecret: env.OIDC_CLIENT_SECRET ?? null,
				redirectUri: env.OIDC_REDIRECT_URI ?? `${appUrl}/auth/callback`,
				postLogoutRedirectUri: `${appUrl}/login?signed-out=1`,
				scopes: env.OIDC_SCOPES,
				rolesClaim: env.OIDC_ROLES_CLAIM,
			}
		: {
				kind: 'development',
				issuer: `${appUrl}/dev-idp`,
				clientId: 'chartside-dev',
				clientSecret: null,
				redirectUri: `${appUrl}/auth/callback`,
				postLogoutRedirectUri: `${appUrl}/login?signed-out=1`,
				scopes: 'openid profile email roles',
				rolesClaim: 'roles',
			}
	return {
		appUrl,
		identity,
		sessions: {
			secret: env.SESSION_SECRET ?? null,
			idleMinutes: env.SESSION_IDLE_MINUTES,
			maxHours: env.SESSION_MAX_HOURS,
			secureCookies: appUrl.startsWith('https:'),
		},
		breakGlassMinutes: env.BREAK_GLASS_MINUTES,
		ledger: {
			signingKey: env.LEDGER_SIGNING_KEY ?? null,
			masterKey: env.LEDGER_MASTER_KEY ?? null,
			checkpointEvery: env.LEDGER_CHECKPOINT_EVERY,
			checkpointSeconds: env.LEDGER_CHECKPOINT_SECONDS,
		},
		jobs: {
			inProcess: env.JOBS_IN_PROCESS ?? !env.DATABASE_URL,
			concurrency: env.JOBS_CONCURRENCY,
		},
		intake: { ocrWorkers: env.OCR_WORKERS },
		env: env.NODE_ENV,
		host: env.HOST,
		port: env.PORT,
		dataDir,
		logLevel: env.LOG_LEVEL,
		trustProxy: env.TRUST_PROXY,
		database: env.DATABASE_URL
			? {
					kind: 'server',
					url: env.DATABASE_URL,
					poolMax: env.DB_POOL_MAX,
					connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
					idleTimeoutMs: env.DB_IDLE_TIMEOUT_MS,
					statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
				}
			: {
					kind: 'embedded',
					dataDir: path.join(dataDir, 'db'),
					statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
				},
		auditDatabase: env.AUDIT_DATABASE_URL
			? {
					kind: 'server',
					url: env.AUDIT_DATABASE_URL,
					poolMax: env.AUDIT_DB_POOL_MAX,
					connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
					idleTimeoutMs: env.DB_IDLE_TIMEOUT_MS,
					statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
				}
			: {
					kind: 'embedded',
					dataDir: path.join(dataDir, 'audit'),
					statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
				},
		migrator: {
			database: env.MIGRATOR_DATABASE_URL ?? null,
			auditDatabase: env.MIGRATOR_AUDIT_DATABASE_URL ?? null,
		},
		// The demo is seeded into the embedded database unless told otherwise; never into a
		// server database unless asked for explicitly.
		seedDemo: env.SEED_DEMO ?? (!env.DATABASE_URL && env.NODE_ENV !== 'production'),
		raw: env,
	}
}

function describeIssue(issue: { code: string; message: string; input?: unknown }): string {
	if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required'
	return issue.message
}

/**
 * The variables that choose the models and reach them: the endpoint registry and the keys it
 * names. `npm run eval` takes these, and only these, from its environment, so it measures the
 * models a deployment is configured with, on its own isolated store.
 */
export const MODEL_VARIABLES = [
	'GATEWAY_CONFIG',
	'OPENAI_COMPATIBLE_API_KEY',
	'AZURE_OPENAI_API_KEY',
	'AWS_REGION',
	'AWS_ACCESS_KEY_ID',
	'AWS_SECRET_ACCESS_KEY',
	'AWS_SESSION_TOKEN',
	// LangChain reads these from process.env itself: the isolated configuration must see them to
	// refuse them.
	'LANGSMITH_TRACING',
	'LANGSMITH_TRACING_V2',
	'LANGCHAIN_TRACING',
	'LANGCHAIN_TRACING_V2',
] as const satisfies ReadonlyArray<keyof Env>

export function modelEnvironment(
	source: Record<string, string | undefined> = process.env,
): Record<string, string> {
	const out: Record<string, string> = {}
	for (const name of MODEL_VARIABLES) {
		const value = source[name]
		if (value !== undefined) out[name] = value
	}
	return out
}

/** The process configuration, parsed from process.env. Throws ConfigError when it is invalid. */
export function loadConfig(): Config {
	return parseConfig(process.env)
}
