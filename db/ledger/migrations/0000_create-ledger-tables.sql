CREATE TABLE "ledger_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"chain_hash" text NOT NULL,
	"issued_at" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"recorded_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"entry" jsonb NOT NULL,
	"leaf_hash" text NOT NULL,
	"chain_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_patient_keys" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"wrapped_key" jsonb,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"destroyed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "ledger_entries_recorded_at_idx" ON "ledger_entries" USING btree ("recorded_at");