import { AppError } from '../platform/errors.ts'
import type { LedgerReader } from './append.ts'
import type { SignedCheckpoint } from './checkpoint.ts'
import type { LedgerContext } from './ledger-context.ts'

/** Merkle proofs from the in-memory log (merkle.ts), against signed checkpoints. */

export type InclusionProof = {
	seq: number
	leafHash: string
	treeSize: number
	proof: string[]
	checkpoint: SignedCheckpoint
}

/** Proves entry `seq` is in the tree of the first checkpoint covering it (signing one if none). */
export async function prove(
	ctx: LedgerContext,
	seq: number,
	reader: LedgerReader,
): Promise<InclusionProof> {
	const { store, tree, checkpoints, appends } = ctx
	await appends.recordRead(reader, { details: { operation: 'prove', seq } })
	let cp = (await store.checkpoints()).find((c) => c.treeSize >= seq) ?? null
	cp ??= await checkpoints.sign()
	if (!Number.isSafeInteger(seq) || seq < 1 || !cp || seq > cp.treeSize)
		throw new AppError('AUDIT_ENTRY_NOT_FOUND', `There is no entry ${seq}.`)
	const proof = await tree.serially(async () => {
		await tree.sync()
		return tree.merkle.inclusionProof(seq - 1, cp.treeSize)
	})
	return {
		seq,
		leafHash: tree.merkle.leaf(seq - 1).toString('hex'),
		treeSize: cp.treeSize,
		proof: proof.map((h) => h.toString('hex')),
		checkpoint: cp,
	}
}

/** That the tree of size `toSize` extends the one of size `fromSize` (RFC 6962). */
export async function proveConsistency(
	ctx: LedgerContext,
	fromSize: number,
	toSize: number,
): Promise<string[]> {
	const { tree } = ctx
	return tree.serially(async () => {
		await tree.sync()
		return tree.merkle.consistencyProof(fromSize, toSize).map((h) => h.toString('hex'))
	})
}
