/**
 * `npm run gateway`: the inference gateway as its own process, an OpenAI-compatible service
 * (server/gateway/http/) on GATEWAY_PORT behind the GATEWAY_TOKEN service token. It opens only the
 * ledger (every inference is recorded there, as in-process) and the endpoint registry of
 * GATEWAY_CONFIG; it holds no chart data. The app uses it when GATEWAY_URL and GATEWAY_TOKEN are set.
 *
 * Failures print plain words and an error code, never an error's message or stack.
 */
import { mkdir } from 'node:fs/promises'
import { openDatabase, StoreInUseError, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import type { Ledger } from './audit/ledger.ts'
import { startLedger } from './audit/start-ledger.ts'
import { loadConfigOrExit } from './config/boot.ts'
import { databaseConnection } from './database/connection.ts'
import { isAppError } from './platform/errors.ts'
import { createGatewayService } from './gateway/http/service.ts'
import { createGatewayFromConfig } from './gateway/index.ts'
import { createLogger, errorFields, type Logger } from './log.ts'

function fail(log: Logger, event: string, message: string, error?: unknown): never {
	log.error(event, error === undefined ? {} : errorFields(error))
	process.stderr.write(`The Chartside gateway cannot start: ${message}\n`)
	process.exit(1)
}

const config = loadConfigOrExit()
const log = createLogger(config.logLevel)
const token = config.raw.GATEWAY_TOKEN
if (!token)
	fail(
		log,
		'gateway.no_token',
		'GATEWAY_TOKEN is not set. Set a random service token of at least 32 characters (for example `openssl rand -hex 32`); the app presents the same one.',
	)

let store: DatabaseHandle
let ledger: Ledger
try {
	await mkdir(config.dataDir, { recursive: true })
	store = await openDatabase(databaseConnection(config.auditDatabase, 'chartside-gateway', log))
	await migrateDatabase(store, LEDGER_MIGRATIONS_FOLDER)
	ledger = await startLedger(config, store, log)
} catch (error) {
	if (error instanceof StoreInUseError)
		fail(
			log,
			'gateway.store_in_use',
			`the embedded ledger store is open in process ${error.pid} (probably the app). Run the app and the gateway on a shared ledger database (AUDIT_DATABASE_URL), or give the gateway its own DATA_DIR.`,
			error,
		)
	fail(
		log,
		'gateway.ledger_unavailable',
		'the ledger store could not be opened. Check AUDIT_DATABASE_URL, or DATA_DIR for the embedded store.',
		error,
	)
}

let server: ReturnType<typeof createGatewayService>
try {
	server = createGatewayService({
		gateway: createGatewayFromConfig(config, { audit: ledger, log }),
		token,
		log,
	})
} catch (error) {
	await ledger.close()
	await store.close()
	if (isAppError(error) && error.code === 'GATEWAY_CONFIG_INVALID')
		fail(log, 'gateway.config_invalid', error.message, error)
	fail(log, 'gateway.start_failed', 'the gateway could not be built.', error)
}

const port = config.raw.GATEWAY_PORT
server.on('error', (error) =>
	fail(log, 'gateway.listen_failed', `port ${port} is not available.`, error),
)
server.listen(port, config.host, () => {
	log.info('gateway.listening', { url: `http://${config.host}:${port}/v1`, ledger: store.kind })
})

let closing = false
const shutdown = (signal: string) => {
	if (closing) return
	closing = true
	log.info('gateway.stopping', { signal })
	server.close(() => {
		void ledger
			.close()
			.then(() => store.close())
			.then(() => process.exit(0))
	})
	server.closeIdleConnections()
	setTimeout(() => process.exit(0), 5_000).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
