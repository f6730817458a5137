/**
 * A confirmation that asks for a reason (issue 11 §4: withdrawing an import, marking a record as not a CPD
 * activity or counting it again): what will happen, a required reason, the confirming button and Cancel. Enter
 * confirms, Esc cancels; a refusal is shown beside the reason, which keeps focus.
 */
import { el } from './fields.js';

/** What the confirmation says and does. */
export interface ReasonFormSpec {
  /** Unique id prefix. */
  id: string;
  /** What confirming does, in words. */
  explain: string;
  /** The reason box's label. */
  label: string;
  /** The confirming button's text. */
  confirm: string;
  /** Does it with the reason typed (trimmed, not empty). @throws Error with the message to show */
  act: (reason: string) => Promise<void>;
  /** Called after Cancel or Esc (the opener gets focus back). */
  cancelled: () => void;
}

/** The confirmation form; focus goes to its reason box when it is in the page. */
export function reasonForm(spec: ReasonFormSpec): HTMLFormElement {
  const err = el('p', { class: 'msg-error', role: 'alert', id: `${spec.id}-error` });
  // Required, said by our own message (role=alert) rather than the browser's bubble: the form has novalidate.
  const reason = el('input', { type: 'text', id: `${spec.id}-reason`, required: true, 'aria-required': 'true', size: '40', autocomplete: 'off' }) as HTMLInputElement;
  const form = el(
    'form',
    { class: 'confirm panel', 'aria-label': spec.confirm, novalidate: true },
    el('p', {}, spec.explain),
    el('div', { class: 'field' }, el('label', { for: reason.id }, spec.label), reason),
    el('div', { class: 'actions row' }, el('button', { type: 'submit', class: 'primary danger' }, spec.confirm), el('button', { type: 'button', class: 'cancel' }, 'Cancel')),
    err,
  ) as HTMLFormElement;
  const cancel = (): void => {
    form.remove();
    spec.cancelled();
  };
  form.querySelector('.cancel')!.addEventListener('click', cancel);
  form.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      cancel();
    }
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    err.textContent = '';
    const why = reason.value.trim();
    const fail = (message: string): void => {
      err.textContent = message;
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-describedby', err.id);
      reason.focus();
    };
    if (why === '') return fail('A reason is required.');
    void spec.act(why).catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  });
  queueMicrotask(() => reason.focus());
  return form;
}
