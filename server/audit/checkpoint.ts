import {
	createHash,
	createPrivateKey,
	createPublicKey,
	generateKeyPairSync,
	sign,
	verify,
	type KeyObject,
} from 'node:crypto'
import { canonicalBytes } from './canonical-json.ts'

/**
 * Signed checkpoints: every N entries or T seconds the ledger signs its Merkle tree head (and the
 * chain head) with Ed25519. A checkpoint lets anyone holding the public key check inclusion and
 * consistency proofs against a head the ledger cannot later deny. The signed bytes are a fixed
 * domain label followed by the canonical JSON of the body, so a checkpoint signature can never be
 * mistaken for a signature over anything else.
 */
export type CheckpointBody = {
	treeSize: number
	/** Merkle tree head (hex). */
	rootHash: string
	/** Chain hash of the last entry (hex). */
	chainHash: string
	issuedAt: string
	keyId: string
}

export type SignedCheckpoint = CheckpointBody & { signature: string }

const DOMAIN = Buffer.from('chartside-ledger-checkpoint/v1\n', 'utf8')
const signedBytes = (body: CheckpointBody) => Buffer.concat([DOMAIN, canonicalBytes(body)])

export function signCheckpoint(body: CheckpointBody, privateKey: KeyObject): SignedCheckpoint {
	return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') }
}

const HEX64 = /^[0-9a-f]{64}$/

/** False for a wrong signature, a wrong key, or anything malformed; never throws. */
export function verifyCheckpoint(checkpoint: unknown, publicKey: KeyObject): boolean {
	if (typeof checkpoint !== 'object' || checkpoint === null) return false
	const c = checkpoint as Record<string, unknown>
	if (
		!Number.isSafeInteger(c.treeSize) ||
		(c.treeSize as number) < 0 ||
		typeof c.rootHash !== 'string' ||
		!HEX64.test(c.rootHash) ||
		typeof c.chainHash !== 'string' ||
		!HEX64.test(c.chainHash) ||
		typeof c.issuedAt !== 'string' ||
		typeof c.keyId !== 'string' ||
		typeof c.signature !== 'string'
	) {
		return false
	}
	const body: CheckpointBody = {
		treeSize: c.treeSize as number,
		rootHash: c.rootHash,
		chainHash: c.chainHash,
		issuedAt: c.issuedAt,
		keyId: c.keyId,
	}
	try {
		return verify(null, signedBytes(body), publicKey, Buffer.from(c.signature, 'base64'))
	} catch {
		return false
	}
}

/** A new Ed25519 signing key, as base64 PKCS#8 DER (the form LEDGER_SIGNING_KEY takes). */
export function generateSigningKey(): string {
	const { privateKey } = generateKeyPairSync('ed25519')
	return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')
}

export function signingKeyFrom(base64Pkcs8: string): {
	privateKey: KeyObject
	publicKey: KeyObject
	keyId: string
} {
	const privateKey = createPrivateKey({
		key: Buffer.from(base64Pkcs8, 'base64'),
		format: 'der',
		type: 'pkcs8',
	})
	if (privateKey.asymmetricKeyType !== 'ed25519')
		throw new Error('LEDGER_SIGNING_KEY must be an Ed25519 key')
	const publicKey = createPublicKey(privateKey)
	const spki = publicKey.export({ format: 'der', type: 'spki' })
	return {
		privateKey,
		publicKey,
		keyId: createHash('sha256').update(spki).digest('hex').slice(0, 16),
	}
}
