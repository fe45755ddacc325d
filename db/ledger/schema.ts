import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * The audit ledger's own database (never the operational one). Append-only: triggers refuse UPDATE,
 * DELETE and TRUNCATE (migration 0001 of db/ledger/migrations). Entries are hashed and chained
 * (server/audit/chain.ts); checkpoints sign Merkle tree heads (server/audit/checkpoint.ts);
 * per-patient data keys, wrapped by the master key, live apart from the entries so that
 * destroying one shreds that patient's payloads without touching the chain.
 */
export const ledgerEntries = pgTable(
	'ledger_entries',
	{
		seq: bigint('seq', { mode: 'number' }).primaryKey(),
		recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 })
			.notNull()
			.defaultNow(),
		entry: jsonb('entry').notNull(),
		leafHash: text('leaf_hash').notNull(),
		chainHash: text('chain_hash').notNull(),
	},
	(t) => [index('ledger_entries_recorded_at_idx').on(t.recordedAt)],
)

export const ledgerCheckpoints = pgTable('ledger_checkpoints', {
	treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
	rootHash: text('root_hash').notNull(),
	chainHash: text('chain_hash').notNull(),
	issuedAt: text('issued_at').notNull(),
	keyId: text('key_id').notNull(),
	signature: text('signature').notNull(),
})

export const ledgerPatientKeys = pgTable('ledger_patient_keys', {
	patientId: uuid('patient_id').primaryKey(),
	wrappedKey: jsonb('wrapped_key'),
	createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
	destroyedAt: timestamp('destroyed_at', { withTimezone: true, precision: 3 }),
})
