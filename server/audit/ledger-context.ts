import { AppError } from '../platform/errors.ts'
import type { Logger } from '../log.ts'
import type { AppendQueue } from './append.ts'
import { GENESIS } from './chain.ts'
import type { Checkpointing } from './checkpointing.ts'
import type { LedgerKeys } from './keys.ts'
import type { LedgerStore } from './ledger-store.ts'
import { MerkleLog, type Hash } from './merkle.ts'

/**
 * What every ledger operation shares. `createLedger` (ledger.ts) builds one per ledger and hands
 * it to the operation modules (append, checkpointing, search, keys, proofs, export, verify,
 * retention), whose functions take it as their first argument: the state they share is named
 * here, not captured from one closure.
 */
export type LedgerContext = {
	store: LedgerStore
	keys: LedgerKeys
	log: Logger
	/** The clock (tests set it). */
	now: () => Date
	/** Checkpoint policy: sign every N entries, and every T seconds. */
	checkpointEvery: number
	checkpointSeconds: number
	/** The in-memory Merkle log, kept in step with the store. */
	tree: LedgerTree
	/** Signing the tree head (checkpointing.ts). */
	checkpoints: Checkpointing
	/** The batched append queue every write and every recorded read goes through (append.ts). */
	appends: AppendQueue
}

/** The context without the two services built on top of it (they are made from it, in order). */
export type LedgerBase = Omit<LedgerContext, 'checkpoints' | 'appends'>

export type LedgerTree = {
	readonly merkle: MerkleLog
	/** The chain hash of the last entry synced into `merkle`. */
	readonly headChainHash: string
	/** One at a time: syncing the in-memory Merkle log and signing checkpoints. */
	serially<T>(work: () => Promise<T>): Promise<T>
	/** Brings the in-memory Merkle log up to the database (other processes append too). */
	sync(): Promise<void>
}

export function createLedgerTree(store: LedgerStore): LedgerTree {
	const merkle = new MerkleLog()
	let headChainHash = GENESIS.toString('hex')

	let exclusive: Promise<unknown> = Promise.resolve()
	const serially = <T>(work: () => Promise<T>): Promise<T> => {
		const run = exclusive.then(work, work)
		exclusive = run.catch(() => undefined)
		return run
	}

	const sync = async () => {
		for (const row of await store.leavesAfter(merkle.size)) {
			if (row.seq !== merkle.size + 1)
				throw new AppError('AUDIT_LEDGER_CORRUPT', 'The ledger has a gap in its sequence.')
			merkle.append(Buffer.from(row.leafHash, 'hex') as Hash)
			headChainHash = row.chainHash
		}
	}

	return {
		merkle,
		get headChainHash() {
			return headChainHash
		},
		serially,
		sync,
	}
}
