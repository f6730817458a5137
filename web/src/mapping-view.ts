/**
 * The mapping view of an import (issue 11 §5), at `#/imports/<id>/mapping` of the review page: how the file was
 * read — each table's columns with their sample values, the field chosen (a select), how and how sure and why,
 * unmapped columns holding values highlighted (mapping-columns.ts) — the date order and hours per day, a preview of
 * the first records as a proposed mapping reads them (`POST /imports/:id/mapping/preview`, nothing saved), "Apply and
 * re-read" with the new version's progress and then its records (reread.ts) and the other imports read in the same
 * shape, to read again with the same mapping (similar-part.ts), a "remember for files like this" box (staff,
 * reviewers and admins), and withdrawing the import with a confirmation and a reason.
 *
 * Every control has a label; the order of focus is the order on screen (columns top to bottom, then the options,
 * then the buttons); preview and progress are announced by their status lines (role="status").
 */
import { el } from './fields.js';
import { columnsPart, type ColumnsPart } from './mapping-columns.js';
import type { ColumnChoice, ImportInfo, ImportMapping, MappingChange, MappingContext, MappingPreview, ReadingUsed } from './mapping-types.js';
import { reasonForm } from './reason-form.js';
import { recordsTable } from './records-table.js';
import { applyAndReread } from './reread.js';
import { similarPart } from './similar-part.js';

export type { ImportInfo, MappingContext } from './mapping-types.js';
/** The confirmation with a required reason, and a record's exclusion part (for the review page's record details). */
export { reasonForm } from './reason-form.js';
export { exclusionPart } from './exclusion.js';

/** The date orders offered, with what they mean. */
const DATE_ORDERS: readonly [ReadingUsed['dateOrder'], string][] = [
  ['auto', 'As the file shows it (decided from its dates)'],
  ['dmy', 'Day first (03/04/2024 is 3 April 2024)'],
  ['mdy', 'Month first (03/04/2024 is 4 March 2024)'],
];

/** The notes about the file a person needs here: the template it was read with, the version it re-reads. */
function fileNotes(imp: ImportInfo, mapping: ImportMapping | null): HTMLElement[] {
  const notes = imp.fileGaps.filter((g) => g.code === 'template' || g.code === 'unmapped' || g.code === 'review_not_carried').map((g) => el('p', { class: `file-note ${g.severity}` }, `${g.severity === 'warning' ? '▲ Warning' : '● Note'}: ${g.message}`));
  if (mapping?.supersedes) notes.push(el('p', { class: 'hint' }, 'This version re-reads an earlier one with a corrected mapping.'));
  return notes;
}

/** Why the mapping cannot be changed here now, or null when it can. */
function notChangeable(imp: ImportInfo, mapping: ImportMapping | null): HTMLElement | null {
  if (imp.withdrawn) return el('p', { class: 'notice' }, `Withdrawn${imp.withdrawn.by ? ` by ${imp.withdrawn.by.name ?? imp.withdrawn.by.role}` : ''}${imp.withdrawn.reason ? `: ${imp.withdrawn.reason}` : ''}. Its records count nowhere; upload the file again to read it anew.`);
  if (imp.status !== 'done') return el('p', { class: 'hint' }, imp.status === 'failed' ? `The file could not be read: ${imp.error?.message ?? ''}` : `The file is ${imp.status}; its mapping is shown when it is read.`);
  if (mapping?.supersededBy) return el('p', { class: 'notice' }, 'A later version replaces this one. ', el('a', { href: `#/imports/${mapping.supersededBy}/mapping` }, 'Open the mapping of the later version'));
  return null;
}

/**
 * Draws the mapping view of `ctx.importId` into `host`.
 * @throws Error with the API's message when the import cannot be read
 */
export async function mountMappingView(host: HTMLElement, ctx: MappingContext): Promise<void> {
  const { api } = ctx;
  const imp = await api<ImportInfo>('GET', `/imports/${ctx.importId}`);
  const mapping = imp.status === 'done' && !imp.withdrawn ? await api<ImportMapping>('GET', `/imports/${ctx.importId}/mapping`) : null;
  const title = el('h1', {}, `Mapping of ${imp.file}`);
  const head = [el('p', {}, el('a', { href: '#/' }, '← All imports')), title, el('p', {}, `Member ${imp.memberId} · ${imp.summary ? `${imp.summary.records} records read` : imp.status}`), ...fileNotes(imp, mapping)];
  const blocked = notChangeable(imp, mapping);
  // Withdrawing is for the member who uploaded and for staff and admins (reviewers judge, they do not take uploads back).
  const mayWithdraw = imp.withdrawn === undefined && ctx.role !== 'reviewer';
  host.replaceChildren(...head, ...(blocked ? [blocked] : []), ...(mayWithdraw ? [withdrawPart(ctx, imp)] : []));
  if (blocked !== null || mapping === null) return;
  host.append(mappingForm(ctx, imp, mapping));
}

/** The withdraw button and its confirmation (a reason required). */
function withdrawPart(ctx: MappingContext, imp: ImportInfo): HTMLElement {
  const holder = el('div', { class: 'withdraw' });
  const opener = el('button', { type: 'button', id: 'withdraw-open' }, 'Withdraw this import…') as HTMLButtonElement;
  opener.addEventListener('click', () => {
    opener.hidden = true;
    holder.append(
      reasonForm({
        id: 'withdraw',
        explain: `Withdrawing keeps ${imp.file} and its records, but they no longer count: not in member ${imp.memberId}'s year, the review criteria or the exports. The same file may be uploaded again.`,
        label: 'Why is this import withdrawn?',
        confirm: 'Withdraw import',
        act: async (reason) => {
          ctx.withdrawn(await ctx.api<ImportInfo>('DELETE', `/imports/${imp.importId}`, { reason }));
        },
        cancelled: () => {
          opener.hidden = false;
          opener.focus();
        },
      }),
    );
  });
  holder.append(opener);
  return holder;
}

/** The columns, options, remember box, Preview and Apply, and where their results show. */
function mappingForm(ctx: MappingContext, imp: ImportInfo, mapping: ImportMapping): HTMLElement {
  const used: ReadingUsed = mapping.options ?? { dateOrder: 'auto', hoursPerDay: 7.5, timeZone: 'Europe/London', columns: {}, templates: [] };
  const previewStatus = el('p', { id: 'preview-status', role: 'status' }, 'Choose the fields, then Preview to see the first records as they would read. Nothing is saved until you apply.');
  const previewHolder = el('div', { id: 'preview-holder' });
  const stale = (): void => {
    if (previewHolder.childElementCount > 0) previewStatus.textContent = 'The choices changed since this preview: Preview again to see them.';
  };
  const parts: ColumnsPart[] = [];
  const tables = mapping.tables.map((t, n) => {
    if (t.kind === 'blocks') return el('p', { class: 'hint' }, `${t.table}: activities read as labelled blocks (${t.columns.map((c) => c.heading).join(', ')}); their labels cannot be given fields here.`);
    const part = columnsPart(t, n, stale);
    parts.push(part);
    return part.element;
  });
  const dateOrder = el('select', { id: 'date-order' }, ...DATE_ORDERS.map(([v, words]) => el('option', { value: v }, words))) as HTMLSelectElement;
  dateOrder.value = used.dateOrder;
  const hours = el('input', { type: 'number', id: 'hours-per-day', min: '0.25', max: '24', step: '0.25', value: String(used.hoursPerDay), 'aria-describedby': 'hours-per-day-hint' }) as HTMLInputElement;
  dateOrder.addEventListener('change', stale);
  hours.addEventListener('input', stale);
  const canRemember = ctx.role !== 'member';
  const remember = el('input', { type: 'checkbox', id: 'remember' }) as HTMLInputElement;
  const formError = el('p', { class: 'msg-error', role: 'alert', id: 'mapping-error' });

  /** The change as chosen: the columns changed (all of them when remembered: the person confirmed the whole mapping), options changed. */
  const change = (): MappingChange => {
    const keep = canRemember && remember.checked;
    const out: MappingChange = { columns: Object.assign({}, ...parts.map((p) => (keep ? p.choices() : p.changed()))) as Record<string, ColumnChoice> };
    if (dateOrder.value !== used.dateOrder) out.dateOrder = dateOrder.value as ReadingUsed['dateOrder'];
    const h = hours.valueAsNumber;
    if (hours.value !== '' && h !== used.hoursPerDay) out.hoursPerDay = h;
    if (keep) out.remember = true;
    return out;
  };
  const fail = (e: unknown): void => {
    formError.textContent = e instanceof Error ? e.message : String(e);
  };

  const previewButton = el('button', { type: 'button', id: 'preview' }, 'Preview') as HTMLButtonElement;
  previewButton.addEventListener('click', () => {
    formError.textContent = '';
    previewStatus.textContent = 'Reading the first records with these choices…';
    void ctx.api<MappingPreview>('POST', `/imports/${imp.importId}/mapping/preview`, { ...change(), remember: undefined }).then((p) => {
      previewHolder.replaceChildren(recordsTable('preview-records', `The first ${p.records.length} of ${p.total} records as they would read`, p.records));
      previewStatus.textContent = `Preview: ${p.total} ${p.total === 1 ? 'record' : 'records'} would be read; the first ${p.records.length} are shown below. Nothing is saved yet.`;
    }, (e: unknown) => {
      previewStatus.textContent = 'No preview.';
      fail(e);
    });
  });

  const progress = el('progress', { id: 'reread-progress', max: '100', value: '0' }) as HTMLProgressElement;
  const progressBox = el('div', { class: 'field', hidden: true }, el('label', { for: 'reread-progress' }, 'Reading the file again'), progress);
  const rereadStatus = el('p', { id: 'reread-status', role: 'status' });
  const resultHolder = el('div', { id: 'reread-holder' });
  const apply = el('button', { type: 'submit', class: 'primary', id: 'apply' }, 'Apply and re-read') as HTMLButtonElement;
  // Shown once applied; its status line is in the page from the start, so that what it says is read out.
  const rereadHeading = el('h2', { id: 'reread-title', hidden: true }, 'Read again');
  const rereadSection = el('section', { 'aria-labelledby': 'reread-title' }, rereadHeading, progressBox, rereadStatus, resultHolder);

  const form = el(
    'form',
    { id: 'mapping-form', 'aria-labelledby': 'mapping-title' },
    el('h2', { id: 'mapping-title' }, 'Columns and the fields they go to'),
    el('p', { class: 'hint' }, 'Each column of the file, three of its values, and the record field it goes to. Columns not mapped keep their values in extras only; those holding values are marked ▲.'),
    ...tables,
    el(
      'fieldset',
      { class: 'row options' },
      el('legend', {}, 'Reading options'),
      el('div', { class: 'field' }, el('label', { for: 'date-order' }, 'Date order'), dateOrder),
      el('div', { class: 'field' }, el('label', { for: 'hours-per-day' }, 'Hours per day'), hours, el('span', { class: 'hint', id: 'hours-per-day-hint' }, 'decimal hours counted for each day of an activity the file gives in days')),
    ),
    canRemember
      ? el('p', { class: 'remember' }, remember, ' ', el('label', { for: 'remember' }, 'Remember for files like this'), el('span', { class: 'hint' }, ' — later files with these headings (CSV, XLSX or any other format), from any member, are then read with this mapping'))
      : el('p', { class: 'hint' }, "Staff remember mappings for everyone's files with these headings; your correction applies to this import."),
    el('div', { class: 'row actions' }, previewButton, apply),
    formError,
    el('section', { 'aria-labelledby': 'preview-title', class: 'preview' }, el('h2', { id: 'preview-title' }, 'Preview'), previewStatus, previewHolder),
    rereadSection,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    formError.textContent = '';
    if (!hours.checkValidity()) return fail(new Error('Hours per day: a number of hours from 0.25 to 24, e.g. 7.5.'));
    apply.disabled = true;
    rereadHeading.hidden = false;
    progressBox.hidden = false;
    rereadStatus.textContent = 'Sending the mapping…';
    let said = '';
    const sent = change();
    void applyAndReread(ctx.api, imp.importId, sent, (v) => {
      progress.value = v.progress;
      const now = v.status === 'queued' ? 'Queued to be read again…' : v.status === 'processing' ? `Reading the file again: ${v.progress} %` : '';
      // Said once per step (a status line read out every poll would drown the rest).
      if (now !== '' && now.split(':')[0] !== said.split(':')[0]) rereadStatus.textContent = now;
      said = now === '' ? said : now;
    }).then(({ imp: v, records, similar }) => {
      progressBox.hidden = true;
      if (v.status === 'failed') {
        apply.disabled = false;
        rereadStatus.textContent = `The new version could not be read: ${v.error?.message ?? 'unknown error'}. The old version still counts.`;
        return;
      }
      const n = v.summary?.records ?? records.length;
      rereadStatus.textContent = `Read again: ${n} ${n === 1 ? 'record' : 'records'}. The new version replaces the old one in member ${v.memberId}'s records${sent.remember ? '; the mapping is remembered for files like this' : ''}.`;
      resultHolder.replaceChildren(
        recordsTable('reread-records', `Records of the new version${records.length < n ? ` (the first ${records.length})` : ''}`, records),
        el('p', {}, el('a', { href: `#/members/${encodeURIComponent(v.memberId)}` }, `Open member ${v.memberId}'s records`), ' · ', el('a', { href: `#/imports/${v.importId}/mapping` }, 'Mapping of the new version')),
        ...(similar.length > 0 ? [similarPart(ctx.api, v.importId, similar)] : []),
      );
    }, (e: unknown) => {
      apply.disabled = false;
      progressBox.hidden = true;
      rereadStatus.textContent = 'Nothing was changed.';
      fail(e);
    });
  });
  return form;
}
