CREATE TABLE "member_years" (
	"member_id" text NOT NULL,
	"year" integer NOT NULL,
	"activity_status" text NOT NULL,
	"note" text,
	"set_by" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_years_member_id_year_pk" PRIMARY KEY("member_id","year")
);
--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "original" jsonb;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "acceptances" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "member_years" ADD CONSTRAINT "member_years_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_years" ADD CONSTRAINT "member_years_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;