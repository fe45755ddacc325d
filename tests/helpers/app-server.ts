import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { sessions } from '#db/schema/sessions.ts'
import { users } from '#db/schema/users.ts'
import { seedDemo } from '#ingest/demo/seed.ts'
import type { LedgerEntry } from '#server/audit/events.ts'
import { createLedgerStore } from '#server/audit/ledger-store.ts'
import type { AuditSink } from '#server/audit/sink.ts'
import { parseConfig } from '#server/config/index.ts'
import { createHttpApp } from '#server/http/app.ts'
import { createLogger } from '#server/log.ts'
import { createServices, type ServiceOptions, type Services } from '#server/services.ts'
import { createTestDatabases } from './test-database.ts'

/**
 * The real app (Remix build + Express edge + services) on fresh seeded stores — embedded, or
 * server databases as the application logins under TEST_DATABASE_URL — for integration tests
 * that speak HTTP. Needs `npm run build` first (npm test does it).
 */
export type AppServer = {
	base: string
	services: Services
	/**
	 * The most recent ledger entries, newest first, read straight from the ledger database (a test
	 * inspecting the store; the app's own reads go through the ledger and are recorded).
	 */
	events(limit: number): Promise<LedgerEntry[]>
	/** A signed-in session for a demo user, as a Cookie header, plus its CSRF token. */
	sessionFor(subject: string): Promise<{ cookie: string; csrf: string; userId: string }>
	stop(): Promise<void>
}

const BUILD = 'build/server/index.js'

export async function startAppServer(
	env: Record<string, string> = {},
	options: Omit<ServiceOptions, 'audit' | 'log'> & { audit?: AuditSink } = {},
): Promise<AppServer> {
	if (!existsSync(BUILD))
		throw new Error(`${BUILD} is missing: run \`npm run build\` before the integration tests`)
	const build = (await import(pathToFileURL(path.resolve(BUILD)).href)) as ServerBuild
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chartside-app-'))
	// Fresh server databases under TEST_DATABASE_URL (npm run test:server); PGlite otherwise.
	const databases = await createTestDatabases()
	const config = parseConfig({ DATA_DIR: dataDir, ...databases.env, ...env })
	const services = await createServices(config, {
		...options,
		...(options.audit ? { audit: options.audit } : {}),
		log: createLogger('silent'),
	})
	// Seeded through the real ledger: a test's substitute sink (one that refuses) is for requests.
	await seedDemo({ db: services.database.db, gateway: services.gateway, audit: services.ledger })
	const app = createHttpApp({ services, build, clientDir: 'build/client' })
	// Any free port, unless the test names one: the development identity provider's issuer is
	// APP_URL, so a test that signs in over HTTP passes PORT and APP_URL together.
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(env.PORT ? config.port : 0, '127.0.0.1', () => resolve(s))
	})
	const address = server.address()
	const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
	return {
		base,
		services,
		async events(limit) {
			const rows = await createLedgerStore(services.ledgerStore.db).search({ limit })
			return rows.flatMap((r) => (r.entry ? [r.entry as LedgerEntry] : []))
		},
		async sessionFor(subject) {
			const { db } = services.database
			const [user] = await db.select({ id: users.id }).from(users).where(eq(users.subject, subject))
			if (!user) throw new Error(`no demo user ${subject}`)
			const { sessionId, setCookie } = await services.sessions.start(user.id, null)
			const [row] = await db
				.select({ csrf: sessions.csrfToken })
				.from(sessions)
				.where(eq(sessions.id, sessionId))
			return { cookie: setCookie.split(';')[0] ?? '', csrf: row?.csrf ?? '', userId: user.id }
		},
		async stop() {
			await new Promise((resolve) => server.close(resolve))
			await services.close()
			await databases.drop()
			await rm(dataDir, { recursive: true, force: true })
		},
	}
}
