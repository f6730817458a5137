/**
 * A totals row however it is labelled, in any language ("Razem (odbyte)", "Summe", "Total général"): an undated row
 * whose hours are the sum of the hours of the rows above it, all of them or the first of them (a total of the
 * activities done, over the planned ones still below it). The labels a list of words would need are not read.
 */
import { parseHours } from '../normalise/hours.js';
import { cellText, type ExtractedRow } from '../types.js';

/** The hours a cell gives as a plain figure or duration (`8`, `1,5`, `45 min`, `2 dni (16 h)`), or undefined. */
function hoursIn(row: ExtractedRow, col: number): number | undefined {
  const t = cellText(row.cells[col]).trim();
  if (t === '') return undefined;
  const h = parseHours(t, {});
  return h.ok ? h.hours : undefined;
}

/** How many rows above a candidate totals row are added up at most. */
const MAX_SCANNED = 2_000;

/** The number of cells of `row` holding text. */
function filledCells(row: ExtractedRow): number {
  let n = 0;
  for (const c of row.cells) if (cellText(c).trim() !== '') n++;
  return n;
}

/**
 * True when `row` has no text in any of `dateCols`, fills at most three cells (fewer than most rows above), and its
 * value in one of `hoursCols` (column indexes) is more than every value above it and equals the sum of the hours of
 * the first two or more of `above` (rows of the same table, in order, at least two of them with hours), to the
 * hundredth of an hour. Only the first {@link MAX_SCANNED} rows above are added up, so a long log stays linear.
 */
export function isSumRow(row: ExtractedRow, above: readonly ExtractedRow[], hoursCols: readonly number[], dateCols: readonly number[]): boolean {
  if (above.length < 2 || dateCols.some((c) => cellText(row.cells[c]).trim() !== '')) return false;
  // A total is a label and a figure or two: sparser than the activities it sums (an undated task with its notes,
  // tags and owner is an activity, whatever its hours add up to).
  const filled = filledCells(row);
  if (filled > 3) return false;
  const sparser = (): boolean => above.filter((r) => filledCells(r) > filled).length * 2 >= above.length;
  for (const col of hoursCols) {
    const total = hoursIn(row, col);
    if (total === undefined || total <= 0) continue;
    let sum = 0;
    let counted = 0;
    let max = 0;
    for (let i = 0; i < above.length && i < MAX_SCANNED; i++) {
      const h = hoursIn(above[i]!, col);
      if (h === undefined) continue;
      sum += h;
      counted++;
      max = Math.max(max, h);
      if (counted >= 2 && total > max && Math.abs(sum - total) < 0.005) return sparser();
      // Sums only grow (hours are positive): past the total, no longer prefix can meet it. This keeps the check
      // to a few rows for an ordinary undated activity in a long log.
      if (h >= total || sum > total + 0.005) break;
    }
  }
  return false;
}
