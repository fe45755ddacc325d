-- Row-level security: the second layer of care-team scoping.
--
-- Every request that touches patient data runs its transaction as the non-owner role
-- chartside_app (SET LOCAL ROLE) with the acting user in the setting chartside.user_id and their
-- role in chartside.role (set_config(..., true), so both end with the transaction). The policies
-- below then limit every PHI table to the user's care-team patients and unexpired break-glass
-- grants, whatever the query's own WHERE clause says. Administrators see patients and care-team
-- memberships (to assign them) but no chart content. Table owners bypass these policies: ingestion
-- and migrations run as the owner; request handling never does.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chartside_app') THEN
		CREATE ROLE chartside_app NOLOGIN;
	END IF;
END
$$;
--> statement-breakpoint
-- The login role must be able to switch to chartside_app. In production, grant the role to the
-- application's login role if the migrating role differs from it.
GRANT chartside_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO chartside_app;
--> statement-breakpoint
GRANT SELECT ON users TO chartside_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON patients, documents, chunks, answers, decisions, care_team_members, break_glass_grants TO chartside_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION chartside_user_id() RETURNS uuid
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('chartside.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION chartside_role() RETURNS text
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('chartside.role', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION chartside_may_see_patient(pid uuid) RETURNS boolean
	LANGUAGE sql STABLE
	AS $$
		SELECT EXISTS (
			SELECT 1 FROM care_team_members m
			WHERE m.patient_id = pid AND m.user_id = chartside_user_id()
		) OR EXISTS (
			SELECT 1 FROM break_glass_grants g
			WHERE g.patient_id = pid AND g.user_id = chartside_user_id() AND g.expires_at > now()
		)
	$$;
--> statement-breakpoint
ALTER TABLE care_team_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY care_team_members_own_or_admin ON care_team_members TO chartside_app
	USING (user_id = chartside_user_id() OR chartside_role() = 'admin')
	WITH CHECK (chartside_role() = 'admin');
--> statement-breakpoint
ALTER TABLE break_glass_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY break_glass_grants_own ON break_glass_grants TO chartside_app
	USING (user_id = chartside_user_id())
	WITH CHECK (user_id = chartside_user_id() AND chartside_role() = 'clinician');
--> statement-breakpoint
ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY patients_visible ON patients TO chartside_app
	USING (chartside_may_see_patient(id) OR chartside_role() = 'admin')
	WITH CHECK (false);
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY documents_visible ON documents TO chartside_app
	USING (chartside_may_see_patient(patient_id))
	WITH CHECK (chartside_may_see_patient(patient_id));
--> statement-breakpoint
ALTER TABLE chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunks_visible ON chunks TO chartside_app
	USING (chartside_may_see_patient(patient_id))
	WITH CHECK (chartside_may_see_patient(patient_id));
--> statement-breakpoint
ALTER TABLE answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY answers_visible ON answers TO chartside_app
	USING (chartside_may_see_patient(patient_id))
	WITH CHECK (chartside_may_see_patient(patient_id));
--> statement-breakpoint
ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY decisions_visible ON decisions TO chartside_app
	USING (chartside_may_see_patient(patient_id))
	WITH CHECK (chartside_may_see_patient(patient_id));
