/**
 * Shapes passed between pipeline stages (docs/DESIGN.md §1): detect → extract → map → normalise → validate.
 */
import type { Format, Gap, RecordField } from '../domain/index.js';

/** How the format was decided: by content (magic bytes, zip entries, text sniffing) or by extension alone. */
export interface Detection {
  format: Format;
  /** e.g. `"zip entries xl/"`, `"%PDF- header"`, `"text sniffing"`. */
  via: string;
  /** Warnings such as "file is named .xlsx but holds CSV text". */
  gaps: Gap[];
}

/**
 * A typed cell, used when plain text is not enough (spreadsheets). Plain cells are strings.
 * - `date`: a calendar date read from a date cell or a date-formatted serial, `YYYY-MM-DD` (TZ-independent);
 *   `time` holds `HH:MM` when the cell carried a time of day other than 00:00.
 * - `number`: the numeric value; `numFmt` the cell's number format (e.g. `"[h]:mm"` for a duration in days).
 * - `missingResult`: a formula cell without a cached result (its formula text is in `text`).
 * - `formula`: the cell holds a formula (its cached result is in `text` / `number`).
 * - `confidence`: OCR word confidence 0–100, when the text was read by OCR.
 * - `mergedFrom`: the cell lies below the first row of a vertically merged range; it carries a copy of the range's
 *   value, read from the cell named here (`"A5"`). Hours are counted once, on the first row only.
 * - `footnote`: PDF tables: the value carried a footnote marker, cut off from `text` (`"6*"` → `"6"`); this holds
 *   the footnote as printed under the table (`"* Hours estimated; no attendance record."`), or only the marker
 *   (`"*"`, `"¹"`) when no line defines it (src/pipeline/extract/footnotes.ts).
 */
export interface CellInfo {
  text: string;
  date?: string;
  time?: string;
  number?: number;
  numFmt?: string;
  formula?: string;
  missingResult?: boolean;
  confidence?: number;
  mergedFrom?: string;
  footnote?: string;
}

/** A cell: plain text (CSV, documents) or a typed spreadsheet cell; `null` for an empty cell. */
export type Cell = string | CellInfo | null;

/** The text of a cell ('' for empty). */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'string' ? c : c.text;
}

/** One row of an extracted table. `index` is the 1-based row number in the source (sheet row, CSV line, table row). */
export interface ExtractedRow {
  index: number;
  cells: Cell[];
  /** PDF: the page and line the row starts on. */
  page?: number;
  line?: number;
  /** The section title the row sits under, when it names a TWAVES category ("Training courses"; map.ts). */
  section?: string;
  /** The plan goal titling the rows above this one ("Goal 2: Improve formative assessment"; map.ts): its objective. */
  goal?: string;
  /**
   * The month (`YYYY-MM`) a section row above names ("January" under a title "CPD diary 2026"): it dates a column of
   * days of the month in the rows under it (map.ts, build.ts).
   */
  month?: string;
  /**
   * Documents: the table the row was read from, when it is not the extracted table's own (a Word table split by a
   * page break is read as one table; the rows of its second part keep their table number here).
   */
  table?: number;
}

/**
 * A table as extracted: the rows of a sheet, a CSV file, a Word table, or a PDF column table.
 * Header detection is the mapper's job, so the rows include title rows and headers.
 */
export interface ExtractedTable {
  /** Human name: sheet name, `"Table 2"`, the CSV file name. */
  name: string;
  sheet?: string;
  /** 1-based table number in the file (documents) or on the sheet. */
  table?: number;
  page?: number;
  rows: ExtractedRow[];
  /**
   * Column letters for cell refs: `true` (default) gives A1-style refs (`C7`) built from row index and column
   * position; documents set `false` and refs are written as `row 3, column 2`.
   */
  a1Refs?: boolean;
}

/** The label given to text under a block's heading that has no label of its own (kept in `extras`). */
export const UNLABELLED = 'Text under the heading';

/** A labelled value inside a block (`Label: value`). */
export interface LabelledValue {
  label: string;
  value: Cell;
  /** Provenance of the value: e.g. `"page 2, line 14"`, `"table 3 row 2"`, `"paragraph 12"`. */
  ref?: string;
  page?: number;
  line?: number;
  /**
   * The field the value is read as, whatever its label names: a plan's "When?" is when its actions are due (the
   * target date), and an action listed under a question is the activity (extract/blocks.ts expandActions).
   */
  field?: RecordField;
}

/** One activity written as a block of labelled values (Word headings + `Label: value`, PDF blocks). */
export interface LabelledBlock {
  heading?: string;
  /** The sheet of a label/value form read from a spreadsheet (map/form.ts). */
  sheet?: string;
  values: LabelledValue[];
  page?: number;
  line?: number;
  table?: number;
  /** A year stated in a section heading or preamble above this block, for its dates written without one. */
  yearHint?: number;
  /**
   * A list item under a plan's objective ("Objective 1: …" over bulleted actions), read as one action of that
   * objective: planned unless it is dated as done (extract/blocks.ts).
   */
  planItem?: boolean;
}

/**
 * What an extractor returns. `yearHint`: a year stated outside the activities (preamble, title, file name)
 * that may fill dates lacking one (with an `inferred` gap).
 */
export interface Extraction {
  tables: ExtractedTable[];
  blocks: LabelledBlock[];
  gaps: Gap[];
  yearHint?: number;
  /**
   * The file's running text in reading order, one paragraph or line per line (documents: body paragraphs; PDF and
   * scans: the laid-out lines; CSV: the decoded text), cut at {@link MAX_TEXT_CHARS}. Not read into records: it is
   * evidence for deciding whether the file is a CPD log at all (`src/pipeline/logcheck.ts`).
   */
  text?: string;
}

/** Most characters of {@link Extraction.text} kept (our choice: the start of a file shows what it is). */
export const MAX_TEXT_CHARS = 64 * 1024;

/** Limits applied to each file (docs/DESIGN.md §3 "each extraction runs under a time and size budget"). */
export interface Budget {
  /** Maximum file size in bytes (default 20 MB). Also the limit on inflated zip content × a ratio. */
  maxBytes: number;
  /** Maximum total uncompressed size of a zip container's entries, bytes (zip-bomb guard). */
  maxInflatedBytes: number;
  /** Wall-clock limit per file, milliseconds (default 60 s). */
  timeoutMs: number;
  /**
   * Most table rows and blocks read from one file (default 50,000; our choice: a CPD log holds tens to hundreds of
   * activities a year, so a file past this is not a CPD log, and reading it would tie up a worker and its memory).
   */
  maxRows?: number;
  /**
   * Scanned pages read by OCR per file (default 10; `0` switches OCR off: image-only pages then give a
   * "no text layer" file-level gap). Pages past the cap are reported, not read.
   */
  ocrMaxPages?: number;
  /** Wall-clock limit for OCR within one file, milliseconds (default: 75% of `timeoutMs`). */
  ocrTimeoutMs?: number;
  /**
   * Most cells the merged ranges of one sheet may cover once cut to the sheet's cells (default 200,000;
   * src/pipeline/extract/merges.ts): a range naming a whole sheet costs nothing, ranges past this are not applied.
   */
  maxMergedCells?: number;
  /**
   * Most characters kept from one cell or labelled value (default 32,767, Excel's own cell limit;
   * src/pipeline/bounds.ts): longer values are cut and the cut is named in a `truncated` gap.
   */
  maxCellChars?: number;
  /** Most cells in one extracted table (default 2,000,000; src/pipeline/bounds.ts): past it the file is `too_large`. */
  maxTableCells?: number;
  /** Most bytes one compressed PDF stream may inflate to (default 64 MB; src/pipeline/extract/pdf-streams.ts). */
  maxStreamBytes?: number;
  /** Most pixels of one image, scanned or inside a PDF (default 40 million; src/pipeline/extract/pdf-streams.ts). */
  maxImagePixels?: number;
}

/** Default budget: 20 MB files, 200 MB inflated, 60 s. */
export const DEFAULT_BUDGET: Budget = {
  maxBytes: 20 * 1024 * 1024,
  maxInflatedBytes: 200 * 1024 * 1024,
  timeoutMs: 60_000,
};
