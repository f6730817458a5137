CREATE TABLE "figures_dirty" (
	"import_id" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_year_figures" (
	"import_id" text NOT NULL,
	"member_id" text NOT NULL,
	"year" integer NOT NULL,
	"records" integer NOT NULL,
	"activities" integer NOT NULL,
	"hours" double precision NOT NULL,
	"twaves" integer NOT NULL,
	"linked" integer NOT NULL,
	"min_reflection_words" integer,
	"records_with_problems" integer NOT NULL,
	"format" text,
	"headings" jsonb NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "import_year_figures_import_id_year_pk" PRIMARY KEY("import_id","year")
);
--> statement-breakpoint
CREATE TABLE "import_year_gaps" (
	"import_id" text NOT NULL,
	"year" integer NOT NULL,
	"field" text,
	"code" text NOT NULL,
	"severity" text NOT NULL,
	"gaps" integer NOT NULL,
	"records" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "import_year_figures_year_idx" ON "import_year_figures" USING btree ("year","import_id");--> statement-breakpoint
CREATE INDEX "import_year_gaps_year_idx" ON "import_year_gaps" USING btree ("year","import_id");--> statement-breakpoint
CREATE INDEX "import_year_gaps_import_idx" ON "import_year_gaps" USING btree ("import_id");--> statement-breakpoint
-- Recomputes the figures of the given imports from their records (issue 17 §4; docs/DESIGN.md §2 "The dashboards").
-- Counted: not excluded, with a counting year. Activities: completed, without an impossible date (an error-level
-- out_of_range gap on the start or end date that no reviewer accepted), a repeat flagged within the file (a duplicate
-- gap) once per start date and name (the one with the most hours). A gap is accepted when an acceptance has its field,
-- code and message (src/review/corrections/acceptance.ts).
CREATE FUNCTION refresh_import_year_figures(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM import_year_figures WHERE import_id = ANY(ids);
  DELETE FROM import_year_gaps WHERE import_id = ANY(ids);
  CREATE TEMP TABLE IF NOT EXISTS pg_temp.figures_gaps (id text, import_id text, member_id text, year integer, field text, code text, severity text) ON COMMIT DROP;
  DELETE FROM pg_temp.figures_gaps;
  INSERT INTO pg_temp.figures_gaps
    SELECT r.id, r.import_id, r.member_id, r.year, g->>'field', g->>'code', g->>'severity'
    FROM records r, jsonb_array_elements(r.gaps) g
    WHERE r.import_id = ANY(ids) AND r.year IS NOT NULL AND r.excluded IS NULL
      AND g->>'severity' IN ('error', 'warning')
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.acceptances) a
        WHERE a->>'code' = g->>'code' AND a->>'message' = g->>'message' AND (a->>'field') IS NOT DISTINCT FROM (g->>'field'));
  INSERT INTO import_year_gaps (import_id, year, field, code, severity, gaps, records)
    SELECT import_id, year, field, code, severity, count(*), count(DISTINCT id) FROM pg_temp.figures_gaps GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO import_year_figures (import_id, member_id, year, records, activities, hours, twaves, linked, min_reflection_words, records_with_problems, format, headings, counted)
  WITH counted AS (
    SELECT r.id, r.import_id, r.member_id, r.year, r.data, r.gaps @> '[{"code":"duplicate"}]'::jsonb AS dup,
      greatest(coalesce(jsonb_path_query_first(r.data, '$.hours ? (@.type() == "number")')::text::float8, 0), 0) AS hours,
      r.data->>'status' = 'completed' AND NOT EXISTS (
        SELECT 1 FROM pg_temp.figures_gaps f WHERE f.id = r.id AND f.severity = 'error' AND f.code = 'out_of_range' AND f.field IN ('startDate', 'endDate')) AS activity
    FROM records r WHERE r.import_id = ANY(ids) AND r.year IS NOT NULL AND r.excluded IS NULL),
  acts AS (
    SELECT * FROM counted WHERE activity AND NOT dup
    UNION ALL
    SELECT * FROM (
      SELECT DISTINCT ON (import_id, year, coalesce(data->>'startDate', data->>'targetDate'), lower(data->>'activityName')) *
      FROM counted WHERE activity AND dup
      ORDER BY import_id, year, coalesce(data->>'startDate', data->>'targetDate'), lower(data->>'activityName'), hours DESC) k),
  a AS (
    SELECT import_id, year, count(*) AS activities, sum(hours) AS hours,
      bit_or(CASE data->>'twaves' WHEN 'T' THEN 1 WHEN 'W' THEN 2 WHEN 'A' THEN 4 WHEN 'V' THEN 8 WHEN 'E' THEN 16 WHEN 'S' THEN 32 ELSE 0 END) AS twaves,
      count(*) FILTER (WHERE jsonb_path_exists(data, '$.ukSpec[0]')) AS linked,
      min(coalesce(regexp_count(data->>'reflection', '[[:alnum:]]+'), 0)) AS min_words
    FROM acts GROUP BY 1, 2),
  c AS (SELECT import_id, member_id, year, count(*) AS records FROM counted GROUP BY 1, 2, 3),
  p AS (SELECT import_id, year, count(DISTINCT id) AS problems FROM pg_temp.figures_gaps GROUP BY 1, 2)
  SELECT c.import_id, c.member_id, c.year, c.records, coalesce(a.activities, 0), coalesce(a.hours, 0), coalesce(a.twaves, 0), coalesce(a.linked, 0), a.min_words, coalesce(p.problems, 0),
    i.format, coalesce(jsonb_path_query_array(i.mapping, '$[*] ? (@.kind != "blocks").columns[*].heading'), '[]'::jsonb),
    i.status = 'done' AND i.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM imports n
      WHERE n.member_id = i.member_id AND n.file_sha256 = i.file_sha256 AND n.status = 'done' AND n.created_at > i.created_at)
  FROM c JOIN imports i ON i.id = c.import_id LEFT JOIN a USING (import_id, year) LEFT JOIN p USING (import_id, year);
END $$;
--> statement-breakpoint
-- Each statement on records marks the imports it touched; the figures are recomputed once per import at commit.
CREATE FUNCTION figures_mark_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_dirty (import_id) SELECT DISTINCT import_id FROM new_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION figures_mark_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO figures_dirty (import_id) SELECT DISTINCT import_id FROM old_rows ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER records_figures_insert AFTER INSERT ON records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_new();
--> statement-breakpoint
CREATE TRIGGER records_figures_update AFTER UPDATE ON records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_new();
--> statement-breakpoint
CREATE TRIGGER records_figures_delete AFTER DELETE ON records REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_mark_old();
--> statement-breakpoint
CREATE FUNCTION figures_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM figures_dirty WHERE import_id = NEW.import_id) THEN
    PERFORM refresh_import_year_figures(ARRAY[NEW.import_id]);
    DELETE FROM figures_dirty WHERE import_id = NEW.import_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER figures_dirty_refresh AFTER INSERT ON figures_dirty DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION figures_refresh();
--> statement-breakpoint
-- The imports that count (for each member and file content the latest done one, unless withdrawn), read from this
-- index alone: the dashboard's first step over 100,000 members.
CREATE INDEX imports_latest_idx ON imports (member_id, file_sha256, created_at DESC) INCLUDE (id, withdrawn_at) WHERE status = 'done';
--> statement-breakpoint
-- Whether an import's sums count: it is the latest done import of its file content for its member and not
-- withdrawn (src/store/repositories/records.ts listLatestForMember). Kept when an import is added, done, failed or
-- withdrawn, for every import of that member and content.
CREATE FUNCTION figures_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE import_year_figures f SET counted = (i.status = 'done' AND i.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM imports n
      WHERE n.member_id = i.member_id AND n.file_sha256 = i.file_sha256 AND n.status = 'done' AND n.created_at > i.created_at))
  FROM imports i WHERE i.id = f.import_id AND i.member_id = NEW.member_id AND i.file_sha256 = NEW.file_sha256;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER imports_figures_counted AFTER INSERT OR UPDATE OF status, withdrawn_at, created_at ON imports FOR EACH ROW EXECUTE FUNCTION figures_counted();
--> statement-breakpoint
SELECT refresh_import_year_figures(ARRAY(SELECT DISTINCT import_id FROM records));
