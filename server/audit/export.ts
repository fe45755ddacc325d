import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppError } from '../platform/errors.ts'
import type { LedgerReader } from './append.ts'
import { GENESIS } from './chain.ts'
import type { SignedCheckpoint } from './checkpoint.ts'
import type { Ledger } from './ledger.ts'
import type { LedgerContext } from './ledger-context.ts'
import type { StoredRow } from './ledger-store.ts'
import { proveConsistency } from './proofs.ts'

/** The stand-alone verifier an outside auditor runs; copied into every export. */
export const VERIFIER = fileURLToPath(new URL('./verify-ledger-export.mjs', import.meta.url))

export const EXPORT_FORMAT = 'chartside-ledger-export/v1'

const PAGE = 10_000

export type ExportMaterial = {
	checkpoint: SignedCheckpoint
	checkpoints: SignedCheckpoint[]
	consistency: Array<{ from: number; to: number; proof: string[] }>
	previousChainHash: string
	entries: Array<StoredRow & { inclusionProof: string[] }>
}

/**
 * Everything needed to export a range (the ledger's `exportMaterial`): a freshly signed
 * checkpoint, the earlier ones with consistency proofs between them, and the range's entries, each
 * with an inclusion proof against that checkpoint. Recorded as a read first; refused when the range
 * includes purged entries.
 */
export async function exportMaterial(
	ctx: LedgerContext,
	range: { from: Date | null; to: Date | null },
	reader: LedgerReader,
): Promise<ExportMaterial> {
	const { store, tree } = ctx
	await ctx.appends.recordRead(reader, {
		details: {
			operation: 'export',
			from: range.from?.toISOString() ?? null,
			to: range.to?.toISOString() ?? null,
		},
	})
	const seqs = await store.seqRange(range.from, range.to)
	const cp = await ctx.checkpoints.sign()
	if (!cp) throw new AppError('AUDIT_LEDGER_EMPTY', 'The ledger is empty.')
	const checkpoints = (await store.checkpoints()).filter((c) => c.treeSize <= cp.treeSize)
	const consistency: ExportMaterial['consistency'] = []
	for (let i = 1; i < checkpoints.length; i++) {
		const from = (checkpoints[i - 1] as SignedCheckpoint).treeSize
		const to = (checkpoints[i] as SignedCheckpoint).treeSize
		consistency.push({ from, to, proof: await proveConsistency(ctx, from, to) })
	}
	const entries: ExportMaterial['entries'] = []
	let previousChainHash = GENESIS.toString('hex')
	if (seqs) {
		if (seqs.first > 1) previousChainHash = (await store.entry(seqs.first - 1))?.chainHash ?? ''
		const last = Math.min(seqs.last, cp.treeSize)
		for (let after = seqs.first - 1; after < last;) {
			const page = await store.page(after, PAGE, last)
			if (page.length === 0) break
			for (const row of page) {
				if (row.entry === null)
					throw new AppError(
						'AUDIT_EXPORT_PURGED',
						'That range includes entries purged after the retention period; export a later range.',
					)
				entries.push({
					...row,
					inclusionProof: tree.merkle
						.inclusionProof(row.seq - 1, cp.treeSize)
						.map((h) => h.toString('hex')),
				})
			}
			after = (page.at(-1) as StoredRow).seq
		}
	}
	return {
		checkpoint: cp,
		checkpoints: checkpoints.filter((c) => c !== cp && c.treeSize !== cp.treeSize),
		consistency,
		previousChainHash,
		entries,
	}
}

/**
 * Writes a range of the ledger for an outside auditor (docs/runbooks/verifying-a-ledger-export.md):
 * entries.jsonl (each entry with its hashes and an inclusion proof against a freshly signed
 * checkpoint), manifest.json (that checkpoint, the earlier ones with consistency proofs between
 * them, the chain hash the range starts from, and the public key), and the verifier script. PHI
 * payloads leave as ciphertext. The export is itself a ledger.read event, recorded first.
 */
export async function exportLedger(
	ledger: Ledger,
	range: { from: Date | null; to: Date | null },
	outDir: string,
	reader: LedgerReader,
	now: () => Date = () => new Date(),
): Promise<{ dir: string; count: number; firstSeq: number | null; lastSeq: number | null }> {
	const material = await ledger.exportMaterial(range, reader)
	const first = material.entries[0]?.seq ?? null
	const last = material.entries.at(-1)?.seq ?? null
	await mkdir(outDir, { recursive: true })
	const lines = material.entries.map((e) =>
		JSON.stringify({
			seq: e.seq,
			recordedAt: e.recordedAt,
			entry: e.entry,
			leafHash: e.leafHash,
			chainHash: e.chainHash,
			inclusionProof: e.inclusionProof,
		}),
	)
	await writeFile(path.join(outDir, 'entries.jsonl'), lines.length ? lines.join('\n') + '\n' : '')
	const manifest = {
		format: EXPORT_FORMAT,
		exportedAt: now().toISOString(),
		from: range.from?.toISOString() ?? null,
		to: range.to?.toISOString() ?? null,
		firstSeq: first,
		lastSeq: last,
		count: material.entries.length,
		previousChainHash: material.previousChainHash,
		checkpoint: material.checkpoint,
		checkpoints: material.checkpoints,
		consistency: material.consistency,
		publicKey: ledger.publicKey.export({ format: 'pem', type: 'spki' }).toString(),
	}
	await writeFile(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
	await copyFile(VERIFIER, path.join(outDir, 'verify-ledger-export.mjs'))
	return { dir: outDir, count: material.entries.length, firstSeq: first, lastSeq: last }
}
