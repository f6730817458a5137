/** The domain model: record, gaps, taxonomies, errors. Imports nothing else from `src/`. */
export * from './gap.js';
export * from './taxonomy.js';
export * from './record.js';
export * from './errors.js';
export * from './roles.js';
export * from './mapping.js';
