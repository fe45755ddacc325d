-- The application's own paths that are not a request for patient data (ADR 031's system paths:
-- sign-in bookkeeping, storing chart documents, the demo seed, health, the patient-existence
-- check) run as chartside_system. On PGlite the process is the superuser and needs no grant; on a
-- PostgreSQL server the application logs in as a login that owns nothing (ADR 033): it inherits
-- chartside_system for those paths and switches to chartside_app (SET LOCAL ROLE, migration 0003)
-- for every request that reads a chart. `npm run db:migrate` grants both roles to the login
-- named in DATABASE_URL.
--
-- chartside_system may read and change rows, never the schema: no DDL (it owns nothing), no
-- TRUNCATE, no REFERENCES or TRIGGER. Its row-level security policies let it see every row,
-- which is what a system path is for; a request never runs as it.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'chartside_system') THEN
		CREATE ROLE chartside_system NOLOGIN;
	END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO chartside_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO chartside_system;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO chartside_system;
--> statement-breakpoint
-- Tables a later migration creates get the same grants (the migrating login creates them).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO chartside_system;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO chartside_system;
--> statement-breakpoint
CREATE POLICY care_team_members_system ON public.care_team_members TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY break_glass_grants_system ON public.break_glass_grants TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY patients_system ON public.patients TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY documents_system ON public.documents TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY chunks_system ON public.chunks TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY answers_system ON public.answers TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY decisions_system ON public.decisions TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
-- The boot check compares the applied migrations with the code's (server/database/login-checks.ts).
GRANT USAGE ON SCHEMA drizzle TO chartside_system, chartside_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO chartside_system;
