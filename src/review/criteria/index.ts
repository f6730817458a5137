/**
 * The annual review criteria (docs/domain/CPD.md §2): over a member's records for one calendar year and their
 * activity status, each criterion (hours, TWAVES spread, skill types, the plan, planned hours, UK-SPEC, reflection,
 * year placement) comes out met, not met or not assessable, with its figures and the rule's source.
 *
 * The home of the criteria for the rest of the code (services, CLI, store types): import them from here. One module
 * per criterion (`hours.ts`, `twaves.ts`, …) reads the year's records sorted once by `context.ts`; `review-year.ts`
 * puts them together.
 */
export * from './types.js';
export { countingYear, describeSource, duplicateCopies, hasDateError, isWeakReflection, relatesToPlan } from './records.js';
export type { ReviewOptions } from './context.js';
export { reviewYear } from './review-year.js';
