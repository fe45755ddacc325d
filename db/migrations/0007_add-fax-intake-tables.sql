CREATE TABLE "fax_filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fax_id" uuid NOT NULL,
	"first_page" integer NOT NULL,
	"last_page" integer NOT NULL,
	"type" text NOT NULL,
	"patient_id" uuid NOT NULL,
	"document_id" uuid,
	"automatic" boolean NOT NULL,
	"filed_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp (3) with time zone,
	"removed_by" uuid,
	CONSTRAINT "fax_filings_type_check" CHECK ("fax_filings"."type" in ('referral', 'consult_note', 'history_and_physical', 'progress_note', 'discharge_summary', 'lab_result', 'imaging_report', 'prior_authorization', 'pharmacy_request', 'records_request', 'insurance_correspondence', 'junk'))
);
--> statement-breakpoint
CREATE TABLE "fax_pages" (
	"fax_id" uuid NOT NULL,
	"page" integer NOT NULL,
	"image" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"text" text NOT NULL,
	"confidence" real NOT NULL,
	"text_source" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fax_pages_fax_id_page_pk" PRIMARY KEY("fax_id","page"),
	CONSTRAINT "fax_pages_text_source_check" CHECK ("fax_pages"."text_source" in ('text_layer', 'ocr'))
);
--> statement-breakpoint
CREATE TABLE "faxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"content_hash" text NOT NULL,
	"original" "bytea" NOT NULL,
	"file_kind" text NOT NULL,
	"file_name" text NOT NULL,
	"byte_size" integer NOT NULL,
	"page_count" integer NOT NULL,
	"pages_read" integer DEFAULT 0 NOT NULL,
	"source" text NOT NULL,
	"received_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"error_code" text,
	"proposed_type" text,
	"type_confidence" real,
	"classifier_model" text,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"found_spans" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"route_reason" text,
	"reject_reason" text,
	"reject_note" text,
	"decided_by" uuid,
	"decided_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "faxes_file_kind_check" CHECK ("faxes"."file_kind" in ('pdf', 'tiff', 'png', 'jpeg')),
	CONSTRAINT "faxes_source_check" CHECK ("faxes"."source" in ('upload', 'folder')),
	CONSTRAINT "faxes_status_check" CHECK ("faxes"."status" in ('received', 'reading', 'analyzing', 'waiting_review', 'filed', 'rejected', 'failed')),
	CONSTRAINT "faxes_proposed_type_check" CHECK ("faxes"."proposed_type" in ('referral', 'consult_note', 'history_and_physical', 'progress_note', 'discharge_summary', 'lab_result', 'imaging_report', 'prior_authorization', 'pharmacy_request', 'records_request', 'insurance_correspondence', 'junk')),
	CONSTRAINT "faxes_route_reason_check" CHECK ("faxes"."route_reason" in ('auto_filed', 'type_uncertain', 'match_not_certain', 'no_match', 'junk', 'analysis_failed', 'no_text')),
	CONSTRAINT "faxes_reject_reason_check" CHECK ("faxes"."reject_reason" in ('junk', 'misdirected'))
);
--> statement-breakpoint
ALTER TABLE "fax_filings" ADD CONSTRAINT "fax_filings_fax_id_faxes_id_fk" FOREIGN KEY ("fax_id") REFERENCES "public"."faxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fax_filings" ADD CONSTRAINT "fax_filings_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fax_filings" ADD CONSTRAINT "fax_filings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fax_filings" ADD CONSTRAINT "fax_filings_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fax_filings" ADD CONSTRAINT "fax_filings_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fax_pages" ADD CONSTRAINT "fax_pages_fax_id_faxes_id_fk" FOREIGN KEY ("fax_id") REFERENCES "public"."faxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faxes" ADD CONSTRAINT "faxes_received_by_users_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "faxes" ADD CONSTRAINT "faxes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fax_filings_fax_idx" ON "fax_filings" USING btree ("fax_id");--> statement-breakpoint
CREATE INDEX "fax_filings_patient_idx" ON "fax_filings" USING btree ("patient_id") WHERE "fax_filings"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "faxes_content_hash_key" ON "faxes" USING btree ("content_hash");--> statement-breakpoint
CREATE INDEX "faxes_status_received_idx" ON "faxes" USING btree ("status","created_at");