import { AppError } from '../platform/errors.ts'
import { signCheckpoint, type SignedCheckpoint } from './checkpoint.ts'
import type { LedgerBase, LedgerContext } from './ledger-context.ts'

/**
 * The ledger's checkpoints: signing the current tree head (the format and signature are in
 * checkpoint.ts), the quiet automatic signers, and the interval timer.
 */
export type Checkpointing = {
	/** Signs the tree head now (see `createCheckpointing` for what it refuses). */
	sign(options?: { coverStale?: boolean }): Promise<SignedCheckpoint | null>
	/** The automatic signer: never throws, logs a refusal and pauses for one interval after it. */
	signQuietly(): void
	/** Entries recorded before this (epoch ms) have waited far longer than a checkpoint should. */
	staleBefore(): number
	/** The tree size of the last checkpoint signed or found (null before the first attempt). */
	readonly lastSize: number | null
}

/**
 * Signs the current tree head, after checking it: the tree must extend the last stored
 * checkpoint (nothing beneath it rewritten), and the automatic signers (the interval, every N
 * entries, close, prove and export) never cover an entry that has waited more than twice the
 * checkpoint interval. Such entries mean checkpoints were removed or a process died before
 * signing; verify reports them (checkpoint_missing), and only an operator's explicit
 * `npm run audit -- checkpoint` (coverStale) may then sign over them.
 */
export function createCheckpointing(ctx: LedgerBase): Checkpointing {
	const { store, keys, log, now, tree } = ctx
	let lastCheckpointSize: number | null = null

	const sign = (options: { coverStale?: boolean } = {}) =>
		tree.serially(async () => {
			await tree.sync()
			const size = tree.merkle.size
			const previous = (await store.checkpoints()).at(-1) ?? null
			if (size === 0 || size <= (previous?.treeSize ?? 0)) {
				lastCheckpointSize = previous?.treeSize ?? 0
				return previous
			}
			if (previous && tree.merkle.root(previous.treeSize).toString('hex') !== previous.rootHash)
				throw new AppError(
					'AUDIT_CHECKPOINT_REFUSED',
					'The ledger no longer extends its last signed checkpoint; run verify.',
				)
			if (!options.coverStale) {
				const first = await store.entry((previous?.treeSize ?? 0) + 1)
				if (first && new Date(first.recordedAt).getTime() < staleBefore())
					throw new AppError(
						'AUDIT_CHECKPOINT_REFUSED',
						`Entries from ${first.seq} on have waited too long for a signed checkpoint; run verify, then sign one with npm run audit -- checkpoint.`,
					)
			}
			const signed = signCheckpoint(
				{
					treeSize: size,
					rootHash: tree.merkle.root(size).toString('hex'),
					chainHash: tree.headChainHash,
					issuedAt: now().toISOString(),
					keyId: keys.signing.keyId,
				},
				keys.signing.privateKey,
			)
			await store.saveCheckpoint(signed)
			lastCheckpointSize = size
			return signed
		})

	const staleBefore = () => now().getTime() - (2 * ctx.checkpointSeconds + 60) * 1000

	// After a refusal the automatic signers pause for one interval instead of retrying every batch.
	let pausedUntil = 0
	const signQuietly = () => {
		if (now().getTime() < pausedUntil) return
		sign().catch((error: unknown) => {
			pausedUntil = now().getTime() + ctx.checkpointSeconds * 1000
			log.error('audit.checkpoint_failed', { code: (error as { code?: string }).code ?? null })
		})
	}

	return {
		sign,
		signQuietly,
		staleBefore,
		get lastSize() {
			return lastCheckpointSize
		},
	}
}

/** Every `checkpointSeconds`: signs when entries (here or from another process) are uncovered. */
export function startCheckpointTimer(ctx: LedgerContext): NodeJS.Timeout {
	const { store, tree, checkpoints, appends } = ctx
	const timer = setInterval(() => {
		if (tree.merkle.size > (checkpoints.lastSize ?? 0) || appends.pending > 0)
			checkpoints.signQuietly()
		else
			void store.size().then(
				(size) => size > (checkpoints.lastSize ?? 0) && checkpoints.signQuietly(),
				() => undefined,
			)
	}, ctx.checkpointSeconds * 1000)
	timer.unref()
	return timer
}
