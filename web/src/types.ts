/**
 * The shapes the records grid reads from the JSON API (see `GET /openapi.json`): a stored record with its gaps and
 * source, and what the grid needs from the page around it.
 */

/** A gap on a record (src/domain): `field` null for the record as a whole. */
export interface Gap {
  field: string | null;
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  raw?: string;
}

/** Where a record came from in its file (sheet, row, cells of each field, …). */
export interface SourceRef {
  file: string;
  sheet?: string;
  page?: number;
  table?: number;
  row?: number;
  line?: number;
  block?: string;
  cells?: Record<string, string>;
}

/** A record as `GET /members/:id/records` lists it: hours in decimal hours, dates ISO 8601 (`YYYY-MM-DD` or `YYYY-MM`). */
export interface GridRecord {
  id: string;
  importId: string;
  status: string | null;
  activityName: string | null;
  activityType: string | null;
  twaves: string | null;
  startDate: string | null;
  endDate: string | null;
  targetDate: string | null;
  hours: number | null;
  skillType: string | null;
  ukSpec: string[];
  objective: string | null;
  description: string | null;
  reflection: string | null;
  gaps: Gap[];
  raw: Record<string, string>;
  extras: Record<string, string>;
  source: SourceRef;
  excluded?: { reason: string; by: string; at: string };
}

/** A row of the grid: the record and its number in the year as listed (1-based). */
export interface GridRow extends GridRecord {
  n: number;
}

/** Calls the JSON API with the page's key. @throws Error with the API's message (and `refused` for a bulk refusal) */
export type ApiCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** What the grid needs from the page around it. */
export interface GridContext {
  /** Records of the first page (more come through {@link RecordsGrid.append}). */
  records: GridRecord[];
  /** Records in all pages. */
  total: number;
  /** True for reviewers, staff and admins: cells are editable, rows selectable for bulk fixes. */
  canEdit: boolean;
  /** The page's CSP nonce for the grid's injected styles. */
  styleNonce: string;
  api: ApiCall;
  /** Announces a message to screen readers (the page's live region). */
  announce: (text: string) => void;
  /** Opens the record's details (gaps to accept, source, audit trail) below the grid. */
  openDetails: (record: GridRow) => void;
  /** After a change: the records changed (as the API answered), a message for the reviewer, new problems per record. */
  changed: (records: GridRecord[], message: string, problems?: { record: GridRow; heading: string; problems: Gap[] }) => Promise<void>;
}

/** The grid as the page drives it. */
export interface RecordsGrid {
  /** Adds records of a later page. */
  append(records: GridRecord[]): void;
  /** Replaces changed records in place (same ids). */
  update(records: GridRecord[]): void;
  /** Moves keyboard focus to a record's cell (`field`, else the record column). @returns false when no such row is loaded */
  focusRecord(id: string, field?: string): boolean;
  /** The row of a record, when loaded. */
  row(id: string): GridRow | undefined;
  /** Removes the grid. */
  destroy(): void;
}
