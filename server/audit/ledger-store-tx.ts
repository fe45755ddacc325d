import { and, inArray, lt, sql } from 'drizzle-orm'
import type { Transaction } from '#db/client.ts'
import { ledgerEntries, ledgerPatientKeys } from '#db/ledger/schema.ts'
import type { WrappedKey } from './payload-crypto.ts'

// The ledger database's roles, and what an append may do inside its transaction besides inserting
// entries (ledger-store.ts runs it under the append lock): patient keys, crypto-shredding, purge.

/** The role the application works as in the ledger database: INSERT and SELECT only. */
export const LEDGER_APP_ROLE = 'chartside_ledger_app'
/** The only role that may blank entries, and only those older than six years. */
export const LEDGER_RETENTION_ROLE = 'chartside_ledger_retention'

export type Tx = Transaction

export type PatientKeyRow = { patientId: string; wrappedKey: WrappedKey | null }

/** What `append`'s preparation may do inside the append transaction. */
export type LedgerTx = {
	/** The stored keys of these patients (null wrappedKey: destroyed). */
	keys(patientIds: readonly string[]): Promise<PatientKeyRow[]>
	/** Stores new wrapped keys; a key someone else stored first wins (re-read after). */
	addKeys(rows: ReadonlyArray<{ patientId: string; wrappedKey: WrappedKey }>): Promise<void>
	/** Destroys a patient's key (or records that none may be made). */
	shred(patientId: string): Promise<void>
	/**
	 * Blanks every entry recorded before `cutoff`, as the retention role (the database refuses any
	 * entry younger than six years), then returns to the application role for the append.
	 */
	purge(cutoff: Date): Promise<{ count: number; throughSeq: number }>
}

export function ledgerTx(tx: Tx): LedgerTx {
	return {
		async keys(patientIds) {
			if (patientIds.length === 0) return []
			const rows = await tx
				.select({
					patientId: ledgerPatientKeys.patientId,
					wrappedKey: ledgerPatientKeys.wrappedKey,
				})
				.from(ledgerPatientKeys)
				.where(inArray(ledgerPatientKeys.patientId, [...patientIds]))
			return rows.map((r) => ({
				patientId: r.patientId,
				wrappedKey: r.wrappedKey as WrappedKey | null,
			}))
		},
		async addKeys(rows) {
			if (rows.length === 0) return
			// Only the two granted columns are named: the application role may not set the times.
			const values = rows.map(
				(r) => sql`(${r.patientId}::uuid, ${JSON.stringify(r.wrappedKey)}::jsonb)`,
			)
			await tx.execute(
				sql`insert into ledger_patient_keys (patient_id, wrapped_key) values ${sql.join(values, sql`, `)} on conflict do nothing`,
			)
		},
		async shred(patientId) {
			await tx.execute(sql`select ledger_shred_key(${patientId}::uuid)`)
		},
		async purge(cutoff) {
			await tx.execute(sql.raw(`set local role ${LEDGER_RETENTION_ROLE}`))
			const rows = await tx
				.update(ledgerEntries)
				.set({ entry: null })
				.where(and(lt(ledgerEntries.recordedAt, cutoff), sql`${ledgerEntries.entry} is not null`))
				.returning({ seq: ledgerEntries.seq })
			await tx.execute(sql.raw(`set local role ${LEDGER_APP_ROLE}`))
			return { count: rows.length, throughSeq: rows.reduce((max, r) => Math.max(max, r.seq), 0) }
		},
	}
}
