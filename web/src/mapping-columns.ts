/**
 * The columns of one table in the mapping view (issue 11 §5): per column its heading, three sample values, the field
 * chosen (a labelled select of the record fields and "not mapped"), how and how sure the tool chose it and why. A
 * column left unmapped that holds values is highlighted (colour, icon and words): its values would only be kept in
 * extras. A column whose choice differs from how the file was read says so.
 */
import { el, FIELDS } from './fields.js';
import type { MappingColumn, MappingHow, MappingTable } from './mapping-types.js';

/** The words for how a column's field was chosen. */
const HOW: Readonly<Record<MappingHow, string>> = {
  synonym: 'a known heading',
  fuzzy: 'a known heading, misspelt',
  words: "the heading's words",
  content: "the column's values",
  override: 'chosen by a person or a template',
  unmapped: 'nothing matched',
};

/** A table's columns as the view draws them, and the choices made in them. */
export interface ColumnsPart {
  element: HTMLElement;
  /** Heading → field chosen (null: not mapped), for every column. */
  choices(): Record<string, string | null>;
  /** Heading → field, only the columns whose choice differs from how the file was read. */
  changed(): Record<string, string | null>;
}

/** "the column's values · 80 % sure", or the how alone when no confidence is given (or nothing matched). */
function howText(c: MappingColumn): string {
  return `${HOW[c.how]}${c.confidence === undefined || c.how === 'unmapped' ? '' : ` · ${Math.round(c.confidence * 100)} % sure`}`;
}

/** The select of fields for a column, labelled by its column letter and heading. */
function fieldSelect(id: string, c: MappingColumn): HTMLSelectElement {
  const sel = el('select', { id, name: `field-${c.column}` }, el('option', { value: '' }, 'Not mapped (kept in extras)'), ...FIELDS.map((f) => el('option', { value: f.field }, f.heading))) as HTMLSelectElement;
  sel.value = c.field ?? '';
  return sel;
}

/**
 * Draws the columns of `table` (number `n` of the file, for unique ids).
 * @param onChange called when a choice changes (the preview is then out of date)
 */
export function columnsPart(table: MappingTable, n: number, onChange: () => void): ColumnsPart {
  const rows = table.columns.map((c, i) => {
    const id = `map-${n}-${i}`;
    const sel = fieldSelect(id, c);
    const how = el('td', { class: 'how' });
    const reason = el('td', { class: 'reason' });
    const tr = el(
      'tr',
      { 'data-heading': c.heading },
      el('th', { scope: 'row' }, el('span', { class: 'col-letter' }, c.column), ' ', c.heading),
      el('td', {}, c.samples.length === 0 ? el('span', { class: 'empty' }, 'no values') : el('ul', { class: 'samples' }, ...c.samples.map((s) => el('li', {}, s)))),
      el('td', {}, el('label', { for: id, class: 'sr-only' }, `Field for column ${c.column} “${c.heading}”`), sel),
      how,
      reason,
    );
    return { c, sel, tr, how, reason };
  });
  /** Draws a row's how, why and highlight from how it was read and what is chosen now. */
  const draw = (r: (typeof rows)[number]): void => {
    const chosen = r.sel.value === '' ? null : r.sel.value;
    const lost = chosen === null && r.c.samples.length > 0;
    const changed = chosen !== r.c.field;
    r.tr.className = [lost ? 'unmapped-content' : '', changed ? 'changed' : ''].filter((x) => x !== '').join(' ');
    r.how.replaceChildren(changed ? el('span', { class: 'choice' }, 'your choice') : howText(r.c));
    if (lost) r.how.append(el('span', { class: 'lost' }, el('span', { 'aria-hidden': 'true' }, ' ▲'), ' not mapped: its values are kept in extras only'));
    r.reason.replaceChildren(changed ? `read as ${r.c.field === null ? 'not mapped' : (FIELDS.find((f) => f.field === r.c.field)?.heading ?? r.c.field)}` : (r.c.reason ?? ''));
  };
  for (const r of rows) {
    draw(r);
    r.sel.addEventListener('change', () => {
      draw(r);
      onChange();
    });
  }
  const captionText = `${table.table}${table.sheet !== undefined && !table.table.includes(table.sheet) ? `, sheet ${table.sheet}` : ''}${table.headerRow !== null ? ` — headings in row ${table.headerRow}` : ''}${table.kind === 'plan' ? ' (a plan)' : ''}`;
  const element = el(
    'table',
    { class: 'mapping' },
    el('caption', {}, `Columns of ${captionText}`),
    el('thead', {}, el('tr', {}, ...['Column', 'Sample values', 'Field', 'How and how sure', 'Why'].map((t) => el('th', { scope: 'col' }, t)))),
    el('tbody', {}, ...rows.map((r) => r.tr)),
  );
  const value = (r: (typeof rows)[number]): string | null => (r.sel.value === '' ? null : r.sel.value);
  return {
    element,
    choices: () => Object.fromEntries(rows.map((r) => [r.c.heading, value(r)])),
    changed: () => Object.fromEntries(rows.filter((r) => value(r) !== r.c.field).map((r) => [r.c.heading, value(r)])),
  };
}
