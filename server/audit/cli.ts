import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { openDatabase, StoreInUseError, type DatabaseHandle } from '#db/client.ts'
import { LEDGER_MIGRATIONS_FOLDER, migrateDatabase } from '#db/migrate.ts'
import type { Config } from '../config/index.ts'
import { databaseConnection } from '../database/connection.ts'
import { assertApplicationLogin } from '../database/login-checks.ts'
import { isAppError, type ErrorCode } from '../platform/errors.ts'
import { isUuid } from '../platform/ids.ts'
import { createLogger } from '../log.ts'
import { exportLedger } from './export.ts'
import { loadLedgerKeys } from './keys.ts'
import { createLedger, type LedgerReader } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'

export const USAGE = `Usage: npm run audit -- <command>

  verify                          recompute the chain and every checkpoint; exit 1 naming the first bad entry
  prove <seq>                     print the inclusion proof of entry <seq> against a signed checkpoint
  checkpoint                      sign a checkpoint over the current tree head
  export [--from TS] [--to TS] [--out DIR]
                                  write entries recorded in [from, to) with proofs, the public key and
                                  the stand-alone verifier (node DIR/verify-ledger-export.mjs DIR)
  shred <patient-id>              destroy a patient's ledger key (crypto-shredding), recorded
  purge --before TS               blank entries recorded before TS and over six years old, recorded

Every command is recorded in the ledger as the operating-system user running it. With the embedded
store, stop the app first: one process at a time may open DATA_DIR/audit.`

type Io = { out(line: string): void; err(line: string): void }

/**
 * The ledger tools (`npm run audit`). Returns the exit code: 0 done, 1 verification failed or the
 * command was refused, 2 usage error.
 */
export async function runAuditCli(argv: string[], config: Config, io: Io): Promise<number> {
	let parsed
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				from: { type: 'string' },
				to: { type: 'string' },
				out: { type: 'string' },
				before: { type: 'string' },
			},
		})
	} catch {
		io.err(USAGE)
		return 2
	}
	const [command, arg, extra] = parsed.positionals
	const values = parsed.values
	const date = (value: string | undefined, name: string): Date | null | 'bad' => {
		if (value === undefined) return null
		const d = new Date(value)
		if (Number.isNaN(d.getTime())) {
			io.err(`--${name} is not a date and time (use ISO 8601, for example 2026-11-01T00:00:00Z).`)
			return 'bad'
		}
		return d
	}
	if (
		!command ||
		!['verify', 'prove', 'checkpoint', 'export', 'shred', 'purge'].includes(command) ||
		extra
	) {
		io.err(USAGE)
		return 2
	}
	// Every argument is checked before the ledger database is opened.
	const seq = Number(arg)
	if (command === 'prove' && (!arg || !Number.isSafeInteger(seq) || seq < 1)) {
		io.err('prove needs an entry number: npm run audit -- prove 42')
		return 2
	}
	if (command === 'shred' && (!arg || !isUuid(arg))) {
		io.err('shred needs a patient id (a UUID).')
		return 2
	}
	const from = date(values.from, 'from')
	const to = date(values.to, 'to')
	const before = date(values.before, 'before')
	if (from === 'bad' || to === 'bad' || before === 'bad') return 2
	if (from && to && from >= to) {
		io.err('--from must be before --to.')
		return 2
	}
	if (command === 'purge' && !before) {
		io.err('purge needs --before TS.')
		return 2
	}

	await mkdir(config.dataDir, { recursive: true })
	let handle: DatabaseHandle
	try {
		handle = await openDatabase(databaseConnection(config.auditDatabase, 'chartside-audit-cli'))
	} catch (error) {
		io.err(
			error instanceof StoreInUseError
				? `The embedded ledger store is open in another process (pid ${error.pid}, probably the app): stop it first. (${error.code})`
				: 'The ledger database could not be opened. Check AUDIT_DATABASE_URL, or DATA_DIR for the embedded store. (AUDIT_STORE_UNAVAILABLE)',
		)
		return 1
	}
	const log = createLogger('silent')
	const ledger = createLedger({
		store: createLedgerStore(handle.db),
		keys: await loadLedgerKeys(config),
		checkpointEvery: config.ledger.checkpointEvery,
		checkpointSeconds: config.ledger.checkpointSeconds,
		log,
	})
	const reader: LedgerReader = {
		actor: { userId: `operator:${os.userInfo().username}`, role: null, sessionId: null },
		requestId: `cli-${randomUUID()}`,
		policy: 'operator.ledger-database-access',
	}
	try {
		// The embedded store is this process's own; a server database was migrated by the migrator
		// (npm run db:migrate), and the CLI runs as the ledger's application login, as the app does.
		if (handle.kind === 'server') await assertApplicationLogin(handle, 'ledger')
		else await migrateDatabase(handle, LEDGER_MIGRATIONS_FOLDER)
		switch (command) {
			case 'verify': {
				const report = await ledger.verify(reader)
				if (report.ok) {
					io.out(
						`Ledger intact: ${report.entries} entries, ${report.checkpoints} signed checkpoints verified` +
							(report.purged ? `, ${report.purged} purged after retention (hashes kept).` : '.'),
					)
					return 0
				}
				io.err(
					`Ledger verification FAILED: ${
						report.firstBadSeq !== null
							? `first bad entry ${report.firstBadSeq}`
							: `checkpoint at tree size ${report.badCheckpoint}`
					} (${report.reason}).`,
				)
				return 1
			}
			case 'prove': {
				io.out(JSON.stringify(await ledger.prove(seq, reader), null, 2))
				return 0
			}
			case 'checkpoint': {
				const cp = await ledger.checkpoint({ coverStale: true })
				io.out(cp ? JSON.stringify(cp, null, 2) : 'The ledger is empty: nothing to sign.')
				return 0
			}
			case 'export': {
				const out = values.out ?? `ledger-export-${new Date().toISOString().replace(/[:.]/g, '-')}`
				const result = await exportLedger(ledger, { from, to }, out, reader)
				io.out(
					`Exported ${result.count} entries` +
						(result.firstSeq !== null ? ` (${result.firstSeq}–${result.lastSeq})` : '') +
						` to ${result.dir}. Verify with: node ${result.dir}/verify-ledger-export.mjs ${result.dir}`,
				)
				return 0
			}
			case 'shred': {
				const patientId = String(arg).toLowerCase()
				await ledger.shredPatient(patientId, {
					...reader,
					policy: 'retention.patient_deletion',
				})
				io.out(
					`The ledger key of patient ${patientId} is destroyed; its payloads can no longer be read.`,
				)
				return 0
			}
			case 'purge': {
				const result = await ledger.purge(before as Date, reader)
				io.out(
					result.count
						? `Purged ${result.count} entries (through ${result.throughSeq}); hashes kept, purge recorded and checkpointed.`
						: 'Nothing to purge: no entry is both before that time and older than six years.',
				)
				return 0
			}
		}
		return 2
	} catch (error) {
		const code = isAppError(error) ? error.code : ('AUDIT_CLI_FAILED' satisfies ErrorCode)
		const message =
			isAppError(error) && error.exposure === 'user' ? error.message : 'The command failed.'
		io.err(`${message} (${code})`)
		return 1
	} finally {
		await ledger.close()
		await handle.close()
	}
}
