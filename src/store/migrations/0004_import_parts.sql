ALTER TABLE "imports" ADD COLUMN "parent_id" text;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "part_index" integer;--> statement-breakpoint
ALTER TABLE "imports" ADD CONSTRAINT "imports_parent_id_imports_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "imports_parent_idx" ON "imports" USING btree ("parent_id","part_index");