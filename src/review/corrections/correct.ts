/**
 * Reviewer corrections and gap acceptances on one stored record (issue 5 §3), as pure functions: the store keeps
 * the rows, the HTTP layer checks who may do it, `src/services/corrections.ts` runs them in a transaction, and this
 * module decides what the corrected record is.
 *
 * A correction reads the reviewer's text with the pipeline's own normalisers (`3rd March 2024` → `2024-03-03`,
 * `1h30` → 1.5, `A1/B2` → `["A1","B2"]`), refuses what they cannot read (a {@link CorrectionError} with a message
 * fit for the reviewer), and recomputes the record's gaps: every gap of the corrected field is replaced, the
 * gaps that validation derives from several fields (end before start, in the future, over two years, hours out of
 * range, "missing" gaps, an end date or a TWAVES category inferred from the corrected field) are worked out again
 * by re-running `validateRecord`, and every other gap found at extraction (a `converted` unit on an untouched
 * field, a duplicate, an OCR confidence) is kept. A `corrected` gap records who changed what, when and why.
 */
import { RECORD_FIELDS } from '../../domain/fields.js';
import { emptyRecord, gap, type CpdRecord, type Gap } from '../../domain/index.js';
import { humanDate } from '../../pipeline/build.js';
import { parseSkillType, parseTwaves } from '../../pipeline/normalise/category.js';
import { parseDate } from '../../pipeline/normalise/dates.js';
import { parseHours } from '../../pipeline/normalise/hours.js';
import { cleanLine, cleanText, isPlaceholderText } from '../../pipeline/normalise/text.js';
import { parseUkSpec } from '../../pipeline/normalise/ukspec.js';
import { validateRecord } from '../../pipeline/validate.js';
import { gapKey, type Acceptance } from './acceptance.js';

export { applyAcceptances, gapKey, type Acceptance } from './acceptance.js';

/** The fields a reviewer may correct: every record field (`extras`, `raw`, `gaps` and `source` are not values). */
export const CORRECTABLE_FIELDS = RECORD_FIELDS;
/** One of {@link CORRECTABLE_FIELDS}. */
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** True when `f` names a correctable field. */
export function isCorrectableField(f: string): f is CorrectableField {
  return (CORRECTABLE_FIELDS as readonly string[]).includes(f);
}

/** Field names for messages (`endDate` → "end date"). */
export const FIELD_LABELS: Readonly<Record<CorrectableField, string>> = {
  activityName: 'activity name',
  activityType: 'activity type',
  twaves: 'TWAVES category',
  startDate: 'start date',
  endDate: 'end date',
  targetDate: 'target date',
  hours: 'CPD hours',
  description: 'description',
  reflection: 'reflection',
  ukSpec: 'UK-SPEC codes',
  skillType: 'skill type',
  objective: 'plan objective',
  status: 'status',
};

/** A value the reviewer typed that the normalisers cannot read; `message` says why and what to type (HTTP 422). */
export class CorrectionError extends Error {
  override readonly name = 'CorrectionError';
}

/** A record field's value: text, number, code list or null. */
export type FieldValue = string | number | string[] | null;

/** The value of `field` in `rec`. */
export function fieldValue(rec: CpdRecord, field: CorrectableField): FieldValue {
  return rec[field];
}

/** A value as a reviewer reads it: `null` → "(empty)", lists joined with ", ", dates as written (ISO). */
export function displayValue(v: FieldValue): string {
  if (v === null) return '(empty)';
  if (Array.isArray(v)) return v.length === 0 ? '(empty)' : v.join(', ');
  return String(v);
}

/** A typed value read by {@link parseFieldInput}: the value and the gaps reading it raised. */
export interface ParsedInput {
  value: FieldValue;
  /** Gaps on the field from reading the text (e.g. `converted` for "2 days", `reduced_precision` for "March 2024"). */
  gaps: Gap[];
}

/** Hours per day for "2 days" (the pipeline's default setting, docs/domain/CPD.md §6). */
const HOURS_PER_DAY = 6;

/**
 * Reads a reviewer's text for one field with the pipeline's normalisers. Empty text clears the field (an empty
 * list for `ukSpec`); `status` cannot be cleared. Dates are read day first (UK logs, docs/domain/CPD.md §7) and must be one
 * date: `3rd March 2024`, `03/03/2024`, `2024-03-03`, `March 2024` (kept as `2024-03` with a gap).
 * @throws CorrectionError when the text cannot be read (an impossible date, a range, "2-3" hours, an unknown
 *   TWAVES letter or UK-SPEC code, an ambiguous skill type)
 */
export function parseFieldInput(field: CorrectableField, input: string | null): ParsedInput {
  const text = (input ?? '').trim();
  const label = FIELD_LABELS[field];
  if (text === '') {
    if (field === 'status') throw new CorrectionError('the status cannot be empty: type completed or planned');
    return { value: field === 'ukSpec' ? [] : null, gaps: [] };
  }
  switch (field) {
    case 'activityName':
    case 'activityType': {
      const v = cleanLine(text);
      return { value: v === null || isPlaceholderText(v) ? null : v, gaps: [] };
    }
    case 'description':
    case 'reflection':
    case 'objective': {
      const v = cleanText(input ?? '');
      return { value: v === null || isPlaceholderText(v) ? null : v, gaps: [] };
    }
    case 'twaves': {
      const t = parseTwaves(text);
      if (t === null) throw new CorrectionError(`"${text}" is not a TWAVES category: type T, W, A, V, E or S (or a name such as "Training courses")`);
      return { value: t, gaps: [] };
    }
    case 'skillType': {
      const s = parseSkillType(text);
      if (s.skillType !== null) return { value: s.skillType, gaps: [] };
      if (s.ambiguous) throw new CorrectionError(`"${text}" does not say whether the technical skill is personal or for the job role: type technical-personal or technical-job`);
      throw new CorrectionError(`"${text}" is not a skill type: type technical-personal, technical-job or soft`);
    }
    case 'ukSpec': {
      const u = parseUkSpec(text);
      if (u.unknown.length > 0) {
        throw new CorrectionError(`${u.unknown.join(', ')} ${u.unknown.length === 1 ? 'is not a UK-SPEC competence code' : 'are not UK-SPEC competence codes'}: codes run A1–A2, B1–B3, C1–C4, D1–D3, E1–E5`);
      }
      if (u.codes.length === 0) throw new CorrectionError(`no UK-SPEC competence code found in "${text}": type codes such as A1, B2`);
      return { value: u.codes, gaps: [] };
    }
    case 'status': {
      const k = text.toLowerCase();
      if (k === 'completed' || k === 'complete' || k === 'done') return { value: 'completed', gaps: [] };
      if (k === 'planned' || k === 'plan') return { value: 'planned', gaps: [] };
      throw new CorrectionError(`"${text}" is not a status: type completed or planned`);
    }
    case 'hours': {
      const h = parseHours(text, { hoursPerDay: HOURS_PER_DAY });
      if (!h.ok) throw new CorrectionError(`the hours "${text}" could not be read: ${h.reason}`);
      if (h.hours <= 0) throw new CorrectionError(`${h.hours} hours: CPD hours must be more than 0`);
      const gaps: Gap[] = [];
      if (h.converted) gaps.push(gap('hours', 'converted', 'warning', `"${text}" converted to ${h.hours} h: ${h.converted.rule}`, text));
      if (h.approximate) gaps.push(gap('hours', 'ambiguous', 'info', `"${text}" is approximate; read as ${h.hours} h`, text));
      return { value: h.hours, gaps };
    }
    case 'startDate':
    case 'endDate':
    case 'targetDate': {
      const d = parseDate(text, { order: 'dmy' });
      if (!d.ok) {
        throw new CorrectionError(
          d.kind === 'placeholder'
            ? `"${text}" is a placeholder, not a ${label}: type a date such as 3 March 2024, or leave it empty`
            : `the ${label} "${text}" could not be read: ${d.reason}`,
        );
      }
      if (d.end !== undefined) throw new CorrectionError(`"${text}" is a range of dates: type the ${label} alone (the start and end dates have a field each)`);
      const gaps: Gap[] = [];
      if (d.precision !== 'day') gaps.push(gap(field, 'reduced_precision', 'info', `"${text}" gives only a ${d.precision}; kept as ${d.start}`, text));
      if (d.twoDigitYear) gaps.push(gap(field, 'inferred', 'info', `"${text}" has a two-digit year, read as ${d.start.slice(0, 4)} (00–29 → 20xx, 30–99 → 19xx)`, text));
      return { value: d.start, gaps };
    }
  }
}

let fixedValidationGaps: Set<string> | null = null;
let oneDateLogKeys: Set<string> | null = null;
let fromStartKeys: Set<string> | null = null;

/**
 * The fixed-wording gaps `validateRecord` adds ("no start date", "no end date given; taken as the start date", "TWAVES
 * category not stated and could not be inferred", …), learnt by running it on blank probe records — so this
 * module recognises them without copying their wording, and stays right when validation's wording changes.
 */
function validationFixedGaps(): Set<string> {
  if (fixedValidationGaps !== null) return fixedValidationGaps;
  const blank = (over: Partial<CpdRecord>): CpdRecord => ({ ...emptyRecord({ file: 'probe' }), ...over });
  const probes: [CpdRecord, boolean][] = [
    [blank({}), true],
    [blank({ status: 'planned' }), true],
    [blank({ status: 'planned', startDate: '2000-01-05' }), true],
    [blank({ startDate: '2000-01-01' }), true],
    [blank({ startDate: '2000-01-01' }), false],
  ];
  const keys = new Set<string>();
  const oneDate = new Set<string>();
  const fromStart = new Set<string>();
  for (const [rec, hasEnd] of probes) {
    const start = rec.startDate;
    validateRecord(rec, { today: '2000-01-02' }, hasEnd);
    for (const g of rec.gaps) {
      keys.add(gapKey(g));
      if (!hasEnd && g.field === 'endDate' && g.code === 'inferred') oneDate.add(gapKey(g));
      // A value validation took from the start date (an end date, a planned activity's target date).
      if (start !== null && g.code === 'inferred' && g.field !== null && g.field !== 'startDate' && (rec as Record<string, unknown>)[g.field] === start) fromStart.add(gapKey(g));
    }
  }
  fixedValidationGaps = keys;
  oneDateLogKeys = oneDate;
  fromStartKeys = fromStart;
  return keys;
}

/** True when the record's end date was inferred because the whole log gives one date per activity (no end column). */
function fromOneDateLog(rec: CpdRecord): boolean {
  validationFixedGaps();
  return rec.gaps.some((g) => oneDateLogKeys!.has(gapKey(g)));
}

/** True for a gap that `validateRecord` adds from the record's values (and so adds again when re-run). */
function isValidationGap(g: Gap): boolean {
  return g.code === 'out_of_range' || g.code === 'spans_years' || validationFixedGaps().has(gapKey(g));
}

/** True for a value validation took from the start date ("no end date given; taken as the start date", a planned activity's start as its target). */
function isTakenFromStart(g: Gap): boolean {
  validationFixedGaps();
  return fromStartKeys!.has(gapKey(g));
}

/** True for a TWAVES category validation inferred from the activity type or name (or could not). */
function isTwavesInference(g: Gap): boolean {
  return g.field === 'twaves' && (g.code === 'inferred' || validationFixedGaps().has(gapKey(g)));
}

/** Who made a correction, for the `corrected` gap message. */
export interface Corrector {
  /** e.g. the user's name, else `reviewer 1a2b3c4d`. */
  label: string;
  /** ISO date `YYYY-MM-DD` of the correction (also taken as today for validation). */
  today: string;
}

/**
 * What the record alone does not tell: `hasEndColumn` — whether the record's table has an end-date column (decides
 * the wording when validation infers an end date from the start date; default: an end-date cell, else true).
 */
export interface CorrectionContext {
  hasEndColumn?: boolean;
}

/** The outcome of {@link correctRecord}: the new record and the old and new values of the field. */
export interface Correction {
  record: CpdRecord;
  field: CorrectableField;
  oldValue: FieldValue;
  newValue: FieldValue;
}

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/**
 * Corrects one field of a record (issue 5 §3). The record given is not changed.
 * - the value is read by {@link parseFieldInput}; `raw[field]` becomes the typed text when it differs from the value;
 * - gaps: the field's own gaps are replaced by those reading the text raised plus a `corrected` gap (info: who, when,
 *   the old value, the reason); gaps validation derives from the values are recomputed by `validateRecord`; an end
 *   date inferred from a corrected start date and a TWAVES category inferred from a corrected type or name are
 *   inferred again; every other gap (from extraction, duplicates) is kept.
 * @param reason why the value changed (kept in the gap message and the audit trail)
 * @param context what the record alone does not tell (see {@link CorrectionContext})
 * @throws CorrectionError when the text cannot be read, or nothing would change
 */
export function correctRecord(rec: CpdRecord, field: CorrectableField, input: string | null, reason: string, who: Corrector, context: CorrectionContext = {}): Correction {
  const parsed = parseFieldInput(field, input);
  const oldValue = fieldValue(rec, field);
  if (JSON.stringify(oldValue) === JSON.stringify(parsed.value)) {
    throw new CorrectionError(`the ${FIELD_LABELS[field]} is already ${displayValue(oldValue)}: nothing to correct (to keep it and clear its gap, accept the gap instead)`);
  }
  const next = clone(rec);
  const text = (input ?? '').trim();
  (next as Record<CorrectableField, FieldValue>)[field] = parsed.value;
  const shown = Array.isArray(parsed.value) ? parsed.value.join(', ') : parsed.value === null ? '' : String(parsed.value);
  if (text !== '' && text !== shown) next.raw[field] = text;
  else delete next.raw[field];
  if (field === 'status') next.raw.status = String(parsed.value);

  const kept: Gap[] = [];
  for (const g of next.gaps) {
    if (g.field === field) continue;
    if (field === 'startDate' && g.field !== null && isTakenFromStart(g)) {
      // The value was the old start date (a one-date log's end date, a planned activity's target): take it again.
      (next as Record<string, unknown>)[g.field] = null;
      continue;
    }
    if ((field === 'activityType' || field === 'activityName') && isTwavesInference(g)) {
      next.twaves = null;
      continue;
    }
    // Gaps validation recomputes are dropped and worked out again — except the notes on values it inferred from a
    // field that was not corrected (an end date taken from the start date): validation would not infer them again
    // (the value is there now), so dropping them would leave an inferred value unflagged.
    if (isValidationGap(g) && !(g.field !== null && isTakenFromStart(g)) && !isTwavesInference(g)) continue;
    kept.push(g);
  }
  const original = rec.raw[field] !== undefined ? ` (source text "${rec.raw[field]}")` : '';
  const why = reason.trim() === '' ? '' : `: ${reason.trim()}`;
  kept.push(...parsed.gaps);
  kept.push(gap(field, 'corrected', 'info', `corrected by ${who.label} on ${humanDate(who.today)} from ${displayValue(oldValue)}${original} to ${displayValue(parsed.value)}${why}`));
  next.gaps = kept;
  const hasEndColumn = fromOneDateLog(rec) ? false : rec.source.cells?.endDate !== undefined ? true : (context.hasEndColumn ?? true);
  validateRecord(next, { today: who.today }, hasEndColumn);
  return { record: next, field, oldValue, newValue: fieldValue(next, field) };
}

/**
 * Checks that `target` is one of the record's open gaps (not yet accepted, not itself a review note).
 * @throws CorrectionError when it is not there or cannot be accepted
 */
export function findAcceptableGap(gaps: readonly Gap[], acceptances: readonly Acceptance[], target: Pick<Gap, 'field' | 'code' | 'message'>): Gap {
  const key = gapKey(target);
  const g = gaps.find((x) => gapKey(x) === key);
  if (g === undefined) throw new CorrectionError('the record has no such gap (it may have been recomputed by a correction): reload the record');
  if (g.code === 'corrected') throw new CorrectionError('a correction note is not a gap to accept');
  if (acceptances.some((a) => gapKey(a) === key)) throw new CorrectionError('this gap is already accepted');
  return g;
}

/**
 * A field changed as a consequence of correcting another (issue 11 §6): a TWAVES category inferred from the old
 * activity name or type, an end or target date taken from the old start date, a status. `oldValue`/`newValue` as
 * stored, `old`/`new` as a reviewer reads them, `why` the new gaps on the field (what inferred or flagged the new
 * value; null when none), and `message`: one line for a reviewer, naming the hours that move between TWAVES
 * categories (decimal hours).
 */
export interface Consequence {
  field: CorrectableField;
  oldValue: FieldValue;
  newValue: FieldValue;
  old: string;
  new: string;
  why: string | null;
  message: string;
}

/**
 * The fields other than `corrected` whose value differs between `before` and `after` (a correction's record), in
 * the order of the record's fields.
 */
export function consequencesOf(before: CpdRecord, after: CpdRecord, corrected: CorrectableField): Consequence[] {
  const out: Consequence[] = [];
  for (const field of CORRECTABLE_FIELDS) {
    if (field === corrected) continue;
    const oldValue = fieldValue(before, field);
    const newValue = fieldValue(after, field);
    if (JSON.stringify(oldValue) === JSON.stringify(newValue)) continue;
    const reasons = after.gaps.filter((g) => g.field === field && g.code !== 'corrected').map((g) => g.message);
    const why = reasons.length === 0 ? null : reasons.join('; ');
    let message = `${FIELD_LABELS[field]} ${displayValue(oldValue)} → ${displayValue(newValue)} as a consequence of the ${FIELD_LABELS[corrected]}${why === null ? '' : ` (${why})`}`;
    const hours = after.hours ?? 0;
    if (field === 'twaves' && hours > 0 && after.status === 'completed') {
      message += `; ${hours} h move from ${oldValue === null ? 'no category' : `category ${String(oldValue)}`} to ${newValue === null ? 'no category' : `category ${String(newValue)}`}`;
    }
    out.push({ field, oldValue, newValue, old: displayValue(oldValue), new: displayValue(newValue), why, message });
  }
  return out;
}
