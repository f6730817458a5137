DROP INDEX "mapping_templates_format_fingerprint_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "mapping_templates_fingerprint_idx" ON "mapping_templates" USING btree ("fingerprint");