/**
 * `npm run db:migrate`: migrates both databases as their owner and grants the application logins
 * their roles (server/database/migrate.ts, docs/runbooks/production-postgres.md). On the
 * embedded default it migrates the PGlite stores under DATA_DIR, as `npm start` also does.
 * Prints what it did; on failure, the cause and what to check, never a database's own message.
 */
import { describeBootFailure } from '../boot-failure.ts'
import { loadConfigOrExit } from '../config/boot.ts'
import { createLogger, errorFields } from '../log.ts'
import { STORES } from './store-errors.ts'
import { migrateStores } from './migrate.ts'

const config = loadConfigOrExit()
const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel)
try {
	const results = await migrateStores(config, log)
	for (const r of results) {
		const where = config[r.store === 'ledger' ? 'auditDatabase' : 'database'].kind
		const applied =
			r.applied === 0
				? `already at the code's ${r.total} migrations`
				: `applied ${r.applied} migration${r.applied === 1 ? '' : 's'} (now ${r.total})`
		const grants = r.login ? `; granted ${r.granted.join(', ')} to ${r.login}` : ''
		process.stdout.write(`${STORES[r.store].words} (${where}): ${applied}${grants}.\n`)
	}
} catch (error) {
	log.error('db.migrate_failed', errorFields(error))
	process.stderr.write(`npm run db:migrate failed: ${describeBootFailure(error).message}\n`)
	process.exitCode = 1
}
