-- The ledger is append-only. Entries and checkpoints can be inserted and read, never changed or
-- removed, by anyone: these triggers fire for every role, the owner included. Crypto-shredding
-- changes only ledger_patient_keys (the wrapped key is set to NULL and destroyed_at recorded).
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		RAISE EXCEPTION 'the audit ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME
			USING ERRCODE = 'insufficient_privilege';
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
	FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
	FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_change();
--> statement-breakpoint
-- Keys are never deleted (the row stays as evidence of the shredding); only destroyed once.
CREATE OR REPLACE FUNCTION ledger_keys_shred_only() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		IF TG_OP = 'DELETE' THEN
			RAISE EXCEPTION 'ledger keys are shredded, not deleted' USING ERRCODE = 'insufficient_privilege';
		END IF;
		IF OLD.destroyed_at IS NOT NULL OR NEW.wrapped_key IS NOT NULL OR NEW.destroyed_at IS NULL
			OR NEW.patient_id <> OLD.patient_id THEN
			RAISE EXCEPTION 'a ledger key can only be destroyed, once' USING ERRCODE = 'insufficient_privilege';
		END IF;
		RETURN NEW;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER ledger_patient_keys_shred_only BEFORE UPDATE OR DELETE ON ledger_patient_keys
	FOR EACH ROW EXECUTE FUNCTION ledger_keys_shred_only();
