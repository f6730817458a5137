/**
 * The record fields as the grid shows them (heading, the hint for typing a value, width class) and how values and
 * gaps read (the same words, icons and colours as the rest of the review page, src/http/page/review.js).
 */
import type { Gap, GridRecord } from './types.js';

/** A record field shown as a column. */
export interface FieldSpec {
  field: keyof GridRecord & string;
  heading: string;
  /** How to type a value (shown beside the correction's value box). */
  hint: string;
  /** `long`: free text, clipped to one line in the grid and shown whole on focus; `num`/`date`: right-aligned. */
  kind: 'short' | 'long' | 'num' | 'date';
  /** Shown at narrow widths (under 1,000 px) unless the reviewer chooses otherwise. */
  narrow: boolean;
}

/** The columns, in order. */
export const FIELDS: readonly FieldSpec[] = [
  { field: 'status', heading: 'Status', hint: 'completed or planned', kind: 'short', narrow: false },
  { field: 'activityName', heading: 'Activity', hint: '', kind: 'long', narrow: true },
  { field: 'activityType', heading: 'Type', hint: 'e.g. Webinar, Course, Reading', kind: 'short', narrow: false },
  { field: 'twaves', heading: 'TWAVES', hint: 'T, W, A, V, E or S', kind: 'short', narrow: false },
  { field: 'startDate', heading: 'Start date', hint: 'day first, e.g. 3 March 2024 or 03/03/2024', kind: 'date', narrow: true },
  { field: 'endDate', heading: 'End date', hint: 'day first, e.g. 3 March 2024 or 03/03/2024', kind: 'date', narrow: false },
  { field: 'targetDate', heading: 'Target date', hint: 'day first, e.g. 30/06/2025', kind: 'date', narrow: false },
  { field: 'hours', heading: 'Hours', hint: 'e.g. 1.5, 1h30, 90 mins', kind: 'num', narrow: true },
  { field: 'skillType', heading: 'Skill type', hint: 'technical-personal, technical-job or soft', kind: 'short', narrow: false },
  { field: 'ukSpec', heading: 'UK-SPEC', hint: 'codes, e.g. A1, B2', kind: 'short', narrow: false },
  { field: 'objective', heading: 'Plan objective', hint: '', kind: 'long', narrow: false },
  { field: 'description', heading: 'Description', hint: '', kind: 'long', narrow: false },
  { field: 'reflection', heading: 'Reflection', hint: 'what was learnt, how it will be applied', kind: 'long', narrow: true },
];

/** The spec of a field. @throws Error for a field that is not a column */
export function fieldSpec(field: string): FieldSpec {
  const f = FIELDS.find((x) => x.field === field);
  if (f === undefined) throw new Error(`no column for field ${field}`);
  return f;
}

const SEVERITY = { error: { icon: '✖', word: 'Error' }, warning: { icon: '▲', word: 'Warning' }, info: { icon: '●', word: 'Note' } } as const;
const RANK = { error: 3, warning: 2, info: 1 } as const;

/** A value as text, or null when empty (lists joined with ", "). */
export function display(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(', ');
  return String(v);
}

/** The worst severity among gaps (info when none). */
export function worst(gaps: readonly Gap[]): Gap['severity'] {
  return gaps.reduce<Gap['severity']>((a, g) => (RANK[g.severity] > RANK[a] ? g.severity : a), 'info');
}

/** A gap's icon: ✔ accepted, ↺ corrected, else its severity's. */
export function gapIcon(g: Gap): string {
  if (g.code === 'accepted') return '✔';
  if (g.code === 'corrected') return '↺';
  return SEVERITY[g.severity].icon;
}

/** A gap's word: Accepted, Corrected, else Error, Warning or Note. */
export function gapWord(g: Gap): string {
  if (g.code === 'accepted') return 'Accepted';
  if (g.code === 'corrected') return 'Corrected';
  return SEVERITY[g.severity].word;
}

/** The severity's word (Error, Warning, Note). */
export function severityWord(s: Gap['severity']): string {
  return SEVERITY[s].word;
}

/** The icon of a cell with these gaps: one gap's own icon, else the worst severity's icon and the count. */
export function markerText(gaps: readonly Gap[]): string {
  return gaps.length === 1 ? gapIcon(gaps[0]!) : `${SEVERITY[worst(gaps)].icon} ${gaps.length}`;
}

/** One line per gap, as read out and shown on focus. */
export function gapLine(g: Gap): string {
  return `${gapIcon(g)} ${gapWord(g)} (${g.code}): ${g.message}${g.raw !== undefined ? ` [source text: ${g.raw}]` : ''}`;
}

/** True when a gap still needs a look (an error or warning, not accepted or corrected). */
export function isOpen(g: Gap): boolean {
  return (g.severity === 'error' || g.severity === 'warning') && g.code !== 'accepted' && g.code !== 'corrected';
}

/** Where in its file a record came from, e.g. "sheet CPD log, row 14". */
export function where(src: GridRecord['source']): string {
  const p: string[] = [];
  if (src.sheet !== undefined) p.push(`sheet ${src.sheet}`);
  if (src.page !== undefined) p.push(`page ${src.page}`);
  if (src.table !== undefined) p.push(`table ${src.table}`);
  if (src.row !== undefined) p.push(`row ${src.row}`);
  if (src.line !== undefined) p.push(`line ${src.line}`);
  if (src.block !== undefined) p.push(`“${src.block}”`);
  return p.join(', ');
}

/** Creates an element with attributes and text or element children (text is only ever inserted as text). */
export function el(tag: string, attrs: Record<string, string | boolean | null | undefined> = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = String(v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}
