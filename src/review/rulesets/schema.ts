/**
 * The shape of a professional body's review rule set (docs/domain/RULESETS.md; issue 16): the period reviewed, the
 * units, the category vocabulary with its TWAVES mapping, the words that classify a record (formal, participatory,
 * topics), and the criteria that apply, each with its source. One JSON file per body in `./bodies/`, validated by
 * {@link RuleSetSchema} when the module loads: a malformed file stops the service and the CLI at start with the
 * file's name and the path of the bad field.
 */
import { z } from 'zod';

/** Where a rule comes from; `unconfirmed` when the figure was found only on a third party's page (docs/domain/RULESETS.md). */
const Sourced = {
  /** The body's published guidance, in words a member can follow, with its address. */
  source: z.string().min(1),
  /** True when the figure is unconfirmed: the criterion's summary then says so. */
  unconfirmed: z.boolean().optional(),
};

/** The period reviewed: a calendar year, or N calendar years ending with the year named (rolling), unless the reviewer gives exact dates. */
export const PeriodRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar_year') }),
  z.object({ kind: z.literal('years'), years: z.number().int().min(2).max(5) }),
]);

/** Units a body counts CPD in: decimal hours (optionally a day of N hours), or points per activity. */
export const UnitsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hours'), hoursPerDay: z.number().positive().optional() }),
  z.object({ kind: z.literal('points'), min: z.number().positive(), max: z.number().positive() }),
  z.object({ kind: z.literal('none') }),
]);

/** One of the body's categories: its name, the words that name it in a log, and the TWAVES letter where the words overlap. */
export const CategorySchema = z.object({
  name: z.string().min(1),
  words: z.array(z.string().min(1)).min(1),
  twaves: z.enum(['T', 'W', 'A', 'V', 'E', 'S']).optional(),
});

/** Words that put a record in one class or the other (e.g. formal / informal), read from its type and classifying columns. */
export const ClassWordsSchema = z.object({ yes: z.array(z.string().min(1)).min(1), no: z.array(z.string().min(1)).min(1) });

const Hours = z.number().nonnegative();

/** The record fields a `record_fields` criterion may ask for. */
export const RECORD_FIELD_NAMES = ['activityName', 'activityType', 'description', 'reflection', 'startDate'] as const;
const RecordFieldName = z.enum(RECORD_FIELD_NAMES);

/**
 * One thing each activity must record: a record field by name, or a labelled item met by any of `fields` (NMC: "how it
 * relates to practice" is the reflection or the description) or by a value in a column whose heading holds one of
 * `columns` (NMC: "Link to the Code", "Evidence"; such columns are kept in the record's extras).
 */
export const RecordFieldItemSchema = z.union([
  RecordFieldName,
  z
    .object({ label: z.string().min(1), fields: z.array(RecordFieldName).min(1).optional(), columns: z.array(z.string().min(1)).min(1).optional() })
    .refine((i) => i.fields !== undefined || i.columns !== undefined, 'give fields or columns'),
]);

/** The criteria a rule set may apply. IET kinds (`status_hours` … `year_placement`) need a calendar-year period. */
export const CriterionRuleSchema = z.discriminatedUnion('kind', [
  // The IET annual review (docs/domain/CPD.md §2).
  z.object({ kind: z.literal('status_hours'), required: z.object({ active: Hours, reduced: Hours, inactive: Hours }), ...Sourced }),
  z.object({ kind: z.literal('twaves_range'), min: z.number().int().min(1).max(6), ...Sourced }),
  z.object({ kind: z.literal('skill_mix'), ...Sourced }),
  z.object({ kind: z.literal('plan_relation'), minPercent: z.number().min(0).max(100), ...Sourced }),
  z.object({ kind: z.literal('planned_hours'), min: Hours, ...Sourced }),
  z.object({ kind: z.literal('uk_spec'), minPercent: z.number().min(0).max(100), ...Sourced }),
  z.object({ kind: z.literal('reflection_quality'), minWords: z.number().int().min(1), ...Sourced }),
  z.object({ kind: z.literal('year_placement'), ...Sourced }),
  // Other bodies (docs/domain/RULESETS.md).
  z
    .object({
      kind: z.literal('hours'),
      perYear: Hours.optional(),
      total: Hours.optional(),
      /** Or this many hours over the N calendar years ending with the period (IStructE: 90 h over 3 years). */
      orOver: z.object({ years: z.number().int().min(2).max(5), total: Hours }).optional(),
      ...Sourced,
    })
    .refine((c) => (c.perYear === undefined) !== (c.total === undefined), 'give perYear or total, not both'),
  z.object({ kind: z.literal('class_hours'), class: z.enum(['formal', 'participatory']), min: Hours, ...Sourced }),
  z.object({
    kind: z.literal('topic_hours'),
    topic: z.string(),
    hours: Hours,
    per: Hours.optional(),
    /** True when an activity's name cannot show the topic (Engineers Australia's area of practice): only a column of its hours can. */
    columnsOnly: z.boolean().optional(),
    ...Sourced,
  }),
  z.object({
    kind: z.literal('mandated_topics'),
    topics: z.array(z.string()).min(1),
    minActivities: z.number().int().min(1),
    /** Only activities of these categories count (CIBSE: semi-structured or structured); any category when absent. */
    categories: z.array(z.string().min(1)).min(1).optional(),
    /** The topic is looked for in the N calendar years ending with the period (RICS: ethics every rolling 3 years). */
    withinYears: z.number().int().min(2).max(5).optional(),
    ...Sourced,
  }),
  z.object({ kind: z.literal('type_caps'), caps: z.array(z.object({ category: z.string(), maxHours: Hours })).min(1), ...Sourced }),
  z.object({ kind: z.literal('points'), perYear: z.number().positive(), ...Sourced }),
  z.object({ kind: z.literal('category_spread'), min: z.number().int().min(1), ...Sourced }),
  z.object({ kind: z.literal('reflection'), minWords: z.number().int().min(1), overHours: Hours.optional(), minCount: z.number().int().min(1).optional(), ...Sourced }),
  z.object({ kind: z.literal('plan'), ...Sourced }),
  z.object({ kind: z.literal('chronology_gaps'), months: z.number().int().min(1), ...Sourced }),
  z.object({ kind: z.literal('record_fields'), fields: z.array(RecordFieldItemSchema).min(1), ...Sourced }),
  z.object({ kind: z.literal('declaration'), what: z.string(), ...Sourced }),
]);

/** A body's rule set, as stored in `src/review/rulesets/bodies/<id>.json`. */
export const RuleSetSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    /** The body's CPD pages, checked when the file was written (docs/domain/RULESETS.md). */
    sources: z.array(z.string().min(1)).min(1),
    period: PeriodRuleSchema,
    units: UnitsSchema,
    categories: z.array(CategorySchema).default([]),
    classes: z.object({ formal: ClassWordsSchema.optional(), participatory: ClassWordsSchema.optional() }).default({}),
    /** Topic tags and the words that show them in a topic column (or, inferred, in the name or description). */
    topics: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
    criteria: z.array(CriterionRuleSchema).min(1),
  })
  .superRefine((rs, ctx) => {
    const iet = ['status_hours', 'twaves_range', 'skill_mix', 'plan_relation', 'planned_hours', 'uk_spec', 'reflection_quality', 'year_placement'];
    if (rs.period.kind !== 'calendar_year' && rs.criteria.some((c) => iet.includes(c.kind))) ctx.addIssue({ code: 'custom', message: 'IET criteria need a calendar-year period', path: ['criteria'] });
    for (const [i, c] of rs.criteria.entries()) {
      if ((c.kind === 'topic_hours' && !(c.topic in rs.topics)) || (c.kind === 'mandated_topics' && c.topics.some((t) => !(t in rs.topics)))) ctx.addIssue({ code: 'custom', message: 'topic not in topics', path: ['criteria', i] });
      if (c.kind === 'class_hours' && rs.classes[c.class] === undefined) ctx.addIssue({ code: 'custom', message: `no words for class ${c.class}`, path: ['criteria', i] });
      if (c.kind === 'type_caps' && c.caps.some((k) => !rs.categories.some((cat) => cat.name === k.category))) ctx.addIssue({ code: 'custom', message: 'cap on an unknown category', path: ['criteria', i] });
      if (c.kind === 'mandated_topics' && c.categories?.some((k) => !rs.categories.some((cat) => cat.name === k))) ctx.addIssue({ code: 'custom', message: 'mandated topics counted in an unknown category', path: ['criteria', i] });
    }
  });

/** A validated rule set. */
export type RuleSet = z.infer<typeof RuleSetSchema>;
/** One item of a `record_fields` criterion. */
export type RecordFieldItem = z.infer<typeof RecordFieldItemSchema>;
/** One criterion of a rule set. */
export type CriterionRule = z.infer<typeof CriterionRuleSchema>;
