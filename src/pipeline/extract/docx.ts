/**
 * Word (.docx) extractor: tables of text cells and labelled blocks, each value with its table + row or its
 * block heading and paragraph (issue 3 §1, docs/DESIGN.md §1 "extract").
 *
 * How: mammoth `convertToHtml` (it keeps tables with their spans, reads content controls and text boxes, and
 * gives the final text of tracked changes: insertions kept, deletions dropped), then node-html-parser walks the
 * HTML in document order (docs/DESIGN.md §5: "raw text loses them"). The zip is read once, first, under the size
 * budget (Node's zlib; images left compressed) to check for tracked changes, nesting depth and a missing
 * document part; mammoth then reads its parts from memory instead of inflating the zip again.
 *
 * Layouts (docs/domain/CPD.md §8): one table row per activity (several tables; header anywhere in the table; a table
 * continued after a page break with its header repeated, or without it — then read as the rest of the table above,
 * with an `inferred` note; colspan/rowspan aligned to the grid, a vertically merged value
 * repeated in each row it covers); one block per activity under a heading with `Label: value` paragraphs; a
 * two-column (or label/value/label/value) table per activity. The preamble is not an activity; a year in the
 * preamble, a title or a heading over a table fills dates lacking one (build stage, `inferred` gap).
 */
import { gap, ImportError, libraryText, type Gap } from '../../domain/index.js';
import { matchHeading } from '../headings.js';
import { yearFromTitle } from '../map.js';
import { parseDate } from '../normalise/dates.js';
import { yearSpanOf } from '../normalise/years.js';
import { cellText, DEFAULT_BUDGET, type Budget, type Cell, type ExtractedRow, type ExtractedTable, type Extraction } from '../types.js';
import { blocksFromParas, classifyLabel, goalOf, isActivityHeading, splitLabel, type Para } from './blocks.js';
import { blankPlaceholders } from './docx-placeholders.js';
import { mammothZipFile, readZipEntries } from './docx-zip.js';
import { settleSummaryNotes, summaryTableNote } from './summary.js';
import { tabbedTables } from './tabbed.js';
import type { HTMLElement, Node } from 'node-html-parser';

/** Options of {@link extractDocx}. */
export interface DocxOptions {
  /** File name used in messages. */
  fileName: string;
  /** Size and time limits (defaults: {@link DEFAULT_BUDGET}). */
  budget?: Budget;
}

/** Deepest table nesting read (our choice): deeper documents fail with `too_large` before mammoth recurses. */
export const MAX_TABLE_NESTING = 40;

/**
 * Comments and footnotes of a Word document, which the import does not read into records: one file-level info gap
 * quoting them (with each comment's author), so a doubt written in a comment ("Check: was this 2 or 2.5 hours?")
 * reaches the reviewer. Null when there are none. (Word/PDF trial 2: they vanished without trace.)
 * @param comments `word/comments.xml`, `footnotes` `word/footnotes.xml` (either may be absent)
 * @param parse an XML-tolerant parser (node-html-parser's `parse`)
 */
export function wordNotes(comments: string | undefined, footnotes: string | undefined, parse: (xml: string) => HTMLElement): Gap | null {
  const textOf = (el: HTMLElement): string =>
    el
      .getElementsByTagName('w:p')
      .map((p) => p.getElementsByTagName('w:t').map((t) => t.textContent).join(''))
      .filter((t) => t.trim() !== '')
      .join(' ')
      .trim();
  const quoted: string[] = [];
  let nComments = 0;
  let nFootnotes = 0;
  if (comments !== undefined) {
    for (const c of parse(comments).getElementsByTagName('w:comment')) {
      const t = textOf(c);
      if (t === '') continue;
      nComments++;
      const who = c.getAttribute('w:author');
      quoted.push(`comment${who ? ` by ${who}` : ''}: “${t}”`);
    }
  }
  if (footnotes !== undefined) {
    for (const f of parse(footnotes).getElementsByTagName('w:footnote')) {
      const type = f.getAttribute('w:type');
      if (type === 'separator' || type === 'continuationSeparator' || type === 'continuationNotice') continue;
      const t = textOf(f);
      if (t === '') continue;
      nFootnotes++;
      quoted.push(`footnote: “${t}”`);
    }
  }
  if (quoted.length === 0) return null;
  const what = [nComments > 0 ? `${nComments} comment${nComments === 1 ? '' : 's'}` : '', nFootnotes > 0 ? `${nFootnotes} footnote${nFootnotes === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
  const shown = quoted.slice(0, 10).join('; ') + (quoted.length > 10 ? `; and ${quoted.length - 10} more` : '');
  return gap(null, 'format', 'info', `the document has ${what}, not read into the records: ${shown}`);
}

/** Tracked-change markup found in `word/document.xml`. */
export interface RevisionCount {
  insertions: number;
  deletions: number;
  moves: number;
  formatting: number;
}

/** Counts unaccepted tracked changes (`w:ins`, `w:del`, `w:moveFrom`/`w:moveTo`, property changes) in WordprocessingML. */
export function countRevisions(xml: string): RevisionCount {
  const count = (re: RegExp): number => {
    let n = 0;
    re.lastIndex = 0;
    while (re.exec(xml) !== null) n++;
    return n;
  };
  return {
    insertions: count(/<w:ins\b/g),
    deletions: count(/<w:del\b/g),
    moves: count(/<w:moveFrom\b/g),
    formatting: count(/<w:(rPrChange|pPrChange|tblPrChange|trPrChange|tcPrChange|sectPrChange)\b/g),
  };
}

/** Maximum depth of `<w:tbl>` nesting in WordprocessingML (0: no tables). Linear scan, no recursion. */
export function tableNestingDepth(xml: string): number {
  const re = /<(\/?)w:tbl[\s>]/g;
  let depth = 0;
  let max = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else max = Math.max(max, ++depth);
  }
  return max;
}

/** Zip parts never read as text (images, embedded objects, fonts): left compressed, only their sizes counted. */
const BINARY_PART = /^word\/(media|embeddings|fonts)\/|\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin|odttf|ttf|otf|wdp|mp4|wav)$/i;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  if (bytes.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[i] !== sig[i]) return false;
  return true;
}

/**
 * An OLE2 file handed to the Word extractor: an encrypted .docx (an `EncryptedPackage` stream) or a legacy
 * Word 97–2003 `.doc`. Throws the matching ImportError.
 */
async function refuseOle2(bytes: Uint8Array): Promise<never> {
  let encrypted = false;
  try {
    const { default: CFB } = await import('cfb');
    const c = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
    encrypted = CFB.find(c, 'EncryptedPackage') !== null;
  } catch {
    // unreadable OLE2: report as a legacy document below
  }
  if (encrypted) throw new ImportError('password_protected', 'the Word document is password-protected: remove the password (File › Info › Protect Document) and upload it again');
  throw new ImportError('unsupported_format', 'a legacy Word 97–2003 document (.doc): open it in Word and save it as .docx, then upload that');
}

/**
 * Extracts the tables and labelled blocks of a Word document.
 * @param bytes the .docx file
 * @returns `tables` (one per Word table that is not a label/value table: `a1Refs: false`, `table` = its 1-based
 *   number among the document's top-level tables, rows with `index` = 1-based row in that table), `blocks`
 *   (activities written as labelled paragraphs or label/value tables; refs `"paragraph N"` / `"table T, row R"`),
 *   `gaps` (tracked changes, preamble blocks, summary tables), `yearHint` (preamble, title or page header)
 * @throws ImportError `empty` (no text in the body), `corrupt` (damaged zip or XML), `password_protected`
 *   (encrypted), `unsupported_format` (legacy .doc, a zip without a Word document), `too_large` (inflated size,
 *   nesting), `timed_out` (past `budget.timeoutMs`)
 */
export async function extractDocx(bytes: Uint8Array, opts: DocxOptions): Promise<Extraction> {
  const budget = opts.budget ?? DEFAULT_BUDGET;
  const started = Date.now();
  if (bytes.byteLength === 0) throw new ImportError('empty', 'the file is empty (0 bytes)');
  if (startsWith(bytes, OLE2)) await refuseOle2(bytes);
  if (!startsWith(bytes, [0x50, 0x4b])) {
    throw new ImportError('corrupt', 'the file is not a Word document: a .docx is a zip container and this file is not one');
  }
  // Every part but media is read once here, under the budget, and served to mammoth from memory.
  const zip = await readZipEntries(bytes, (n) => !BINARY_PART.test(n), budget);
  const docXml = zip.entries.get('word/document.xml')?.toString('utf8');
  if (docXml === undefined) {
    if (zip.names.some((n) => /^xl\//.test(n))) throw new ImportError('unsupported_format', 'the file is an Excel workbook, not a Word document');
    throw new ImportError('unsupported_format', 'the zip file holds no Word document (word/document.xml is missing)');
  }
  const depth = tableNestingDepth(docXml);
  if (depth > MAX_TABLE_NESTING) {
    throw new ImportError('too_large', `the Word document nests tables ${depth} levels deep (the limit is ${MAX_TABLE_NESTING})`);
  }
  const gaps: Gap[] = [];
  const rev = countRevisions(docXml);
  if (rev.insertions + rev.deletions + rev.moves > 0) {
    const parts: string[] = [];
    if (rev.insertions) parts.push(`${rev.insertions} insertion${rev.insertions === 1 ? '' : 's'}`);
    if (rev.deletions) parts.push(`${rev.deletions} deletion${rev.deletions === 1 ? '' : 's'}`);
    if (rev.moves) parts.push(`${rev.moves} move${rev.moves === 1 ? '' : 's'}`);
    gaps.push(
      gap(null, 'format', 'warning', `the document has unaccepted tracked changes (${parts.join(', ')}): it was imported as its final text, as if every change were accepted; check the records against the document, or accept or reject the changes in Word and upload it again`),
    );
  }

  const { parse } = await import('node-html-parser');
  const notes0 = wordNotes(zip.entries.get('word/comments.xml')?.toString('utf8'), zip.entries.get('word/footnotes.xml')?.toString('utf8'), parse);
  if (notes0 !== null) gaps.push(notes0);

  // Word's placeholder text in unfilled content controls is no value (extract/docx-placeholders.ts).
  const unfilled = blankPlaceholders(docXml, zip.entries.get('word/styles.xml')?.toString('utf8'));
  if (unfilled.blanked > 0) zip.entries.set('word/document.xml', Buffer.from(unfilled.xml, 'utf8'));

  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const input = { file: mammothZipFile(zip) } as unknown as Parameters<typeof mammoth.convertToHtml>[0];
    const r = await mammoth.convertToHtml(
      input,
      {
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        styleMap: ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"],
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
      },
    );
    html = r.value;
  } catch (e) {
    if (e instanceof RangeError) throw new ImportError('too_large', 'the Word document is nested too deeply to read');
    throw new ImportError('corrupt', `the Word document is damaged: ${wordReason(e)}`, libraryText(e));
  }
  checkTime(started, budget);
  const { ex, anyText } = extractionFromHtml(parse(html), started, budget, 'the document');
  ex.gaps.unshift(...gaps);
  if (ex.tables.length === 0 && ex.blocks.length === 0 && !anyText) {
    const headerText = [...zip.entries].filter(([n]) => /^word\/(header|footer)\d*\.xml$/i.test(n)).map(([, x]) => xmlText(x.toString('utf8'))).join(' ').trim();
    throw new ImportError('empty', headerText !== '' ? 'the Word document has no text in its body (only in its page header or footer)' : 'the Word document has no text');
  }
  let yearHint = ex.yearHint;
  if (yearHint === undefined) {
    for (const [n, x] of zip.entries) {
      if (!/^word\/header\d*\.xml$/i.test(n)) continue;
      const y = yearFromTitle(xmlText(x.toString('utf8')));
      if (y !== undefined) {
        yearHint = y;
        break;
      }
    }
  }
  if (yearHint !== undefined) ex.yearHint = yearHint;
  return ex;
}

/**
 * Tables, labelled blocks and running text of an HTML body, in document order: mammoth's rendering of a Word
 * document, or a web page flattened by `extract/html.ts`. Summary tables (totals only) become notes, not tables.
 * @param where  how messages name the file: `'the document'`, `'the web page'`
 * @returns the extraction (`yearHint` from a preamble or title when there is one) and whether the body has any text
 * @throws ImportError `timed_out` past `budget.timeoutMs` from `started` (epoch ms)
 */
export function extractionFromHtml(root: HTMLElement, started: number, budget: Budget, where: string): { ex: Extraction; anyText: boolean } {
  const walked = walk(unwrapLayoutTables(root.childNodes), started, budget);
  const gaps: Gap[] = [...walked.gaps];
  const tables: ExtractedTable[] = [];
  const notes: Gap[] = [];
  for (const t of walked.tables) {
    const note = summaryTableNote(t.rows.map((r) => r.cells), `table ${t.table}`);
    if (note) {
      notes.push(note);
      continue;
    }
    tables.push(t);
  }
  // Lines typed with tabs between their columns (extract/tabbed.ts): tables of their own.
  const tabbed = tabbedTables(walked.paras);
  tables.push(...tabbed.tables);
  const blocks = blocksFromParas(tabbed.paras, where);
  gaps.push(...settleSummaryNotes(notes, tables.length > 0 || blocks.blocks.length > 0));
  gaps.push(...blocks.gaps);
  const ex: Extraction = { tables, blocks: blocks.blocks, gaps, text: walked.paras.map((p) => p.text).join('\n') };
  if (blocks.yearHint !== undefined) ex.yearHint = blocks.yearHint;
  return { ex, anyText: walked.anyText };
}

/** The text runs (`w:t`) of a WordprocessingML part, space-separated. */
function xmlText(xml: string): string {
  const out: string[] = [];
  const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) out.push(m[1]!);
  return out.join(' ');
}

/** Why mammoth could not read a document, in our words (its own text goes to the log via `detail`). */
function wordReason(e: unknown): string {
  const text = libraryText(e);
  if (/entity|doctype|dtd/i.test(text)) return 'its XML declares or uses entities (a DTD), which a Word document never does';
  if (/xml|tag|attribute|unclosed|parse/i.test(text)) return 'a part of it is not well-formed XML';
  if (/could not find|missing|not found|no such/i.test(text)) return 'a part it needs is missing';
  return 'its content could not be read';
}

function checkTime(started: number, budget: Budget): void {
  if (Date.now() - started > budget.timeoutMs) {
    throw new ImportError('timed_out', `reading the Word document took longer than the limit of ${Math.round(budget.timeoutMs / 1000)} s`);
  }
}

interface Walked {
  tables: ExtractedTable[];
  paras: Para[];
  anyText: boolean;
  /** File-level notes (tables read as the continuation of another). */
  gaps: Gap[];
}

const ELEMENT = 1;
const TEXT = 3;

function isEl(n: Node): n is HTMLElement {
  return n.nodeType === ELEMENT;
}

function tag(n: HTMLElement): string {
  return n.rawTagName.toLowerCase();
}

/** Footnote/endnote/comment reference links are not part of a value. */
function isNoteRef(el: HTMLElement): boolean {
  if (tag(el) !== 'a') return false;
  const href = el.getAttribute('href') ?? '';
  return /^#(footnote|endnote|comment)-/.test(href);
}

/**
 * Text of an element as a reader sees it: `<br>` and block boundaries (paragraphs, list items, table rows) are
 * line breaks; a nested table's cells are joined with ` | `. Note reference marks are dropped.
 */
export function elementText(el: HTMLElement): string {
  // Fast path: one paragraph of plain text (most table cells), or plain text.
  const kids = el.childNodes;
  const only = kids.length === 1 ? kids[0]! : null;
  const plain = only && isEl(only) && tag(only) === 'p' ? only.childNodes : kids;
  if (plain.every((c) => c.nodeType === TEXT)) {
    const t = plain.map((c) => (c as unknown as { text: string }).text).join('');
    if (!/[\n\u00a0]/.test(t)) return t.trim();
  }
  const out: string[] = [];
  const visit = (n: Node): void => {
    if (n.nodeType === TEXT) {
      out.push((n as unknown as { text: string }).text);
      return;
    }
    if (!isEl(n)) return;
    const t = tag(n);
    if (t === 'br') {
      out.push('\n');
      return;
    }
    if (isNoteRef(n)) return;
    if (t === 'table') {
      const rows = tableRows(n).map((tr) => cellsOf(tr).map((c) => elementText(c).replace(/\n+/g, ' ').trim()).filter((s) => s !== '').join(' | '));
      out.push('\n', rows.filter((r) => r !== '').join('\n'), '\n');
      return;
    }
    const block = t === 'p' || t === 'li' || /^h[1-6]$/.test(t) || t === 'tr' || t === 'ul' || t === 'ol' || t === 'div';
    if (block) out.push('\n');
    for (const c of n.childNodes) visit(c);
    if (block) out.push('\n');
  };
  for (const c of el.childNodes) visit(c);
  return out
    .join('')
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * The body's nodes with each layout table replaced by what its cells hold, in reading order (row by row, cell by
 * cell): a table used to lay out a form, with the CPD table nested inside one of its cells (trial 7: a pharmacy
 * technician's record, the log read as one cell's text). A table is taken for layout when the tables nested in it
 * hold at least as many cells as it holds itself; a log with a small table inside one cell stays a table.
 */
function unwrapLayoutTables(nodes: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const n of nodes) {
    if (!isEl(n) || tag(n) !== 'table' || !isLayoutTable(n)) {
      out.push(n);
      continue;
    }
    for (const tr of tableRows(n)) for (const td of cellsOf(tr)) out.push(...unwrapLayoutTables(td.childNodes));
  }
  return out;
}

/** True when the tables nested in `table` hold at least as many cells as `table` itself (see {@link unwrapLayoutTables}). */
function isLayoutTable(table: HTMLElement): boolean {
  let own = 0;
  let nested = 0;
  for (const tr of tableRows(table)) {
    for (const td of cellsOf(tr)) {
      own++;
      for (const inner of td.querySelectorAll('table')) nested += inner.querySelectorAll('td, th').length;
    }
  }
  return nested > 0 && nested >= own;
}

/** What a cell holds, for comparing columns: a date, a figure, text, or nothing. */
function valueKind(text: string): 'date' | 'number' | 'text' | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+([.,]\d+)?$/.test(t)) return 'number';
  if (/\d/.test(t) && t.length <= 30 && parseDate(t, { order: 'dmy' }).ok) return 'date';
  return 'text';
}

/**
 * True when the rows of `grid` hold in each column the kind of value (date, figure, text) the data rows of `rows`
 * mostly hold there, in two columns or more and against it in none: a table going on, not another table.
 */
function sameColumnKinds(rows: readonly ExtractedRow[], grid: readonly string[][]): boolean {
  const data = rows.filter((r) => r.index > 1);
  const width = Math.max(0, ...grid.map((r) => r.length));
  let agree = 0;
  for (let c = 0; c < width; c++) {
    const above = mostOf(data.map((r) => valueKind(cellText(r.cells[c]))));
    const here = mostOf(grid.map((r) => valueKind(r[c] ?? '')));
    if (above === null || here === null) continue;
    if (above !== here) return false;
    agree++;
  }
  return agree >= 2;
}

function mostOf<T>(xs: ReadonlyArray<T | null>): T | null {
  const counts = new Map<T, number>();
  for (const x of xs) if (x !== null) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best: T | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** The rows of a table (direct `tr` children of the table or of its `thead`/`tbody`/`tfoot`). */
function tableRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const c of table.childNodes) {
    if (!isEl(c)) continue;
    const t = tag(c);
    if (t === 'tr') rows.push(c);
    else if (t === 'thead' || t === 'tbody' || t === 'tfoot') for (const r of c.childNodes) if (isEl(r) && tag(r) === 'tr') rows.push(r);
  }
  return rows;
}

function cellsOf(tr: HTMLElement): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const c of tr.childNodes) if (isEl(c) && (tag(c) === 'td' || tag(c) === 'th')) out.push(c);
  return out;
}

function span(el: HTMLElement, attr: string): number {
  if (el.rawAttrs === '') return 1;
  const n = Number.parseInt(el.getAttribute(attr) ?? '1', 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 200) : 1;
}

/**
 * A Word table as a grid of text: a colspan puts its text in its first column and leaves the others empty (a
 * merged heading becomes a group heading over the columns below it); a rowspan repeats its text in every row it
 * covers (like a merged spreadsheet range).
 */
export function tableGrid(table: HTMLElement, titles?: Map<string, { title: string; rest: string }>): string[][] {
  const grid: string[][] = [];
  const carry: Array<{ text: string; left: number } | undefined> = [];
  for (const tr of tableRows(table)) {
    const row: string[] = [];
    let col = 0;
    const fill = (): void => {
      while (carry[col] !== undefined && carry[col]!.left > 0) {
        row[col] = carry[col]!.text;
        carry[col]!.left--;
        col++;
      }
    };
    for (const td of cellsOf(tr)) {
      fill();
      const text = elementText(td);
      if (titles !== undefined) {
        const t = boldTitle(td);
        if (t !== null) titles.set(`${grid.length},${col}`, t);
      }
      const cs = span(td, 'colspan');
      const rs = span(td, 'rowspan');
      for (let k = 0; k < cs; k++) {
        row[col + k] = k === 0 ? text : '';
        if (rs > 1) carry[col + k] = { text: k === 0 ? text : '', left: rs - 1 };
      }
      col += cs;
    }
    fill();
    for (let k = 0; k < row.length; k++) if (row[k] === undefined) row[k] = '';
    grid.push(row);
  }
  return grid;
}

const HAS_LETTER = /\p{L}/u;

/** Fields whose headings anchor a header row (as in the mapper). */
const ANCHORS = new Set(['activityName', 'startDate', 'endDate', 'targetDate', 'hours']);

/** A row that reads as a table header: two or more known headings, one of them an anchor (name, date, hours). */
function looksLikeHeader(cells: readonly string[]): boolean {
  const fields = new Set<string>();
  let nonEmpty = 0;
  let matched = 0;
  for (const c of cells) {
    const t = c.trim();
    if (t === '') continue;
    nonEmpty++;
    if (t.length > 80) return false;
    const m = matchHeading(t);
    if (m) {
      matched++;
      fields.add(m.fields[0]!);
    }
  }
  return fields.size >= 2 && matched * 10 >= nonEmpty * 6 && [...fields].some((f) => ANCHORS.has(f));
}

/**
 * A label/value table: most rows hold `label | value` pairs (two columns, or pairs side by side) with known
 * labels, and no row reads as a column header. Returns the pairs in reading order, else null.
 */
function labelValuePairs(grid: readonly string[][]): Array<{ label: string; value: string; row: number; heading?: true }> | null {
  if (grid.length === 0) return null;
  const width = Math.max(...grid.map((r) => r.length));
  if (width < 2 || width % 2 !== 0 || width > 6) return null;
  const headerLike = grid.some((r) => looksLikeHeader(r));
  const pairs: Array<{ label: string; value: string; row: number; heading?: true }> = [];
  let labelled = 0;
  let rowsWithText = 0;
  const fields = new Set<string>();
  const labels: string[] = [];
  grid.forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    // A title row across the table ("Activity 3", merged over both columns) heads the block.
    const filled = r.filter((c) => c.trim() !== '');
    const first = (r[0] ?? '').trim();
    if (filled.length === 1 && first !== '' && (isActivityHeading(first) || (pairs.length === 0 && classifyLabel(first, '', false) === null))) {
      pairs.push({ label: r[0]!.trim(), value: '', row: i + 1, heading: true });
      return;
    }
    rowsWithText++;
    let rowHasLabel = false;
    for (let k = 0; k + 1 < width; k += 2) {
      const l = (r[k] ?? '').trim();
      const v = (r[k + 1] ?? '').trim();
      if (l === '' && v === '') continue;
      const split = l === '' ? null : classifyLabel(l, v, false);
      if (split) {
        rowHasLabel = true;
        labels.push(split.label.toLowerCase());
        if (split.field) fields.add(split.field);
      }
      pairs.push({ label: l, value: v, row: i + 1 });
    }
    if (rowHasLabel) labelled++;
  });
  if (labelled < 2 || labelled * 10 < rowsWithText * 6 || fields.size < 2) return null;
  // A row of headings ("Activity | Hours") makes it a column table — unless the table is plainly label/value:
  // two columns, nearly every row a different known label (then "Type of activity | Course" is a label and its
  // value, not a header; Word/PDF trial finding: such tables became one record per row).
  const plainlyLabelled = width === 2 && labelled >= 3 && labelled * 10 >= rowsWithText * 8 && new Set(labels).size === labels.length;
  if (headerLike && !plainlyLabelled) return null;
  return pairs;
}

/**
 * A table with the labels down its first column and one activity per further column ("Activity | A | B",
 * "Date | d1 | d2"): most rows start with a known label, each label once (three or more fields, one a name,
 * date or hours), the third column holds no labels, and there are three or more columns. Returns the
 * label/value pairs per column.
 */
function transposedColumns(grid: readonly string[][]): Array<Array<{ label: string; value: string; row: number; col: number }>> | null {
  const width = Math.max(0, ...grid.map((r) => r.length));
  if (width < 3 || grid.length < 3) return null;
  // (no header-row test here: a row of values such as "Type | Course | Event" reads like headings)
  let labelled = 0;
  let thirdLabels = 0;
  const withText = grid.filter((r) => !r.every((c) => c.trim() === ''));
  const rowsWithText = withText.length;
  const fields = new Set<string>();
  const labels = new Set<string>();
  // Stops as soon as the answer is no: a data table (dates or names down its first column) fails on its first
  // third of rows. Labels repeat (types, dates), so each distinct text is classified once; a text without a
  // letter (a date, a number) is no label and is not classified at all (every heading synonym, preamble and
  // extras label has letters; test/docs/docx-labels.test.ts holds classifyLabel to that).
  const known = new Map<string, ReturnType<typeof classifyLabel>>();
  const classify = (text: string): ReturnType<typeof classifyLabel> => {
    if (!HAS_LETTER.test(text)) return null;
    let s = known.get(text);
    if (s === undefined) known.set(text, (s = classifyLabel(text, '', false)));
    return s;
  };
  let unlabelled = 0;
  for (const r of withText) {
    const s = classify((r[0] ?? '').trim());
    if (s) {
      labelled++;
      labels.add(s.label.toLowerCase());
      if (s.field) fields.add(s.field);
    } else if ((rowsWithText - ++unlabelled) * 10 < rowsWithText * 7) return null;
    if (classify((r[2] ?? '').trim()) && ++thirdLabels * 10 > rowsWithText * 3) return null;
  }
  // each label once (a first column of repeated values such as "Course", "Event" is data, not labels)
  if (labelled * 10 < rowsWithText * 7 || fields.size < 3 || labels.size * 10 < labelled * 9 || thirdLabels * 10 > rowsWithText * 3) return null;
  if (![...fields].some((f) => ANCHORS.has(f))) return null;
  const cols: Array<Array<{ label: string; value: string; row: number; col: number }>> = [];
  for (let j = 1; j < width; j++) {
    const col: Array<{ label: string; value: string; row: number; col: number }> = [];
    grid.forEach((r, i) => {
      const label = (r[0] ?? '').trim();
      const value = (r[j] ?? '').trim();
      if (label !== '' && value !== '') col.push({ label, value, row: i + 1, col: j + 1 });
    });
    if (col.length > 0) cols.push(col);
  }
  return cols;
}

/**
 * The rows of a data table; a row under an activity whose only text is a `Label: value` note spanning the row
 * ("Reflection: …" merged across the table) becomes that activity's value in an extra column headed by the
 * label, not a row of its own.
 */
function rowsWithNotes(grid: readonly string[][], headerIdx: number): ExtractedRow[] {
  const width = Math.max(0, ...grid.map((r) => r.length));
  const extra: string[] = [];
  const rows: ExtractedRow[] = [];
  grid.forEach((r, i) => {
    const filled = r.filter((c) => c.trim() !== '');
    const last = rows[rows.length - 1];
    if (headerIdx >= 0 && i > headerIdx + 1 && filled.length === 1 && (r[0] ?? '').trim() !== '' && last && last.index > headerIdx + 1) {
      const s = splitLabel((r[0] ?? '').trim());
      if (s && s.field !== null && s.field !== 'activityName') {
        let k = extra.findIndex((e) => e.toLowerCase() === s.label.toLowerCase());
        if (k === -1) k = extra.push(s.label) - 1;
        last.cells[width + k] = s.value === '' ? null : s.value;
        return;
      }
    }
    rows.push({ index: i + 1, cells: r.map((c): Cell => (c.trim() === '' ? null : c)) });
  });
  if (extra.length > 0 && headerIdx >= 0) {
    const header = rows.find((x) => x.index === headerIdx + 1);
    if (header) extra.forEach((e, k) => (header.cells[width + k] = e));
    for (const x of rows) for (let k = 0; k < width + extra.length; k++) if (x.cells[k] === undefined) x.cells[k] = null;
  }
  return rows;
}

/** True when two rows hold the same texts (case and spacing aside). */
function sameCells(a: readonly string[], b: readonly string[]): boolean {
  const norm = (t: string | undefined): string => (t ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return a.length === b.length && a.every((t, i) => norm(t) === norm(b[i])) && a.some((t) => norm(t) !== '');
}

/**
 * A cell whose first paragraph is all bold and is followed by more text: a title over its description ("**IET
 * webinar: arc flash**" / "Incident energy and PPE categories."). Null otherwise.
 */
function boldTitle(td: HTMLElement): { title: string; rest: string } | null {
  const ps = td.childNodes.filter((c): c is HTMLElement => isEl(c) && tag(c) === 'p');
  if (ps.length < 2) return null;
  const kids = ps[0]!.childNodes.filter((c) => !(c.nodeType === TEXT && (c as unknown as { text: string }).text.trim() === ''));
  if (kids.length === 0 || !kids.every((c) => isEl(c) && (tag(c) === 'strong' || tag(c) === 'b'))) return null;
  const title = elementText(ps[0]!);
  const rest = ps.slice(1).map((q) => elementText(q)).filter((x) => x !== '').join('\n');
  if (title === '' || rest === '' || title.length > 150) return null;
  return { title, rest };
}

/**
 * A column of bold titles over descriptions in the same cells (at least half its filled data cells): the titles stay
 * in the column, the descriptions go to a column of their own headed "Details" (read as the description), added at
 * the right. Returns the grid as given when there is no such column or no header row to head the new column.
 */
function splitBoldTitles(grid: string[][], titles: ReadonlyMap<string, { title: string; rest: string }>, headerIdx: number): string[][] {
  if (titles.size === 0 || headerIdx < 0) return grid;
  const width = Math.max(0, ...grid.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    let filled = 0;
    let titled = 0;
    for (let r = headerIdx + 1; r < grid.length; r++) {
      if ((grid[r]![c] ?? '').trim() === '') continue;
      filled++;
      if (titles.has(`${r},${c}`)) titled++;
    }
    if (titled === 0 || titled * 2 < filled) continue;
    const heading = grid[headerIdx]!.some((h) => h.trim().toLowerCase() === 'details') ? `Details (${grid[headerIdx]![c]!.trim()})` : 'Details';
    return grid.map((row, r) => {
      const out = [...row];
      while (out.length < width) out.push('');
      const t = titles.get(`${r},${c}`);
      if (r === headerIdx) out.push(heading);
      else if (t !== undefined && r > headerIdx) {
        out[c] = t.title;
        out.push(t.rest);
      } else out.push('');
      return out;
    });
  }
  return grid;
}

/** Walks the body in document order: tables become extracted tables or label/value blocks, paragraphs become paras. */
function walk(nodes: readonly Node[], started: number, budget: Budget): Walked {
  const out: Walked = { tables: [], paras: [], anyText: false, gaps: [] };
  let paraNo = 0;
  let tableNo = 0;
  let lastText: { text: string; heading: boolean } | null = null;
  /** Last data table and whether any text came after it (a table split by a page break has nothing between). */
  /**
   * Last data table: the extracted table its rows went to (the one it continues, for a headerless continuation),
   * whether that one has a header, the grid width, and the Word table numbers (its own, and the headed one).
   */
  let lastTable: { table: ExtractedTable; headed: boolean; width: number; no: number; headNo: number; first?: readonly string[] } | null = null;
  let textSinceTable = false;
  /** Paragraphs since the last data table (titles between two tables that share their header). */
  let sinceTable: Para[] = [];
  /** Takes paragraphs read as a table's title rows out of the text read for labelled blocks (they are the table's now). */
  const consume = (ps: readonly Para[]): void => {
    for (const p of ps) {
      const k = out.paras.lastIndexOf(p);
      if (k >= 0) out.paras.splice(k, 1);
    }
  };

  const pushPara = (el: HTMLElement, kind: Para['kind'], item = false): void => {
    const text = elementText(el);
    if (text === '') return;
    out.anyText = true;
    paraNo++;
    const p: Para = { text, kind, ref: `paragraph ${paraNo}` };
    if (item) p.item = true;
    const meaningful = el.childNodes.filter((c) => !(c.nodeType === TEXT && (c as unknown as { text: string }).text.trim() === ''));
    const first = meaningful[0];
    if (meaningful.length > 0 && meaningful.every((c) => isEl(c) && (tag(c) === 'strong' || tag(c) === 'b'))) p.bold = true;
    else if (first && isEl(first) && (tag(first) === 'strong' || tag(first) === 'b')) p.boldLead = elementText(first);
    out.paras.push(p);
    lastText = { text, heading: kind === 'heading' || p.bold === true };
    textSinceTable = true;
    sinceTable.push(p);
  };

  for (const n of nodes) {
    if (!isEl(n)) {
      if (n.nodeType === TEXT && (n as unknown as { text: string }).text.trim() !== '') {
        out.anyText = true;
        textSinceTable = true;
      }
      continue;
    }
    const t = tag(n);
    if (/^h[1-6]$/.test(t)) pushPara(n, 'heading');
    else if (t === 'p') pushPara(n, 'para');
    else if (t === 'ul' || t === 'ol') {
      // Each item is a paragraph of its own, and so is each item of a list nested in it ("Dates: …", "Time: …"
      // under an activity's bullet; trial 7): the item's text stops where its nested list begins.
      const items = (list: HTMLElement): void => {
        for (const li of list.childNodes) {
          if (!isEl(li) || tag(li) !== 'li') continue;
          if (/^(footnote|endnote|comment)-/.test(li.getAttribute('id') ?? '')) continue;
          const nested = li.childNodes.filter((c): c is HTMLElement => isEl(c) && (tag(c) === 'ul' || tag(c) === 'ol'));
          if (nested.length === 0) {
            pushPara(li, 'para', true);
            continue;
          }
          const own = li.clone() as HTMLElement;
          for (const c of own.childNodes.filter((x) => isEl(x) && (tag(x) === 'ul' || tag(x) === 'ol'))) own.removeChild(c);
          // An item with items under it heads them, as a heading does its paragraphs (an activity over its details).
          const text = elementText(own);
          pushPara(own, text.length <= 120 && splitLabel(text) === null ? 'heading' : 'para', true);
          for (const sub of nested) items(sub);
        }
      };
      items(n);
    } else if (t === 'table') {
      tableNo++;
      checkTime(started, budget);
      const titles = new Map<string, { title: string; rest: string }>();
      let grid = tableGrid(n, titles);
      if (grid.some((r) => r.some((c) => c.trim() !== ''))) out.anyText = true;
      const width = Math.max(0, ...grid.map((r) => r.length));
      const transposed = transposedColumns(grid);
      if (transposed) {
        // One activity per column, labels down the first column.
        for (const col of transposed) {
          col.forEach((p, k) => {
            const para: Para = { text: `${p.label}: ${p.value}`, kind: 'para', label: p.label, value: p.value, ref: `table ${tableNo}, row ${p.row}, column ${p.col}`, table: tableNo };
            if (k === 0) para.blockStart = true;
            out.paras.push(para);
          });
        }
        lastText = null;
        textSinceTable = true;
        continue;
      }
      const pairs = labelValuePairs(grid);
      if (pairs) {
        pairs.forEach((p, i) => {
          if (p.heading) {
            out.paras.push({ text: p.label, kind: 'heading', ref: `table ${tableNo}, row ${p.row}`, table: tableNo });
            return;
          }
          const para: Para = { text: `${p.label}: ${p.value}`, kind: 'para', label: p.label, value: p.value, ref: `table ${tableNo}, row ${p.row}`, table: tableNo };
          // A heading right above the table names the activity: the table's rows join its block.
          if (i === 0 && (lastText as { heading: boolean } | null)?.heading !== true) para.blockStart = true;
          out.paras.push(para);
        });
        lastText = null;
        textSinceTable = true;
        continue;
      }
      if (width === 1) {
        // A one-column table is a frame around paragraphs: read its cells as paragraphs.
        grid.forEach((r, i) => {
          for (const line of (r[0] ?? '').split('\n')) {
            if (line.trim() === '') continue;
            paraNo++;
            out.paras.push({ text: line, kind: 'para', ref: `table ${tableNo}, row ${i + 1}`, table: tableNo });
          }
        });
        textSinceTable = true;
        continue;
      }
      const headerIdx = grid.slice(0, 10).findIndex((r) => looksLikeHeader(r));
      // A bold title over a description in one cell: the description read as such, not as part of the name.
      const split = splitBoldTitles(grid, titles, headerIdx);
      if (split !== grid) {
        const w = Math.max(0, ...split.map((r) => r.length));
        out.gaps.push(gap(null, 'inferred', 'info', `table ${tableNo}: cells holding a bold title over a description — the titles are read as their column, the descriptions as column ${w} ("${split[headerIdx]![w - 1]}")`));
        grid = split;
      }
      // A table split by a page break (Word keeps two tables with only the break between them): a table without a
      // header row right after a table with one and as many columns is the rest of it, read under its headings;
      // its rows keep their own table and row numbers.
      // The same, with a short title between ("CPD log 2026 (continued)"), when the rows hold in each column what the
      // table's rows above hold there (dates under its dates, figures under its figures; trial 7).
      const titledOn = textSinceTable && sinceTable.length >= 1 && sinceTable.length <= 2 && sinceTable.every((x) => x.text.length <= 150 && x.label === undefined);
      if (headerIdx === -1 && lastTable && lastTable.headed && lastTable.width === width && (!textSinceTable || (titledOn && sameColumnKinds(lastTable.table.rows, grid)))) {
        for (const r of rowsWithNotes(grid, -1)) lastTable.table.rows.push({ ...r, table: tableNo });
        const between = textSinceTable ? `only the title "${sinceTable[0]!.text.slice(0, 80)}"` : 'nothing';
        out.gaps.push(
          gap(
            null,
            'inferred',
            'info',
            `table ${tableNo} has no header row and follows table ${lastTable.no} with ${between} between them and the same ${width} columns${textSinceTable ? ', holding the same kinds of values' : ''}: read as the rest of table ${lastTable.headNo} (${textSinceTable ? 'a table continued' : 'a table split by a page break'}), under its headings`,
          ),
        );
        if (textSinceTable) consume(sinceTable);
        lastTable.no = tableNo;
        lastText = null;
        textSinceTable = false;
        sinceTable = [];
        continue;
      }
      // A plan in sections: a table whose first row (its header) is that of the data table before it, with only a title or two
      // between them ("Goal 2: …" over a second "Action steps | Resources | Timeline" table), is that table
      // going on under a new section title: its rows join it (keeping their own table and row numbers), each title
      // as a one-cell row before them, so that the columns are read from all the rows and a goal titles the rows
      // under it (map.ts).
      if (lastTable?.first !== undefined && grid.length >= 2 && lastTable.width === width && sameCells(lastTable.first, grid[0]!) && sinceTable.length >= 1 && sinceTable.length <= 2 && sinceTable.every((x) => x.text.length <= 150)) {
        for (const title of sinceTable) lastTable.table.rows.push({ index: 1, cells: [title.text], table: tableNo });
        for (const r of rowsWithNotes(grid, 0)) if (r.index > 1) lastTable.table.rows.push({ ...r, table: tableNo });
        out.gaps.push(gap(null, 'inferred', 'info', `table ${tableNo} has the same header row as table ${lastTable.no} with only a title between them ("${sinceTable[0]!.text.slice(0, 80)}"): read as the next section of table ${lastTable.headNo}, under that title`));
        consume(sinceTable);
        lastTable.no = tableNo;
        lastText = null;
        textSinceTable = false;
        sinceTable = [];
        continue;
      }
      const rows: ExtractedRow[] = rowsWithNotes(grid, headerIdx);
      // A year or a plan's goal ("Goal 1: …") in the heading or short line just above the table is a title row for
      // it (docs/domain/CPD.md §8).
      const above = lastText as { text: string; heading: boolean } | null;
      const span = above !== null && above.text.length <= 150 ? yearSpanOf(above.text) : undefined;
      if (above && above.text.length <= 150 && ((yearFromTitle(above.text) !== undefined && !/\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(above.text)) || span !== undefined || goalOf(above.text) !== null)) {
        rows.unshift({ index: 0, cells: [above.text] });
        // A goal or a year span ("Academic year 2024/25") titling the table is the table's (its rows' objective, the
        // year its dates fall in), not a heading of a block of paragraphs (trial 6: it became an activity dated
        // over the whole academic year).
        const last = sinceTable[sinceTable.length - 1];
        if ((goalOf(above.text) !== null || span !== undefined) && last !== undefined && last.text === above.text) consume([last]);
      }
      const table: ExtractedTable = { name: `Table ${tableNo}`, table: tableNo, rows, a1Refs: false };
      out.tables.push(table);
      lastTable = { table, headed: headerIdx >= 0, width, no: tableNo, headNo: tableNo };
      if (grid.length >= 2) lastTable.first = grid[0]!;
      lastText = null;
      textSinceTable = false;
      sinceTable = [];
    } else {
      // Other containers (div, blockquote): read their text as one paragraph each.
      pushPara(n, 'para');
    }
  }
  return out;
}
