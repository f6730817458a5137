/**
 * The shapes the mapping view reads from the JSON API (see `GET /openapi.json`): an import, its mapping (issue 11
 * §1), a preview of a proposed mapping (§5) and the body of a correction (§2).
 */
import type { ApiCall, Gap, GridRecord } from './types.js';

/** The units a person may give an hours column. */
export type ColumnUnit = 'minutes' | 'hours' | 'days' | 'points';

/** What a person chose for a column: a field, null (kept in extras), or a field with the unit of its values. */
export type ColumnChoice = string | null | { field: string; unit?: ColumnUnit };

/** How the map stage chose a column's field. */
export type MappingHow = 'synonym' | 'fuzzy' | 'words' | 'override' | 'content' | 'unmapped';

/** One column of a table: its letter, heading, the field it went to (null: kept in extras), how and how sure, why, and up to three values as written. */
export interface MappingColumn {
  column: string;
  heading: string;
  field: string | null;
  how: MappingHow;
  /** 0–1. */
  confidence?: number;
  reason?: string;
  samples: string[];
  /** The unit an hours column was read in, when the mapping chose it or the values showed it. */
  unit?: ColumnUnit;
}

/** One table of the file (a sheet's table, a CSV file, a document table, or labelled blocks). */
export interface MappingTable {
  table: string;
  sheet?: string;
  page?: number;
  headerRow: number | null;
  kind: 'log' | 'plan' | 'blocks';
  columns: MappingColumn[];
  template?: string;
}

/** The options a version was read with. `hoursPerDay` in decimal hours. */
export interface ReadingUsed {
  dateOrder: 'dmy' | 'mdy' | 'auto';
  hoursPerDay: number;
  timeZone: string;
  columns: Record<string, ColumnChoice>;
  templates: { id: string; table: string; savedBy: string; savedAt: string }[];
}

/** `GET /imports/:id/mapping`. */
export interface ImportMapping {
  importId: string;
  file: string;
  format: string | null;
  supersedes: string | null;
  supersededBy: string | null;
  tables: MappingTable[];
  options: ReadingUsed | null;
}

/** A record as the pipeline reads it (a preview's records have no id) or as stored. */
export type ReadRecord = Omit<GridRecord, 'id' | 'importId'> & { id?: string };

/** `POST /imports/:id/mapping/preview`: the first records as the proposal reads them, and how many the file gives. */
export interface MappingPreview {
  importId: string;
  tables: MappingTable[];
  records: ReadRecord[];
  total: number;
  fileGaps: Gap[];
  options: ReadingUsed;
}

/** `PUT /imports/:id/mapping` (and the preview's) body: heading → field, null or field and unit; the options; remember for files like this. */
export interface MappingChange {
  columns: Record<string, ColumnChoice>;
  dateOrder?: 'dmy' | 'mdy' | 'auto';
  hoursPerDay?: number;
  remember?: boolean;
}

/** Another current import read in the same shape (the `similar` of the PUT answer). */
export interface SimilarImport {
  importId: string;
  memberId: string;
  file: string;
  createdAt: string;
  tables: string[];
}

/** `PUT /imports/:id/mapping` answer. */
export interface RereadAnswer {
  importId: string;
  supersedes: string;
  status: 'queued';
  similar: SimilarImport[];
}

/** `POST /imports/:id/mapping/apply-to-similar` answer. */
export interface SimilarRereads {
  rereads: { importId: string; supersedes: string; status: 'queued' }[];
  skipped: { importId: string; code: string; message: string }[];
}

/** An import as `GET /imports/:id` answers (the parts the view uses). */
export interface ImportInfo {
  importId: string;
  file: string;
  memberId: string;
  status: 'queued' | 'processing' | 'done' | 'failed';
  progress: number;
  error: { code: string; message: string } | null;
  fileGaps: Gap[];
  summary: { records: number } | null;
  supersedes?: string;
  withdrawn?: { at: string; by: { id: string; name: string | null; role: string } | null; reason: string | null };
}

/** What the mapping view needs from the page around it. */
export interface MappingContext {
  api: ApiCall;
  /** The import's id. */
  importId: string;
  /** The signed-in user's role: only staff, reviewers and admins may remember a mapping for everyone's files. */
  role: string;
  /** Called after the import was withdrawn (the page then shows the list of imports). */
  withdrawn: (imp: ImportInfo) => void;
}
