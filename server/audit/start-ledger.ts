import type { DatabaseHandle } from '#db/client.ts'
import type { Config } from '../config/index.ts'
import type { Logger } from '../log.ts'
import { loadLedgerKeys } from './keys.ts'
import { createLedger, type Ledger } from './ledger.ts'
import { createLedgerStore } from './ledger-store.ts'

/**
 * The ledger over its (already migrated) store, with the configured keys and checkpoint policy.
 * `checkpointTimer: false` where the job queue's scheduled ledger.checkpoint signs instead.
 */
export async function startLedger(
	config: Config,
	store: DatabaseHandle,
	log: Logger,
	options: { checkpointTimer?: boolean } = {},
): Promise<Ledger> {
	return createLedger({
		store: createLedgerStore(store.db),
		keys: await loadLedgerKeys(config),
		checkpointEvery: config.ledger.checkpointEvery,
		checkpointSeconds: config.ledger.checkpointSeconds,
		log,
		...(options.checkpointTimer === false ? { checkpointTimer: false } : {}),
	})
}
