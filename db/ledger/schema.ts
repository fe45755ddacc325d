import { sql } from 'drizzle-orm'
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
		/**
		 * Set by the database (the application role may not choose it). clock_timestamp(), not
		 * now(): appends are serialized, so recorded times rise with the sequence.
		 */
		recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3 })
			.notNull()
			.default(sql`clock_timestamp()`),
		/**
		 * The entry's canonical JSON: exactly the bytes its leaf hash covers, so verifying is hashing
		 * what is stored (searches read it as jsonb through the expression indexes below). NULL only
		 * after a retention purge of an entry older than six years; its hashes stay, so the chain and
		 * every proof still verify.
		 */
		entry: text('entry'),
		/**
		 * The same entry as jsonb, derived by the database (it cannot be written or drift from the
		 * hashed text): what the admin search and its indexes read.
		 */
		doc: jsonb('doc').generatedAlwaysAs(sql`(entry)::jsonb`),
		leafHash: text('leaf_hash').notNull(),
		chainHash: text('chain_hash').notNull(),
	},
	(t) => [
		index('ledger_entries_recorded_at_idx').on(t.recordedAt),
		// The admin search: by patient, user and action (each with time order by seq).
		index('ledger_entries_patient_idx').on(sql`(${t.doc}->'resource'->>'patientId')`, t.seq),
		index('ledger_entries_user_idx').on(sql`(${t.doc}->'actor'->>'userId')`, t.seq),
		index('ledger_entries_action_idx').on(sql`(${t.doc}->>'action')`, t.seq),
	],
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
