/**
 * `npm run ingest -- PATH...`: the chart ingestion tool (ingest/cli.ts has the commands). It opens
 * the operational database, the ledger and the gateway exactly as the app does, so every embedding
 * goes through the gateway and every ingested document is a ledger event.
 */
import { StoreInUseError } from '#db/client.ts'
import { loadConfigOrExit } from '#server/config/boot.ts'
import { describeBootFailure } from '#server/boot-failure.ts'
import { createLogger } from '#server/log.ts'
import { DOCUMENTS_SYSTEM_PATH } from '#server/documents/index.ts'
import { createServices } from '#server/services.ts'
import { JOB_KINDS } from '#server/jobs/index.ts'
import { runIngestCli, wantsJobQueue } from './cli.ts'

const config = loadConfigOrExit()
const log = createLogger(config.logLevel === 'debug' ? 'debug' : 'warn')
const tty = process.stderr.isTTY
const argv = process.argv.slice(2)

process.exitCode = await runIngestCli(
	argv,
	async () => {
		try {
			// Only a queued re-embed needs the job queue, and then only to send (no workers here).
			const services = await createServices(config, {
				log,
				jobs: wantsJobQueue(argv) ? 'client' : 'off',
			})
			const { jobs } = services
			return {
				deps: {
					db: services.system.systemDatabase(DOCUMENTS_SYSTEM_PATH).db,
					gateway: services.gateway,
					audit: services.audit,
				},
				...(jobs ? { enqueueReembed: () => jobs.send(JOB_KINDS.documentsReembed, {}) } : {}),
				close: () => services.close(),
			}
		} catch (error) {
			process.stderr.write(
				error instanceof StoreInUseError
					? `An embedded store in DATA_DIR is open in process ${error.pid} (probably the app): stop it first, or ingest into a server database. (${error.code})\n`
					: `Cannot ingest: ${describeBootFailure(error).message}\n`,
			)
			process.exit(1)
		}
	},
	{
		out: (line) => process.stdout.write(line + '\n'),
		err: (line) => process.stderr.write(line + '\n'),
		// A live progress line on a terminal; nothing in CI logs (the summary table follows).
		...(tty ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
	},
)
