import { createBoss, JOB_SCHEMA, type JobQueueTarget } from './boss.ts'
import { JOB_SPECS, type JobKind, type JobSpec } from './kinds.ts'

export type { JobQueueTarget } from './boss.ts'

/**
 * Installs or upgrades pg-boss's schema and creates every queue of JOB_SPECS with its retry,
 * backoff and retention policy, and the cron schedules (ADR 032). Run as the login that owns the
 * operational database's tables: the migrator step in production (`npm run db:migrate`), the app
 * itself at boot on the embedded store. The app and the workers then start pg-boss with its
 * migration off, as a login that has only jobQueueGrantsSql's privileges. Safe to run again.
 */
export async function installJobQueue(target: JobQueueTarget): Promise<void> {
	const boss = createBoss(target, {
		migrate: true,
		supervise: false,
		schedule: false,
		registerInstance: false,
	})
	// An 'error' event without a listener would throw; start() and the calls below reject instead.
	boss.on('error', () => undefined)
	await boss.start()
	try {
		for (const [name, spec] of Object.entries(JOB_SPECS) as [JobKind, JobSpec][]) {
			const options = {
				retryLimit: spec.retryLimit,
				retryDelay: spec.retryDelaySeconds,
				retryBackoff: true,
				expireInSeconds: spec.expireInSeconds,
				deleteAfterSeconds: spec.deleteAfterSeconds,
				// Workers are woken by NOTIFY when a job is sent; polling stays as the backstop.
				notify: true,
			}
			if (await boss.getQueue(name)) await boss.updateQueue(name, options)
			else
				await boss.createQueue(name, {
					...options,
					policy: spec.policy,
					retryDelayMax: spec.retryDelayMaxSeconds,
				})
			if (spec.cron) await boss.schedule(name, spec.cron, {}, { tz: 'UTC' })
			else await boss.unschedule(name)
		}
	} finally {
		await boss.stop({ graceful: false })
	}
}

const LOGIN = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * What a non-owner login (the app's, the workers') needs to use an installed queue, and no more:
 * the schema, rows of its tables, its sequences and functions; never CREATE. Default privileges
 * cover tables the owner adds later (partitions, an upgrade's new tables), so run these as the
 * migrator login that installed the queue, after installJobQueue.
 */
export function jobQueueGrantsSql(login: string): string[] {
	if (!LOGIN.test(login)) throw new RangeError('not a plain lower-case PostgreSQL login name')
	const to = `to "${login}"`
	return [
		`grant usage on schema ${JOB_SCHEMA} ${to}`,
		`grant select, insert, update, delete on all tables in schema ${JOB_SCHEMA} ${to}`,
		`grant usage, select, update on all sequences in schema ${JOB_SCHEMA} ${to}`,
		`grant execute on all functions in schema ${JOB_SCHEMA} ${to}`,
		`alter default privileges in schema ${JOB_SCHEMA} grant select, insert, update, delete on tables ${to}`,
		`alter default privileges in schema ${JOB_SCHEMA} grant usage, select, update on sequences ${to}`,
		`alter default privileges in schema ${JOB_SCHEMA} grant execute on functions ${to}`,
	]
}
