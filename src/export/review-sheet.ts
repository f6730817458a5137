/**
 * The "Review" sheet of a records export (XLSX): the review of the member's own professional body over the period
 * reviewed — the IET annual review for the IET, another body's review against its rule set otherwise (issue 16 §3) —
 * one row per criterion with its outcome, figures and the rule it comes from. Used by the member-year export of the
 * service (the member's body, the period asked or the body's period ending with the year) and by
 * `cpd-import review … --out FILE.xlsx` (the `--body` and `--year`/`--period` given).
 */
import type { AnnualReview, Outcome } from '../review/criteria/index.js';
import { ACTIVITY_STATUS_WORDS, CRITERION_TITLES, REQUIRED_HOURS } from '../review/criteria/index.js';
import type { BodyReview } from '../review/rulesets/index.js';
import { neutralise } from './export.js';

/** What the Review sheet shows: a title, one line about the review, the overall outcome, and the criteria in order. */
export interface ReviewSheet {
  /** `"Annual CPD review 2024: member A-2002"`, `"CPD review 2022-04-01 to 2025-03-31 — NMC (…): member M-7"`. */
  title: string;
  /** Label and value of the line under the title: the IET's activity status, another body's period. */
  about: [string, string];
  overall: Outcome;
  criteria: { title: string; outcome: Outcome; summary: string; source: string }[];
}

/**
 * The Review sheet of a review: the IET annual review (criteria keyed by name, titles from `CRITERION_TITLES`) or
 * a body's review (criteria listed with their titles).
 * @param subject who is reviewed, as the title names them (`"member A-2002"`, or a CLI run's file names)
 */
export function reviewSheetOf(review: AnnualReview | BodyReview, subject: string): ReviewSheet {
  if ('body' in review) {
    return {
      title: `CPD review ${review.period.label} — ${review.body.name}: ${subject}`,
      about: ['Period', `${review.period.from} to ${review.period.to}`],
      overall: review.overall,
      criteria: review.criteria.map((c) => ({ title: c.title, outcome: c.outcome, summary: c.summary, source: c.source })),
    };
  }
  return {
    title: `Annual CPD review ${review.year}: ${subject}`,
    about: ['Activity status', `${ACTIVITY_STATUS_WORDS[review.activityStatus]} (${REQUIRED_HOURS[review.activityStatus]} h required)`],
    overall: review.overall,
    criteria: (Object.entries(review.criteria) as [keyof AnnualReview['criteria'], AnnualReview['criteria'][keyof AnnualReview['criteria']]][]).map(([key, c]) => ({ title: CRITERION_TITLES[key], outcome: c.outcome, summary: c.summary, source: c.source })),
  };
}

const OUTCOME_WORDS: Record<Outcome, string> = { met: '✔ met', not_met: '✖ not met', not_assessable: '? not assessable' };

/**
 * Adds a "Review" sheet to an export workbook: the title, the line about the review, the overall outcome, and one row
 * per criterion (title, outcome as icon + word, the summary with its figures, the rule's source); texts neutralised
 * against formula injection. Returns the new bytes.
 */
export async function withReviewSheet(xlsx: Uint8Array, sheet: ReviewSheet): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.addWorksheet('Review');
  ws.columns = [{ width: 28 }, { width: 18 }, { width: 90 }, { width: 60 }];
  ws.addRow([neutralise(sheet.title)]).font = { bold: true, size: 13 };
  ws.addRow(sheet.about);
  ws.addRow(['Overall', OUTCOME_WORDS[sheet.overall]]);
  ws.addRow([]);
  ws.addRow(['Criterion', 'Outcome', 'Figures', 'Rule']).font = { bold: true };
  for (const c of sheet.criteria) {
    const row = ws.addRow([c.title, OUTCOME_WORDS[c.outcome], neutralise(c.summary), neutralise(c.source)]);
    row.alignment = { vertical: 'top', wrapText: true };
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
