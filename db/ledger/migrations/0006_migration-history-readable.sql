-- The ledger's application login owns nothing (ADR 033) and inherits chartside_ledger_app; at
-- boot it compares the applied migrations with the code's (server/database/login-checks.ts).
GRANT USAGE ON SCHEMA drizzle TO chartside_ledger_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO chartside_ledger_app;
