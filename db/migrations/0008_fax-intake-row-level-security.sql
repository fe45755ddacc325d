-- Fax intake under row-level security (ADR 039). Intake staff (chartside.role = 'intake') read,
-- receive and decide on faxes as chartside_app, and see the patient roster's demographics to
-- file them, never chart content: documents and chunks stay behind care teams (migration 0003),
-- and intake staff are never on a care team. A clinician sees the page images of a fax once it is
-- filed (and not refiled away) to a patient they may see: that is what a citation of a filed fax
-- opens. Reading, filing and refiling run on the intake system path (chartside_system), which
-- sees every row, like the documents service it files through.
GRANT SELECT, INSERT ON public.faxes TO chartside_app;
--> statement-breakpoint
GRANT UPDATE (status, proposed_type, route_reason, reject_reason, reject_note, decided_by,
	decided_at, updated_at, error_code) ON public.faxes TO chartside_app;
--> statement-breakpoint
GRANT SELECT ON public.fax_pages, public.fax_filings TO chartside_app;
--> statement-breakpoint
ALTER TABLE public.faxes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY faxes_intake ON public.faxes TO chartside_app
	USING (public.chartside_role() = 'intake')
	WITH CHECK (public.chartside_role() = 'intake');
--> statement-breakpoint
CREATE POLICY faxes_system ON public.faxes TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.fax_filings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY fax_filings_select ON public.fax_filings FOR SELECT TO chartside_app
	USING (
		public.chartside_role() = 'intake'
		OR (removed_at IS NULL AND public.chartside_may_see_patient(patient_id))
	);
--> statement-breakpoint
CREATE POLICY fax_filings_system ON public.fax_filings TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE public.fax_pages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY fax_pages_select ON public.fax_pages FOR SELECT TO chartside_app
	USING (
		public.chartside_role() = 'intake'
		OR EXISTS (
			SELECT 1 FROM public.fax_filings f
			WHERE f.fax_id = fax_pages.fax_id
				AND f.removed_at IS NULL
				AND fax_pages.page BETWEEN f.first_page AND f.last_page
				AND public.chartside_may_see_patient(f.patient_id)
		)
	);
--> statement-breakpoint
CREATE POLICY fax_pages_system ON public.fax_pages TO chartside_system USING (true) WITH CHECK (true);
--> statement-breakpoint
-- Intake staff search the roster to file a fax: every patient's demographics, no chart.
DROP POLICY patients_select ON public.patients;
--> statement-breakpoint
CREATE POLICY patients_select ON public.patients FOR SELECT TO chartside_app
	USING (
		public.chartside_may_see_patient(id)
		OR public.chartside_role() IN ('admin', 'intake')
	);
