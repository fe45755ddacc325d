import type { LedgerReader } from './append.ts'
import { AUDIT_ACTIONS, AUDIT_COMPONENTS, type LedgerEntry } from './events.ts'
import type { LedgerContext } from './ledger-context.ts'

/** Retention: no entry younger than this may be purged. */
export const RETENTION_YEARS = 6

/**
 * Blanks the entries recorded before `before` (never any younger than RETENTION_YEARS), keeping
 * their hashes, in the same transaction as the entry that records the purge; then signs a
 * checkpoint over it.
 */
export async function purge(
	ctx: LedgerContext,
	before: Date,
	reader: LedgerReader,
): Promise<{ count: number; throughSeq: number }> {
	const { store, now } = ctx
	const limit = new Date(now())
	limit.setUTCFullYear(limit.getUTCFullYear() - RETENTION_YEARS)
	const cutoff = before < limit ? before : limit
	let result = { count: 0, throughSeq: 0 }
	await store.append(async (tx) => {
		result = await tx.purge(cutoff)
		return [
			{
				v: 1,
				at: now().toISOString(),
				requestId: reader.requestId,
				component: AUDIT_COMPONENTS.retention,
				action: AUDIT_ACTIONS.ledgerPurge,
				actor: reader.actor,
				resource: { type: 'ledger', id: 'entries' },
				decision: 'allow',
				policy: `retention.${RETENTION_YEARS}_years`,
				outcome: 'success',
				details: { ...result, cutoff: cutoff.toISOString() },
			} satisfies LedgerEntry,
		]
	})
	await ctx.checkpoints.sign({ coverStale: true })
	return result
}
