#!/usr/bin/env node
// Chartside ledger export verifier: stand-alone, Node.js 18 or later, no dependencies, no
// Chartside code. An outside auditor runs it on an export directory written by
// `npm run audit -- export`:
//
//   node verify-ledger-export.mjs DIR [--key-id ID | --public-key FILE.pem]
//
// It checks, treating every byte of the export as hostile:
//   1. the head checkpoint and every earlier checkpoint carry a valid Ed25519 signature by the
//      public key (pin that key with --key-id or --public-key: the key inside the export proves
//      nothing on its own);
//   2. consecutive checkpoints are consistent (RFC 9162 consistency proofs): nothing recorded
//      before an earlier checkpoint was rewritten later;
//   3. every entry's leaf hash is SHA-256(0x00 || canonical JSON of the entry) (RFC 8785 style
//      canonical JSON), its chain hash is SHA-256(previous chain hash || leaf hash), sequence
//      numbers have no gaps, and the stored time matches the hashed one;
//   4. every entry is included in the head checkpoint's Merkle tree (RFC 9162 inclusion proofs).
// Exit code 0: the export verifies. 1: it does not (the first failure is named). 2: usage error.
// The format is documented in docs/runbooks/verifying-a-ledger-export.md.
import { createHash, createPublicKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const FORMAT = 'chartside-ledger-export/v1'
const CHECKPOINT_DOMAIN = Buffer.from('chartside-ledger-checkpoint/v1\n', 'utf8')
const HEX64 = /^[0-9a-f]{64}$/
const GENESIS = '0'.repeat(64)

class Failure extends Error {}
const fail = (message) => {
	throw new Failure(message)
}

// ---- canonical JSON (keys sorted by UTF-16 code units, no whitespace, shortest numbers) ---------
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
function canonical(value) {
	if (value === null) return 'null'
	if (typeof value === 'boolean') return value ? 'true' : 'false'
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) fail('an entry holds a non-finite number')
		return Object.is(value, -0) ? '0' : JSON.stringify(value)
	}
	if (typeof value === 'string') {
		if (LONE_SURROGATE.test(value)) fail('an entry holds a lone surrogate')
		return JSON.stringify(value)
	}
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
	if (typeof value === 'object') {
		const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
		return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`
	}
	return fail(`an entry holds a ${typeof value}`)
}

// ---- hashes -----------------------------------------------------------------------------------
const sha256 = (...parts) => {
	const h = createHash('sha256')
	for (const p of parts) h.update(p)
	return h.digest()
}
const hex = (b) => b.toString('hex')
const fromHex = (s, what) => {
	if (typeof s !== 'string' || !HEX64.test(s)) fail(`${what} is not a 32-byte hex hash`)
	return Buffer.from(s, 'hex')
}
const leafHash = (entry) => sha256(Buffer.from([0]), Buffer.from(canonical(entry), 'utf8'))
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r)

// RFC 9162 section 2.1.3.2
function verifyInclusion(index, size, leaf, proof, root) {
	if (index >= size) return false
	let fn = index
	let sn = size - 1
	let r = leaf
	for (const p of proof) {
		if (sn === 0) return false
		if (fn % 2 === 1 || fn === sn) {
			r = nodeHash(p, r)
			if (fn % 2 === 0) {
				while (fn % 2 === 0 && fn !== 0) {
					fn = Math.floor(fn / 2)
					sn = Math.floor(sn / 2)
				}
			}
		} else {
			r = nodeHash(r, p)
		}
		fn = Math.floor(fn / 2)
		sn = Math.floor(sn / 2)
	}
	return sn === 0 && r.equals(root)
}

// RFC 9162 section 2.1.4.2
function verifyConsistency(size1, size2, root1, root2, proof) {
	if (size1 < 1 || size1 > size2) return false
	if (size1 === size2) return proof.length === 0 && root1.equals(root2)
	const pathHashes = (size1 & (size1 - 1)) === 0 ? [root1, ...proof] : [...proof]
	if (pathHashes.length === 0) return false
	let fn = size1 - 1
	let sn = size2 - 1
	while (fn % 2 === 1) {
		fn = Math.floor(fn / 2)
		sn = Math.floor(sn / 2)
	}
	let fr = pathHashes[0]
	let sr = pathHashes[0]
	for (const c of pathHashes.slice(1)) {
		if (sn === 0) return false
		if (fn % 2 === 1 || fn === sn) {
			fr = nodeHash(c, fr)
			sr = nodeHash(c, sr)
			if (fn % 2 === 0) {
				while (fn % 2 === 0 && fn !== 0) {
					fn = Math.floor(fn / 2)
					sn = Math.floor(sn / 2)
				}
			}
		} else {
			sr = nodeHash(sr, c)
		}
		fn = Math.floor(fn / 2)
		sn = Math.floor(sn / 2)
	}
	return sn === 0 && fr.equals(root1) && sr.equals(root2)
}

// ---- checkpoints ------------------------------------------------------------------------------
const keyIdOf = (publicKey) =>
	hex(sha256(publicKey.export({ format: 'der', type: 'spki' }))).slice(0, 16)

function checkCheckpoint(cp, publicKey, keyId, what) {
	if (typeof cp !== 'object' || cp === null) fail(`${what} is missing`)
	const { treeSize, rootHash, chainHash, issuedAt, signature } = cp
	if (!Number.isSafeInteger(treeSize) || treeSize < 1) fail(`${what} has no valid tree size`)
	fromHex(rootHash, `${what}'s root hash`)
	fromHex(chainHash, `${what}'s chain hash`)
	if (typeof issuedAt !== 'string' || typeof signature !== 'string') fail(`${what} is malformed`)
	if (cp.keyId !== keyId) fail(`${what} names signing key ${cp.keyId}, not ${keyId}`)
	const body = { treeSize, rootHash, chainHash, issuedAt, keyId: cp.keyId }
	const signed = Buffer.concat([CHECKPOINT_DOMAIN, Buffer.from(canonical(body), 'utf8')])
	let ok
	try {
		ok = verify(null, signed, publicKey, Buffer.from(signature, 'base64'))
	} catch {
		ok = false
	}
	if (!ok) fail(`${what} (tree size ${treeSize}) has a bad signature`)
}

// ---- the export -------------------------------------------------------------------------------
export function verifyExport(dir, pin = {}) {
	const read = (name) => {
		try {
			return readFileSync(path.join(dir, name), 'utf8')
		} catch {
			return fail(`${name} is missing from the export`)
		}
	}
	let manifest
	try {
		manifest = JSON.parse(read('manifest.json'))
	} catch (error) {
		if (error instanceof Failure) throw error
		fail('manifest.json is not JSON')
	}
	if (manifest?.format !== FORMAT) fail(`manifest.json is not a ${FORMAT} export`)

	let publicKey
	try {
		publicKey = createPublicKey(pin.publicKeyPem ?? manifest.publicKey)
	} catch {
		fail('the public key cannot be read')
	}
	if (publicKey.asymmetricKeyType !== 'ed25519') fail('the public key is not an Ed25519 key')
	const keyId = keyIdOf(publicKey)
	if (pin.keyId && pin.keyId !== keyId)
		fail(`the export is signed by key ${keyId}, not the pinned key ${pin.keyId}`)
	if (pin.publicKeyPem && manifest.publicKey) {
		let inside
		try {
			inside = keyIdOf(createPublicKey(manifest.publicKey))
		} catch {
			inside = null
		}
		if (inside !== keyId) fail(`the export carries key ${inside}, not the pinned key ${keyId}`)
	}

	// Checkpoints: signatures, then consistency between consecutive ones.
	const head = manifest.checkpoint
	checkCheckpoint(head, publicKey, keyId, 'the head checkpoint')
	const earlier = Array.isArray(manifest.checkpoints) ? manifest.checkpoints : []
	earlier.forEach((cp, i) => checkCheckpoint(cp, publicKey, keyId, `checkpoint ${i + 1}`))
	const all = [...earlier, head]
	for (let i = 1; i < all.length; i++)
		if (all[i].treeSize <= all[i - 1].treeSize) fail('the checkpoints are not in order')
	const proofs = Array.isArray(manifest.consistency) ? manifest.consistency : []
	for (let i = 1; i < all.length; i++) {
		const [a, b] = [all[i - 1], all[i]]
		const link = proofs.find((p) => p?.from === a.treeSize && p?.to === b.treeSize)
		if (!link || !Array.isArray(link.proof))
			fail(`no consistency proof from tree size ${a.treeSize} to ${b.treeSize}`)
		const proof = link.proof.map((h, j) => fromHex(h, `consistency proof element ${j}`))
		const ok = verifyConsistency(
			a.treeSize,
			b.treeSize,
			fromHex(a.rootHash, 'root'),
			fromHex(b.rootHash, 'root'),
			proof,
		)
		if (!ok) fail(`checkpoint ${b.treeSize} is not consistent with checkpoint ${a.treeSize}`)
	}

	// Entries: hashes, chain, time, inclusion in the head.
	const root = fromHex(head.rootHash, 'the head root')
	const lines = read('entries.jsonl')
		.split('\n')
		.filter((l) => l.trim() !== '')
	let previous = fromHex(manifest.previousChainHash ?? GENESIS, 'previousChainHash')
	let expected = manifest.firstSeq
	if (lines.length > 0 && !Number.isSafeInteger(expected)) fail('manifest.json has no firstSeq')
	if (lines.length !== manifest.count)
		fail(`the manifest lists ${manifest.count} entries, entries.jsonl holds ${lines.length}`)
	let last = null
	for (const [i, line] of lines.entries()) {
		let row
		try {
			row = JSON.parse(line)
		} catch {
			fail(`line ${i + 1} of entries.jsonl is not JSON`)
		}
		const seq = row?.seq
		if (seq !== expected) fail(`entry ${expected} is missing (found ${seq} on line ${i + 1})`)
		if (seq > head.treeSize) fail(`entry ${seq} lies beyond the head checkpoint`)
		const where = `entry ${seq}`
		if (row.entry === null || typeof row.entry !== 'object') fail(`${where} has no content`)
		if (row.entry.recordedAt !== row.recordedAt) fail(`${where}: recorded time was altered`)
		const leaf = leafHash(row.entry)
		if (hex(leaf) !== row.leafHash) fail(`${where}: content does not match its leaf hash`)
		const chained = sha256(previous, leaf)
		if (hex(chained) !== row.chainHash) fail(`${where}: chain hash does not link`)
		if (!Array.isArray(row.inclusionProof)) fail(`${where} has no inclusion proof`)
		const proof = row.inclusionProof.map((h, j) => fromHex(h, `${where} proof element ${j}`))
		if (!verifyInclusion(seq - 1, head.treeSize, leaf, proof, root))
			fail(`${where} is not included in the signed checkpoint`)
		previous = chained
		expected = seq + 1
		last = row
	}
	if (last && last.seq === head.treeSize && last.chainHash !== head.chainHash)
		fail('the last entry does not end at the checkpoint chain head')
	if (manifest.lastSeq !== (last ? last.seq : null)) fail('manifest.json lastSeq does not match')
	return {
		entries: lines.length,
		firstSeq: lines.length ? manifest.firstSeq : null,
		lastSeq: last ? last.seq : null,
		treeSize: head.treeSize,
		checkpoints: all.length,
		keyId,
	}
}

function main(argv) {
	const args = [...argv]
	const pin = {}
	let dir = null
	while (args.length) {
		const a = args.shift()
		if (a === '--key-id') pin.keyId = args.shift()
		else if (a === '--public-key') {
			try {
				pin.publicKeyPem = readFileSync(String(args.shift()), 'utf8')
			} catch {
				console.error('The --public-key file cannot be read.')
				return 2
			}
		} else if (!dir && a && !a.startsWith('--')) dir = a
		else dir = null
	}
	if (!dir) {
		console.error('Usage: node verify-ledger-export.mjs DIR [--key-id ID | --public-key FILE.pem]')
		return 2
	}
	try {
		const r = verifyExport(dir, pin)
		console.log(
			`Export verified: ${r.entries} entries` +
				(r.entries ? ` (${r.firstSeq}-${r.lastSeq})` : '') +
				`, included in the checkpoint at tree size ${r.treeSize}, ${r.checkpoints} signed checkpoint(s) consistent, signing key ${r.keyId}.`,
		)
		if (!pin.keyId && !pin.publicKeyPem)
			console.log(
				`Compare key ${r.keyId} with the key id the hospital publishes, or pass --key-id ${r.keyId}.`,
			)
		return 0
	} catch (error) {
		if (error instanceof Failure) {
			console.error(`Export verification FAILED: ${error.message}.`)
			return 1
		}
		throw error
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	process.exitCode = main(process.argv.slice(2))
}
