/**
 * A small table of records as read (the mapping view's preview, and the records of a version read again): one row
 * per record, a column for each record field that any of them holds (hours with "h", dates ISO 8601), and the
 * record's gaps in words. Text from the file is only ever inserted as text.
 */
import { display, el, FIELDS, gapLine, isOpen } from './fields.js';
import type { ReadRecord } from './mapping-types.js';

/** A field's value of a record as text, or null. */
function valueOf(r: ReadRecord, field: string): string | null {
  return display((r as unknown as Record<string, unknown>)[field]);
}

/**
 * The table of `records` with `caption`; the fields none of them holds are left out (the caption says which).
 * @param id the table's id (for the page's links and tests)
 */
export function recordsTable(id: string, caption: string, records: readonly ReadRecord[]): HTMLElement {
  if (records.length === 0) return el('p', { class: 'empty', id }, `${caption}: no records.`);
  const shown = FIELDS.filter((f) => records.some((r) => valueOf(r, f.field) !== null));
  const left = FIELDS.filter((f) => !shown.includes(f)).map((f) => f.heading.toLowerCase());
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'records-read', id },
      el('caption', {}, caption, left.length > 0 ? el('span', { class: 'hint' }, ` (no ${left.join(', ')} in any)`) : null),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Row'), ...shown.map((f) => el('th', { scope: 'col', 'data-field': f.field }, f.heading)), el('th', { scope: 'col' }, 'Gaps'))),
      el(
        'tbody',
        {},
        ...records.map((r) =>
          el(
            'tr',
            { class: r.excluded ? 'excluded' : null },
            el('th', { scope: 'row' }, r.source.row !== undefined ? String(r.source.row) : r.source.line !== undefined ? `line ${r.source.line}` : '—'),
            ...shown.map((f) => {
              const v = valueOf(r, f.field);
              return el('td', { 'data-field': f.field }, v === null ? el('span', { class: 'empty' }, '—') : f.field === 'hours' ? `${v} h` : v);
            }),
            el('td', { class: 'gaps' }, r.gaps.some(isOpen) ? el('ul', {}, ...r.gaps.filter(isOpen).map((g) => el('li', {}, gapLine(g)))) : el('span', { class: 'empty' }, 'none')),
          ),
        ),
      ),
    ),
  );
}
