import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { AppError } from '../platform/errors.ts'

/**
 * PHI inside the ledger (full prompts and outputs where policy keeps them, free-text reasons,
 * edited text) is encrypted with a per-patient data key (AES-256-GCM). Data keys are stored apart
 * from the entries, wrapped by the master key (LEDGER_MASTER_KEY). Entry hashes cover the
 * ciphertext, so destroying a patient's data key (crypto-shredding, for a deletion request) makes
 * the payloads unreadable while every hash, chain link and proof still verifies.
 */
export type EncryptedPayload = { alg: 'A256GCM'; iv: string; ct: string; tag: string }
export type WrappedKey = EncryptedPayload

const ALG = 'aes-256-gcm'

function seal(plaintext: Buffer, key: Buffer, aad: string): EncryptedPayload {
	if (key.length !== 32) throw new AppError('AUDIT_KEY_INVALID', 'A ledger key must be 32 bytes.')
	const iv = randomBytes(12)
	const cipher = createCipheriv(ALG, key, iv)
	cipher.setAAD(Buffer.from(aad, 'utf8'))
	const ct = Buffer.concat([cipher.update(plaintext), cipher.final()])
	return {
		alg: 'A256GCM',
		iv: iv.toString('base64'),
		ct: ct.toString('base64'),
		tag: cipher.getAuthTag().toString('base64'),
	}
}

function open(payload: EncryptedPayload, key: Buffer, aad: string): Buffer {
	try {
		const decipher = createDecipheriv(ALG, key, Buffer.from(payload.iv, 'base64'))
		decipher.setAAD(Buffer.from(aad, 'utf8'))
		decipher.setAuthTag(Buffer.from(payload.tag, 'base64'))
		return Buffer.concat([decipher.update(Buffer.from(payload.ct, 'base64')), decipher.final()])
	} catch (cause) {
		throw new AppError('AUDIT_PAYLOAD_UNREADABLE', 'A ledger payload failed authentication.', {
			cause,
		})
	}
}

/** A fresh per-patient data key. */
export const newDataKey = (): Buffer => randomBytes(32)

/** The data key wrapped by the master key, bound to its patient (a key cannot be moved to another). */
export const wrapDataKey = (dataKey: Buffer, masterKey: Buffer, patientId: string): WrappedKey =>
	seal(dataKey, masterKey, `chartside-ledger-key/v1:${patientId}`)

export const unwrapDataKey = (wrapped: WrappedKey, masterKey: Buffer, patientId: string): Buffer =>
	open(wrapped, masterKey, `chartside-ledger-key/v1:${patientId}`)

/**
 * Encrypts a payload for one ledger entry. `context` (for example "entry:<request id>:<action>")
 * is bound as associated data, so a ciphertext cannot be replayed into another entry.
 */
export const encryptPayload = (
	value: unknown,
	dataKey: Buffer,
	context: string,
): EncryptedPayload =>
	seal(
		Buffer.from(JSON.stringify(value), 'utf8'),
		dataKey,
		`chartside-ledger-payload/v1:${context}`,
	)

/**
 * Decrypts a payload, or says it was shredded: `dataKey` is null once the patient's key has been
 * destroyed.
 */
export function decryptPayload(
	payload: EncryptedPayload,
	dataKey: Buffer | null,
	context: string,
): unknown {
	if (!dataKey)
		throw new AppError(
			'AUDIT_PAYLOAD_SHREDDED',
			'This payload was destroyed with the patient’s key.',
		)
	return JSON.parse(
		open(payload, dataKey, `chartside-ledger-payload/v1:${context}`).toString('utf8'),
	) as unknown
}
