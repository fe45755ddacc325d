import type { KeyObject } from 'node:crypto'
import { loadOrCreateSecret } from '../auth/secrets.ts'
import type { Config } from '../config/index.ts'
import { AppError } from '../platform/errors.ts'
import type { LedgerReader } from './append.ts'
import { generateSigningKey, signingKeyFrom } from './checkpoint.ts'
import {
	AUDIT_ACTIONS,
	AUDIT_COMPONENTS,
	payloadContext,
	type AuditEvent,
	type LedgerEntry,
	type StoredPayload,
} from './events.ts'
import type { LedgerContext } from './ledger-context.ts'
import type { LedgerTx } from './ledger-store.ts'
import {
	decryptPayload,
	encryptPayload,
	newDataKey,
	unwrapDataKey,
	wrapDataKey,
	type EncryptedPayload,
} from './payload-crypto.ts'

/**
 * The ledger's keys and what they protect: the Ed25519 key that signs checkpoints, the master key
 * that wraps the per-patient data keys, sealing PHI under those keys on append, reading it back,
 * and crypto-shredding (destroying a patient's key, after which the payloads read as withheld).
 */
export type LedgerKeys = {
	signing: { privateKey: KeyObject; publicKey: KeyObject; keyId: string }
	/** 32 bytes; wraps the per-patient data keys. */
	master: Buffer
}

/**
 * From configuration in production (both are required there); generated once and kept under
 * DATA_DIR/keys (mode 0600) in the embedded mode. The configuration schema has already checked
 * their form.
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

/** Turns events into entries inside the append transaction: PHI sealed under patient keys. */
export async function sealEntries(
	tx: LedgerTx,
	events: readonly AuditEvent[],
	master: Buffer,
): Promise<LedgerEntry[]> {
	const patients = [...new Set(events.flatMap((e) => (e.sensitive ? [e.sensitive.patientId] : [])))]
	let rows = await tx.keys(patients)
	const missing = patients.filter((p) => !rows.some((r) => r.patientId === p))
	if (missing.length > 0) {
		await tx.addKeys(
			missing.map((patientId) => ({
				patientId,
				wrappedKey: wrapDataKey(newDataKey(), master, patientId),
			})),
		)
		rows = await tx.keys(patients)
	}
	const dataKeys = new Map<string, Buffer | null>(
		rows.map((r) => [
			r.patientId,
			r.wrappedKey ? unwrapDataKey(r.wrappedKey, master, r.patientId) : null,
		]),
	)
	return events.map(({ sensitive, ...event }) => {
		const entry: LedgerEntry = { v: 1, ...event }
		if (sensitive) {
			const key = dataKeys.get(sensitive.patientId) ?? null
			const payload: StoredPayload = key
				? {
						patientId: sensitive.patientId,
						...encryptPayload(sensitive.value, key, payloadContext(event)),
					}
				: { patientId: sensitive.patientId, withheld: 'patient_key_destroyed' }
			entry.payload = payload
		}
		return entry
	})
}

/** Decrypts an entry's PHI payload, after recording the read. */
export async function readPayload(
	ctx: LedgerContext,
	seq: number,
	reader: LedgerReader,
): Promise<unknown> {
	const { store, keys, appends } = ctx
	const row = await store.entry(seq)
	const payload = (row?.entry as LedgerEntry | null)?.payload
	if (!row || !payload) throw new AppError('AUDIT_ENTRY_NOT_FOUND', 'That entry has no payload.')
	await appends.recordRead(reader, {
		resource: { type: 'patient', id: payload.patientId, patientId: payload.patientId },
		details: { operation: 'read_payload', seq },
	})
	const context = payloadContext(row.entry as LedgerEntry)
	if ('withheld' in payload) return decryptPayload({} as EncryptedPayload, null, context)
	const key = await store.patientKey(payload.patientId)
	const dataKey = key?.wrappedKey
		? unwrapDataKey(key.wrappedKey, keys.master, payload.patientId)
		: null
	return decryptPayload(payload, dataKey, context)
}

/** Destroys a patient's data key, in the same transaction as the entry that records it. */
export async function shredPatient(
	ctx: LedgerContext,
	patientId: string,
	reader: LedgerReader,
): Promise<void> {
	await ctx.store.append(async (tx) => {
		await tx.shred(patientId)
		return [
			{
				v: 1,
				at: ctx.now().toISOString(),
				requestId: reader.requestId,
				component: AUDIT_COMPONENTS.retention,
				action: AUDIT_ACTIONS.ledgerShred,
				actor: reader.actor,
				resource: { type: 'patient', id: patientId, patientId },
				decision: 'allow',
				policy: 'retention.patient_deletion',
				outcome: 'success',
			} satisfies LedgerEntry,
		]
	})
}
