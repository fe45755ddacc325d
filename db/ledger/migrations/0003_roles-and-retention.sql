-- Roles of the ledger database. The application never runs as the owner:
--   chartside_ledger_app        INSERT and SELECT only: entries (recorded_at must be the database's
--                               own clock, within a minute, so it cannot backdate), checkpoints and
--                               wrapped patient keys; a key is destroyed only through
--                               ledger_shred_key().
--   chartside_ledger_retention  may blank the content of entries older than six years (a purge),
--                               keeping their hashes; nothing else.
-- In the embedded store the session switches to these roles with SET LOCAL ROLE per transaction;
-- in production the AUDIT_DATABASE_URL login is a member of chartside_ledger_app (and a separate
-- operator login of chartside_ledger_retention), never the owner.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chartside_ledger_app') THEN
		CREATE ROLE chartside_ledger_app NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chartside_ledger_retention') THEN
		CREATE ROLE chartside_ledger_retention NOLOGIN;
	END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO chartside_ledger_app, chartside_ledger_retention;
--> statement-breakpoint
GRANT SELECT ON ledger_entries, ledger_checkpoints, ledger_patient_keys TO chartside_ledger_app;
--> statement-breakpoint
GRANT INSERT (seq, recorded_at, entry, leaf_hash, chain_hash) ON ledger_entries TO chartside_ledger_app;
--> statement-breakpoint
GRANT INSERT ON ledger_checkpoints TO chartside_ledger_app;
--> statement-breakpoint
GRANT INSERT (patient_id, wrapped_key) ON ledger_patient_keys TO chartside_ledger_app;
--> statement-breakpoint
GRANT SELECT ON ledger_entries TO chartside_ledger_retention;
--> statement-breakpoint
GRANT UPDATE (entry) ON ledger_entries TO chartside_ledger_retention;
--> statement-breakpoint
-- Entries: no UPDATE, DELETE or TRUNCATE for anyone, except that the retention role may blank the
-- content of an entry recorded more than six years ago, leaving seq, time and hashes untouched.
CREATE OR REPLACE FUNCTION ledger_entries_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		IF TG_OP = 'UPDATE'
			AND current_user = 'chartside_ledger_retention'
			AND OLD.recorded_at < now() - interval '6 years'
			AND OLD.entry IS NOT NULL AND NEW.entry IS NULL
			AND NEW.seq = OLD.seq AND NEW.recorded_at = OLD.recorded_at
			AND NEW.leaf_hash = OLD.leaf_hash AND NEW.chain_hash = OLD.chain_hash THEN
			RETURN NEW;
		END IF;
		RAISE EXCEPTION 'the audit ledger is append-only (% on %)', TG_OP, TG_TABLE_NAME
			USING ERRCODE = 'insufficient_privilege';
	END
	$$;
--> statement-breakpoint
DROP TRIGGER ledger_entries_append_only ON ledger_entries;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
	FOR EACH ROW EXECUTE FUNCTION ledger_entries_guard();
--> statement-breakpoint
-- The recorded time is hashed into the entry, so the application supplies it, read from this
-- database's clock inside the append; it may not stray from that clock.
CREATE OR REPLACE FUNCTION ledger_entries_recorded_now() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
	BEGIN
		IF current_user = 'chartside_ledger_app'
			AND abs(extract(epoch FROM NEW.recorded_at - clock_timestamp())) > 60 THEN
			RAISE EXCEPTION 'a ledger entry must be recorded at the database''s current time'
				USING ERRCODE = 'check_violation';
		END IF;
		RETURN NEW;
	END
	$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_recorded_now BEFORE INSERT ON ledger_entries
	FOR EACH ROW EXECUTE FUNCTION ledger_entries_recorded_now();
--> statement-breakpoint
-- Crypto-shredding: destroys a patient's data key (or, when none was made yet, records that none
-- may be made). Runs as the owner so the application role needs no UPDATE on the key table.
CREATE OR REPLACE FUNCTION ledger_shred_key(target uuid) RETURNS boolean
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, public, pg_temp
	AS $$
	DECLARE
		changed integer;
	BEGIN
		UPDATE ledger_patient_keys SET wrapped_key = NULL, destroyed_at = now()
			WHERE patient_id = target AND destroyed_at IS NULL;
		GET DIAGNOSTICS changed = ROW_COUNT;
		IF changed = 0 THEN
			INSERT INTO ledger_patient_keys (patient_id, wrapped_key, destroyed_at)
				VALUES (target, NULL, now())
				ON CONFLICT (patient_id) DO NOTHING;
			GET DIAGNOSTICS changed = ROW_COUNT;
		END IF;
		RETURN changed > 0;
	END
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION ledger_shred_key(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ledger_shred_key(uuid) TO chartside_ledger_app;
