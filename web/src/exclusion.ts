/**
 * Marking a record as not a CPD activity, and counting it again (issue 11 §4), in a record's details: the record is
 * kept and shown (struck through in the grid), counts nowhere, and either way the reason is required and audited
 * (`PATCH /records/:id` with `{ excluded, reason }`).
 */
import { el } from './fields.js';
import { reasonForm } from './reason-form.js';
import type { ApiCall, GridRecord, GridRow } from './types.js';

/** "5 Dec 2026" from an ISO 8601 date-time. */
function day(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/**
 * The exclusion part of a record's details: its state, and the button that opens the confirmation.
 * @param changed called with the record as the API answered and a message to announce
 */
export function exclusionPart(api: ApiCall, row: GridRow, changed: (record: GridRecord, message: string) => Promise<void>): HTMLElement {
  const ex = row.excluded;
  const holder = el('div', { class: 'exclusion' });
  const opener = el('button', { type: 'button' }, ex ? 'Count it again…' : 'Mark as not a CPD activity…') as HTMLButtonElement;
  opener.addEventListener('click', () => {
    opener.hidden = true;
    const form = reasonForm({
      id: `ex-${row.id}`,
      explain: ex
        ? `Record #${row.n} counts again in the member's year and review criteria.`
        : `Record #${row.n} (${row.activityName ?? 'no name'}) is kept and shown struck through, but counts nowhere: not in the member's year, the review criteria or the exports. It can be counted again.`,
      label: ex ? 'Why does it count again?' : 'Why is this not a CPD activity?',
      confirm: ex ? 'Count record again' : 'Exclude record',
      act: async (reason) => {
        const out = await api<{ record: GridRecord }>('PATCH', `/records/${row.id}`, { excluded: !ex, reason });
        await changed(out.record, ex ? `Record #${row.n} counts again; criteria updated.` : `Record #${row.n} marked as not a CPD activity: it counts nowhere; criteria updated.`);
      },
      cancelled: () => {
        opener.hidden = false;
        opener.focus();
      },
    });
    holder.append(form);
  });
  if (ex) holder.append(el('p', { class: 'excluded-note' }, el('strong', {}, 'Not a CPD activity'), ` — excluded by ${ex.by} on ${day(ex.at)}: ${ex.reason}. It counts nowhere.`));
  holder.append(el('p', {}, opener));
  return holder;
}
