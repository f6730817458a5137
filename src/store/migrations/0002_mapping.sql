CREATE TABLE "mapping_templates" (
	"id" text PRIMARY KEY NOT NULL,
	"format" text NOT NULL,
	"fingerprint" text NOT NULL,
	"headings" jsonb NOT NULL,
	"columns" jsonb NOT NULL,
	"date_order" text,
	"hours_per_day" double precision,
	"saved_by" text,
	"saved_by_label" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_import" text
);
--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "supersedes" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "read_options" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "options_used" jsonb;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "withdrawn_by" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "excluded" jsonb;--> statement-breakpoint
ALTER TABLE "mapping_templates" ADD CONSTRAINT "mapping_templates_saved_by_users_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mapping_templates_format_fingerprint_idx" ON "mapping_templates" USING btree ("format","fingerprint");--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;