/** `npm run audit -- …`: the ledger tools (see server/audit/cli.ts for the commands). */
import { loadConfigOrExit } from '../config/boot.ts'
import { runAuditCli } from './cli.ts'

const config = loadConfigOrExit()
process.exitCode = await runAuditCli(process.argv.slice(2), config, {
	out: (line) => process.stdout.write(line + '\n'),
	err: (line) => process.stderr.write(line + '\n'),
})
