-- Row-level security: the second layer of care-team scoping.
--
-- Every request that touches patient data runs its transaction as the non-owner role
-- chartside_app (SET LOCAL ROLE) with the acting user in the setting chartside.user_id and their
-- role in chartside.role (set_config(..., true), so both end with the transaction). The role holds
-- only the privileges the application uses, and the policies below limit every PHI table to the
-- user's care-team patients and unexpired break-glass grants, whatever the query's own WHERE says.
-- Administrators see the patient roster and care-team memberships (to assign them) but no chart
-- content. Break-glass grants are created only through chartside_break_glass(), which checks the
-- reason and bounds the expiry. Table owners bypass these policies: migrations, ingestion and
-- session lookups run as the owner; request handlers read PHI only as chartside_app.

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
GRANT SELECT ON public.users TO chartside_app;
--> statement-breakpoint
GRANT SELECT ON public.patients, public.documents, public.chunks, public.answers, public.decisions,
	public.care_team_members, public.break_glass_grants TO chartside_app;
--> statement-breakpoint
-- Drafts and clinician decisions are written by the copilot under the clinician's scope.
GRANT INSERT ON public.answers, public.decisions TO chartside_app;
--> statement-breakpoint
GRANT UPDATE (status) ON public.answers TO chartside_app;
--> statement-breakpoint
-- Care-team administration (policies below limit it to administrators).
GRANT INSERT, DELETE ON public.care_team_members TO chartside_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.chartside_user_id() RETURNS uuid
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$ SELECT nullif(current_setting('chartside.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.chartside_role() RETURNS text
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$ SELECT nullif(current_setting('chartside.role', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.chartside_may_see_patient(pid uuid) RETURNS boolean
	LANGUAGE sql STABLE
	SET search_path = pg_catalog, pg_temp
	AS $$
		SELECT EXISTS (
			SELECT 1 FROM public.care_team_members m
			WHERE m.patient_id = pid AND m.user_id = public.chartside_user_id()
		) OR EXISTS (
			SELECT 1 FROM public.break_glass_grants g
			WHERE g.patient_id = pid AND g.user_id = public.chartside_user_id() AND g.expires_at > now()
		)
	$$;
--> statement-breakpoint
-- The only way to create a break-glass grant: the acting clinician, a real reason, a bounded time.
CREATE OR REPLACE FUNCTION public.chartside_break_glass(pid uuid, reason text, minutes integer)
	RETURNS timestamptz
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
	AS $$
	DECLARE
		actor uuid := public.chartside_user_id();
		expires timestamptz;
	BEGIN
		IF actor IS NULL OR public.chartside_role() IS DISTINCT FROM 'clinician' THEN
			RAISE EXCEPTION 'break-glass is for clinicians' USING ERRCODE = 'insufficient_privilege';
		END IF;
		IF reason IS NULL OR length(btrim(reason)) NOT BETWEEN 10 AND 500 THEN
			RAISE EXCEPTION 'break-glass needs a reason of 10 to 500 characters' USING ERRCODE = 'check_violation';
		END IF;
		IF minutes IS NULL OR minutes NOT BETWEEN 1 AND 1440 THEN
			RAISE EXCEPTION 'break-glass lasts 1 to 1440 minutes' USING ERRCODE = 'check_violation';
		END IF;
		IF NOT EXISTS (SELECT 1 FROM public.patients p WHERE p.id = pid) THEN
			RAISE EXCEPTION 'no such patient' USING ERRCODE = 'foreign_key_violation';
		END IF;
		expires := now() + make_interval(mins => minutes);
		INSERT INTO public.break_glass_grants (user_id, patient_id, reason, expires_at)
		VALUES (actor, pid, btrim(reason), expires);
		RETURN expires;
	END
	$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION public.chartside_break_glass(uuid, text, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION public.chartside_break_glass(uuid, text, integer) TO chartside_app;
--> statement-breakpoint
ALTER TABLE public.care_team_members ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY care_team_members_select ON public.care_team_members FOR SELECT TO chartside_app
	USING (user_id = public.chartside_user_id() OR public.chartside_role() = 'admin');
--> statement-breakpoint
-- Administrators assign clinicians, never themselves (which would open charts to them).
CREATE POLICY care_team_members_insert ON public.care_team_members FOR INSERT TO chartside_app
	WITH CHECK (
		public.chartside_role() = 'admin'
		AND user_id IS DISTINCT FROM public.chartside_user_id()
		AND EXISTS (SELECT 1 FROM public.users u WHERE u.id = user_id AND u.role = 'clinician')
	);
--> statement-breakpoint
CREATE POLICY care_team_members_delete ON public.care_team_members FOR DELETE TO chartside_app
	USING (public.chartside_role() = 'admin');
--> statement-breakpoint
ALTER TABLE public.break_glass_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY break_glass_grants_select ON public.break_glass_grants FOR SELECT TO chartside_app
	USING (user_id = public.chartside_user_id());
--> statement-breakpoint
ALTER TABLE public.patients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY patients_select ON public.patients FOR SELECT TO chartside_app
	USING (public.chartside_may_see_patient(id) OR public.chartside_role() = 'admin');
--> statement-breakpoint
ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY documents_select ON public.documents FOR SELECT TO chartside_app
	USING (public.chartside_may_see_patient(patient_id));
--> statement-breakpoint
ALTER TABLE public.chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY chunks_select ON public.chunks FOR SELECT TO chartside_app
	USING (public.chartside_may_see_patient(patient_id));
--> statement-breakpoint
ALTER TABLE public.answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY answers_select ON public.answers FOR SELECT TO chartside_app
	USING (public.chartside_may_see_patient(patient_id));
--> statement-breakpoint
CREATE POLICY answers_insert ON public.answers FOR INSERT TO chartside_app
	WITH CHECK (public.chartside_may_see_patient(patient_id) AND user_id = public.chartside_user_id());
--> statement-breakpoint
CREATE POLICY answers_update ON public.answers FOR UPDATE TO chartside_app
	USING (public.chartside_may_see_patient(patient_id) AND user_id = public.chartside_user_id())
	WITH CHECK (public.chartside_may_see_patient(patient_id) AND user_id = public.chartside_user_id());
--> statement-breakpoint
ALTER TABLE public.decisions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY decisions_select ON public.decisions FOR SELECT TO chartside_app
	USING (public.chartside_may_see_patient(patient_id));
--> statement-breakpoint
CREATE POLICY decisions_insert ON public.decisions FOR INSERT TO chartside_app
	WITH CHECK (public.chartside_may_see_patient(patient_id) AND user_id = public.chartside_user_id());
