/**
 * The columns of one table in the mapping view (issue 11 §5): per column its heading, three sample values, the field
 * chosen (a labelled select of the record fields and "not mapped"; beside the hours, a select of the unit its values
 * are in), how and how sure the tool chose it and why. A column left unmapped that holds values is highlighted
 * (colour, icon and words): its values would only be kept in extras. A column whose choice differs from how the file
 * was read says so, and what it was read as, not the tool's old reason.
 */
import { el, FIELDS } from './fields.js';
import type { ColumnChoice, ColumnUnit, MappingColumn, MappingHow, MappingTable } from './mapping-types.js';

/** The units offered beside an hours column ('' : as the heading says, else hours). */
const UNITS: readonly [ColumnUnit | '', string][] = [
  ['', 'As the heading says (else hours)'],
  ['minutes', 'Minutes'],
  ['hours', 'Hours'],
  ['days', 'Days (at the hours per day)'],
  ['points', 'Points (1 h a point)'],
];

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
  /** Heading → field chosen (null: not mapped; `{ field: "hours", unit }` with a unit), for every column. */
  choices(): Record<string, ColumnChoice>;
  /** Heading → choice, only the columns whose choice differs from how the file was read. */
  changed(): Record<string, ColumnChoice>;
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
/** A field's name as the page shows it ("Start date"), or "not mapped". */
function fieldName(field: string | null): string {
  return field === null ? 'not mapped' : (FIELDS.find((f) => f.field === field)?.heading ?? field);
}

/** The select of units for an hours column, labelled by its column letter and heading. */
function unitSelect(id: string, c: MappingColumn): HTMLSelectElement {
  const sel = el('select', { id, name: `unit-${c.column}`, class: 'unit' }, ...UNITS.map(([v, words]) => el('option', { value: v }, words))) as HTMLSelectElement;
  sel.value = c.unit ?? '';
  return sel;
}

export function columnsPart(table: MappingTable, n: number, onChange: () => void): ColumnsPart {
  const rows = table.columns.map((c, i) => {
    const id = `map-${n}-${i}`;
    const sel = fieldSelect(id, c);
    const unit = unitSelect(`${id}-unit`, c);
    const unitBox = el('span', { class: 'unit-box' }, el('label', { for: unit.id, class: 'sr-only' }, `Unit of the hours in column ${c.column} “${c.heading}”`), unit);
    const how = el('td', { class: 'how' });
    const reason = el('td', { class: 'reason' });
    const tr = el(
      'tr',
      { 'data-heading': c.heading },
      el('th', { scope: 'row' }, el('span', { class: 'col-letter' }, c.column), ' ', c.heading),
      el('td', {}, c.samples.length === 0 ? el('span', { class: 'empty' }, 'no values') : el('ul', { class: 'samples' }, ...c.samples.map((s) => el('li', {}, s)))),
      el('td', {}, el('label', { for: id, class: 'sr-only' }, `Field for column ${c.column} “${c.heading}”`), sel, unitBox),
      how,
      reason,
    );
    return { c, sel, unit, unitBox, tr, how, reason };
  });
  /** The unit chosen for a row ('' when none or the field is not the hours). */
  const unitOf = (r: (typeof rows)[number]): ColumnUnit | undefined => (r.sel.value === 'hours' && r.unit.value !== '' ? (r.unit.value as ColumnUnit) : undefined);
  /** Draws a row's how, why and highlight from how it was read and what is chosen now. */
  const draw = (r: (typeof rows)[number]): void => {
    const chosen = r.sel.value === '' ? null : r.sel.value;
    const lost = chosen === null && r.c.samples.length > 0;
    const unit = unitOf(r);
    const changed = chosen !== r.c.field || (chosen === 'hours' && unit !== r.c.unit);
    r.unitBox.hidden = chosen !== 'hours';
    r.tr.className = [lost ? 'unmapped-content' : '', changed ? 'changed' : ''].filter((x) => x !== '').join(' ');
    r.how.replaceChildren(changed ? el('span', { class: 'choice' }, 'your choice') : howText(r.c));
    if (lost) r.how.append(el('span', { class: 'lost' }, el('span', { 'aria-hidden': 'true' }, ' ▲'), ' not mapped: its values are kept in extras only'));
    // A choice of the person's own says so; the tool's reason for the field it had chosen no longer applies.
    const was = `${fieldName(r.c.field)}${r.c.field === 'hours' && r.c.unit !== undefined ? ` in ${r.c.unit}` : ''}`;
    r.reason.replaceChildren(changed ? `Set by you to ${fieldName(chosen)}${unit !== undefined ? ` in ${unit}` : ''}; read before as ${was}` : (r.c.reason ?? ''));
  };
  for (const r of rows) {
    draw(r);
    for (const control of [r.sel, r.unit]) {
      control.addEventListener('change', () => {
        draw(r);
        onChange();
      });
    }
  }
  const captionText = `${table.table}${table.sheet !== undefined && !table.table.includes(table.sheet) ? `, sheet ${table.sheet}` : ''}${table.headerRow !== null ? ` — headings in row ${table.headerRow}` : ''}${table.kind === 'plan' ? ' (a plan)' : ''}`;
  const element = el(
    'table',
    { class: 'mapping' },
    el('caption', {}, `Columns of ${captionText}`),
    el('thead', {}, el('tr', {}, ...['Column', 'Sample values', 'Field', 'How and how sure', 'Why'].map((t) => el('th', { scope: 'col' }, t)))),
    el('tbody', {}, ...rows.map((r) => r.tr)),
  );
  const value = (r: (typeof rows)[number]): ColumnChoice => {
    const field = r.sel.value === '' ? null : r.sel.value;
    const unit = unitOf(r);
    return field === null || unit === undefined ? field : { field, unit };
  };
  const isChanged = (r: (typeof rows)[number]): boolean => (r.sel.value === '' ? null : r.sel.value) !== r.c.field || (r.sel.value === 'hours' && unitOf(r) !== r.c.unit);
  return {
    element,
    choices: () => Object.fromEntries(rows.map((r) => [r.c.heading, value(r)])),
    changed: () => Object.fromEntries(rows.filter(isChanged).map((r) => [r.c.heading, value(r)])),
  };
}
