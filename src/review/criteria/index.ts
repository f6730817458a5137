/**
 * The annual review criteria (docs/domain/CPD.md §2): over a member's records for one calendar year and their
 * activity status, each criterion (hours, TWAVES spread, skill types, the plan, planned hours, UK-SPEC, reflection,
 * year placement) comes out met, not met or not assessable, with its figures and the rule's source.
 *
 * This is their home for the rest of the code (services, CLI, store types): import them from here. The
 * implementation is still `src/pipeline/review.ts`, kept there while the pipeline is being reworked by others;
 * it moves here, one module per criterion, without changing any importer.
 */
export * from '../../pipeline/review.js';
