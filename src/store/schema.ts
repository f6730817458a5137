/**
 * The PostgreSQL tables (drizzle schema). Migrations in `src/store/migrations/` are generated from this file with
 * `npx drizzle-kit generate --config src/store/drizzle.config.ts` and applied at start (see `db.ts`).
 *
 * - `members`:   a member whose CPD records are imported (id chosen by the organisation, e.g. a membership number),
 *                and the professional body whose review rules apply to them (null: the service's `DEFAULT_BODY`)
 * - `users`:     API keys with a role; only the sha256 of the key is kept
 * - `files`:     original upload bytes, deduplicated by sha256 (one row per distinct content)
 * - `imports`:   one upload of one file for one member, with its status and, when done, the file-level result; a
 *                version read again with a corrected mapping is an import of its own naming the one it `supersedes`;
 *                a withdrawn import is kept with who withdrew it, when and why (its records no longer count); the
 *                parts of an e-mail or zip are imports of their own naming the upload they came in (`parent_id`)
 * - `records`:   the CPD records of a done import, with their gaps and provenance (replaced as a whole on re-run);
 *                after a reviewer's correction `data`/`gaps` hold the corrected record and `original` the record as
 *                extracted (set once, never changed); `acceptances` lists gaps a reviewer accepted with a note;
 *                `excluded` marks a record as not a CPD activity (kept, not counted)
 * - `member_years`: a member's activity status for one calendar year (active / reduced / inactive; docs/domain/CPD.md §2)
 * - `mapping_templates`: a column mapping remembered for tables with the same headings, in any format (issue 11 §3)
 * - `import_year_figures`, `import_year_gaps`: an import's counted records summed per year (hours, activities,
 *                TWAVES categories, UK-SPEC links, shortest reflection; gaps by kind), kept by triggers on `records`
 *                (migration 0005: marked dirty per statement, recomputed once per import when the transaction
 *                commits), so the group dashboard (issue 17) reads sums, not records
 * - `audit`:     who did what (uploads, user creation, corrections, acceptances, status settings); record contents
 *                only for corrections (the field's old and new value, which the audit trail must show)
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, bigserial } from 'drizzle-orm/pg-core';

/** `bytea`: written from a Uint8Array; node-postgres reads a Buffer, PGlite a Uint8Array (both are Uint8Arrays). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const members = pgTable('members', {
  id: text('id').primaryKey(),
  /** The id of the member's professional body (a rule set in src/review/rulesets/bodies/), or null for the default. */
  body: text('body'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    name: text('name'),
    role: text('role', { enum: ['member', 'staff', 'reviewer', 'admin'] }).notNull(),
    memberId: text('member_id').references(() => members.id),
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_key_hash_idx').on(t.keyHash)],
);

export const files = pgTable('files', {
  sha256: text('sha256').primaryKey(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const imports = pgTable(
  'imports',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    uploadedBy: text('uploaded_by').references(() => users.id),
    fileSha256: text('file_sha256')
      .notNull()
      .references(() => files.sha256),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: ['queued', 'processing', 'done', 'failed'] }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    format: text('format'),
    summary: jsonb('summary'),
    fileGaps: jsonb('file_gaps'),
    mapping: jsonb('mapping'),
    /** The import this one reads again with a corrected mapping (`PUT /imports/:id/mapping`), or null. */
    supersedes: text('supersedes'),
    /** What this version is to be read with (`ReadingRequest`, src/domain/mapping.ts), or null for the defaults. */
    readOptions: jsonb('read_options'),
    /** The options the done import was read with (`ReadingUsed`, src/domain/mapping.ts), or null. */
    optionsUsed: jsonb('options_used'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: text('withdrawn_by').references(() => users.id),
    withdrawReason: text('withdraw_reason'),
    /**
     * The upload this import is a part of (an e-mail's attachment or body, a file inside a zip; issue 15), or null.
     * The upload itself is kept whole, as every upload is, and holds no records of its own.
     */
    parentId: text('parent_id').references((): AnyPgColumn => imports.id),
    /** 0-based place of the part in its upload (attachments in order, then the body); null for an upload. */
    partIndex: integer('part_index'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('imports_member_sha_idx').on(t.memberId, t.fileSha256),
    index('imports_status_idx').on(t.status, t.updatedAt),
    index('imports_parent_idx').on(t.parentId, t.partIndex),
  ],
);

export const records = pgTable(
  'records',
  {
    id: text('id').primaryKey(),
    importId: text('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    /** 0-based position of the record in the import result (source order). */
    position: integer('position').notNull(),
    /** Calendar year the activity counts in: end date's, else start date's, else target date's (domain doc §2). */
    year: integer('year'),
    /** The CPD record's fields without `gaps` and `source`. */
    data: jsonb('data').notNull(),
    gaps: jsonb('gaps').notNull(),
    source: jsonb('source').notNull(),
    /** The record as extracted (`{ data, gaps }`), kept when a reviewer first changes it; null while untouched. */
    original: jsonb('original'),
    /** Gaps a reviewer accepted without changing the value: `Acceptance[]` (src/review/corrections/correct.ts). */
    acceptances: jsonb('acceptances').notNull().default(sql`'[]'::jsonb`),
    /** `{ reason, by, at }` when the record was marked as not a CPD activity (kept, not counted); null otherwise. */
    excluded: jsonb('excluded'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Last correction or acceptance; null while untouched. */
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('records_import_position_idx').on(t.importId, t.position), index('records_member_year_idx').on(t.memberId, t.year)],
);

export const memberYears = pgTable(
  'member_years',
  {
    memberId: text('member_id')
      .notNull()
      .references(() => members.id),
    year: integer('year').notNull(),
    activityStatus: text('activity_status', { enum: ['active', 'reduced', 'inactive'] }).notNull(),
    note: text('note'),
    setBy: text('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.year] })],
);

export const mappingTemplates = pgTable(
  'mapping_templates',
  {
    id: text('id').primaryKey(),
    /** The format of the file it was saved from (`csv`, `xlsx`, …), for information: it applies to every format. */
    format: text('format').notNull(),
    /**
     * sha256 (hex) of the table's normalised headings in order (src/services/templates.ts); one template per
     * fingerprint. (Templates saved before migration 0005 hashed the format too: still matched by their headings.)
     */
    fingerprint: text('fingerprint').notNull(),
    /** The table's headings as written, in order. */
    headings: jsonb('headings').notNull(),
    /** Heading → field or null, every column of the table (the CLI's `--mapping` shape). */
    columns: jsonb('columns').notNull(),
    dateOrder: text('date_order', { enum: ['dmy', 'mdy'] }),
    hoursPerDay: doublePrecision('hours_per_day'),
    savedBy: text('saved_by').references(() => users.id),
    /** The saver's name as shown then (the user's name, else role and short id). */
    savedByLabel: text('saved_by_label').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    /** The import whose corrected mapping was remembered. */
    fromImport: text('from_import'),
  },
  (t) => [uniqueIndex('mapping_templates_fingerprint_idx').on(t.fingerprint)],
);

export const audit = pgTable(
  'audit',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().default(sql`now()`),
    userId: text('user_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    detail: jsonb('detail'),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

/**
 * Per import and counting year, its counted records summed (issue 17 §4): `records` all of them (not excluded);
 * over its completed activities without impossible dates, repeats flagged within the file once: `activities`,
 * `hours` (positive hours, decimal), `twaves` (a bit per TWAVES letter: T 1, W 2, A 4, V 8, E 16, S 32), `linked`
 * (with a UK-SPEC code), `minReflectionWords` (the fewest words in a reflection, 0 for none; null with no activity);
 * `recordsWithProblems` (records with an error or warning gap not accepted); the import's `format` and `headings`
 * (its source shape, copied from `imports` so the dashboard need not read its wide rows); `counted` whether the import
 * counts (kept by a trigger on `imports` too). Written only by the triggers of
 * migration 0005 (`refresh_import_year_figures`).
 */
export const importYearFigures = pgTable(
  'import_year_figures',
  {
    importId: text('import_id').notNull(),
    memberId: text('member_id').notNull(),
    year: integer('year').notNull(),
    records: integer('records').notNull(),
    activities: integer('activities').notNull(),
    hours: doublePrecision('hours').notNull(),
    twaves: integer('twaves').notNull(),
    linked: integer('linked').notNull(),
    minReflectionWords: integer('min_reflection_words'),
    recordsWithProblems: integer('records_with_problems').notNull(),
    /** The import's format and the headings of its tables in order (labelled blocks left out): its source shape. */
    format: text('format'),
    headings: jsonb('headings').notNull(),
    /** True while the import counts: the latest done import of its file content for its member, not withdrawn. */
    counted: boolean('counted').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.importId, t.year] }), index('import_year_figures_year_idx').on(t.year, t.importId)],
);

/** Per import and counting year, its counted records' error and warning gaps not accepted, by field, code and severity (migration 0005's triggers). */
export const importYearGaps = pgTable(
  'import_year_gaps',
  {
    importId: text('import_id').notNull(),
    year: integer('year').notNull(),
    field: text('field'),
    code: text('code').notNull(),
    severity: text('severity').notNull(),
    gaps: integer('gaps').notNull(),
    records: integer('records').notNull(),
  },
  (t) => [index('import_year_gaps_year_idx').on(t.year, t.importId), index('import_year_gaps_import_idx').on(t.importId)],
);

/** Imports whose figures are to be recomputed when the transaction commits (migration 0005's triggers; empty between transactions). */
export const figuresDirty = pgTable('figures_dirty', {
  importId: text('import_id').primaryKey(),
});

/** All tables, for `drizzle({ schema })`. */
export const schema = { members, users, files, imports, records, memberYears, mappingTemplates, audit, importYearFigures, importYearGaps, figuresDirty };
