/**
 * The group dashboard over a large body (issue 17 §4), part of `npm run bench:service`: fills the bench's private
 * database with `BENCH_MEMBERS` (default 100,000) synthetic members' records in SQL (generate_series, a fixed seed:
 * no file is read by the pipeline), then times `GET /dashboard?year=2024` on the running API — every member, one
 * body's, and as CSV — and one member's `GET /members/:id/dashboard`. The group figures are SQL aggregates, so this
 * measures the database and the API together; the target is under a second on this machine.
 *
 * The synthetic year: each member has one done import of one of five source shapes (a few members a second,
 * withdrawn; some a failed one), 8 records counting in 2024 (one of them a plan entry) and 2 in 2023; hours 0–6 h
 * (a record in twenty without), a TWAVES letter and skill type, a UK-SPEC code on 60 %, a reflection on 80 %
 * (a quarter of them short), the missing ones carrying a `missing` gap; a tenth of members reduced activity; 80 %
 * the default body (the IET), a tenth RICS, a tenth Engineers Ireland.
 */
import type pg from 'pg';

/** Figures of one timed request: its name, the median and fastest of its runs (ms), and the answer's size. */
export interface DashboardTiming {
  name: string;
  runs: number;
  medianMs: number;
  minMs: number;
  bytes: number;
}

const SHAPES = [
  ['Date', 'Activity', 'Type', 'Hours', 'Reflection'],
  ['Start date', 'End date', 'Activity', 'TWAVES', 'Hours', 'UK-SPEC', 'Reflection'],
  ['Date', 'Course', 'CPD hours', 'Notes'],
  ['Completed', 'Title', 'Provider', 'Duration', 'Learning points'],
  ['When', 'What', 'Category', 'Hours', 'Skill type', 'Reflection'],
];

/**
 * Inserts `members` synthetic members with their imports and records (see the module's note), then ANALYZE.
 * @returns how many records were inserted and how long it took (ms)
 */
export async function seedDashboard(db: pg.Client, members: number): Promise<{ records: number; ms: number }> {
  const t0 = Date.now();
  await db.query('select setseed(0.17)');
  await db.query(`insert into members (id, body)
    select 'M-' || lpad(n::text, 6, '0'), case when n % 10 = 1 then 'rics' when n % 10 = 2 then 'engineers-ireland' else null end
    from generate_series(1, $1) n`, [members]);
  await db.query(`insert into member_years (member_id, year, activity_status)
    select 'M-' || lpad(n::text, 6, '0'), 2024, 'reduced' from generate_series(1, $1) n where n % 10 = 3`, [members]);
  for (const [i, headings] of SHAPES.entries()) {
    await db.query(`insert into files (sha256, bytes, size) values ($1, $2, 1)`, [`shape${i}`.padEnd(64, '0'), Buffer.from([i])]);
    await db.query(`insert into files (sha256, bytes, size) values ($1, $2, 1)`, [`again${i}`.padEnd(64, '0'), Buffer.from([i, i])]);
    const mapping = JSON.stringify([{ table: 'CPD log', headerRow: 1, kind: 'log', columns: headings.map((h, c) => ({ column: String.fromCharCode(65 + c), heading: h, field: null, how: 'synonym' })) }]);
    // Every member's log; a member in fifty has uploaded a second file since, which they withdrew; one in forty has a failed upload.
    await db.query(`insert into imports (id, member_id, file_sha256, file_name, status, format, mapping, created_at, updated_at, finished_at)
      select gen_random_uuid()::text, 'M-' || lpad(n::text, 6, '0'), $2, 'cpd-log.csv', 'done', 'csv', $3::jsonb, t, t, t + (0.5 + random() * 4) * interval '1 second'
      from (select n, timestamptz '2024-01-01' + random() * interval '360 days' as t from generate_series(1, $1) n where n % 5 = $4) x`, [members, `shape${i}`.padEnd(64, '0'), mapping, i]);
    await db.query(`insert into imports (id, member_id, file_sha256, file_name, status, format, mapping, created_at, updated_at, finished_at, withdrawn_at)
      select gen_random_uuid()::text, 'M-' || lpad(n::text, 6, '0'), $2, 'cpd-log-v2.csv', 'done', 'csv', $3::jsonb, t, t, t + interval '2 seconds', t + interval '1 day'
      from (select n, timestamptz '2024-02-01' + random() * interval '300 days' as t from generate_series(1, $1) n where n % 5 = $4 and n % 50 = 7) x`, [members, `again${i}`.padEnd(64, '0'), mapping, i]);
  }
  await db.query(`insert into imports (id, member_id, file_sha256, file_name, status, format, error_code, error_message, created_at, updated_at, finished_at)
    select gen_random_uuid()::text, 'M-' || lpad(n::text, 6, '0'), $2, 'scan.pdf', 'failed', null, case when n % 3 = 0 then 'corrupt' else 'timed_out' end, 'could not be read', t, t, t
    from (select n, timestamptz '2024-01-01' + random() * interval '360 days' as t from generate_series(1, $1) n where n % 40 = 11) x`, [members, 'shape0'.padEnd(64, '0')]);
  // Written in one statement with the triggers off, then summed once as migration 0005 does for existing records
  // (the triggers would sum each of the 100,000 imports on its own at commit).
  await db.query("set session_replication_role = 'replica'");
  const inserted = await db.query(`
    insert into records (id, import_id, member_id, position, year, data, gaps, source)
    select gen_random_uuid()::text, i.id, i.member_id, k, y,
      jsonb_build_object(
        'activityName', 'Activity ' || k, 'activityType', 'Course',
        'twaves', (array['T','W','A','V','E','S'])[1 + floor(random() * 6)::int],
        'startDate', d, 'endDate', d, 'targetDate', null,
        'hours', case when random() < 0.05 then null else round((random() * 6)::numeric, 1) end,
        'description', null, 'reflection', refl,
        'ukSpec', case when random() < 0.6 then '["B2"]'::jsonb else '[]'::jsonb end,
        'skillType', (array['technical-personal','technical-job','soft'])[1 + floor(random() * 3)::int],
        'objective', null, 'status', case when k = 7 then 'planned' else 'completed' end, 'extras', '{}'::jsonb, 'raw', '{}'::jsonb),
      case when refl is null then '[{"field":"reflection","code":"missing","severity":"warning","message":"no reflection"}]'::jsonb else '[]'::jsonb end,
      jsonb_build_object('file', 'cpd-log.csv', 'table', 'CPD log', 'row', k + 2)
    from imports i
    cross join generate_series(0, 9) k
    cross join lateral (select case when k < 8 then 2024 else 2023 end as y) yy
    cross join lateral (select (y || '-' || lpad((1 + k)::text, 2, '0') || '-15') as d,
      case when random() < 0.2 and i.id is not null then null when random() < 0.25 then 'Useful course' else 'Learnt how the new standard changes our designs and will apply it to the next project' end as refl) dd
    where i.status = 'done'`);
  await db.query("set session_replication_role = 'origin'");
  await db.query('select refresh_import_year_figures(array(select distinct import_id from records))');
  await db.query('analyze');
  return { records: inserted.rowCount ?? 0, ms: Date.now() - t0 };
}

/** Times `path` on the API `runs` times after one warm-up request (median and fastest, ms). @throws Error on a non-200 */
export async function timeRequest(url: string, key: string, name: string, path: string, runs: number, accept = 'application/json'): Promise<DashboardTiming> {
  const once = async (): Promise<[number, number]> => {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${key}`, Accept: accept } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    return [performance.now() - t0, body.length];
  };
  await once();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const [ms, n] = await once();
    times.push(ms);
    bytes = n;
  }
  times.sort((a, b) => a - b);
  return { name, runs, medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, bytes };
}
