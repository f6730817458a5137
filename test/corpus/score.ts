/**
 * Scores one import of a corpus file (fixtures/corpus/) against its hand-written expectation
 * (`<file>.expect.json`). Pure: no I/O, no import of the pipeline, so the yardstick does not depend on the code it
 * measures. Used by `npm run corpus` (bench/corpus.ts).
 *
 * Checks counted:
 * - one per expected record per field listed in it (a key left out is not checked): `activityName` compared case-
 *   and space-insensitively; dates exactly (`null` = no value); `hours` within 0.01; `ukSpec` as a set; `twaves`,
 *   `status` exactly; any other text field (`objective`, …) case- and space-insensitively;
 * - one per file for the record count (for a non-log this is the "zero records" check);
 * - one per `unmapped` heading: some `fileGaps` message names the heading (whole words, case-insensitive).
 *
 * Expected records are aligned to the imported ones by name (equal first, then the most similar), and the ones left
 * on both sides are then paired in source order, so that a record whose name was misread still has its dates and
 * hours compared.
 */

export type Kind = 'log' | 'plan' | 'not-a-log';

export interface ExpectedRecord {
  activityName?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  targetDate?: string | null;
  hours?: number | null;
  status?: 'completed' | 'planned';
  twaves?: string | null;
  ukSpec?: string[];
  [field: string]: unknown;
}

export interface Expectation {
  shape: string;
  kind: Kind;
  records: ExpectedRecord[];
  unmapped?: string[];
}

/** The parts of an ImportResult the scorer reads (records are read field by field). */
export interface ScoredResult {
  records: readonly object[];
  fileGaps: readonly { message: string }[];
}

export interface Check {
  field: string;
  ok: boolean;
}

export interface Score {
  checks: number;
  right: number;
  misses: string[];
  /** Every check with its field (`records`, `unmapped`, or a record field), for totals by field. */
  detail: Check[];
}

const norm = (s: unknown): string => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim().toLowerCase() : '');
const show = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/** Levenshtein distance (two rows), for name similarity. */
function distance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** 0–1: 1 for equal names; a name containing the other (≥ 8 characters) counts 0.9. */
export function similarity(a: unknown, b: unknown): number {
  const x = norm(a);
  const y = norm(b);
  if (x === '' || y === '') return 0;
  if (x === y) return 1;
  const shorter = x.length < y.length ? x : y;
  if (shorter.length >= 8 && (x.includes(y) || y.includes(x))) return 0.9;
  return 1 - distance(x, y) / Math.max(x.length, y.length);
}

const field = (r: object, k: string): unknown => (r as Record<string, unknown>)[k];

/** Index of the actual record paired with each expected record (-1: none). */
export function align(expected: readonly ExpectedRecord[], actual: readonly object[]): number[] {
  const pair = expected.map(() => -1);
  const used = new Set<number>();
  // 1. equal names, first unused in order
  expected.forEach((e, i) => {
    if (e.activityName === undefined || e.activityName === null) return;
    const j = actual.findIndex((a, k) => !used.has(k) && norm(field(a, 'activityName')) === norm(e.activityName));
    if (j >= 0) {
      pair[i] = j;
      used.add(j);
    }
  });
  // 2. the most similar name (≥ 0.6), earliest on a tie
  expected.forEach((e, i) => {
    if (pair[i]! >= 0 || e.activityName === undefined || e.activityName === null) return;
    let best = -1;
    let bestSim = 0.6;
    actual.forEach((a, k) => {
      if (used.has(k)) return;
      const s = similarity(e.activityName, field(a, 'activityName'));
      if (s >= bestSim && (best < 0 || s > bestSim)) {
        best = k;
        bestSim = s;
      }
    });
    if (best >= 0) {
      pair[i] = best;
      used.add(best);
    }
  });
  // 3. the rest, in source order
  const restActual = actual.map((_, k) => k).filter((k) => !used.has(k));
  expected.forEach((_, i) => {
    if (pair[i]! >= 0) return;
    const k = restActual.shift();
    if (k !== undefined) pair[i] = k;
  });
  return pair;
}

function sameValue(key: string, want: unknown, got: unknown): boolean {
  if (want === null) return got === null || got === undefined || (Array.isArray(got) && got.length === 0 && key === 'ukSpec') || got === '';
  switch (key) {
    case 'hours':
      return typeof want === 'number' && typeof got === 'number' && Math.abs(want - got) <= 0.01 + 1e-9;
    case 'ukSpec': {
      const g = Array.isArray(got) ? got.map((c) => String(c).toUpperCase()) : [];
      const w = Array.isArray(want) ? want.map((c) => String(c).toUpperCase()) : [];
      return new Set(g).size === new Set(w).size && w.every((c) => g.includes(c));
    }
    case 'startDate':
    case 'endDate':
    case 'targetDate':
    case 'status':
    case 'twaves':
      return want === got;
    default:
      return norm(want) === norm(got) && typeof got === 'string';
  }
}

const words = (h: string): RegExp => new RegExp(`(^|[^\\p{L}\\p{N}])${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'iu');

export function scoreFile(expect: Expectation, result: ScoredResult): Score {
  const detail: Check[] = [];
  const misses: string[] = [];
  const check = (f: string, ok: boolean, miss: () => string): void => {
    detail.push({ field: f, ok });
    if (!ok) misses.push(miss());
  };

  const actual = result.records;
  if (expect.kind === 'not-a-log') {
    check('records', actual.length === 0, () => `zero records wanted, got ${actual.length}${actual.length > 0 ? ` (first: ${show(field(actual[0]!, 'activityName'))})` : ''}`);
  } else {
    check('records', actual.length === expect.records.length, () => `${expect.records.length} records wanted, got ${actual.length}`);
  }

  const pair = align(expect.records, actual);
  expect.records.forEach((e, i) => {
    const a = pair[i]! >= 0 ? actual[pair[i]!] : undefined;
    const label = `#${i + 1} ${e.activityName ? `"${String(e.activityName).slice(0, 40)}"` : ''}`.trim();
    const keys = Object.keys(e).filter((k) => e[k] !== undefined);
    if (!a) {
      for (const key of keys) detail.push({ field: key, ok: false });
      misses.push(`${label}: no record`);
      return;
    }
    for (const key of keys) {
      const want = e[key];
      const got = field(a, key);
      check(key, sameValue(key, want, got), () => `${label} ${key}: want ${show(want)}, got ${show(got)}`);
    }
  });

  for (const h of expect.unmapped ?? []) {
    const re = words(h);
    check('unmapped', result.fileGaps.some((g) => re.test(g.message)), () => `no warning names column "${h}"`);
  }

  return { checks: detail.length, right: detail.filter((c) => c.ok).length, misses, detail };
}
