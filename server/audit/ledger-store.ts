import type { KeyObject } from 'node:crypto'
import { asc, desc, lte, sql } from 'drizzle-orm'
import type { Database } from '#db/client.ts'
import { ledgerCheckpoints, ledgerEntries } from '#db/ledger/schema.ts'
import { buildChain, GENESIS, verifyChain, type ChainVerdict, type StoredEntry } from './chain.ts'
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.ts'
import { inclusionProof, rootOf, type Hash } from './merkle.ts'

/** Any 64-bit number, the same in every process: the advisory lock that serializes appends. */
const APPEND_LOCK = 0x43534c4544474552n // "CSLEDGER"

/**
 * The ledger over its own database. Appends take a transaction-scoped advisory lock in the
 * database itself, so several app instances writing to one ledger still produce one chain; a
 * batch of entries goes in one transaction.
 */
export function createLedgerStore(db: Database) {
	async function readAll(upTo?: number): Promise<StoredEntry[]> {
		const rows = await db
			.select()
			.from(ledgerEntries)
			.where(upTo === undefined ? undefined : lte(ledgerEntries.seq, upTo))
			.orderBy(asc(ledgerEntries.seq))
		return rows.map((r) => ({
			seq: r.seq,
			entry: r.entry,
			leafHash: r.leafHash,
			chainHash: r.chainHash,
		}))
	}

	return {
		/** Appends entries in order; returns their sequence numbers and the new chain head. */
		async append(
			entries: readonly object[],
		): Promise<{ firstSeq: number; lastSeq: number; chainHash: string }> {
			if (entries.length === 0) throw new RangeError('nothing to append')
			return db.transaction(async (tx) => {
				await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK.toString()}::bigint)`)
				const [head] = await tx
					.select({ seq: ledgerEntries.seq, chainHash: ledgerEntries.chainHash })
					.from(ledgerEntries)
					.orderBy(desc(ledgerEntries.seq))
					.limit(1)
				const built = buildChain(entries, {
					seq: (head?.seq ?? 0) + 1,
					head: head ? Buffer.from(head.chainHash, 'hex') : GENESIS,
				})
				await tx.insert(ledgerEntries).values(
					built.map((b) => ({
						seq: b.seq,
						entry: b.entry as object,
						leafHash: b.leafHash,
						chainHash: b.chainHash,
					})),
				)
				const last = built[built.length - 1] as StoredEntry
				return {
					firstSeq: (built[0] as StoredEntry).seq,
					lastSeq: last.seq,
					chainHash: last.chainHash,
				}
			})
		},

		/** Recomputes every hash from the first entry; names the first entry that does not hold. */
		async verify(): Promise<ChainVerdict> {
			return verifyChain(await readAll())
		},

		/** Signs the current tree head and chain head, and stores the checkpoint. */
		async checkpoint(
			key: { privateKey: KeyObject; keyId: string },
			issuedAt = new Date(),
		): Promise<SignedCheckpoint> {
			const entries = await readAll()
			const last = entries[entries.length - 1]
			const signed = signCheckpoint(
				{
					treeSize: entries.length,
					rootHash: rootOf(entries.map(leafOf)).toString('hex'),
					chainHash: last?.chainHash ?? GENESIS.toString('hex'),
					issuedAt: issuedAt.toISOString(),
					keyId: key.keyId,
				},
				key.privateKey,
			)
			await db.insert(ledgerCheckpoints).values(signed).onConflictDoNothing()
			return signed
		},

		/** The inclusion proof of entry `seq` in the tree of the first `treeSize` entries. */
		async prove(
			seq: number,
			treeSize: number,
		): Promise<{ leafHash: string; proof: string[]; rootHash: string }> {
			const entries = await readAll(treeSize)
			if (entries.length !== treeSize || seq < 1 || seq > treeSize)
				throw new RangeError('no such entry in that tree')
			const leaves = entries.map(leafOf)
			return {
				leafHash: (leaves[seq - 1] as Hash).toString('hex'),
				proof: inclusionProof(seq - 1, leaves).map((h) => h.toString('hex')),
				rootHash: rootOf(leaves).toString('hex'),
			}
		},
	}
}

export type LedgerStore = ReturnType<typeof createLedgerStore>

const leafOf = (e: StoredEntry): Hash => Buffer.from(e.leafHash, 'hex')
