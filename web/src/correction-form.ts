/**
 * The reason asked for a value typed in a grid cell (issue 14 §4): the grid's own editor takes the value; this form
 * shows it again (editable: a refused value is corrected here), asks for the reason, and saves it through the API,
 * whose normalisers read it. Enter saves, Esc cancels; focus goes back to the cell either way. A correction that
 * would change another field as a consequence (issue 11 §6: a new activity name re-infers the TWAVES category) says
 * so first, and is saved with a second Enter (the API audits each field changed).
 */
import { correctOne, previewOne, type Consequence } from './changes.js';
import { el, fieldSpec, severityWord } from './fields.js';
import type { GridContext, GridRow } from './types.js';

/**
 * Shows the form in `holder` for `field` of `row` with `value` typed; `done` is called after saving or cancelling
 * (with the saved record's id, or null).
 */
export function openCorrection(holder: HTMLElement, ctx: GridContext, row: GridRow, field: string, value: string, done: (saved: boolean) => void): void {
  const spec = fieldSpec(field);
  const id = `fix-${row.id}-${field}`;
  const err = el('p', { class: 'msg-error', role: 'alert', id: `${id}-error` });
  // Filled with an alert (inserted whole, so it is read out) when the correction changes other fields.
  const also = el('div', { class: 'consequences', id: `${id}-also` });
  // The value and reason whose consequences were shown: saving them again confirms.
  let shown: string | null = null;
  const input = el('input', { type: 'text', id, name: 'value', size: '30' }) as HTMLInputElement;
  input.value = value;
  const reason = el('input', { type: 'text', id: `${id}-reason`, name: 'reason', required: true, size: '30' }) as HTMLInputElement;
  const close = (saved: boolean): void => {
    holder.replaceChildren();
    holder.hidden = true;
    done(saved);
  };
  const form = el(
    'form',
    { class: 'edit correction', 'aria-label': `Correct ${spec.heading.toLowerCase()} of record ${row.n}` },
    el('p', { class: 'hint' }, `Correct ${spec.heading.toLowerCase()} of record ${row.n} (${row.activityName ?? 'no name'}). The value is read as the import reads it; a reason is required.`),
    el('div', { class: 'field' }, el('label', { for: id }, `New ${spec.heading.toLowerCase()}`, spec.hint ? el('span', { class: 'hint' }, ` (${spec.hint})`) : null), input),
    el('div', { class: 'field' }, el('label', { for: reason.id }, 'Reason'), reason),
    also,
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary save' }, 'Save'), el('button', { type: 'button', class: 'cancel' }, 'Cancel')),
    err,
  );
  const save = form.querySelector<HTMLButtonElement>('.save')!;
  const unconfirm = (): void => {
    shown = null;
    also.replaceChildren();
    save.textContent = 'Save';
  };
  input.addEventListener('input', unconfirm);
  /** Shows the other fields the correction changes; the next submit saves them all. */
  const showConsequences = (list: Consequence[]): void => {
    shown = `${input.value}\u0000${reason.value}`;
    also.replaceChildren(
      el(
        'div',
        { role: 'alert' },
        el('p', {}, el('strong', {}, `Saving also changes ${list.length === 1 ? 'another field' : `${list.length} other fields`}:`)),
        el('ul', {}, ...list.map((q) => el('li', {}, q.message))),
        el('p', { class: 'hint' }, 'Press Save all to save them all (each is in the audit trail), or change the value.'),
      ),
    );
    save.textContent = 'Save all';
  };
  form.querySelector('.cancel')!.addEventListener('click', () => close(false));
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      close(false);
    }
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    err.textContent = '';
    input.removeAttribute('aria-invalid');
    void (async () => {
      try {
        if (shown !== `${input.value}\u0000${reason.value}`) {
          const seen = await previewOne(ctx.api, row, field, input.value, reason.value);
          if ((seen.consequences ?? []).length > 0) return showConsequences(seen.consequences!);
        }
        const out = await correctOne(ctx.api, row, field, input.value, reason.value);
        const problems = out.newProblems ?? [];
        const with_ = (out.consequences ?? []).map((q) => ` ${q.message}.`).join('');
        const said = `${spec.heading} of record ${row.n} corrected from ${out.change.old} to ${out.change.new}.${with_}${problems.length > 0 ? ` Saved, but the record now has ${problems.length === 1 ? 'a new problem' : `${problems.length} new problems`}: ${problems.map((g) => `${severityWord(g.severity)} — ${g.message}`).join('; ')}.` : ''} Criteria updated. Undo with Ctrl+Z or the Undo button.`;
        holder.replaceChildren();
        holder.hidden = true;
        await ctx.changed([out.record], said, problems.length > 0 ? { record: row, heading: spec.heading, problems } : undefined);
        done(true);
      } catch (e) {
        err.textContent = e instanceof Error ? e.message : String(e);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', err.id);
        input.focus();
      }
    })();
  });
  holder.replaceChildren(form);
  holder.hidden = false;
  reason.focus();
}
