/**
 * The OpenAPI paths of the dashboards (issue 17): `GET /members/{id}/dashboard` and `GET /dashboard`, their query
 * schemas (which the handlers validate with) and response shapes (src/services/dashboard.ts). Both answer JSON, or
 * CSV with `?format=csv` or `Accept: text/csv` (src/export/dashboard-csv.ts).
 */
import { z } from 'zod';
import { RULE_SETS } from '../review/rulesets/index.js';
import type { PathRegistry } from './openapi-paths.js';

/** `?format=` of both dashboards: `json` (the default, unless `Accept` prefers `text/csv`) or `csv`. */
export const DashboardFormatSchema = z.enum(['json', 'csv']);

/** `GET /members/:id/dashboard` query. */
export const MemberDashboardQuerySchema = z.object({ format: DashboardFormatSchema.optional() }).strict();

/** `GET /dashboard` query: a year, optionally a body (a rule set id) and a comma-separated list of up to 1,000 member ids. */
export const GroupDashboardQuerySchema = z
  .object({
    year: z.string().regex(/^\d{4}$/),
    body: z.enum([...RULE_SETS.keys()] as [string, ...string[]]).optional(),
    members: z.string().max(40_000).optional(),
    format: DashboardFormatSchema.optional(),
  })
  .strict();

const outcome = z.enum(['met', 'not_met', 'not_assessable']);
const hoursBy = (keys: readonly string[]) => z.object(Object.fromEntries([...keys, 'none'].map((k) => [k, z.number()])));

const TrendYearSchema = z.object({
  year: z.number().int(),
  activityStatus: z.enum(['active', 'reduced', 'inactive']),
  required: z.object({ value: z.number().nullable(), unit: z.enum(['hours', 'points']), basis: z.string() }),
  hours: z.number(),
  activities: z.number().int(),
  plannedEntries: z.number().int(),
  twaves: hoursBy(['T', 'W', 'A', 'V', 'E', 'S']),
  skills: hoursBy(['technical-personal', 'technical-job', 'soft']),
  plan: z.object({ planned: z.number(), done: z.number(), open: z.number(), missed: z.number() }),
  reflections: z.object({ activities: z.number().int(), written: z.number().int(), good: z.number().int(), weak: z.number().int(), missing: z.number().int() }),
  criteria: z.array(z.object({ key: z.string(), title: z.string(), outcome })),
  met: z.number().int(),
  overall: outcome,
  records: z.string().describe('the path of the records counting in the year'),
});

const MemberDashboardSchema = z.object({
  memberId: z.string(),
  body: z.object({ id: z.string(), name: z.string(), source: z.enum(['member', 'default']), note: z.string().optional() }),
  years: z.array(TrendYearSchema),
});

const GroupDashboardSchema = z.object({
  year: z.number().int(),
  scope: z.object({ body: z.object({ id: z.string(), name: z.string() }).nullable(), members: z.array(z.string()).nullable() }),
  members: z.object({ inScope: z.number().int(), withRecords: z.number().int() }),
  hours: z.object({ bandWidth: z.number(), bands: z.array(z.object({ label: z.string(), from: z.number(), to: z.number().nullable(), members: z.number().int() })), mean: z.number().nullable(), median: z.number().nullable() }),
  criteria: z.array(z.object({ key: z.enum(['hours', 'twaves', 'ukSpec', 'reflection']), title: z.string(), rule: z.string(), applies: z.number().int(), met: z.number().int(), percent: z.number().int() })),
  gaps: z.array(z.object({ field: z.string().nullable(), code: z.string(), severity: z.string(), gaps: z.number().int(), records: z.number().int(), members: z.number().int() })),
  sources: z.array(
    z.object({
      format: z.string().nullable(),
      fingerprint: z.string(),
      headings: z.array(z.string()),
      imports: z.number().int(),
      members: z.number().int(),
      records: z.number().int(),
      recordsWithGaps: z.number().int(),
      gaps: z.number().int(),
      gapsPerRecord: z.number(),
      examples: z.array(z.string()),
      topGaps: z.array(z.object({ field: z.string().nullable(), code: z.string(), gaps: z.number().int() })),
    }),
  ),
  imports: z.object({ byMonth: z.array(z.object({ month: z.string(), status: z.string(), format: z.string().nullable(), imports: z.number().int() })), failures: z.array(z.object({ code: z.string().nullable(), imports: z.number().int() })) }),
  uploadToRecords: z.object({ imports: z.number().int(), medianSeconds: z.number().nullable(), p90Seconds: z.number().nullable(), meanSeconds: z.number().nullable(), maxSeconds: z.number().nullable() }),
});

/** Adds the dashboard routes to the OpenAPI document (`GET /openapi.json`). */
export function registerDashboardPaths(
  r: PathRegistry,
  h: { security: Record<string, string[]>[]; json: (schema: z.ZodType, description: string) => unknown; err: (description: string) => unknown; common: Record<number, unknown> },
): void {
  const { security, json, err, common } = h;
  const withCsv = (schema: z.ZodType, description: string) => {
    const j = json(schema, description) as { content: Record<string, unknown> };
    return { ...j, content: { ...j.content, 'text/csv': { schema: { type: 'string' } } } };
  };
  r.registerPath({
    method: 'get',
    path: '/members/{id}/dashboard',
    summary: "A member's CPD year by year: hours against their body's requirement, hours per TWAVES category and skill type, planned against done, reflections, the criteria met (the member, staff, reviewers, admins)",
    description: 'Every calendar year from the first to the last the member\'s counted records count in. CSV (`?format=csv` or `Accept: text/csv`): one row per year.',
    security,
    request: { params: z.object({ id: z.string() }), query: MemberDashboardQuerySchema },
    responses: { 200: withCsv(MemberDashboardSchema, "the member's years"), 400: err('a bad format'), ...common, 404: err('no such member') },
  });
  r.registerPath({
    method: 'get',
    path: '/dashboard',
    summary: "A group's CPD for a year: the distribution of members' hours, the share meeting each criterion, the most common gaps and the source shapes giving them, imports by month, status and format, the time from upload to records (staff, reviewers, admins)",
    description:
      'Members in scope: all, those whose body (as it applies to them) is `body`, and/or those listed in `members` (comma-separated ids, up to 1,000). Figures are SQL aggregates; the criteria are counted as each `rule` says. ' +
      'CSV (`?format=csv` or `Accept: text/csv`): one figure a row (`Section, Item, Measure, Value`).',
    security,
    request: { query: GroupDashboardQuerySchema },
    responses: { 200: withCsv(GroupDashboardSchema, "the group's figures"), 400: err('no or a bad year, an unknown body, bad member ids or format'), ...common },
  });
}
