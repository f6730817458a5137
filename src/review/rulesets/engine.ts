/**
 * The criteria engine over a body's rule set (issue 16; rules in docs/domain/RULESETS.md, the IET's in
 * docs/domain/CPD.md §2): a pure function from a member's records, a {@link RuleSet} and a period to a
 * {@link BodyReview}. The IET kinds run the IET criterion modules (`src/review/criteria/`) with the thresholds of
 * the rule set, so an IET review gives the same figures as `reviewYear`; the other kinds are below.
 *
 * Which records count in a period (our choice): completed records whose end date, else start date, else target date
 * falls in it (a partial date by its last day, so a calendar year counts as `countingYear` does); a flagged duplicate
 * counts once (`duplicateCopies`); impossible dates count nowhere and are named. Hours are decimal hours rounded
 * to 2 places; points are read from the hours column (a log's "points" are read at 1 h a point, the import's default).
 */
import type { CpdRecord } from '../../domain/index.js';
import { lastDay } from '../../pipeline/normalise/dates.js';
import { buildYearContext } from '../criteria/context.js';
import { assessHours, doubtful, doubtText } from '../criteria/hours.js';
import { assessPlan } from '../criteria/plan.js';
import { assessPlannedHours } from '../criteria/planned-hours.js';
import { duplicateCopies, fmtH, h2, hasDateError, isWeakReflection, plural, positiveHours, ref } from '../criteria/records.js';
import { assessReflection } from '../criteria/reflection.js';
import { overallOutcome } from '../criteria/review-year.js';
import { assessSkills } from '../criteria/skills.js';
import { assessTwaves } from '../criteria/twaves.js';
import type { ActivityStatus, CriterionBase, Outcome, RecordRef } from '../criteria/types.js';
import { CRITERION_TITLES } from '../criteria/types.js';
import { assessUkSpec } from '../criteria/uk-spec.js';
import { assessYearPlacement } from '../criteria/year-placement.js';
import { categoryOf, classHoursOf, classOf, columnValue, pointsOf, topicHoursOf, topicOf, type TopicEvidence } from './classify.js';
import type { CriterionRule, RECORD_FIELD_NAMES, RuleSet } from './schema.js';

type RecordFieldName = (typeof RECORD_FIELD_NAMES)[number];

/** How a summary names the record fields a body asks each activity to record. */
const FIELD_WORDS: Record<RecordFieldName, string> = { activityName: 'the activity', activityType: 'its type', description: 'a description', reflection: 'a reflection', startDate: 'a date' };

/** The period reviewed: first and last day (ISO 8601, inclusive), its label, and the calendar year when it is one. */
export interface ReviewPeriod {
  from: string;
  to: string;
  /** `"2024"` or `"2022-04-01 to 2025-03-31"`. */
  label: string;
  /** Set when the period is one calendar year. */
  year?: number;
  /** Calendar years the period spans, rounded up (for per-year figures). */
  years: number;
}

/** One criterion of a body's review: its key and kind, its title, outcome, summary, source and figures. */
export interface BodyCriterion extends CriterionBase {
  /** Unique within the review, e.g. `hours`, `class_hours:formal`, `topic_hours:health and safety`. */
  key: string;
  kind: CriterionRule['kind'];
  title: string;
  /** True when the rule's figure is unconfirmed (the summary says so). */
  unconfirmed?: boolean;
  figures: Record<string, unknown>;
}

/** A member's review against a body's rule set for a period. */
export interface BodyReview {
  body: { id: string; name: string };
  period: ReviewPeriod;
  activityStatus: ActivityStatus;
  overall: Outcome;
  counts: { records: number; inPeriod: number; completed: number; otherPeriods: number; undated: number; duplicates: number };
  criteria: BodyCriterion[];
}

/** Options of {@link reviewForBody}: the period, the member's activity status (IET kinds only) and today (ISO date; no clock is read). */
export interface BodyReviewOptions {
  period: ReviewPeriod;
  activityStatus?: ActivityStatus;
  today?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The period a body reviews: `year` → that calendar year, or for an N-year body the N calendar years ending with it;
 * `from..to` (ISO dates) → exactly those days.
 * @throws Error with a message for the user when the dates are malformed or reversed
 */
export function periodFor(rs: Pick<RuleSet, 'period'>, spec: { year: number } | { from: string; to: string }): ReviewPeriod {
  if ('year' in spec) {
    const n = rs.period.kind === 'years' ? rs.period.years : 1;
    const from = `${spec.year - n + 1}-01-01`;
    const to = `${spec.year}-12-31`;
    return n === 1 ? { from, to, label: String(spec.year), year: spec.year, years: 1 } : { from, to, label: `${from} to ${to}`, years: n };
  }
  if (!ISO.test(spec.from) || !ISO.test(spec.to) || Number.isNaN(Date.parse(spec.from)) || Number.isNaN(Date.parse(spec.to))) throw new Error(`a period is two dates YYYY-MM-DD..YYYY-MM-DD, not "${spec.from}..${spec.to}"`);
  if (spec.to < spec.from) throw new Error(`the period ends (${spec.to}) before it starts (${spec.from})`);
  const y1 = Number(spec.from.slice(0, 4));
  const y2 = Number(spec.to.slice(0, 4));
  if (spec.from === `${y1}-01-01` && spec.to === `${y1}-12-31`) return { from: spec.from, to: spec.to, label: String(y1), year: y1, years: 1 };
  const days = (Date.parse(spec.to) - Date.parse(spec.from)) / 86_400_000 + 1;
  return { from: spec.from, to: spec.to, label: `${spec.from} to ${spec.to}`, years: Math.max(1, Math.min(y2 - y1 + 1, Math.ceil(days / 366))) };
}

/** Parses `"2022-04-01..2025-03-31"` into a period (see {@link periodFor}). */
export function parsePeriod(rs: Pick<RuleSet, 'period'>, text: string): ReviewPeriod {
  const m = /^(.+)\.\.(.+)$/.exec(text.trim());
  if (m === null) throw new Error(`a period is two dates YYYY-MM-DD..YYYY-MM-DD, not "${text}"`);
  return periodFor(rs, { from: m[1]!.trim(), to: m[2]!.trim() });
}

/** The records of a period sorted once for the non-IET criteria. */
interface PeriodContext {
  records: readonly CpdRecord[];
  rs: RuleSet;
  period: ReviewPeriod;
  /** Today (ISO date) when given: a period not over yet is read up to it. */
  today: string | undefined;
  /** Distinct completed activities in the period (flagged repeats left out), in date order. */
  distinct: number[];
  /** Completed activities with no date. */
  undated: number[];
  /** Completed activities in the period with no positive hours. */
  withoutHours: number[];
  /** Planned entries (any date). */
  planned: number[];
  copies: Set<number>;
  otherPeriods: number;
  dateErrors: RecordRef[];
  /** Decimal hours by record index after the body's caps per category. */
  capped: Map<number, number>;
}

function countingDate(r: CpdRecord): string | null {
  const d = r.endDate ?? r.startDate ?? r.targetDate;
  return d === null ? null : lastDay(d);
}

function buildPeriodContext(records: readonly CpdRecord[], rs: RuleSet, period: ReviewPeriod, today: string | undefined): PeriodContext {
  const completed: number[] = [];
  const undated: number[] = [];
  const planned: number[] = [];
  const dateErrors: RecordRef[] = [];
  let otherPeriods = 0;
  records.forEach((r, i) => {
    if (r.status === 'planned') {
      planned.push(i);
      return;
    }
    const d = countingDate(r);
    if (d === null) undated.push(i);
    else if (d < period.from || d > period.to) otherPeriods++;
    else if (hasDateError(r)) dateErrors.push(ref(records, i, 'impossible dates'));
    else completed.push(i);
  });
  const copies = duplicateCopies(records, completed);
  const distinct = completed.filter((i) => !copies.has(i)).sort((a, b) => (countingDate(records[a]!)! < countingDate(records[b]!)! ? -1 : countingDate(records[a]!)! > countingDate(records[b]!)! ? 1 : a - b));
  const capped = new Map(distinct.map((i) => [i, positiveHours(records[i]!)]));
  const caps = rs.criteria.find((c) => c.kind === 'type_caps');
  if (caps?.kind === 'type_caps') {
    for (const cap of caps.caps) {
      let left = cap.maxHours;
      for (const i of distinct) {
        if (categoryOf(records[i]!, rs) !== cap.category) continue;
        const h = capped.get(i)!;
        capped.set(i, Math.min(h, Math.max(0, left)));
        left -= h;
      }
    }
  }
  const withoutHours = distinct.filter((i) => positiveHours(records[i]!) === 0);
  return { records, rs, period, today, distinct, undated, withoutHours, planned, copies, otherPeriods, dateErrors, capped };
}

const TITLES: Record<CriterionRule['kind'], string> = {
  status_hours: CRITERION_TITLES.hours,
  twaves_range: CRITERION_TITLES.twaves,
  skill_mix: CRITERION_TITLES.skills,
  plan_relation: CRITERION_TITLES.plan,
  planned_hours: CRITERION_TITLES.plannedHours,
  uk_spec: CRITERION_TITLES.ukSpec,
  reflection_quality: CRITERION_TITLES.reflection,
  year_placement: CRITERION_TITLES.yearPlacement,
  hours: 'CPD hours',
  class_hours: 'Hours of a kind',
  topic_hours: 'Hours on a topic',
  mandated_topics: 'Mandated topics',
  type_caps: 'Caps per type of activity',
  points: 'Learning points',
  category_spread: 'Spread of learning types',
  reflection: 'Reflections',
  plan: 'Development plan',
  chronology_gaps: 'Gaps in the record',
  record_fields: 'What each activity records',
  declaration: 'Declaration',
};

/**
 * Each activity's hours that are of a part (a class, a topic): from a column of them when the log has one (`column`;
 * no more than the activity's hours), else all or none of its hours (`whole`: true, false), else unknown (null).
 * Returns the hours in the part by activity (those with some), the hours outside it, and the activities unknown or
 * read from a column.
 */
function partHours(ctx: PeriodContext, column: (r: CpdRecord) => number | null, whole: (r: CpdRecord) => boolean | null): { on: Map<number, number>; off: number; unknown: number[]; fromColumns: number[] } {
  const on = new Map<number, number>();
  let off = 0;
  const unknown: number[] = [];
  const fromColumns: number[] = [];
  for (const i of ctx.distinct) {
    const r = ctx.records[i]!;
    const h = ctx.capped.get(i) ?? positiveHours(r);
    const col = column(r);
    const w = col !== null ? null : whole(r);
    const part = col !== null ? Math.min(col, h) : w === true ? h : w === false ? 0 : null;
    if (col !== null) fromColumns.push(i);
    if (part === null) unknown.push(i);
    else {
      if (part > 0) on.set(i, part);
      off += h - part;
    }
  }
  return { on, off: h2(off), unknown, fromColumns };
}

/** Distinct completed activities from `from` to `to` (ISO dates), the period's or wider, in date order. */
function inRange(ctx: PeriodContext, from: string, to: string): number[] {
  const { records } = ctx;
  const idx: number[] = [];
  records.forEach((r, i) => {
    const d = countingDate(r);
    if (r.status !== 'planned' && d !== null && d >= from && d <= to && !hasDateError(r)) idx.push(i);
  });
  const copies = duplicateCopies(records, idx);
  return idx.filter((i) => !copies.has(i));
}

const sum = (ctx: PeriodContext, idx: readonly number[]): number => h2(idx.reduce((s, i) => s + (ctx.capped.get(i) ?? positiveHours(ctx.records[i]!)), 0));
const refs = (ctx: PeriodContext, idx: readonly number[], note?: (i: number) => string): RecordRef[] => idx.map((i) => ref(ctx.records, i, note?.(i)));

type Assessed = Pick<BodyCriterion, 'outcome' | 'summary' | 'figures'> & { key?: string; title?: string };

/** Met when `have >= need`; else not assessable when `unknown` more hours could make it up, else not met. */
function threshold(have: number, need: number, unknown: number): Outcome {
  return have >= need ? 'met' : unknown > 0 && h2(have + unknown) >= need ? 'not_assessable' : 'not_met';
}

function assessGeneric(ctx: PeriodContext, c: Exclude<CriterionRule, { kind: 'status_hours' | 'twaves_range' | 'skill_mix' | 'plan_relation' | 'planned_hours' | 'uk_spec' | 'reflection_quality' | 'year_placement' }>): Assessed {
  const { records, rs, period, distinct } = ctx;
  const n = distinct.length;
  const inP = `in ${period.label}`;
  const unitsH = rs.units.kind === 'hours' && rs.units.hoursPerDay !== undefined ? ` (${rs.units.hoursPerDay} h = 1 day)` : '';
  switch (c.kind) {
    case 'hours': {
      const required = c.total ?? h2(c.perYear! * period.years);
      const have = sum(ctx, distinct);
      const raw = h2(distinct.reduce((s, i) => s + positiveHours(records[i]!), 0));
      const unknown = ctx.withoutHours.length + ctx.undated.length;
      const capNote = raw > have ? ` (${fmtH(raw - have)} over the caps per type not counted)` : '';
      const base = `${fmtH(have)} of completed CPD ${inP} from ${plural(n, 'activity', 'activities')}${capNote}; ${fmtH(required)} required${c.perYear !== undefined && period.years > 1 ? ` (${fmtH(c.perYear)} a year × ${period.years})` : ''}${unitsH}`;
      // "Met" must not rest on hours flagged doubtful (criteria/hours.ts `doubtful`).
      const inDoubt = doubtful(ctx);
      const resting = have >= required && inDoubt.hours > 0 && h2(have - inDoubt.hours) < required;
      let outcome: Outcome = resting ? 'not_assessable' : have >= required ? 'met' : unknown > 0 ? 'not_assessable' : 'not_met';
      let tail = resting
        ? `; but ${doubtText(inDoubt)}, and ${fmtH(h2(have - inDoubt.hours))} without ${inDoubt.refs.length === 1 ? 'it' : 'them'}: check ${inDoubt.refs.length === 1 ? 'its' : 'their'} hours to decide`
        : outcome === 'not_met' ? `: ${fmtH(required - have)} short` : outcome === 'not_assessable' ? `; ${fmtH(required - have)} short, but ${plural(unknown, 'activity', 'activities')} ${unknown === 1 ? 'has' : 'have'} no hours or no date: correct them to decide` : '';
      // The body's alternative over several years (IStructE: 30 h a year, or 90 h over 3 years): read when the period
      // alone falls short and is shorter than the alternative's years.
      let over: { from: string; to: string; hours: number; required: number } | undefined;
      if (c.orOver !== undefined && have < required && period.years < c.orOver.years) {
        const from = `${Number(period.to.slice(0, 4)) - c.orOver.years + 1}-01-01`;
        const hours = sum(ctx, inRange(ctx, from, period.to));
        over = { from, to: period.to, hours, required: c.orOver.total };
        const earlier = records.some((r) => { const d = countingDate(r); return d !== null && d < period.from; });
        const alt = `${fmtH(hours)} in ${from} to ${period.to}, ${fmtH(c.orOver.total)} required over ${c.orOver.years} years`;
        if (hours >= c.orOver.total) {
          outcome = 'met';
          tail = `; but ${alt}: met that way`;
        } else if (!earlier) {
          outcome = 'not_assessable';
          tail = `: ${fmtH(required - have)} short; or ${alt}, and the records hold nothing before ${period.label}: review the earlier years' records too`;
        } else tail = `${tail}; nor ${alt}`;
      }
      return { outcome, summary: base + tail, figures: { required, completedHours: have, uncappedHours: raw, activities: n, withoutHours: refs(ctx, ctx.withoutHours), undated: refs(ctx, ctx.undated), dateErrors: ctx.dateErrors, ...(over !== undefined ? { over } : {}), ...(resting ? { hoursInDoubt: inDoubt.refs } : {}) } };
    }
    case 'class_hours': {
      const words = rs.classes[c.class]!;
      // Per activity: its hours of the class from a column of numbers ("Number of participatory hours", "Formal
      // hours"), else all or none of its hours by its type's words, else unknown.
      const split = partHours(ctx, (r) => classHoursOf(r, words)?.yes ?? null, (r) => classOf(r, words));
      const have = h2([...split.on.values()].reduce((a, b) => a + b, 0));
      const otherH = split.off;
      const unknownIdx = split.unknown;
      const fromColumns = split.fromColumns;
      const unknown = sum(ctx, unknownIdx);
      const outcome = threshold(have, c.min, unknown);
      const other = c.class === 'formal' ? 'informal' : 'individual';
      const parts = [`${fmtH(h2(otherH))} ${other}`];
      if (unknownIdx.length > 0) parts.push(`${fmtH(unknown)} on ${plural(unknownIdx.length, 'activity', 'activities')} that do not say`);
      const cols = fromColumns.length > 0 ? `; the ${c.class} hours of ${plural(fromColumns.length, 'activity', 'activities')} read from the log's own hours columns` : '';
      const summary = `${fmtH(have)} ${c.class} ${inP} (${parts.join(', ')}${cols}); at least ${fmtH(c.min)} ${c.class} required${outcome === 'not_assessable' ? `: say whether the unclassified activities are ${c.class} to decide` : outcome === 'not_met' ? `: ${fmtH(c.min - have)} short` : ''}`;
      return { key: `class_hours:${c.class}`, title: c.class === 'formal' ? 'Formal CPD hours' : 'Participatory CPD hours', outcome, summary, figures: { class: c.class, hours: have, otherHours: h2(otherH), required: c.min, unclassifiedHours: unknown, unclassified: refs(ctx, unknownIdx), fromColumns: fromColumns.length } };
    }
    case 'topic_hours': {
      const words = rs.topics[c.topic]!;
      // Per activity: its hours on the topic from a column of them ("Risk management (h)"), else all its hours when
      // its topic column, name or description names the topic (unless the topic cannot be told that way).
      // How each activity shows the topic, read once (the inferred ones are named to confirm).
      const shown = new Map<CpdRecord, TopicEvidence>();
      const how = (r: CpdRecord): TopicEvidence => (c.columnsOnly === true ? null : topicOf(r, words));
      const { on: hoursOn, fromColumns } = partHours(ctx, (r) => topicHoursOf(r, words), (r) => { const e = how(r); shown.set(r, e); return e !== null; });
      const inferred = distinct.filter((i) => shown.get(records[i]!) === 'inferred');
      const tagged = [...hoursOn.keys()];
      const total = sum(ctx, distinct);
      const required = c.per === undefined ? c.hours : h2(c.hours * Math.max(1, Math.floor(total / c.per)));
      const have = h2([...hoursOn.values()].reduce((a, b) => a + b, 0));
      const noColumn = c.columnsOnly === true && fromColumns.length === 0;
      const outcome: Outcome = n === 0 || (noColumn && have < required) ? 'not_assessable' : have >= required ? 'met' : 'not_met';
      const notes = [inferred.length > 0 ? `${plural(inferred.length, 'activity', 'activities')} inferred from the name or description: confirm` : '', fromColumns.length > 0 ? `read from the log's column of ${c.topic} hours for ${plural(fromColumns.length, 'activity', 'activities')}` : ''].filter((x) => x !== '');
      const summary = `${fmtH(have)} on ${c.topic} ${inP}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}; ${fmtH(required)} required${c.per !== undefined ? ` (${fmtH(c.hours)} of every ${fmtH(c.per)}, on ${fmtH(total)})` : ''}${noColumn && outcome === 'not_assessable' ? `; the log gives no hours on ${c.topic} and an activity's name cannot show them: ask the member` : ''}`;
      return { key: `topic_hours:${c.topic}`, title: `Hours on ${c.topic}`, outcome, summary, figures: { topic: c.topic, hours: have, required, tagged: refs(ctx, tagged), inferred: refs(ctx, inferred, () => 'inferred'), fromColumns: fromColumns.length } };
    }
    case 'mandated_topics': {
      // Over the period, or the N calendar years ending with it (RICS: ethics every rolling 3 years).
      const from = c.withinYears === undefined ? period.from : `${Number(period.to.slice(0, 4)) - c.withinYears + 1}-01-01`;
      const pool = c.withinYears === undefined ? distinct : inRange(ctx, from, period.to);
      const where = c.withinYears === undefined ? inP : `in ${from} to ${period.to}`;
      const per = c.topics.map((t) => {
        const on = pool.filter((i) => topicOf(records[i]!, rs.topics[t]!) !== null);
        const cat = (i: number): string | null => categoryOf(records[i]!, rs);
        // Activities of another category do not count (CIBSE: semi-structured or structured); of none, they might.
        const counted = c.categories === undefined ? on : on.filter((i) => cat(i) !== null && c.categories!.includes(cat(i)!));
        const untyped = c.categories === undefined ? [] : on.filter((i) => cat(i) === null);
        const otherType = c.categories === undefined ? [] : on.filter((i) => cat(i) !== null && !c.categories!.includes(cat(i)!));
        return { topic: t, activities: counted.length, inferred: refs(ctx, counted.filter((i) => topicOf(records[i]!, rs.topics[t]!) === 'inferred'), () => 'inferred'), untyped: refs(ctx, untyped, () => 'type not stated'), notCounted: refs(ctx, otherType, (i) => `${cat(i)}: does not count`) };
      });
      const missing = per.filter((p) => p.activities < c.minActivities);
      const undecided = missing.filter((p) => p.activities + p.untyped.length >= c.minActivities);
      // No record before the period: the earlier years looked back over are not in these records.
      const shortHistory = c.withinYears !== undefined && missing.length > 0 && !records.some((r) => { const d = countingDate(r); return d !== null && d < period.from; });
      const outcome: Outcome = missing.length === 0 ? 'met' : undecided.length === missing.length || shortHistory ? 'not_assessable' : 'not_met';
      const kinds = c.categories === undefined ? '' : ` (${c.categories.join(' or ')})`;
      const detail = (p: (typeof per)[number]): string => {
        const extra = [p.inferred.length > 0 ? `${p.inferred.length} inferred` : '', p.notCounted.length > 0 ? `${p.notCounted.length} of another type not counted` : '', p.untyped.length > 0 ? `${p.untyped.length} of no stated type` : ''].filter((x) => x !== '');
        return `${p.topic}: ${plural(p.activities, 'activity', 'activities')}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
      };
      const tail = missing.length === 0 ? '' : outcome === 'not_met' ? `; none on ${missing.map((p) => p.topic).join(', ')}` : shortHistory ? `; none on ${missing.map((p) => p.topic).join(', ')} in these records, which start in ${period.label}: review the earlier years' records too` : `; say the type of the activities on ${undecided.map((p) => p.topic).join(', ')} to decide`;
      const summary = `${per.map(detail).join('; ')} ${where}; at least ${c.minActivities}${kinds} on each required${tail}`;
      return { outcome, summary, figures: { topics: per, minActivities: c.minActivities, missing: missing.map((p) => p.topic), from, to: period.to, ...(c.categories !== undefined ? { categories: c.categories } : {}) } };
    }
    case 'type_caps': {
      const over = c.caps.map((cap) => {
        const on = distinct.filter((i) => categoryOf(records[i]!, rs) === cap.category);
        const raw = h2(on.reduce((s, i) => s + positiveHours(records[i]!), 0));
        return { category: cap.category, hours: raw, maxHours: cap.maxHours, notCounted: h2(Math.max(0, raw - cap.maxHours)) };
      });
      const excess = over.filter((o) => o.notCounted > 0);
      const summary = excess.length === 0 ? `no type of activity over its cap ${inP} (${c.caps.map((k) => `${k.category} ≤ ${fmtH(k.maxHours)}`).join(', ')})` : `${excess.map((o) => `${o.category} ${fmtH(o.hours)}, ${fmtH(o.notCounted)} over its cap of ${fmtH(o.maxHours)} not counted`).join('; ')}`;
      return { outcome: 'met', summary, figures: { caps: over } };
    }
    case 'points': {
      // Points from the log's points column where it has one (beside a time column), else from its hours.
      const read = new Map(distinct.map((i) => [i, pointsOf(records[i]!)]));
      const pointsOfI = (i: number): number => read.get(i)?.points ?? 0;
      const pts = h2(distinct.reduce((s, i) => s + pointsOfI(i), 0));
      const without = distinct.filter((i) => read.get(i) === null);
      const columns = [...new Set([...read.values()].flatMap((p) => (p === null || p.from === 'hours' ? [] : [p.from])))];
      const fromHours = distinct.filter((i) => read.get(i)?.from === 'hours');
      const required = h2(c.perYear * period.years);
      const range = rs.units.kind === 'points' ? rs.units : { min: 0, max: Infinity };
      const outOfRange = distinct.filter((i) => { const p = pointsOfI(i); return p > 0 && (p < range.min || p > range.max); });
      const outcome: Outcome = pts >= required ? (outOfRange.length > 0 ? 'not_assessable' : 'met') : without.length > 0 || outOfRange.length > 0 ? 'not_assessable' : 'not_met';
      const readFrom = columns.length > 0 ? ` (read from ${columns.map((k) => `"${k}"`).join(', ')}${fromHours.length > 0 ? `; ${plural(fromHours.length, 'activity', 'activities')} from the hours` : ''})` : '';
      const summary = `${pts} points ${inP} from ${plural(n, 'activity', 'activities')}${readFrom}; ${required} required${outOfRange.length > 0 ? `; ${plural(outOfRange.length, 'activity', 'activities')} outside ${range.min}–${range.max} points each: check them` : ''}${without.length > 0 ? `; ${plural(without.length, 'activity', 'activities')} without points` : ''}${outcome === 'not_met' ? `: ${h2(required - pts)} short` : ''}`;
      return { outcome, summary, figures: { points: pts, required, readFrom: columns.length > 0 ? columns : ['hours'], outOfRange: refs(ctx, outOfRange, (i) => `${pointsOfI(i)} points`), withoutPoints: refs(ctx, without) } };
    }
    case 'category_spread': {
      const cats = new Map<string, number>();
      const none: number[] = [];
      for (const i of distinct) {
        const k = categoryOf(records[i]!, rs);
        if (k === null) none.push(i);
        else cats.set(k, (cats.get(k) ?? 0) + 1);
      }
      const covered = rs.categories.map((k) => k.name).filter((k) => cats.has(k));
      const outcome: Outcome = n === 0 ? 'not_assessable' : covered.length >= c.min ? 'met' : covered.length + none.length >= c.min ? 'not_assessable' : 'not_met';
      const summary = `${plural(covered.length, 'type')} of learning ${inP}${covered.length > 0 ? ` (${covered.map((k) => `${k} ${cats.get(k)}`).join(', ')})` : ''}; at least ${c.min} required${none.length > 0 ? `; ${plural(none.length, 'activity', 'activities')} without a type` : ''}`;
      return { outcome, summary, figures: { covered, activities: Object.fromEntries(cats), min: c.min, uncategorised: refs(ctx, none) } };
    }
    case 'reflection': {
      const scope = c.overHours === undefined ? distinct : distinct.filter((i) => positiveHours(records[i]!) > c.overHours!);
      const weakOrMissing = (i: number): string | null => { const t = records[i]!.reflection; return t === null || t.trim() === '' ? 'no reflection' : isWeakReflection(t, c.minWords); };
      const lacking = scope.filter((i) => weakOrMissing(i) !== null);
      const good = distinct.filter((i) => weakOrMissing(i) === null).length;
      const okCount = c.minCount === undefined || good >= c.minCount;
      const outcome: Outcome = n === 0 ? 'not_assessable' : lacking.length === 0 && okCount ? 'met' : 'not_met';
      const parts = [`${good} of ${n} activities ${inP} have a reflection of ${c.minWords} words or more`];
      if (c.overHours !== undefined) parts.push(`${lacking.length} of ${scope.length} over ${fmtH(c.overHours)} lack one`);
      if (c.minCount !== undefined) parts.push(`at least ${c.minCount} required`);
      if (c.overHours === undefined) parts.push(`${lacking.length} missing or weak`);
      return { outcome, summary: parts.join('; '), figures: { activities: n, good, lacking: refs(ctx, lacking, (i) => weakOrMissing(i)!), minWords: c.minWords } };
    }
    case 'plan': {
      const objectives = new Set(records.map((r) => r.objective?.trim() ?? '').filter((o) => o !== ''));
      const has = ctx.planned.length > 0 || objectives.size > 0;
      return { outcome: has ? 'met' : 'not_met', summary: has ? `plan found: ${plural(ctx.planned.length, 'planned entry', 'planned entries')}, ${plural(objectives.size, 'objective')}` : 'no plan in the records: no planned entries and no objectives (the member may keep it elsewhere)', figures: { planEntries: ctx.planned.length, objectives: [...objectives] } };
    }
    case 'chronology_gaps': {
      const addMonths = (d: string, m: number): string => { const t = new Date(`${d}T00:00:00Z`); t.setUTCMonth(t.getUTCMonth() + m); return t.toISOString().slice(0, 10); };
      const gaps: { from: string; to: string }[] = [];
      let last = period.from;
      for (const i of distinct) {
        const r = records[i]!;
        const start = r.startDate ?? r.endDate ?? r.targetDate!;
        const s = start.length === 10 ? start : `${start}${start.length === 7 ? '-01' : '-01-01'}`;
        if (addMonths(last, c.months) <= s) gaps.push({ from: last, to: s });
        const e = countingDate(r)!;
        if (e > last) last = e;
      }
      // The period's end, or today when the period is not over yet (a review mid-cycle): no gap in days to come.
      const end = ctx.today !== undefined && ctx.today < period.to ? ctx.today : period.to;
      if (addMonths(last, c.months) <= end) gaps.push({ from: last, to: end });
      const outcome: Outcome = n === 0 ? 'not_assessable' : gaps.length === 0 ? 'met' : 'not_assessable';
      const summary = gaps.length === 0 ? `no gap of ${c.months} months or more between activities ${inP}` : `${plural(gaps.length, 'gap')} of ${c.months} months or more ${inP} (${gaps.map((g) => `${g.from} to ${g.to}`).join('; ')}): the member explains them`;
      return { outcome, summary, figures: { months: c.months, gaps } };
    }
    case 'record_fields': {
      // Each item: a record field, one of several fields, or a column of the log (kept in the record's extras).
      const items = c.fields.map((f) => (typeof f === 'string' ? { label: FIELD_WORDS[f], fields: [f] as RecordFieldName[], columns: undefined } : { label: f.label, fields: f.fields, columns: f.columns }));
      const has = (i: number, it: (typeof items)[number]): boolean => {
        const r = records[i]!;
        if (it.fields?.some((f) => { const v = r[f]; return v !== null && String(v).trim() !== ''; }) === true) return true;
        return it.columns !== undefined && columnValue(r, it.columns) !== null;
      };
      // An item read only from columns that no activity of the period has: the log keeps no such column.
      const absent = items.filter((it) => it.fields === undefined && !distinct.some((i) => has(i, it)));
      const checked = items.filter((it) => !absent.includes(it));
      const lacking = distinct.filter((i) => checked.some((it) => !has(i, it)));
      const counts = items.map((it) => `${it.label} ${absent.includes(it) ? 'not in the log' : `${distinct.filter((i) => has(i, it)).length} of ${n}`}`);
      const outcome: Outcome = n === 0 ? 'not_assessable' : lacking.length > 0 ? 'not_met' : absent.length > 0 ? 'not_assessable' : 'met';
      const summary = `activities ${inP} recording ${counts.join(', ')}${absent.length > 0 ? `; the log has no column for ${absent.map((it) => it.label).join(', ')}: ask the member` : ''}`;
      return { outcome, summary, figures: { fields: items.map((it) => it.label), notInLog: absent.map((it) => it.label), lacking: refs(ctx, lacking, (i) => checked.filter((it) => !has(i, it)).map((it) => it.label).join(', ')) } };
    }
    case 'declaration':
      return { outcome: 'not_assessable', summary: `${c.what}: the records cannot show it; ask the member`, figures: {} };
  }
}

/**
 * Reviews a member's records against a body's rule set for a period.
 * @param records all the member's records; indices in the figures refer to this array
 * @returns the criteria in the rule set's order, each with its source; never throws for data problems
 * @throws Error when an IET kind is asked of a period that is not a calendar year (the schema prevents it)
 */
export function reviewForBody(records: readonly CpdRecord[], rs: RuleSet, opts: BodyReviewOptions): BodyReview {
  const activityStatus = opts.activityStatus ?? 'active';
  const ctx = buildPeriodContext(records, rs, opts.period, opts.today);
  const ietRules = Object.fromEntries(rs.criteria.flatMap((c) => (c.kind === 'twaves_range' ? [['minTwavesCategories', c.min]] : c.kind === 'plan_relation' ? [['minPlanPercent', c.minPercent]] : c.kind === 'uk_spec' ? [['minUkSpecPercent', c.minPercent]] : c.kind === 'reflection_quality' ? [['minReflectionWords', c.minWords]] : [])));
  const statusHours = rs.criteria.find((c) => c.kind === 'status_hours');
  const plannedMin = rs.criteria.find((c) => c.kind === 'planned_hours');
  let yearCtx: ReturnType<typeof buildYearContext> | undefined;
  const year = (): ReturnType<typeof buildYearContext> => {
    if (opts.period.year === undefined) throw new Error(`the ${rs.name} criteria review a calendar year`);
    yearCtx ??= buildYearContext(records, { year: opts.period.year, activityStatus, rules: ietRules, ...(opts.today !== undefined ? { today: opts.today } : {}), ...(statusHours?.kind === 'status_hours' ? { requiredHours: statusHours.required } : {}), ...(plannedMin?.kind === 'planned_hours' ? { plannedHoursMin: plannedMin.min } : {}) });
    return yearCtx;
  };
  const criteria: BodyCriterion[] = rs.criteria.map((c) => {
    let a: Assessed;
    switch (c.kind) {
      case 'status_hours': a = assessHours(year()); break;
      case 'twaves_range': a = assessTwaves(year()); break;
      case 'skill_mix': a = assessSkills(year()); break;
      case 'plan_relation': a = assessPlan(year()); break;
      case 'planned_hours': a = assessPlannedHours(year()); break;
      case 'uk_spec': a = assessUkSpec(year()); break;
      case 'reflection_quality': a = assessReflection(year()); break;
      case 'year_placement': a = assessYearPlacement(year()); break;
      default: a = assessGeneric(ctx, c);
    }
    const summary = c.unconfirmed === true ? `${a.summary} (figure unconfirmed: found only on a third party's copy of the rules)` : a.summary;
    const out: BodyCriterion = { key: a.key ?? c.kind, kind: c.kind, title: a.title ?? TITLES[c.kind], outcome: a.outcome, summary, source: c.source, figures: a.figures as Record<string, unknown> };
    if (c.unconfirmed === true) out.unconfirmed = true;
    return out;
  });
  return {
    body: { id: rs.id, name: rs.name },
    period: opts.period,
    activityStatus,
    overall: overallOutcome(criteria.map((c) => c.outcome)),
    counts: { records: records.length, inPeriod: ctx.distinct.length + ctx.copies.size + ctx.dateErrors.length, completed: ctx.distinct.length + ctx.copies.size, otherPeriods: ctx.otherPeriods, undated: ctx.undated.length, duplicates: ctx.copies.size },
    criteria,
  };
}
