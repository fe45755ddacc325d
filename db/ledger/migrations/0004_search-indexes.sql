ALTER TABLE "ledger_entries" ALTER COLUMN "recorded_at" SET DEFAULT clock_timestamp();--> statement-breakpoint
CREATE INDEX "ledger_entries_patient_idx" ON "ledger_entries" USING btree (("entry"->'resource'->>'patientId'),"seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_user_idx" ON "ledger_entries" USING btree (("entry"->'actor'->>'userId'),"seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_action_idx" ON "ledger_entries" USING btree (("entry"->>'action'),"seq");