import { generateKeyPairSync, randomBytes } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ConfigError, modelEnvironment, parseConfig } from './index.ts'

function problemsOf(env: Record<string, string>): Array<{ variable: string; message: string }> {
	try {
		parseConfig(env)
	} catch (error) {
		if (error instanceof ConfigError) return [...error.problems]
		throw error
	}
	throw new Error('expected the configuration to be rejected')
}

const variablesOf = (env: Record<string, string>) => problemsOf(env).map((p) => p.variable)

const PRODUCTION = {
	NODE_ENV: 'production',
	DATABASE_URL: 'postgres://app@db.internal:5432/chartside',
	AUDIT_DATABASE_URL: 'postgres://ledger@ledger.internal:5432/chartside_audit',
	OIDC_ISSUER: 'https://login.hospital.example/tenant/v2.0',
	APP_URL: 'https://chartside.hospital.example',
	OIDC_CLIENT_ID: 'chartside',
	OIDC_CLIENT_SECRET: 'client-secret-value',
	SESSION_SECRET: 's'.repeat(48),
	LEDGER_SIGNING_KEY: generateKeyPairSync('ed25519')
		.privateKey.export({ format: 'der', type: 'pkcs8' })
		.toString('base64'),
	LEDGER_MASTER_KEY: randomBytes(32).toString('base64'),
}

describe('configuration is rejected, naming the variable, when', () => {
	test.each([
		'LANGSMITH_TRACING',
		'LANGSMITH_TRACING_V2',
		'LANGCHAIN_TRACING',
		'LANGCHAIN_TRACING_V2',
	])('LangSmith tracing is turned on with %s (it would send prompts out)', (name) => {
		expect(variablesOf({ [name]: 'true' })).toEqual([name])
	})
	test('LEDGER_SIGNING_KEY is not base64 key material', () => {
		expect(variablesOf({ LEDGER_SIGNING_KEY: 'c2lnbmluZy1rZXk=' })).toEqual(['LEDGER_SIGNING_KEY'])
	})
	test('LEDGER_SIGNING_KEY is a private key of another type', () => {
		const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
			.privateKey.export({ format: 'der', type: 'pkcs8' })
			.toString('base64')
		expect(variablesOf({ LEDGER_SIGNING_KEY: ec })).toEqual(['LEDGER_SIGNING_KEY'])
	})
	test('LEDGER_MASTER_KEY is not 32 bytes', () => {
		expect(variablesOf({ LEDGER_MASTER_KEY: randomBytes(16).toString('base64') })).toEqual([
			'LEDGER_MASTER_KEY',
		])
	})
	test('LEDGER_MASTER_KEY is not base64', () => {
		expect(variablesOf({ LEDGER_MASTER_KEY: '!'.repeat(44) })).toEqual(['LEDGER_MASTER_KEY'])
	})
	test('DATABASE_URL is not a URL', () => {
		expect(variablesOf({ DATABASE_URL: 'not-a-url' })).toEqual(['DATABASE_URL'])
	})
	test('DATABASE_URL is a URL of another scheme', () => {
		expect(variablesOf({ DATABASE_URL: 'mysql://db.internal/chartside' })).toEqual(['DATABASE_URL'])
	})
	test('AUDIT_DATABASE_URL is not a URL', () => {
		expect(variablesOf({ AUDIT_DATABASE_URL: 'ledger' })).toEqual(['AUDIT_DATABASE_URL'])
	})
	test('AUDIT_DATABASE_URL names the operational database', () => {
		const url = 'postgres://app@db.internal:5432/chartside'
		expect(variablesOf({ DATABASE_URL: url, AUDIT_DATABASE_URL: url })).toEqual([
			'AUDIT_DATABASE_URL',
		])
	})
	test('AUDIT_DATABASE_URL names the operational database with the default port spelled differently', () => {
		expect(
			variablesOf({
				DATABASE_URL: 'postgres://app@DB.internal:5432/chartside',
				AUDIT_DATABASE_URL: 'postgresql://ledger@db.internal/chartside',
			}),
		).toEqual(['AUDIT_DATABASE_URL'])
	})
	test('MIGRATOR_DATABASE_URL is set without DATABASE_URL (whose login it grants roles to)', () => {
		expect(
			variablesOf({ MIGRATOR_DATABASE_URL: 'postgres://chartside_migrator@db.internal/chartside' }),
		).toEqual(['MIGRATOR_DATABASE_URL'])
	})
	test('MIGRATOR_DATABASE_URL names another database than DATABASE_URL', () => {
		expect(
			variablesOf({
				DATABASE_URL: 'postgres://chartside_service@db.internal/chartside',
				MIGRATOR_DATABASE_URL: 'postgres://chartside_migrator@db.internal/chartside_audit',
			}),
		).toEqual(['MIGRATOR_DATABASE_URL'])
	})
	test('MIGRATOR_AUDIT_DATABASE_URL uses the application’s ledger login', () => {
		expect(
			variablesOf({
				AUDIT_DATABASE_URL: 'postgres://chartside_ledger_service@db.internal/chartside_audit',
				MIGRATOR_AUDIT_DATABASE_URL:
					'postgres://chartside_ledger_service:other@db.internal:5432/chartside_audit',
			}),
		).toEqual(['MIGRATOR_AUDIT_DATABASE_URL'])
	})
	test('APP_URL is a network address while the development identity provider would serve it', () => {
		expect(variablesOf({ APP_URL: 'http://chartside.ward.example:3000' })).toEqual(['OIDC_ISSUER'])
	})
	test('HOST listens beyond this machine while the development identity provider would serve it', () => {
		expect(variablesOf({ HOST: '0.0.0.0' })).toEqual(['OIDC_ISSUER'])
	})
	test('NODE_ENV=production with an http:// APP_URL', () => {
		expect(variablesOf({ ...PRODUCTION, APP_URL: 'http://chartside.hospital.example' })).toEqual([
			'APP_URL',
		])
	})
	test('NODE_ENV=production with an http:// OIDC_ISSUER', () => {
		expect(variablesOf({ ...PRODUCTION, OIDC_ISSUER: 'http://login.hospital.example' })).toEqual([
			'OIDC_ISSUER',
		])
	})
	test('PORT is not a number (and the message says so, not "is required")', () => {
		const problems = problemsOf({ PORT: 'eighty' })
		expect(problems.map((p) => p.variable)).toEqual(['PORT'])
		expect(problems[0]?.message).not.toBe('is required')
		expect(problems[0]?.message).toMatch(/number/)
	})
	test('a variable that production requires is missing (the message says "is required")', () => {
		const { DATABASE_URL: _omitted, ...rest } = PRODUCTION
		const problems = problemsOf(rest)
		expect(problems).toEqual([
			{ variable: 'DATABASE_URL', message: expect.stringMatching(/is required/) },
		])
	})
	test('PORT is out of range', () => {
		expect(variablesOf({ PORT: '70000' })).toEqual(['PORT'])
	})
	test('SESSION_IDLE_MINUTES is zero', () => {
		expect(variablesOf({ SESSION_IDLE_MINUTES: '0' })).toEqual(['SESSION_IDLE_MINUTES'])
	})
	test('SESSION_SECRET is too short to be a secret', () => {
		expect(variablesOf({ SESSION_SECRET: 'short' })).toEqual(['SESSION_SECRET'])
	})
	test('OIDC_ISSUER is set without a client id and secret', () => {
		expect(variablesOf({ OIDC_ISSUER: 'https://login.hospital.example' }).sort()).toEqual([
			'OIDC_CLIENT_ID',
			'OIDC_CLIENT_SECRET',
		])
	})
	test('OIDC_ISSUER is not an http(s) URL', () => {
		expect(
			variablesOf({ OIDC_ISSUER: 'login.hospital', OIDC_CLIENT_ID: 'a', OIDC_CLIENT_SECRET: 'b' }),
		).toEqual(['OIDC_ISSUER'])
	})
	test('GATEWAY_URL is set without GATEWAY_TOKEN', () => {
		expect(variablesOf({ GATEWAY_URL: 'http://gateway.internal:4000' })).toEqual(['GATEWAY_TOKEN'])
	})
	test('LOG_LEVEL is not a known level', () => {
		expect(variablesOf({ LOG_LEVEL: 'loud' })).toEqual(['LOG_LEVEL'])
	})
	test('NODE_ENV=production relies on any embedded default', () => {
		expect(variablesOf({ NODE_ENV: 'production' }).sort()).toEqual([
			'APP_URL',
			'AUDIT_DATABASE_URL',
			'DATABASE_URL',
			'LEDGER_MASTER_KEY',
			'LEDGER_SIGNING_KEY',
			'OIDC_ISSUER',
			'SESSION_SECRET',
		])
	})
	test('several variables are wrong at once: each is named', () => {
		expect(variablesOf({ DATABASE_URL: 'nope', PORT: '-1', LOG_LEVEL: 'x' }).sort()).toEqual([
			'DATABASE_URL',
			'LOG_LEVEL',
			'PORT',
		])
	})
})

describe('configuration errors', () => {
	test('name the variable in the message and never echo its value', () => {
		const secretish = 'postgres-password-in-a-bad-url'
		try {
			parseConfig({ DATABASE_URL: secretish })
			expect.unreachable()
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError)
			const message = (error as ConfigError).message
			expect(message).toContain('DATABASE_URL')
			expect(message).not.toContain(secretish)
			expect((error as ConfigError).code).toBe('CONFIG_INVALID')
		}
	})
})

describe('configuration is accepted', () => {
	test('with nothing set: the embedded mode, with the demo seeded', () => {
		const config = parseConfig({})
		expect(config.port).toBe(3000)
		expect(config.host).toBe('127.0.0.1')
		expect(config.dataDir).toBe(path.resolve('.data'))
		expect(config.database).toMatchObject({ kind: 'embedded', dataDir: path.resolve('.data/db') })
		expect(config.auditDatabase).toMatchObject({
			kind: 'embedded',
			dataDir: path.resolve('.data/audit'),
		})
		expect(config.raw.SESSION_IDLE_MINUTES).toBe(15)
		expect(config.raw.OIDC_ROLES_CLAIM).toBe('roles')
		expect(config.raw.GATEWAY_PORT).toBe(4000)
		expect(config.seedDemo).toBe(true)
	})
	test('with the migrator on the same databases as another login (db:migrate)', () => {
		const config = parseConfig({
			...PRODUCTION,
			MIGRATOR_DATABASE_URL: 'postgres://chartside_migrator@db.internal/chartside',
			MIGRATOR_AUDIT_DATABASE_URL:
				'postgresql://chartside_migrator@ledger.internal:5432/chartside_audit',
		})
		expect(config.migrator).toEqual({
			database: 'postgres://chartside_migrator@db.internal/chartside',
			auditDatabase: 'postgresql://chartside_migrator@ledger.internal:5432/chartside_audit',
		})
		expect(parseConfig(PRODUCTION).migrator).toEqual({ database: null, auditDatabase: null })
	})
	test('with empty strings treated as unset', () => {
		expect(parseConfig({ DATABASE_URL: '', PORT: '' }).database.kind).toBe('embedded')
	})
	test('with a complete production configuration: server databases, no demo seed', () => {
		const config = parseConfig({
			...PRODUCTION,
			DB_POOL_MAX: '25',
			DB_STATEMENT_TIMEOUT_MS: '5000',
		})
		expect(config.database).toEqual({
			kind: 'server',
			url: PRODUCTION.DATABASE_URL,
			poolMax: 25,
			connectTimeoutMs: 10_000,
			idleTimeoutMs: 30_000,
			statementTimeoutMs: 5000,
		})
		expect(config.auditDatabase).toMatchObject({
			kind: 'server',
			url: PRODUCTION.AUDIT_DATABASE_URL,
		})
		expect(config.seedDemo).toBe(false)
	})
	test('with the development identity provider on a loopback APP_URL', () => {
		expect(parseConfig({ APP_URL: 'http://127.0.0.1:3000' }).identity.kind).toBe('development')
	})
	test('with SEED_DEMO=false on an embedded database', () => {
		expect(parseConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false)
	})
	test('with job workers in the app process on the embedded database, not with DATABASE_URL', () => {
		expect(parseConfig({}).jobs).toEqual({ inProcess: true, concurrency: 1 })
		expect(parseConfig({ DATABASE_URL: 'postgres://app@db/chartside' }).jobs.inProcess).toBe(false)
		expect(
			parseConfig({ DATABASE_URL: 'postgres://app@db/chartside', JOBS_IN_PROCESS: 'true' }).jobs
				.inProcess,
		).toBe(true)
		expect(parseConfig({ JOBS_IN_PROCESS: 'false', JOBS_CONCURRENCY: '4' }).jobs).toEqual({
			inProcess: false,
			concurrency: 4,
		})
	})
	test('refuses a job concurrency outside 1..32', () => {
		expect(() => parseConfig({ JOBS_CONCURRENCY: '0' })).toThrow(/JOBS_CONCURRENCY/)
	})
	test('with one OCR worker by default, or OCR_WORKERS', () => {
		expect(parseConfig({}).intake.ocrWorkers).toBe(1)
		expect(parseConfig({ OCR_WORKERS: '2' }).intake.ocrWorkers).toBe(2)
	})
	test('fax intake caps and the auto-file confidence, by default and set', () => {
		expect(parseConfig({}).intake).toEqual({
			maxFileBytes: 25 * 1024 * 1024,
			maxFiles: 20,
			maxPages: 50,
			maxPixelsPerPage: 40_000_000,
			autoFileMinConfidence: 0.8,
			ocrWorkers: 1,
		})
		expect(
			parseConfig({
				INTAKE_MAX_FILE_MB: '5',
				INTAKE_MAX_PAGES: '10',
				INTAKE_AUTO_FILE_MIN_CONFIDENCE: '95',
			}).intake,
		).toMatchObject({ maxFileBytes: 5 * 1024 * 1024, maxPages: 10, autoFileMinConfidence: 0.95 })
	})
	test.each([
		['INTAKE_AUTO_FILE_MIN_CONFIDENCE', '40'],
		['INTAKE_AUTO_FILE_MIN_CONFIDENCE', '101'],
		['INTAKE_MAX_FILE_MB', '0'],
		['INTAKE_MAX_PAGES', 'many'],
	])('refuses %s=%s', (name, value) => {
		expect(variablesOf({ [name]: value })).toEqual([name])
	})
	test.each(['0', '9', '1.5', 'two'])(
		'refuses OCR_WORKERS=%s (1..8 workers of ~250 MB)',
		(value) => {
			expect(variablesOf({ OCR_WORKERS: value })).toEqual(['OCR_WORKERS'])
		},
	)
})

describe('.env.example', () => {
	test('documents every variable of the schema, and nothing else', async () => {
		const { readFile } = await import('node:fs/promises')
		const { envSchema } = await import('./schema.ts')
		const text = await readFile(new URL('../../.env.example', import.meta.url), 'utf8')
		const documented = [...text.matchAll(/^# ([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort()
		const declared = Object.keys(envSchema.shape).sort()
		expect(documented).toEqual(declared)
	})
})

describe('the model variables npm run eval takes from its environment', () => {
	test('are the registry, its keys and the tracing switches, and nothing else', () => {
		const picked = modelEnvironment({
			GATEWAY_CONFIG: '/etc/chartside/gateway.json',
			OPENAI_COMPATIBLE_API_KEY: 'k',
			DATABASE_URL: 'postgres://x',
			SESSION_SECRET: 's'.repeat(48),
			OIDC_CLIENT_SECRET: 'secret',
		})
		expect(Object.keys(picked).sort()).toEqual(['GATEWAY_CONFIG', 'OPENAI_COMPATIBLE_API_KEY'])
	})
	test('carry tracing switched on, so the evaluation refuses it like the app', () => {
		const picked = modelEnvironment({ LANGCHAIN_TRACING: 'true' })
		expect(() =>
			parseConfig({ ...picked, DATA_DIR: path.join(os.tmpdir(), 'chartside-config-test') }),
		).toThrow(ConfigError)
	})
})
