/**
 * `npm run intake -- PATH...` (server/intake/cli.ts has the command). With the embedded store the
 * faxes are read in this process before it exits (stop the app first: PGlite has one writer); with
 * a server database they are queued for the `npm run worker` processes.
 */
import { StoreInUseError } from '#db/client.ts'
import { describeBootFailure } from '../boot-failure.ts'
import { loadConfigOrExit } from '../config/boot.ts'
import { createLogger } from '../log.ts'
import { createServices } from '../services.ts'
import { runIntakeCli } from './cli.ts'

const config = loadConfigOrExit()
const log = createLogger(config.logLevel === 'debug' ? 'debug' : 'warn')

process.exitCode = await runIntakeCli(
	process.argv.slice(2),
	async () => {
		try {
			const services = await createServices(config, {
				log,
				jobs: config.database.kind === 'embedded' ? 'off' : 'client',
			})
			return { intake: services.intake, close: () => services.close() }
		} catch (error) {
			process.stderr.write(
				error instanceof StoreInUseError
					? `An embedded store in DATA_DIR is open in process ${error.pid} (probably the app): stop it first, or use a server database. (${error.code})\n`
					: `Cannot receive faxes: ${describeBootFailure(error).message}\n`,
			)
			process.exit(1)
		}
	},
	{
		out: (line) => process.stdout.write(line + '\n'),
		err: (line) => process.stderr.write(line + '\n'),
	},
)
