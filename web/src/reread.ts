/**
 * "Apply and re-read" (issue 11 §2, §5): sends the corrected mapping (`PUT /imports/:id/mapping`), then follows the
 * new version's status (`GET /imports/:id`, polled) until it is read, and fetches its first records.
 */
import type { ApiCall, GridRecord } from './types.js';
import type { ImportInfo, MappingChange, RereadAnswer, SimilarImport } from './mapping-types.js';

/** How often the new version's status is asked for, ms. */
const POLL_MS = 600;

/** Records of the new version shown at once (the member's page has them all). */
const FIRST_RECORDS = 50;

/** The new version when read: the import, its first records (or the reason it failed), and the other imports read in the same shape. */
export interface RereadOutcome {
  imp: ImportInfo;
  records: GridRecord[];
  similar: SimilarImport[];
}

/**
 * Reads the import again with `change` and waits for the new version.
 * @param onStatus called with the new version's status and progress (0–100) each time it is asked for
 * @throws Error with the API's message when the change is refused (nothing changed)
 */
export async function applyAndReread(api: ApiCall, importId: string, change: MappingChange, onStatus: (imp: ImportInfo) => void, isCancelled: () => boolean = () => false): Promise<RereadOutcome> {
  const put = await api<RereadAnswer>('PUT', `/imports/${importId}/mapping`, change);
  const similar = put.similar ?? [];
  for (;;) {
    const imp = await api<ImportInfo>('GET', `/imports/${put.importId}`);
    onStatus(imp);
    if (imp.status === 'failed' || isCancelled()) return { imp, records: [], similar };
    if (imp.status === 'done') {
      const { records } = await api<{ records: GridRecord[] }>('GET', `/imports/${put.importId}/records?limit=${FIRST_RECORDS}`);
      return { imp, records, similar };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
