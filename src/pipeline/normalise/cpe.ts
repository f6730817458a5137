/**
 * Whose CPE credits: a "CPE" is not one length everywhere. The US accountancy standard (NASBA / AICPA) counts one
 * CPE credit per 50 minutes (manula.com, McAfee Institute course catalogue: "one 50-minute period equal to one CPE
 * credit"), the import's default for a CPE unit (hours.ts); ISC2 counts one per hour of activity ("the general rule
 * of CPE credits is that 1 hour of activity = 1 credit", ISC2 Kenya chapter, *Managing your ISC2 CPE credits*, 2024;
 * the ISC2 CPE Handbook sorts credits into Group A, domain-related, and Group B, professional development).
 *
 * So the body is read from what the file says of itself: its name or title naming ISC2 or one of its credentials
 * (CISSP, CCSP, SSCP, CSSLP, HCISPP, CGRC / CAP, CC), or a column of ISC2's credit groups ("Group A", "Group B") —
 * the two groups are ISC2's own way of sorting CPE credits. Returns the rate as a {@link StatedRate} (1 hour per CPE
 * credit) with where it was found, for the `converted` gap; undefined when nothing names a body with another rule.
 * Pure functions.
 */
import type { StatedRate } from './hours.js';

const ISC2_NAME_RE = /\(isc\)\s*[²2]|\bisc\s*[²2]\b|\b(?:cissp|ccsp|sscp|csslp|hcispp|cgrc)\b/i;
const ISC2_GROUP_RE = /^group\s+[ab]$/i;

/**
 * The CPE rate of ISC2 when the texts name it: `names` are the file name and title lines; `columns` the values of
 * each column of the table (a column whose values are mostly "Group A" / "Group B" is ISC2's credit group).
 */
export function cpeRuleOf(names: readonly string[], columns: ReadonlyArray<readonly string[]>): StatedRate | undefined {
  const named = names.find((n) => ISC2_NAME_RE.test(n));
  if (named !== undefined) return { unit: 'cpe', hours: 1, text: '1 CPE credit = 1 hour (ISC2)', where: `as "${named}" names ISC2` };
  for (const values of columns) {
    const filled = values.filter((v) => v.trim() !== '');
    const groups = filled.filter((v) => ISC2_GROUP_RE.test(v.trim())).length;
    if (filled.length >= 2 && groups * 2 > filled.length) {
      return { unit: 'cpe', hours: 1, text: '1 CPE credit = 1 hour (ISC2)', where: 'as the credits are sorted into ISC2\'s Group A and Group B' };
    }
  }
  return undefined;
}

/**
 * Whose CEUs: IACET's Continuing Education Unit is ten contact hours (hours.ts' default for a CEU unit), written in
 * tenths (0.3, 1.2, 2.4); certification bodies such as CompTIA count one CEU per hour of activity ("typically, one
 * hour of activity = one CEU", CompTIA CE program guide). A column of CEUs written as whole numbers, some of them 8
 * or more — 80 contact hours or more for one activity at IACET's rate — is counted by the hour. `values` are the
 * CEU column's cells as text. Returns the rate (1 hour per CEU) with why, or undefined (IACET's rate stands).
 */
export function ceuRuleOf(values: readonly string[]): StatedRate | undefined {
  const numbers = values.map((v) => Number.parseFloat(v.replace(',', '.'))).filter((n) => Number.isFinite(n) && n > 0);
  if (numbers.length < 3) return undefined;
  const whole = numbers.filter((n) => Number.isInteger(n)).length;
  const max = Math.max(...numbers);
  if (whole * 5 < numbers.length * 4 || max < 8) return undefined;
  return { unit: 'ceus', hours: 1, text: '1 CEU = 1 hour', where: `as the CEUs are written in whole units up to ${max} (at IACET's 10 hours per CEU one activity would take ${max * 10} h)` };
}
