/**
 * The OpenAPI paths of the mapping step (issue 11): withdrawing an import; and the request bodies of those routes,
 * which the handlers validate with the same schemas.
 */
import { z } from 'zod';
import type { PathRegistry } from './openapi-paths.js';

/** `DELETE /imports/:id` body (optional): why the import is withdrawn. */
export const WithdrawBodySchema = z.object({ reason: z.string().trim().max(1000).optional() }).strict();

/**
 * Adds the mapping-step routes to the OpenAPI document (`GET /openapi.json`).
 * @param h the bearer-key security requirement; `json`, `err`, `common` build responses as in openapi.ts; the import schema
 */
export function registerMappingPaths(
  r: PathRegistry,
  h: { security: Record<string, string[]>[]; json: (schema: z.ZodType, description: string) => unknown; err: (description: string) => unknown; common: Record<number, unknown>; importSchema: z.ZodType },
): void {
  const { security, json, err, common } = h;
  const idParam = z.object({ id: z.string() });
  r.registerPath({
    method: 'delete',
    path: '/imports/{id}',
    summary: 'Withdraw an import (a member their own; staff and admins any): kept, marked withdrawn, its records count nowhere',
    description:
      'The import, its file and its records are kept (`GET /imports/{id}` shows `withdrawn: { at, by, reason }`); its records leave the member\'s records and year, the review criteria and the exports. ' +
      'An audit line names who withdrew it and why. Withdrawing it again changes nothing. The same file may then be uploaded again as a new import.',
    security,
    request: { params: idParam, body: { required: false, content: { 'application/json': { schema: WithdrawBodySchema } } } },
    responses: { 200: json(h.importSchema, 'the import, withdrawn'), 400: err('a malformed body'), ...common, 404: err('no such import') },
  });
}
