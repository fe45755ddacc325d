-- Entries are stored as their canonical JSON text, the very bytes their leaf hash covers; a
-- generated jsonb copy serves the admin search. Converting stored jsonb would not give canonical
-- text (jsonb reorders keys), so this refuses to run over a ledger that already holds entries; no
-- released version wrote any.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM ledger_entries) THEN
		RAISE EXCEPTION 'ledger_entries already holds entries; this migration expects an empty ledger';
	END IF;
END
$$;
--> statement-breakpoint
DROP INDEX "ledger_entries_patient_idx";--> statement-breakpoint
DROP INDEX "ledger_entries_user_idx";--> statement-breakpoint
DROP INDEX "ledger_entries_action_idx";--> statement-breakpoint
ALTER TABLE "ledger_entries" ALTER COLUMN "entry" SET DATA TYPE text USING "entry"::text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "doc" jsonb GENERATED ALWAYS AS ((entry)::jsonb) STORED;--> statement-breakpoint
CREATE INDEX "ledger_entries_patient_idx" ON "ledger_entries" USING btree (("doc"->'resource'->>'patientId'),"seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_user_idx" ON "ledger_entries" USING btree (("doc"->'actor'->>'userId'),"seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_action_idx" ON "ledger_entries" USING btree (("doc"->>'action'),"seq");