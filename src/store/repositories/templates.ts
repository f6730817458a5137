/**
 * The `mapping_templates` table: column mappings remembered for tables with the same headings (issue 11 §3), one per
 * heading fingerprint, whatever the format. Reads and writes only.
 */
import { desc, eq, sql } from 'drizzle-orm';
import type { ColumnChoices, Format } from '../../domain/index.js';
import type { Role } from '../../domain/roles.js';
import type { Db } from '../db.js';
import { iso } from '../rows.js';
import { mappingTemplates, users } from '../schema.js';

/**
 * A remembered mapping: the format of the file it was saved from (for information) and the headings (as written, in
 * order) it applies to, heading → field (or field and unit) for every column, the date order and hours per day (decimal hours) chosen with it (null: decided as usual), who saved it
 * (`savedBy`: the name as shown then; `savedById` null for a deleted user), when (ISO 8601), and from which import.
 */
export interface MappingTemplate {
  id: string;
  format: Format;
  fingerprint: string;
  headings: string[];
  columns: ColumnChoices;
  dateOrder: 'dmy' | 'mdy' | null;
  hoursPerDay: number | null;
  savedBy: string;
  savedById: string | null;
  savedByRole: Role | null;
  savedAt: string;
  fromImport: string | null;
}

/** A template as saved: everything but the time, which the database sets. */
export type NewMappingTemplate = Omit<MappingTemplate, 'savedAt' | 'savedByRole'>;

const COLUMNS = { t: mappingTemplates, role: users.role };

function toTemplate(t: typeof mappingTemplates.$inferSelect, role: Role | null): MappingTemplate {
  return {
    id: t.id,
    format: t.format as Format,
    fingerprint: t.fingerprint,
    headings: t.headings as string[],
    columns: t.columns as ColumnChoices,
    dateOrder: t.dateOrder,
    hoursPerDay: t.hoursPerDay,
    savedBy: t.savedByLabel,
    savedById: t.savedBy,
    savedByRole: role,
    savedAt: iso(t.savedAt) ?? '',
    fromImport: t.fromImport,
  };
}

/** Reads and writes `mapping_templates`. */
export class TemplatesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Saves a template; one already saved for the same fingerprint (from a file of any format) is replaced (keeping its
   * id; the format becomes this one's), saved now. Returns the template as stored.
   */
  async save(t: NewMappingTemplate): Promise<MappingTemplate> {
    const values = { id: t.id, format: t.format, fingerprint: t.fingerprint, headings: t.headings, columns: t.columns, dateOrder: t.dateOrder, hoursPerDay: t.hoursPerDay, savedBy: t.savedById, savedByLabel: t.savedBy, fromImport: t.fromImport };
    const [row] = await this.db
      .insert(mappingTemplates)
      .values(values)
      .onConflictDoUpdate({
        target: [mappingTemplates.fingerprint],
        set: { format: values.format, headings: values.headings, columns: values.columns, dateOrder: values.dateOrder, hoursPerDay: values.hoursPerDay, savedBy: values.savedBy, savedByLabel: values.savedByLabel, fromImport: values.fromImport, savedAt: sql`now()` },
      })
      .returning({ id: mappingTemplates.id });
    return (await this.get(row!.id))!;
  }

  /** Every template, the most recently saved first. */
  async list(): Promise<MappingTemplate[]> {
    const rows = await this.db.select(COLUMNS).from(mappingTemplates).leftJoin(users, eq(users.id, mappingTemplates.savedBy)).orderBy(desc(mappingTemplates.savedAt), desc(mappingTemplates.id));
    return rows.map((r) => toTemplate(r.t, r.role));
  }

  /** One template, or null. */
  async get(id: string): Promise<MappingTemplate | null> {
    const [r] = await this.db.select(COLUMNS).from(mappingTemplates).leftJoin(users, eq(users.id, mappingTemplates.savedBy)).where(eq(mappingTemplates.id, id)).limit(1);
    return r ? toTemplate(r.t, r.role) : null;
  }

  /** Deletes a template; false when none has this id. */
  async delete(id: string): Promise<boolean> {
    const done = await this.db.delete(mappingTemplates).where(eq(mappingTemplates.id, id)).returning({ id: mappingTemplates.id });
    return done.length > 0;
  }
}
