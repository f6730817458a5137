/**
 * After a mapping is applied (found trying the mapping step: the other exports of the same system stayed as read):
 * the other current imports read in the same shape (the PUT answer's `similar`: a member's own, everyone's for
 * staff), each with a box, and "Re-read the ticked imports with this mapping" (`POST
 * /imports/:id/mapping/apply-to-similar` with the new version's id). What was queued and what was skipped (and why)
 * is said in a status line.
 */
import { el } from './fields.js';
import type { SimilarImport, SimilarRereads } from './mapping-types.js';
import type { ApiCall } from './types.js';

/**
 * The list and its button.
 * @param versionId the new version the mapping was applied to
 */
export function similarPart(api: ApiCall, versionId: string, similar: readonly SimilarImport[]): HTMLElement {
  const status = el('p', { id: 'similar-status', role: 'status' });
  const boxes = similar.map((s, i) => {
    const box = el('input', { type: 'checkbox', id: `similar-${i}`, value: s.importId, checked: true }) as HTMLInputElement;
    return { s, box };
  });
  const button = el('button', { type: 'button', id: 'apply-similar' }, 'Re-read the ticked imports with this mapping') as HTMLButtonElement;
  button.addEventListener('click', () => {
    const importIds = boxes.filter((b) => b.box.checked).map((b) => b.s.importId);
    if (importIds.length === 0) {
      status.textContent = 'Tick the imports to read again.';
      return;
    }
    button.disabled = true;
    status.textContent = `Queuing ${importIds.length} ${importIds.length === 1 ? 'import' : 'imports'} to be read again…`;
    void api<SimilarRereads>('POST', `/imports/${versionId}/mapping/apply-to-similar`, { importIds }).then((out) => {
      const skipped = out.skipped.map((k) => `${similar.find((s) => s.importId === k.importId)?.file ?? k.importId}: ${k.message}`);
      status.textContent = `${out.rereads.length} ${out.rereads.length === 1 ? 'import is' : 'imports are'} being read again as new versions; the list of imports shows their progress.${skipped.length > 0 ? ` Not read again: ${skipped.join('; ')}.` : ''}`;
      for (const b of boxes) if (out.rereads.some((r) => r.supersedes === b.s.importId)) b.box.disabled = true;
    }, (e: unknown) => {
      button.disabled = false;
      status.textContent = `Nothing was read again: ${e instanceof Error ? e.message : String(e)}`;
    });
  });
  return el(
    'section',
    { class: 'similar', 'aria-labelledby': 'similar-title' },
    el('h3', { id: 'similar-title' }, `${similar.length} other ${similar.length === 1 ? 'import was' : 'imports were'} read in the same shape`),
    el('p', { class: 'hint' }, 'They have a table with the same headings. Read again with this mapping, each becomes a new version, as this one did.'),
    el('ul', { class: 'similar-list' }, ...boxes.map(({ s, box }) => el('li', {}, box, ' ', el('label', { for: box.id }, `${s.file} — member ${s.memberId}, uploaded ${s.createdAt.slice(0, 10)}`)))),
    el('div', { class: 'row actions' }, button),
    status,
  );
}
