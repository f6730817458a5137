/**
 * Column letters of a spreadsheet (A1 references): 0 → `A`, 25 → `Z`, 26 → `AA`.
 */

/** Converts a 0-based column index to letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
