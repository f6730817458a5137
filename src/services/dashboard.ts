/**
 * The CPD dashboards (issue 17): a member's years (`memberDashboard`: their counted records through the pure
 * `memberTrend`, src/review/dashboard/) and a group's picture for a year (`groupDashboard`: SQL aggregates from
 * `store.dashboard`, with the bodies' thresholds from their rule sets and source shapes merged by heading
 * fingerprint). Routes: src/http/routes/dashboard.ts; CSV: src/export/dashboard-csv.ts.
 */
import { todayIso } from '../pipeline/import.js';
import { memberTrend, type TrendYear } from '../review/dashboard/member-trend.js';
import { yearRequirement } from '../review/dashboard/requirement.js';
import { CRITERION_TITLES } from '../review/criteria/index.js';
import { RULE_SETS, type RuleSet } from '../review/rulesets/index.js';
import type { BodyThresholds, DashboardScope, ShapeGapRow, ShapeRow, Store } from '../store/store.js';
import { appliedBody, publicBody, type AppliedBody } from './member-body.js';
import { countedRecords, listMemberRecords } from './records.js';
import { tableFingerprint } from './templates.js';

/** One year of a member's dashboard: the year's figures and the path of the records behind them. */
export type MemberDashboardYear = TrendYear & {
  /** `GET` path of the member's records counting in the year (the page's records view: `#/members/ID/YEAR`). */
  records: string;
};

/** `GET /members/:id/dashboard`: the member, the body that applies, and their figures year by year (oldest first). */
export interface MemberDashboard {
  memberId: string;
  body: AppliedBody;
  years: MemberDashboardYear[];
}

/**
 * A member's dashboard: every calendar year from the first to the last their counted records count in (years with
 * nothing in between shown as 0), each with the activity status stored for it (else active).
 * @param opts `defaultBody` the service's `DEFAULT_BODY`; `today` an ISO date (default: the clock's)
 */
export async function memberDashboard(store: Store, memberId: string, opts: { defaultBody: string; today?: string }): Promise<MemberDashboard> {
  const body = await appliedBody(store, memberId, opts.defaultBody);
  const records = countedRecords(await listMemberRecords(store, memberId));
  const statuses = new Map((await store.memberYears.listForMember(memberId)).map((s) => [s.year, s.activityStatus]));
  const trend = memberTrend(records, { ruleSet: body.ruleSet, statusOf: (y) => statuses.get(y) ?? 'active', today: opts.today ?? todayIso() });
  const path = `/members/${encodeURIComponent(memberId)}/records`;
  return { memberId, body: publicBody(body), years: trend.years.map((y) => ({ ...y, records: `${path}?year=${y.year}` })) };
}

/** `GET /dashboard` query: the year, and optionally one body (its rule set id) and/or a list of member ids. */
export interface GroupDashboardQuery {
  year: number;
  body?: string;
  members?: readonly string[];
}

/** One hours band of the distribution: members whose year's completed hours are in [from, to) (`to` null: and above; 0 h its own band). */
export interface HoursBand {
  label: string;
  from: number;
  to: number | null;
  members: number;
}

/** Share of the members a criterion applies to (their body has it) who met it; `percent` whole. */
export interface GroupCriterion {
  key: 'hours' | 'twaves' | 'ukSpec' | 'reflection';
  title: string;
  /** How the SQL counts it, in words. */
  rule: string;
  applies: number;
  met: number;
  percent: number;
}

/**
 * A source shape (the format and headings of the files; `ShapeRow`, src/store/repositories/dashboard.ts) with its
 * fingerprint, gaps per record and most common gap kinds. `examples`: up to 3 of its imports with the most gaps,
 * the files to open (the page's mapping view).
 */
export interface SourceShape extends ShapeRow {
  /** sha256 of the normalised headings (the template fingerprint, src/services/templates.ts; templates read any format). */
  fingerprint: string;
  /** Gaps per record, 2 places. */
  gapsPerRecord: number;
  /** Its most common gap kinds (up to 3). */
  topGaps: { field: string | null; code: string; gaps: number }[];
}

/** `GET /dashboard`: the group's picture for a year. Hours are decimal hours; times in seconds. */
export interface GroupDashboard {
  year: number;
  scope: { body: { id: string; name: string } | null; members: string[] | null };
  members: { inScope: number; withRecords: number };
  hours: { bandWidth: number; bands: HoursBand[]; mean: number | null; median: number | null };
  criteria: GroupCriterion[];
  gaps: { field: string | null; code: string; severity: string; gaps: number; records: number; members: number }[];
  sources: SourceShape[];
  imports: { byMonth: { month: string; status: string; format: string | null; imports: number }[]; failures: { code: string | null; imports: number }[] };
  uploadToRecords: { imports: number; medianSeconds: number | null; p90Seconds: number | null; meanSeconds: number | null; maxSeconds: number | null };
}

/** Width of an hours band, and how many bands before the open-ended last one (0–10 h … 50–60 h, then 60 h and more). */
const BAND_WIDTH = 10;
const BANDS = 6;

/** A body's thresholds for the SQL: its yearly requirement by status and the IET-style criteria it has. */
export function bodyThresholds(rs: RuleSet): BodyThresholds {
  const find = <K extends RuleSet['criteria'][number]['kind']>(kind: K) => rs.criteria.find((c) => c.kind === kind) as Extract<RuleSet['criteria'][number], { kind: K }> | undefined;
  return {
    body: rs.id,
    required: { active: yearRequirement(rs, 'active').value, reduced: yearRequirement(rs, 'reduced').value, inactive: yearRequirement(rs, 'inactive').value },
    twavesMin: find('twaves_range')?.min ?? null,
    ukSpecMinPercent: find('uk_spec')?.minPercent ?? null,
    reflectionMinWords: find('reflection_quality')?.minWords ?? null,
  };
}

const CRITERIA: readonly { key: GroupCriterion['key']; title: string; rule: string }[] = [
  { key: 'hours', title: CRITERION_TITLES.hours, rule: "completed hours in the year at least the body's yearly requirement for the member's activity status (a total over N years: its Nth)" },
  { key: 'twaves', title: CRITERION_TITLES.twaves, rule: "completed activities in at least the body's number of TWAVES categories (the IET: 3 of 6)" },
  { key: 'ukSpec', title: CRITERION_TITLES.ukSpec, rule: "at least the body's share of completed activities carry a UK-SPEC code (the IET: 50 %)" },
  { key: 'reflection', title: CRITERION_TITLES.reflection, rule: "every completed activity has a reflection of at least the body's number of words (the IET: 10; stock phrases are checked only in a member's review)" },
];

/**
 * A group's dashboard for a year: the members in scope (all, one body's — the body that applies to them — and/or
 * the ids given), the distribution of their completed hours, the share meeting each criterion their body has (as
 * the SQL counts it: `CRITERIA`), the most common gaps, the source shapes giving the most gaps, imports by month,
 * status and format, and the time from upload to records.
 * @param opts `defaultBody` the service's `DEFAULT_BODY`
 * @throws Error when `q.body` is not a body with a rule set
 */
export async function groupDashboard(store: Store, q: GroupDashboardQuery, opts: { defaultBody: string }): Promise<GroupDashboard> {
  const body = q.body === undefined ? undefined : RULE_SETS.get(q.body);
  if (q.body !== undefined && body === undefined) throw new Error(`no rule set for body "${q.body}"; known bodies: ${[...RULE_SETS.keys()].join(', ')}`);
  const scope: DashboardScope = { year: q.year, defaultBody: opts.defaultBody, knownBodies: [...RULE_SETS.keys()], ...(q.body === undefined ? {} : { body: q.body }), ...(q.members === undefined ? {} : { members: q.members }) };
  const rules = [...RULE_SETS.values()].map(bodyThresholds);
  const { bands, totals, gaps, shapes, shapeGaps, byMonth, failures, turnaround: uploadToRecords } = await store.dashboard.groupYear(scope, rules, { bandWidth: BAND_WIDTH, lastBand: BANDS, gapLimit: 15, shapeLimit: 50 });
  const imports = { byMonth, failures };
  const counts = new Map(bands.map((b) => [b.band, b.members]));
  const hoursBands: HoursBand[] = [{ label: '0 h', from: 0, to: 0, members: counts.get(-1) ?? 0 }];
  for (let i = 0; i <= BANDS; i++) {
    const from = i * BAND_WIDTH;
    hoursBands.push(i === BANDS ? { label: `${from} h or more`, from, to: null, members: counts.get(i) ?? 0 } : { label: `${from}–${from + BAND_WIDTH} h`, from, to: from + BAND_WIDTH, members: counts.get(i) ?? 0 });
  }
  const t = totals;
  const figures: Record<GroupCriterion['key'], [number, number]> = { hours: [t.hoursApplies, t.hoursMet], twaves: [t.twavesApplies, t.twavesMet], ukSpec: [t.ukSpecApplies, t.ukSpecMet], reflection: [t.reflectionApplies, t.reflectionMet] };
  const criteria = CRITERIA.map((c) => {
    const [applies, met] = figures[c.key];
    return { ...c, applies, met, percent: applies === 0 ? 0 : Math.round((met / applies) * 100) };
  }).filter((c) => c.applies > 0);
  return {
    year: q.year,
    scope: { body: body === undefined ? null : { id: body.id, name: body.name }, members: q.members === undefined ? null : [...q.members] },
    members: { inScope: t.members, withRecords: t.withRecords },
    hours: { bandWidth: BAND_WIDTH, bands: hoursBands, mean: t.meanHours, median: t.medianHours },
    criteria,
    gaps,
    sources: mergeShapes(shapes, shapeGaps).slice(0, 10),
    imports,
    uploadToRecords,
  };
}

/** Shapes with the same fingerprint (headings equal once normalised) as one, most gaps first. */
function mergeShapes(rows: readonly ShapeRow[], gapRows: readonly ShapeGapRow[]): SourceShape[] {
  const byFp = new Map<string, SourceShape & { kinds: Map<string, { field: string | null; code: string; gaps: number }> }>();
  // A shape is its headings (a template's fingerprint, which reads any format) in one format.
  const fp = (format: string | null, headings: readonly string[]) => `${format ?? ''}|${tableFingerprint(headings)}`;
  for (const r of rows) {
    const key = fp(r.format, r.headings);
    const s = byFp.get(key) ?? { format: r.format, fingerprint: tableFingerprint(r.headings), headings: r.headings, imports: 0, members: 0, records: 0, recordsWithGaps: 0, gaps: 0, gapsPerRecord: 0, examples: [], topGaps: [], kinds: new Map() };
    s.imports += r.imports;
    s.members += r.members;
    s.records += r.records;
    s.recordsWithGaps += r.recordsWithGaps;
    s.gaps += r.gaps;
    s.examples = [...s.examples, ...r.examples].slice(0, 3);
    byFp.set(key, s);
  }
  for (const g of gapRows) {
    const s = byFp.get(fp(g.format, g.headings));
    if (s === undefined) continue;
    const k = `${g.field ?? ''}\u0000${g.code}`;
    const kind = s.kinds.get(k) ?? { field: g.field, code: g.code, gaps: 0 };
    kind.gaps += g.gaps;
    s.kinds.set(k, kind);
  }
  return [...byFp.values()]
    .map(({ kinds, ...s }) => ({ ...s, gapsPerRecord: s.records === 0 ? 0 : Math.round((s.gaps / s.records) * 100) / 100, topGaps: [...kinds.values()].sort((a, b) => b.gaps - a.gaps || (a.field ?? '').localeCompare(b.field ?? '') || a.code.localeCompare(b.code)).slice(0, 3) }))
    .sort((a, b) => b.gaps - a.gaps || b.imports - a.imports || a.fingerprint.localeCompare(b.fingerprint));
}
