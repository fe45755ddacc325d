import { createPrivateKey } from 'node:crypto'
import { z } from 'zod'

/**
 * Every setting Chartside reads, in one schema. The names follow the configuration table of
 * DESIGN.md. Defaults make the embedded mode (`npm start` with nothing set) work; production
 * settings are documented in .env.example.
 */

const emptyToUndefined = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value

const optionalString = z.preprocess(emptyToUndefined, z.string().min(1).optional())

const integer = (fallback: number, min: number, max: number) =>
	z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback))

const postgresUrl = z.preprocess(
	emptyToUndefined,
	z
		.string()
		.refine(isPostgresUrl, {
			message: 'must be a postgres:// or postgresql:// URL (leave unset for the embedded database)',
		})
		.optional(),
)

const httpUrl = z.preprocess(
	emptyToUndefined,
	z.string().refine(isHttpUrl, { message: 'must be an http:// or https:// URL' }).optional(),
)

const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const flag = z.preprocess(emptyToUndefined, boolean.default(false))
const optionalFlag = z.preprocess(emptyToUndefined, boolean.optional())

const tracingOff = z.preprocess(
	emptyToUndefined,
	z
		.string()
		.refine((v) => v === 'false', {
			message: 'must be unset or false: tracing would send prompts (PHI) to LangSmith',
		})
		.optional(),
)

export const envSchema = z
	.object({
		NODE_ENV: z.preprocess(
			emptyToUndefined,
			z.enum(['development', 'production', 'test']).default('development'),
		),
		/** Loopback by default, so a development instance is not reachable from the network; set 0.0.0.0 in containers. */
		HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
		PORT: integer(3000, 1, 65535),
		DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
		/**
		 * The address people use to reach Chartside (scheme, host, port). Redirect URIs, the
		 * development identity provider's issuer and the CSRF origin check derive from it.
		 * Default: http://localhost:PORT.
		 */
		APP_URL: httpUrl,
		LOG_LEVEL: z.preprocess(
			emptyToUndefined,
			z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
		),
		/**
		 * True when exactly one TLS-terminating proxy sits in front of the app: its X-Forwarded-Proto
		 * and X-Forwarded-For (one hop) and X-Request-Id are believed. False: they are ignored.
		 */
		TRUST_PROXY: flag,

		// Operational database
		DATABASE_URL: postgresUrl,
		DB_POOL_MAX: integer(10, 1, 200),
		DB_CONNECT_TIMEOUT_MS: integer(10_000, 100, 120_000),
		DB_IDLE_TIMEOUT_MS: integer(30_000, 1_000, 3_600_000),
		DB_STATEMENT_TIMEOUT_MS: integer(15_000, 100, 600_000),

		// Audit ledger database (separate from the operational one)
		AUDIT_DATABASE_URL: postgresUrl,
		AUDIT_DB_POOL_MAX: integer(4, 1, 50),

		// The migrator: owns the tables, creates the roles (`npm run db:migrate` only; never the app)
		MIGRATOR_DATABASE_URL: postgresUrl,
		MIGRATOR_AUDIT_DATABASE_URL: postgresUrl,

		// Identity
		OIDC_ISSUER: httpUrl,
		OIDC_CLIENT_ID: optionalString,
		OIDC_CLIENT_SECRET: optionalString,
		OIDC_ROLES_CLAIM: z.preprocess(emptyToUndefined, z.string().default('roles')),
		OIDC_REDIRECT_URI: httpUrl,
		OIDC_SCOPES: z.preprocess(emptyToUndefined, z.string().default('openid profile email')),

		// Sessions
		SESSION_SECRET: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
		SESSION_IDLE_MINUTES: integer(15, 1, 24 * 60),
		SESSION_MAX_HOURS: integer(12, 1, 7 * 24),
		/** How long a clinician's break-glass access to a patient outside the care team lasts. */
		BREAK_GLASS_MINUTES: integer(60, 1, 24 * 60),

		// Inference gateway
		GATEWAY_CONFIG: optionalString,
		GATEWAY_URL: httpUrl,
		GATEWAY_TOKEN: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
		GATEWAY_PORT: integer(4000, 1, 65535),
		/** API keys for model endpoints; the endpoint registry (GATEWAY_CONFIG) names which one it uses. */
		OPENAI_COMPATIBLE_API_KEY: optionalString,
		AZURE_OPENAI_API_KEY: optionalString,
		AWS_REGION: optionalString,
		/** Signing keys for Bedrock endpoints (an IAM role's short-term keys in production). */
		AWS_ACCESS_KEY_ID: optionalString,
		AWS_SECRET_ACCESS_KEY: optionalString,
		AWS_SESSION_TOKEN: optionalString,
		/**
		 * LangChain's tracing would send every prompt, and so PHI, to LangSmith: it must stay off.
		 * Read here only so that turning it on stops boot. LangChain reads all four names
		 * (@langchain/core utils/callbacks), so all four are refused.
		 */
		LANGSMITH_TRACING: tracingOff,
		LANGSMITH_TRACING_V2: tracingOff,
		LANGCHAIN_TRACING: tracingOff,
		LANGCHAIN_TRACING_V2: tracingOff,

		// Audit ledger keys (base64); generated under DATA_DIR in embedded mode
		LEDGER_SIGNING_KEY: z.preprocess(
			emptyToUndefined,
			z
				.string()
				.refine(isEd25519Pkcs8, {
					message: 'must be an Ed25519 private key, base64 PKCS#8 DER (see .env.example)',
				})
				.optional(),
		),
		LEDGER_MASTER_KEY: z.preprocess(
			emptyToUndefined,
			z
				.string()
				.refine(
					(v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32,
					{
						message: 'must be 32 random bytes, base64',
					},
				)
				.optional(),
		),
		LEDGER_CHECKPOINT_EVERY: integer(256, 1, 1_000_000),
		LEDGER_CHECKPOINT_SECONDS: integer(60, 1, 86_400),

		// Job queue (pg-boss, ADR 032)
		/**
		 * Run the job queue's workers inside the app process. Default: true with the embedded
		 * database, false with DATABASE_URL (production runs `npm run worker` processes instead).
		 */
		JOBS_IN_PROCESS: optionalFlag,
		/** Jobs of each kind one process works on at the same time. */
		JOBS_CONCURRENCY: integer(1, 1, 32),

		// Fax intake (issue 17)
		/**
		 * tesseract.js workers one process keeps for reading fax pages (ADR 035). Each holds about
		 * 250 MB and keeps one core busy while it reads; more than the cores gains nothing.
		 */
		OCR_WORKERS: integer(1, 1, 8),

		// Demo data
		SEED_DEMO: optionalFlag,
	})
	.superRefine((env, ctx) => {
		const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET]
		if (oidc.some(Boolean) && !oidc.every(Boolean)) {
			for (const key of ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
				if (!env[key])
					ctx.addIssue({
						code: 'custom',
						path: [key],
						message: 'is required when any OIDC_* identity provider setting is set',
					})
			}
		}
		if (env.GATEWAY_URL && !env.GATEWAY_TOKEN) {
			ctx.addIssue({
				code: 'custom',
				path: ['GATEWAY_TOKEN'],
				message: 'is required when GATEWAY_URL is set',
			})
		}
		// The development identity provider signs anyone in without a password: only on this machine.
		if (!env.OIDC_ISSUER && !isLoopbackHost(env.HOST)) {
			ctx.addIssue({
				code: 'custom',
				path: ['OIDC_ISSUER'],
				message:
					'is required when HOST listens beyond this machine (the development identity provider signs anyone in without a password)',
			})
		}
		if (!env.OIDC_ISSUER && env.APP_URL && !isLoopbackUrl(env.APP_URL)) {
			ctx.addIssue({
				code: 'custom',
				path: ['OIDC_ISSUER'],
				message:
					'is required when APP_URL is not a loopback address (the development identity provider only serves this machine)',
			})
		}
		if (env.NODE_ENV === 'production') {
			for (const key of ['APP_URL', 'OIDC_ISSUER'] as const) {
				const value = env[key]
				if (value && !value.startsWith('https://')) {
					ctx.addIssue({
						code: 'custom',
						path: [key],
						message: 'must be an https:// URL when NODE_ENV=production',
					})
				}
			}
			const required = [
				'DATABASE_URL',
				'AUDIT_DATABASE_URL',
				'OIDC_ISSUER',
				'APP_URL',
				'SESSION_SECRET',
				'LEDGER_SIGNING_KEY',
				'LEDGER_MASTER_KEY',
			] as const
			for (const key of required) {
				if (!env[key])
					ctx.addIssue({
						code: 'custom',
						path: [key],
						message: 'is required when NODE_ENV=production (embedded defaults are for development)',
					})
			}
		}
		for (const [migrator, app] of [
			['MIGRATOR_DATABASE_URL', 'DATABASE_URL'],
			['MIGRATOR_AUDIT_DATABASE_URL', 'AUDIT_DATABASE_URL'],
		] as const) {
			const migratorUrl = env[migrator]
			const appUrl = env[app]
			if (!migratorUrl) continue
			const problem = !appUrl
				? `needs ${app} as well (it names the application login the migrator grants its roles to)`
				: !sameDatabase(migratorUrl, appUrl)
					? `must name the same database as ${app}`
					: loginOf(migratorUrl) === loginOf(appUrl)
						? `must be a different login from ${app}'s: the migrator owns the tables, the application must not`
						: null
			if (problem) ctx.addIssue({ code: 'custom', path: [migrator], message: problem })
		}
		if (
			env.DATABASE_URL &&
			env.AUDIT_DATABASE_URL &&
			sameDatabase(env.DATABASE_URL, env.AUDIT_DATABASE_URL)
		) {
			ctx.addIssue({
				code: 'custom',
				path: ['AUDIT_DATABASE_URL'],
				message: 'must name a database separate from DATABASE_URL (the ledger is kept apart)',
			})
		}
	})

export type Env = z.infer<typeof envSchema>

function isPostgresUrl(value: string): boolean {
	const url = parseUrl(value)
	return (
		url !== null &&
		(url.protocol === 'postgres:' || url.protocol === 'postgresql:') &&
		url.hostname !== ''
	)
}

function isLoopbackHost(host: string): boolean {
	return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

function isLoopbackUrl(value: string): boolean {
	const host = parseUrl(value)?.hostname
	return host === 'localhost' || host === '127.0.0.1' || host === '[::1]'
}

function isHttpUrl(value: string): boolean {
	const url = parseUrl(value)
	return url !== null && (url.protocol === 'http:' || url.protocol === 'https:')
}

function parseUrl(value: string): URL | null {
	try {
		return new URL(value)
	} catch {
		return null
	}
}

/** The login a postgres:// URL names (node-postgres defaults an empty one to the OS user). */
export function loginOf(url: string): string {
	return decodeURIComponent(parseUrl(url)?.username ?? '')
}

function sameDatabase(a: string, b: string): boolean {
	const x = parseUrl(a)
	const y = parseUrl(b)
	if (!x || !y) return false
	const port = (u: URL) => u.port || '5432'
	const database = (u: URL) => decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres'
	return (
		x.hostname.toLowerCase() === y.hostname.toLowerCase() &&
		port(x) === port(y) &&
		database(x) === database(y)
	)
}

function isEd25519Pkcs8(value: string): boolean {
	try {
		const key = createPrivateKey({
			key: Buffer.from(value, 'base64'),
			format: 'der',
			type: 'pkcs8',
		})
		return key.asymmetricKeyType === 'ed25519'
	} catch {
		return false
	}
}
