/**
 * The dashboards as CSV (issue 17 §3: "the same figures from the API as JSON and as CSV"), written by papaparse with
 * text cells neutralised against formula injection (`neutralise`, ./export.ts). A member's dashboard is one row per
 * year (wide: every figure a column); a group's is long — one row per figure: `section, item, measure, value` —
 * since its sections have different shapes.
 */
import Papa from 'papaparse';
import { SKILL_TYPES, TWAVES_LETTERS } from '../domain/index.js';
import type { GroupDashboard, MemberDashboard } from '../services/dashboard.js';
import { neutralise } from './export.js';

type Cell = string | number | null;

function csv(rows: readonly (readonly Cell[])[]): string {
  return `${Papa.unparse(rows.map((r) => r.map((c) => (typeof c === 'string' ? neutralise(c) : c))), { newline: '\r\n' })}\r\n`;
}

/** A member's dashboard as CSV: a heading row, then one row per year (hours decimal; criteria as "met of total"). */
export function memberDashboardCsv(d: MemberDashboard): string {
  const head = ['Member', 'Body', 'Year', 'Activity status', 'Required', 'Unit', 'Hours', 'Activities', ...TWAVES_LETTERS.map((t) => `${t} hours`), 'No category hours', ...SKILL_TYPES.map((s) => `${s} hours`), 'No skill type hours', 'Planned hours', 'Planned and done hours', 'Planned open hours', 'Planned missed hours', 'Reflections written', 'Reflections good', 'Reflections weak', 'Reflections missing', 'Criteria met', 'Criteria', 'Overall'];
  const rows = d.years.map((y) => [
    d.memberId, d.body.id, y.year, y.activityStatus, y.required.value, y.required.unit, y.hours, y.activities,
    ...TWAVES_LETTERS.map((t) => y.twaves[t]), y.twaves.none, ...SKILL_TYPES.map((s) => y.skills[s]), y.skills.none,
    y.plan.planned, y.plan.done, y.plan.open, y.plan.missed, y.reflections.written, y.reflections.good, y.reflections.weak, y.reflections.missing,
    y.met, y.criteria.length, y.overall,
  ]);
  return csv([head, ...rows]);
}

/** A group's dashboard as CSV, one figure a row: `Section, Item, Measure, Value`. */
export function groupDashboardCsv(d: GroupDashboard): string {
  const rows: Cell[][] = [['Section', 'Item', 'Measure', 'Value']];
  const add = (section: string, item: string, measure: string, value: Cell) => rows.push([section, item, measure, value]);
  add('scope', 'year', 'year', d.year);
  add('scope', 'body', 'id', d.scope.body?.id ?? 'all');
  add('members', 'in scope', 'members', d.members.inScope);
  add('members', 'with records in the year', 'members', d.members.withRecords);
  add('hours', 'all members', 'mean hours', d.hours.mean);
  add('hours', 'all members', 'median hours', d.hours.median);
  for (const b of d.hours.bands) add('hours band', b.label, 'members', b.members);
  for (const c of d.criteria) {
    add('criterion', c.title, 'applies', c.applies);
    add('criterion', c.title, 'met', c.met);
    add('criterion', c.title, 'percent met', c.percent);
  }
  for (const g of d.gaps) {
    const item = `${g.field ?? 'record'} ${g.code} (${g.severity})`;
    add('gap', item, 'gaps', g.gaps);
    add('gap', item, 'records', g.records);
    add('gap', item, 'members', g.members);
  }
  for (const s of d.sources) {
    const item = `${s.format ?? '?'}: ${s.headings.join(' | ')}`;
    add('source shape', item, 'imports', s.imports);
    add('source shape', item, 'records', s.records);
    add('source shape', item, 'gaps', s.gaps);
    add('source shape', item, 'gaps per record', s.gapsPerRecord);
  }
  for (const m of d.imports.byMonth) add('imports', `${m.month} ${m.status} ${m.format ?? '?'}`, 'imports', m.imports);
  for (const f of d.imports.failures) add('failed imports', f.code ?? 'unknown', 'imports', f.imports);
  const u = d.uploadToRecords;
  add('upload to records', 'done imports', 'imports', u.imports);
  add('upload to records', 'done imports', 'median seconds', u.medianSeconds);
  add('upload to records', 'done imports', '90th percentile seconds', u.p90Seconds);
  add('upload to records', 'done imports', 'mean seconds', u.meanSeconds);
  add('upload to records', 'done imports', 'longest seconds', u.maxSeconds);
  return csv(rows);
}
