import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Ledger, LedgerReader } from './ledger.ts'

/** The stand-alone verifier an outside auditor runs; copied into every export. */
export const VERIFIER = fileURLToPath(new URL('./verify-ledger-export.mjs', import.meta.url))

export const EXPORT_FORMAT = 'chartside-ledger-export/v1'

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
