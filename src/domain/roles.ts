/**
 * Service roles and member ids (issue 4 §4). Kept free of dependencies so the CLI can load it cheaply.
 */

/** Roles: member (own data), staff (upload for anyone, read all), reviewer (read all, correct), admin (all + users). */
export const ROLES = ['member', 'staff', 'reviewer', 'admin'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Member ids: 1–64 letters, digits, `.`, `_`, `-` (a membership number or similar). */
export const MEMBER_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
