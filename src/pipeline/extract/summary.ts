/**
 * Summary certificates: documents that give CPD totals per category and no individual activities (docs/domain/CPD.md §8:
 * "a summary certificate (category totals, no activities: import nothing, say so)").
 */
import { gap, type Gap } from '../../domain/index.js';
import { matchHeading } from '../headings.js';
import { parseTwaves } from '../normalise/category.js';
import { cellText, type Cell } from '../types.js';

/** Fields a summary table never has: with any of them the table is an activity log. */
const ACTIVITY_FIELDS = new Set(['activityName', 'startDate', 'endDate', 'targetDate', 'description', 'reflection', 'ukSpec']);

const TOTAL_RE = /^(grand\s+)?(sub\s*)?totals?\b|^total\s+(cpd\s+)?(hours|points|credits)\b/i;

/** A category name as certificates write them: a TWAVES name, or "Formal"/"Informal", "Structured"/"Unstructured", etc. */
function isCategory(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (parseTwaves(t)) return true;
  return /^(formal|informal|structured|unstructured|participatory|non[- ]?participatory|technical|professional|personal|management|soft skills?|verifiable|non[- ]?verifiable|core|general|other)\b/i.test(t);
}

/**
 * Tells whether a table is a category summary (a header naming only a category and an amount, rows of
 * category names and a total) and returns the file-level gap to report instead of importing it; null otherwise.
 * @param rows the table's cells, header included
 * @param where the table's name for the message (`"table 2"`, `"page 1"`)
 */
export function summaryTableNote(rows: readonly (readonly Cell[])[], where: string): Gap | null {
  let header = -1;
  const fields = new Set<string>();
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const f = new Set<string>();
    for (const c of rows[i]!) {
      const m = matchHeading(cellText(c).trim());
      if (m) for (const x of m.fields) f.add(x);
    }
    if (f.size >= 2) {
      header = i;
      for (const x of f) fields.add(x);
      break;
    }
  }
  if (header === -1 || !fields.has('hours')) return null;
  for (const f of fields) if (ACTIVITY_FIELDS.has(f)) return null;
  let data = 0;
  let cats = 0;
  for (const r of rows.slice(header + 1)) {
    const first = r.map((c) => cellText(c).trim()).find((t) => t !== '');
    if (first === undefined) continue;
    data++;
    if (isCategory(first) || TOTAL_RE.test(first)) cats++;
  }
  if (data < 2 || cats * 10 < data * 8) return null;
  return gap(
    null,
    'no_activities',
    'warning',
    `${where} is a summary of CPD totals by category (no individual activities) and was not imported; import the activity log itself`,
  );
}

/**
 * Tells whether a document's text reads as a summary certificate (a certificate or statement wording and
 * category or total hours lines) and returns the file-level gap; null otherwise. Call it only when the
 * document gave no activity table and no activity block.
 */
export function certificateNote(text: string): Gap | null {
  const wording = /\bcertificate\b|\bthis is to certify\b|\bcertif(y|ies) that\b|\bcpd (summary|statement|transcript)\b|\bsummary of (cpd|continuing professional development)\b|\bstatement of (cpd|attainment)\b/i.test(text);
  if (!wording) return null;
  let totals = 0;
  let amounts = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!/\d/.test(t)) continue;
    const lead = t.replace(/[\s:.…-]*\d[\d.,]*\s*(h|hrs?|hours?|points?|credits?|units?)?\.?$/i, '').trim();
    if (TOTAL_RE.test(lead) || isCategory(lead) || /\btotal\b.*\b(hours|points|credits)\b/i.test(t)) totals++;
    else if (/\b\d+(\.\d+)?\s*(cpd\s+)?(hours|points|credits)\b/i.test(t)) amounts++;
  }
  // A certificate of completion or attendance for one course or event states its hours too ("assessed as 12 CPD
  // points"); without a total or a category line it is no summary (src/pipeline/logcheck.ts names it).
  const oneEvent = /\bhas\s+(successfully\s+)?(completed|attended|participated)\b|\bfor\s+(successfully\s+)?(completing|attending|participating)\b|\bcertificate\s+of\s+(completion|attendance|participation)\b/i.test(text);
  if (totals === 0 && (amounts === 0 || oneEvent)) return null;
  return gap(
    null,
    'no_activities',
    'warning',
    'the document reads as a CPD summary certificate (totals by category or overall, no individual activities): no records were imported; import the activity log itself',
  );
}

/**
 * A summary table dropped from a file that still holds activities is only a note: its gap becomes `skipped`
 * (info) instead of `no_activities`. Returns the gaps to report.
 */
export function settleSummaryNotes(notes: readonly Gap[], hasActivities: boolean): Gap[] {
  if (!hasActivities) return [...notes];
  return notes.map((g) => ({ ...g, code: 'skipped' as const, severity: 'info' as const }));
}
