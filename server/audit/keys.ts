import { loadOrCreateSecret } from '../auth/secrets.ts'
import type { Config } from '../config/index.ts'
import { generateSigningKey, signingKeyFrom } from './checkpoint.ts'
import type { LedgerKeys } from './ledger.ts'

/**
 * The ledger's keys: the Ed25519 key that signs checkpoints and the master key that wraps the
 * per-patient data keys. From configuration in production (both are required there); generated
 * once and kept under DATA_DIR/keys (mode 0600) in the embedded mode. The configuration schema has
 * already checked their form.
 */
export async function loadLedgerKeys(
	config: Pick<Config, 'dataDir' | 'ledger'>,
): Promise<LedgerKeys> {
	const signing =
		config.ledger.signingKey ??
		(await loadOrCreateSecret(config.dataDir, 'ledger-signing-key', generateSigningKey))
	const master =
		config.ledger.masterKey ?? (await loadOrCreateSecret(config.dataDir, 'ledger-master-key'))
	return { signing: signingKeyFrom(signing), master: Buffer.from(master, 'base64') }
}
