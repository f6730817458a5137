/**
 * The record fields a source column or label can map to, without zod (cheap to load in the CLI).
 * `objective` is the plan objective an activity serves (docs/domain/CPD.md §5), `status` a "Status" column.
 */
export const RECORD_FIELDS = [
  'activityName',
  'activityType',
  'twaves',
  'startDate',
  'endDate',
  'targetDate',
  'hours',
  'description',
  'reflection',
  'ukSpec',
  'skillType',
  'objective',
  'status',
] as const;
/** One of {@link RECORD_FIELDS}. */
export type RecordFieldName = (typeof RECORD_FIELDS)[number];
