import { sign } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { canonicalBytes } from './canonical-json.ts'
import {
	generateSigningKey,
	signCheckpoint,
	signingKeyFrom,
	verifyCheckpoint,
	type CheckpointBody,
} from './checkpoint.ts'

const key = signingKeyFrom(generateSigningKey())
const other = signingKeyFrom(generateSigningKey())
const BODY: CheckpointBody = {
	treeSize: 8,
	rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
	chainHash: 'a'.repeat(64),
	issuedAt: '2026-11-22T14:00:00.000Z',
	keyId: key.keyId,
}

describe('signed checkpoints', () => {
	test('verify with the signing key’s public half', () => {
		expect(verifyCheckpoint(signCheckpoint(BODY, key.privateKey), key.publicKey)).toBe(true)
	})
	test('carry a stable key id derived from the public key', () => {
		expect(key.keyId).toMatch(/^[0-9a-f]{16}$/)
		expect(signingKeyFrom(generateSigningKey()).keyId).not.toBe(key.keyId)
	})
})

describe('checkpoint verification rejects', () => {
	const signed = signCheckpoint(BODY, key.privateKey)
	test.each([
		['a larger tree size', { ...signed, treeSize: 9 }],
		['another root', { ...signed, rootHash: 'b'.repeat(64) }],
		['another chain head', { ...signed, chainHash: 'c'.repeat(64) }],
		['another time', { ...signed, issuedAt: '2030-01-01T00:00:00.000Z' }],
		['a malformed root', { ...signed, rootHash: 'not-hex' }],
		['a negative size', { ...signed, treeSize: -1 }],
		['a missing signature', { ...BODY }],
		['a garbage signature', { ...signed, signature: 'AAAA' }],
		['not an object', 'checkpoint'],
	])('%s', (_name, checkpoint) => {
		expect(verifyCheckpoint(checkpoint, key.publicKey)).toBe(false)
	})
	test('a checkpoint signed by another key', () => {
		expect(verifyCheckpoint(signCheckpoint(BODY, other.privateKey), key.publicKey)).toBe(false)
	})
	test('a signature over the body without the domain label', () => {
		const bare = sign(null, canonicalBytes(BODY), key.privateKey).toString('base64')
		expect(verifyCheckpoint({ ...BODY, signature: bare }, key.publicKey)).toBe(false)
	})
	test('a key that is not Ed25519', async () => {
		const { generateKeyPairSync } = await import('node:crypto')
		const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
			format: 'der',
			type: 'pkcs8',
		})
		expect(() => signingKeyFrom(rsa.toString('base64'))).toThrow(/Ed25519/)
	})
})
