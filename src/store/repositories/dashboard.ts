/**
 * The group dashboard's figures (issue 17 §2, §4) as SQL aggregates over the members in scope: nothing but counts,
 * sums and percentiles leaves the database, so a year of 100,000 members answers without loading a record. Reads
 * only; the rules (requirements and thresholds per body, which criteria apply) come in as parameters from
 * `src/services/dashboard.ts`.
 *
 * The sums come per import and year from `import_year_figures` and `import_year_gaps` (kept by the triggers of
 * migration 0005: which records and activities count is said there), taken for the imports that count, as for a
 * member (src/store/repositories/records.ts `listLatestForMember`): for each member and distinct file content the
 * latest done import, none when it was withdrawn. So a year of 100,000 members reads about as many rows of sums.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db.js';

/** Which members: all, or those of one body (the body that applies: stored, else the default), and/or a list of ids. */
export interface DashboardScope {
  year: number;
  /** Only members whose applied body is this rule set id. */
  body?: string;
  /** Only these member ids. */
  members?: readonly string[];
  /** The service's default body (applies to members with none, or with a body that has no rule set). */
  defaultBody: string;
  /** Every body with a rule set (a stored body outside it takes the default). */
  knownBodies: readonly string[];
}

/**
 * One body's thresholds, as the SQL reads them: the yearly requirement by activity status, and the IET-style
 * criteria that apply to its members (null: the body has no such criterion).
 */
export interface BodyThresholds {
  body: string;
  required: { active: number | null; reduced: number | null; inactive: number | null };
  twavesMin: number | null;
  ukSpecMinPercent: number | null;
  reflectionMinWords: number | null;
}

/** A member's year in the aggregate: how many members fell in each hours band, and the criteria counts. */
export interface MemberHoursRow {
  /** -1: no completed hours; 0..n: `floor(hours / bandWidth)`, the last band open-ended. */
  band: number;
  members: number;
}

/** Figures over every member in scope: counts, hours statistics, and per criterion how many it applies to and how many met it. */
export interface MemberTotals {
  members: number;
  withRecords: number;
  meanHours: number | null;
  medianHours: number | null;
  hoursApplies: number;
  hoursMet: number;
  twavesApplies: number;
  twavesMet: number;
  ukSpecApplies: number;
  ukSpecMet: number;
  reflectionApplies: number;
  reflectionMet: number;
}

/** A gap kind (field and code) over the year's counted records: gaps, records and members with it. */
export interface GapKindRow {
  field: string | null;
  code: string;
  severity: string;
  gaps: number;
  records: number;
  members: number;
}

/** A source shape (format and the headings of the file's tables in order) with its imports, members, records and gaps. */
export interface ShapeRow {
  format: string | null;
  headings: string[];
  imports: number;
  members: number;
  records: number;
  recordsWithGaps: number;
  gaps: number;
  /** Up to 3 of its imports with the most gaps (ids), most first. */
  examples: string[];
}

/** Gaps of one kind from files of one shape. */
export interface ShapeGapRow {
  format: string | null;
  headings: string[];
  field: string | null;
  code: string;
  gaps: number;
}

/** Imports of one month (`YYYY-MM`, UTC), status (`withdrawn` for a withdrawn one) and format. */
export interface ImportMonthRow {
  month: string;
  status: string;
  format: string | null;
  imports: number;
}

/** Failed imports of the year by error code. */
export interface FailureRow {
  code: string | null;
  imports: number;
}

/** Time from upload to records over the done imports of the year that hold records (seconds). */
export interface TurnaroundRow {
  imports: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  meanSeconds: number | null;
  maxSeconds: number | null;
}

/**
 * Fills the temporary tables every query of one reading starts from (dropped at commit): `dash_scoped` the members
 * in scope with the body that applies to each, `dash_figs` the year's sums of the imports that count (`counted`: for
 * each member and file content the latest done import, none when it was withdrawn).
 */
function prepare(s: DashboardScope): SQL[] {
  const members = s.members === undefined ? sql`true` : sql`m.id = any(${sql.param([...s.members])}::text[])`;
  const body = s.body === undefined ? sql`true` : sql`x.body = ${s.body}`;
  return [
    sql`set local work_mem = '64MB'`,
    // Bulk sums over whole tables: hash joins, whatever the planner guesses of the temporary tables (never analysed).
    sql`set local enable_nestloop = off`,
    sql`create temp table dash_scoped on commit drop as
      select x.id, x.body from (
        select m.id, case when m.body = any(${sql.param([...s.knownBodies])}::text[]) then m.body else ${s.defaultBody} end as body
        from members m where ${members}) x
      where ${body}`,
    sql`create temp table dash_figs on commit drop as
      select f.* from import_year_figures f where f.year = ${s.year} and f.counted and f.member_id in (select id from dash_scoped)`,
  ];
}

/** The CTEs the queries read: `scoped` and `figs` (see {@link prepare}). */
function base(): SQL {
  return sql`scoped as (select id, body from dash_scoped), figs as (select * from dash_figs)`;
}

/** Everything the group dashboard reads for one scope, from one reading (see {@link DashboardRepository.groupYear}). */
export interface GroupYearRows {
  bands: MemberHoursRow[];
  totals: MemberTotals;
  gaps: GapKindRow[];
  shapes: ShapeRow[];
  shapeGaps: ShapeGapRow[];
  byMonth: ImportMonthRow[];
  failures: FailureRow[];
  turnaround: TurnaroundRow;
}

type Row = Record<string, unknown>;

/** Reads the group dashboard's aggregates. */
export class DashboardRepository {
  constructor(private readonly db: Db) {}

  /**
   * The group dashboard's figures for one scope, read in one transaction from the temporary tables of `prepare`:
   * members' hours bands of `bandWidth` (the last from `lastBand * bandWidth` up) and totals, the `gapLimit` most
   * common gap kinds, the `shapeLimit` source shapes with the most gaps and their gaps by kind, imports by month
   * and failures, and the time from upload to records.
   */
  async groupYear(s: DashboardScope, rules: readonly BodyThresholds[], opts: { bandWidth: number; lastBand: number; gapLimit: number; shapeLimit: number }): Promise<GroupYearRows> {
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      for (const q of prepare(s)) await tx.execute(q);
      const r = new DashboardRepository(tx);
      const { bands, totals } = await r.memberFigures(s, rules, opts.bandWidth, opts.lastBand);
      const gaps = await r.gapKinds(s, opts.gapLimit);
      const { shapes, gaps: shapeGaps } = await r.shapes(s, opts.shapeLimit);
      const { byMonth, failures } = await r.importsOverTime(s);
      const turnaround = await r.turnaround(s);
      return { bands, totals, gaps, shapes, shapeGaps, byMonth, failures, turnaround };
    });
  }

  private async rows<T>(q: SQL): Promise<T[]> {
    const res = (await this.db.execute(q)) as unknown as { rows: Row[] };
    return res.rows as T[];
  }

  /**
   * Per member in scope, the year's completed hours (an activity's positive hours; impossible dates and repeats
   * left out) and whether each criterion is met; aggregated to hours bands of `bandWidth` hours (the last from
   * `lastBand * bandWidth` up) and totals.
   */
  private async memberFigures(s: DashboardScope, rules: readonly BodyThresholds[], bandWidth: number, lastBand: number): Promise<{ bands: MemberHoursRow[]; totals: MemberTotals }> {
    const rulesJson = JSON.stringify(rules.flatMap((r) => (['active', 'reduced', 'inactive'] as const).map((status) => ({ body: r.body, status, required: r.required[status], twaves_min: r.twavesMin, ukspec_min: r.ukSpecMinPercent, reflection_words: r.reflectionMinWords }))));
    const per = sql`
      with ${base()},
      rules as (
        select * from jsonb_to_recordset(${rulesJson}::jsonb)
          as x(body text, status text, required float8, twaves_min int, ukspec_min int, reflection_words int)),
      agg as (
        select member_id, sum(records) as records, sum(activities) as activities, sum(hours) as hours, bit_or(twaves) as twaves,
          sum(linked) as linked, min(min_reflection_words) as min_words
        from figs group by member_id),
      per as (
        select sc.id, round(coalesce(a.hours, 0)::numeric, 2)::float8 as hours, coalesce(a.activities, 0) as activities,
          ru.required, ru.twaves_min, ru.ukspec_min, ru.reflection_words,
          coalesce(bit_count(a.twaves::bit(6)), 0) as categories, coalesce(a.linked, 0) as linked, a.min_words,
          coalesce(a.records, 0) > 0 as has_records
        from scoped sc
        left join member_years my on my.member_id = sc.id and my.year = ${s.year}
        join rules ru on ru.body = sc.body and ru.status = coalesce(my.activity_status, 'active')
        left join agg a on a.member_id = sc.id)`;
    const bandCols = [sql`(count(*) filter (where hours <= 0))::int`];
    for (let b = 0; b <= lastBand; b++) {
      const upper = b === lastBand ? sql`true` : sql`hours < ${(b + 1) * bandWidth}`;
      bandCols.push(sql`(count(*) filter (where hours > 0 and hours >= ${b * bandWidth} and ${upper}))::int`);
    }
    const [row] = await this.rows<MemberTotals & { bands: number[] }>(sql`${per}
      select array[${sql.join(bandCols, sql`, `)}] as "bands",
        count(*)::int as "members",
        (count(*) filter (where has_records))::int as "withRecords",
        round(avg(hours)::numeric, 2)::float8 as "meanHours",
        round(percentile_cont(0.5) within group (order by hours)::numeric, 2)::float8 as "medianHours",
        (count(*) filter (where required is not null))::int as "hoursApplies",
        (count(*) filter (where required is not null and hours >= required))::int as "hoursMet",
        (count(*) filter (where twaves_min is not null))::int as "twavesApplies",
        (count(*) filter (where twaves_min is not null and categories >= twaves_min))::int as "twavesMet",
        (count(*) filter (where ukspec_min is not null))::int as "ukSpecApplies",
        (count(*) filter (where ukspec_min is not null and activities > 0 and round(linked * 100.0 / activities) >= ukspec_min))::int as "ukSpecMet",
        (count(*) filter (where reflection_words is not null))::int as "reflectionApplies",
        (count(*) filter (where reflection_words is not null and activities > 0 and min_words >= reflection_words))::int as "reflectionMet"
      from per`);
    const { bands, ...totals } = row!;
    return { bands: bands.map((members, i) => ({ band: i - 1, members })), totals };
  }

  /** The most common gap kinds (errors and warnings not accepted) on the year's counted records, most gaps first. */
  private async gapKinds(s: DashboardScope, limit: number): Promise<GapKindRow[]> {
    return this.rows<GapKindRow>(sql`
      with ${base()}
      select g.field as "field", g.code as "code", g.severity as "severity", sum(g.gaps)::int as "gaps",
        sum(g.records)::int as "records", count(distinct f.member_id)::int as "members"
      from import_year_gaps g join figs f on f.import_id = g.import_id
      where g.year = ${s.year}
      group by 1, 2, 3 order by 4 desc, 1 nulls first, 2 limit ${limit}`);
  }

  /**
   * The source shapes of the year's counted records: per import format and the headings of the file's tables in
   * order (labelled blocks left out), the imports, members, records and gaps (errors and warnings not accepted);
   * and the gaps of each kind per shape. Shapes with the most gaps first.
   */
  private async shapes(s: DashboardScope, limit: number): Promise<{ shapes: ShapeRow[]; gaps: ShapeGapRow[] }> {
    const shape = sql`
      with ${base()},
      shape as (select f.import_id as id, f.member_id, f.format, f.records, f.records_with_problems, f.headings from figs f),
      gi as (select g.import_id, sum(g.gaps) as gaps from import_year_gaps g join shape sh on sh.id = g.import_id where g.year = ${s.year} group by 1)`;
    const shapes = await this.rows<ShapeRow>(sql`${shape}
      select sh.format as "format", sh.headings as "headings", count(*)::int as "imports", count(distinct sh.member_id)::int as "members",
        sum(sh.records)::int as "records", sum(sh.records_with_problems)::int as "recordsWithGaps", coalesce(sum(gi.gaps), 0)::int as "gaps",
        (array_agg(sh.id order by coalesce(gi.gaps, 0) desc, sh.id))[1:3] as "examples"
      from shape sh left join gi on gi.import_id = sh.id
      group by 1, 2 order by 7 desc, 3 desc limit ${limit}`);
    const gaps = await this.rows<ShapeGapRow>(sql`${shape}
      select sh.format as "format", sh.headings as "headings", g.field as "field", g.code as "code", sum(g.gaps)::int as "gaps"
      from import_year_gaps g join shape sh on sh.id = g.import_id
      where g.year = ${s.year}
      group by 1, 2, 3, 4 order by 5 desc`);
    return { shapes, gaps };
  }

  /** Imports of the members in scope uploaded in the year, by month (UTC), status and format; failures by error code. */
  private async importsOverTime(s: DashboardScope): Promise<{ byMonth: ImportMonthRow[]; failures: FailureRow[] }> {
    const inYear = sql`i.created_at >= ${`${s.year}-01-01T00:00:00Z`}::timestamptz and i.created_at < ${`${s.year + 1}-01-01T00:00:00Z`}::timestamptz`;
    const byMonth = await this.rows<ImportMonthRow>(sql`
      with ${base()}
      select to_char(i.created_at at time zone 'UTC', 'YYYY-MM') as "month",
        case when i.withdrawn_at is not null then 'withdrawn' else i.status end as "status", i.format as "format", count(*)::int as "imports"
      from imports i join scoped sc on sc.id = i.member_id
      where ${inYear}
      group by 1, 2, 3 order by 1, 2, 3 nulls first`);
    const failures = await this.rows<FailureRow>(sql`
      with ${base()}
      select i.error_code as "code", count(*)::int as "imports"
      from imports i join scoped sc on sc.id = i.member_id
      where ${inYear} and i.status = 'failed'
      group by 1 order by 2 desc, 1`);
    return { byMonth, failures };
  }

  /**
   * Seconds from upload (a part's: its e-mail's or zip's upload) to stored records, over the done imports uploaded in
   * the year that hold records themselves (not an e-mail or zip whose parts hold them).
   */
  private async turnaround(s: DashboardScope): Promise<TurnaroundRow> {
    const [row] = await this.rows<TurnaroundRow>(sql`
      with ${base()},
      t as (
        select extract(epoch from i.finished_at - coalesce(p.created_at, i.created_at))::float8 as secs
        from imports i join scoped sc on sc.id = i.member_id left join imports p on p.id = i.parent_id
        where i.status = 'done' and i.finished_at is not null
          and coalesce(p.created_at, i.created_at) >= ${`${s.year}-01-01T00:00:00Z`}::timestamptz
          and coalesce(p.created_at, i.created_at) < ${`${s.year + 1}-01-01T00:00:00Z`}::timestamptz
          and not exists (select 1 from imports c where c.parent_id = i.id))
      select count(*)::int as "imports",
        round(percentile_cont(0.5) within group (order by secs)::numeric, 1)::float8 as "medianSeconds",
        round(percentile_cont(0.9) within group (order by secs)::numeric, 1)::float8 as "p90Seconds",
        round(avg(secs)::numeric, 1)::float8 as "meanSeconds",
        round(max(secs)::numeric, 1)::float8 as "maxSeconds"
      from t`);
    return row!;
  }
}
