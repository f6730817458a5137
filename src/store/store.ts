/**
 * The store: one open database and its repositories, one per table (`repositories/`), the only code that speaks
 * SQL (docs/DESIGN.md §3). Repositories read and write and hold no business rules; the services
 * (`src/services/`) compose them, inside {@link Store.transaction} when several writes must commit together.
 * Works over either driver (`db.ts`). Timestamps come out as ISO 8601 strings (UTC). Methods throw the driver's
 * errors on infrastructure failures (see `isStoreUnavailable`); "not found" is `null`, never an exception.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from './db.js';
import { AuditRepository } from './repositories/audit.js';
import { DashboardRepository } from './repositories/dashboard.js';
import { FilesRepository } from './repositories/files.js';
import { ImportsRepository } from './repositories/imports.js';
import { MemberYearsRepository } from './repositories/member-years.js';
import { MembersRepository } from './repositories/members.js';
import { RecordsRepository } from './repositories/records.js';
import { TemplatesRepository } from './repositories/templates.js';
import { UsersRepository } from './repositories/users.js';

export { ROLES, MEMBER_ID_PATTERN, type Role } from '../domain/roles.js';
export { describeError, isStoreUnavailable } from './errors.js';
export { storableText, type StoredRecord } from './rows.js';
export { type AuditEntry } from './repositories/audit.js';
export { type BodyThresholds, type DashboardScope, type GapKindRow, type ShapeGapRow, type ShapeRow } from './repositories/dashboard.js';
export { IMPORT_STATUSES, type ImportJobInput, type ImportRef, type ImportStatus, type ImportView } from './repositories/imports.js';
export { type ActivityStatus, type MemberYearSetting } from './repositories/member-years.js';
export { type NewRecordRow, type CorrectableRecord, type ReviewedRow } from './repositories/records.js';
export { sha256Hex, type User } from './repositories/users.js';
export { type MappingTemplate, type NewMappingTemplate } from './repositories/templates.js';

/** Every repository, over one connection or one transaction. */
export interface Repositories {
  users: UsersRepository;
  members: MembersRepository;
  files: FilesRepository;
  imports: ImportsRepository;
  records: RecordsRepository;
  memberYears: MemberYearsRepository;
  templates: TemplatesRepository;
  audit: AuditRepository;
  /** The group dashboard's aggregates (reads only). */
  dashboard: DashboardRepository;
}

function repositories(db: Db): Repositories {
  return {
    users: new UsersRepository(db),
    members: new MembersRepository(db),
    files: new FilesRepository(db),
    imports: new ImportsRepository(db),
    records: new RecordsRepository(db),
    memberYears: new MemberYearsRepository(db),
    templates: new TemplatesRepository(db),
    audit: new AuditRepository(db),
    dashboard: new DashboardRepository(db),
  };
}

/** How a transaction commits. */
export interface TransactionOptions {
  /**
   * False for the worker's writes (processing, results, failures): they commit without waiting for the WAL flush
   * (`synchronous_commit = off` for that transaction only). A crash may lose the last few hundred milliseconds of
   * them, which only sends the import back to an earlier state that the stalled-job check or the reconciler takes
   * up again (results are replaced as a whole). Default true: uploads keep the fully durable commit (a 202 means
   * stored).
   */
  durable?: boolean;
}

/** The repositories over one open database, and transactions across them. */
export class Store implements Repositories {
  /** The drizzle database (for tests and tools; application code goes through the repositories). */
  readonly db: Db;
  readonly users: UsersRepository;
  readonly members: MembersRepository;
  readonly files: FilesRepository;
  readonly imports: ImportsRepository;
  readonly records: RecordsRepository;
  readonly memberYears: MemberYearsRepository;
  readonly templates: TemplatesRepository;
  readonly audit: AuditRepository;
  readonly dashboard: DashboardRepository;

  constructor(readonly database: Database) {
    this.db = database.db;
    const r = repositories(this.db);
    this.users = r.users;
    this.members = r.members;
    this.files = r.files;
    this.imports = r.imports;
    this.records = r.records;
    this.memberYears = r.memberYears;
    this.templates = r.templates;
    this.audit = r.audit;
    this.dashboard = r.dashboard;
  }

  /**
   * Runs `fn` in one transaction with every repository bound to it: all its writes commit together, or none (when
   * `fn` throws, the error is passed on).
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
    return this.db.transaction(async (txx) => {
      const tx = txx as unknown as Db;
      if (opts.durable === false) await tx.execute(sql`set local synchronous_commit = off`);
      return fn(repositories(tx));
    });
  }

  /** Resolves when the database answers. */
  ping(): Promise<void> {
    return this.database.ping();
  }

  /** Closes the database. */
  close(): Promise<void> {
    return this.database.close();
  }
}

/**
 * Opens the store for the settings (a server when `url` is set, else PGlite in `dataDir`), migrated.
 */
export async function openStore(opts: { url?: string | undefined; dataDir?: string; migrate?: boolean; poolSize?: number }): Promise<Store> {
  const { openDatabase } = await import('./db.js');
  return new Store(await openDatabase(opts));
}
