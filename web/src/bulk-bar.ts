/**
 * Bulk fixes on the rows selected in the grid (issue 14 §4): set a field to one value, fill a field down from the
 * first selected row, or accept one kind of gap on all of them, with one reason; and "Undo last change". The API
 * applies all or nothing; a refusal names each record and why.
 */
import { bulk, lastChange, undoLast } from './changes.js';
import { el, FIELDS, fieldSpec, isOpen } from './fields.js';
import type { GridContext, GridRow } from './types.js';

/** The bar, and `refresh()` to call when the selection changes. */
export interface BulkBar {
  element: HTMLElement;
  refresh(): void;
  /** Undoes the last change (also Ctrl+Z in the grid). */
  undo(): Promise<void>;
}

/** Builds the bar; `selected()` gives the selected rows in the grid's order. */
export function bulkBar(ctx: GridContext, selected: () => GridRow[]): BulkBar {
  const count = el('span', { class: 'count', 'aria-live': 'polite' }, 'No rows selected');
  const action = el('select', { id: 'bulk-action' }, el('option', { value: 'set' }, 'Set a value on the selected rows'), el('option', { value: 'fillDown' }, 'Fill down from the first selected row'), el('option', { value: 'accept' }, 'Accept a gap on the selected rows')) as HTMLSelectElement;
  const field = el('select', { id: 'bulk-field' }, ...FIELDS.map((f) => el('option', { value: f.field }, f.heading))) as HTMLSelectElement;
  const value = el('input', { type: 'text', id: 'bulk-value', size: '18' }) as HTMLInputElement;
  const gap = el('select', { id: 'bulk-gap' }) as HTMLSelectElement;
  const reason = el('input', { type: 'text', id: 'bulk-reason', size: '26', required: true }) as HTMLInputElement;
  const err = el('p', { class: 'msg-error', role: 'alert', id: 'bulk-error' });
  const undoBtn = el('button', { type: 'button', id: 'undo', disabled: true }, 'Undo last change') as HTMLButtonElement;
  const fieldBox = el('div', { class: 'field' }, el('label', { for: 'bulk-field' }, 'Field'), field);
  const valueBox = el('div', { class: 'field' }, el('label', { for: 'bulk-value' }, 'New value'), value);
  const gapBox = el('div', { class: 'field', hidden: true }, el('label', { for: 'bulk-gap' }, 'Gap to accept'), gap);

  const refresh = (): void => {
    const rows = selected();
    count.textContent = rows.length === 0 ? 'No rows selected' : `${rows.length === 1 ? '1 row' : `${rows.length} rows`} selected`;
    const a = action.value;
    fieldBox.hidden = a === 'accept';
    valueBox.hidden = a !== 'set';
    gapBox.hidden = a !== 'accept';
    if (a === 'accept') {
      // The kinds of open gap among the selected rows, with how many rows have each.
      const kinds = new Map<string, { field: string | null; code: string; n: number }>();
      for (const r of rows) {
        const seen = new Set<string>();
        for (const g of r.gaps.filter(isOpen)) {
          const k = `${g.field ?? ''}|${g.code}`;
          if (seen.has(k)) continue;
          seen.add(k);
          const e = kinds.get(k) ?? { field: g.field, code: g.code, n: 0 };
          e.n += 1;
          kinds.set(k, e);
        }
      }
      const keep = gap.value;
      gap.replaceChildren(...[...kinds.entries()].map(([k, e]) => el('option', { value: k, selected: k === keep }, `${e.field === null ? 'record' : fieldSpec(e.field).heading}: ${e.code} (${e.n} of ${rows.length} rows)`)));
    }
    const u = lastChange();
    undoBtn.disabled = u === null;
    undoBtn.textContent = u === null ? 'Undo last change' : `Undo: ${u.what}`;
  };

  const undo = async (): Promise<void> => {
    err.textContent = '';
    try {
      const out = await undoLast(ctx.api);
      if (out === null) {
        ctx.announce('Nothing to undo.');
        return;
      }
      await ctx.changed(out.records, `Undone: ${out.what} (${out.records.length === 1 ? '1 record' : `${out.records.length} records`} back as before, audited). Criteria updated.`);
    } catch (e) {
      err.textContent = e instanceof Error ? e.message : String(e);
    }
    refresh();
  };
  undoBtn.addEventListener('click', () => void undo());
  action.addEventListener('change', refresh);

  const form = el(
    'form',
    { class: 'bulk row', 'aria-label': 'Bulk fix on the selected rows' },
    count,
    el('div', { class: 'field' }, el('label', { for: 'bulk-action' }, 'Bulk fix'), action),
    fieldBox,
    valueBox,
    gapBox,
    el('div', { class: 'field' }, el('label', { for: 'bulk-reason' }, 'Reason for all'), reason),
    el('button', { type: 'submit', class: 'primary' }, 'Apply to selected'),
    undoBtn,
    err,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const rows = selected();
    if (rows.length === 0) {
      err.textContent = 'select rows first (Space on a row, or its checkbox)';
      return;
    }
    const a = action.value as 'set' | 'fillDown' | 'accept';
    const [gField, gCode] = gap.value.split('|') as [string, string];
    const body = a === 'accept' ? { action: a, field: gField === '' ? null : gField, code: gCode, reason: reason.value } : a === 'set' ? { action: a, field: field.value, value: value.value, reason: reason.value } : { action: a, field: field.value, reason: reason.value };
    void (async () => {
      try {
        const out = await bulk(ctx.api, rows, body);
        const what = a === 'accept' ? `gap accepted on ${out.changed === 1 ? '1 record' : `${out.changed} records`}` : `${fieldSpec(field.value).heading} changed on ${out.changed === 1 ? '1 record' : `${out.changed} records`}${out.unchanged.length > 0 ? ` (${out.unchanged.length} already had that value)` : ''}`;
        reason.value = '';
        await ctx.changed(out.records, `Bulk fix: ${what}; one audit line each. Criteria updated.`);
      } catch (e) {
        const refused = (e as { refused?: { id: string; message: string }[] }).refused;
        const byId = new Map(rows.map((r) => [r.id, r.n]));
        err.textContent = refused === undefined ? (e instanceof Error ? e.message : String(e)) : `Nothing was changed. ${refused.map((x) => `Record ${byId.get(x.id) ?? x.id}: ${x.message}`).join('; ')}`;
      }
      refresh();
    })();
  });
  refresh();
  return { element: form, refresh, undo };
}
