/**
 * The records grid of the review page (issue 14), on AG Grid Community (MIT; virtual rows and columns, keyboard
 * navigation and the ARIA grid roles built in). One row per record of the member's year: the record column pinned
 * left, the gap marks and colours of the rest of the page, long texts clipped to one line and shown whole with the
 * cell's gaps when the cell has focus or the pointer; editing in place (the grid's own editors; the API's normalisers
 * read the value and a reason is asked), bulk fixes on selected rows and undo (bulk-bar.ts); at narrow widths
 * fewer columns, and a column chooser.
 *
 * Keyboard: arrows move between cells; Enter or F2 edits a cell (Enter on the record column opens its details);
 * Space selects a row; Ctrl+Z undoes the last change; Tab leaves the grid.
 */
import {
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  createGrid,
  ExternalFilterModule,
  LargeTextEditorModule,
  ModuleRegistry,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  CellStyleModule,
  ScrollApiModule,
  RenderApiModule,
  TextEditorModule,
  themeQuartz,
  type CellClassParams,
  type ColDef,
  type GridApi,
  type ICellRendererParams,
  type ValueGetterParams,
} from 'ag-grid-community';
import { bulkBar } from './bulk-bar.js';
import { openCorrection } from './correction-form.js';
import { display, el, FIELDS, fieldSpec, gapLine, isOpen, markerText, where, worst } from './fields.js';
import type { Gap, GridContext, GridRecord, GridRow, RecordsGrid } from './types.js';

export type { GridContext, GridRecord, RecordsGrid } from './types.js';
/** Where in its file a record came from (also used by the page's record details). */
export { where } from './fields.js';

ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  RenderApiModule,
  RowSelectionModule,
  RowStyleModule,
  CellStyleModule,
  ExternalFilterModule,
  TextEditorModule,
  LargeTextEditorModule,
]);

/** Widths (px) of the short columns, sized to the values their field takes (e.g. "2024-03-03", "technical-personal" clipped). */
const WIDTHS: Readonly<Record<string, number>> = { status: 90, activityType: 92, twaves: 68, startDate: 108, endDate: 108, targetDate: 108, hours: 66, skillType: 108, ukSpec: 76 };

/** Widths below which the grid starts with the narrow set of columns. */
const NARROW_PX = 1000;

/** The gaps of a record on one field (`null`: the record's own), reflection findings included as the API gives them. */
function gapsOf(r: GridRecord, field: string | null): Gap[] {
  const shown = new Set(FIELDS.map((f) => f.field as string));
  return r.gaps.filter((g) => (field === null ? g.field === null || !shown.has(g.field) : g.field === field));
}

/** True when the record has an error or warning not accepted or corrected. */
export function needsLook(r: GridRecord): boolean {
  return r.gaps.some(isOpen);
}

/** A cell's text for editing and copying: the value, or the unread source text, or "". */
function cellText(r: GridRecord, field: string): string {
  const v = display((r as unknown as Record<string, unknown>)[field]);
  return v ?? r.raw?.[field] ?? '';
}

/** Draws a field's cell: the value (hours with "h"), "—" when empty, unread source text struck through; the gap mark. */
function fieldCell(p: ICellRendererParams<GridRow>): HTMLElement {
  const r = p.data!;
  const f = p.colDef!.field!;
  const v = display((r as unknown as Record<string, unknown>)[f]);
  const gaps = gapsOf(r, f);
  const raw = r.raw?.[f];
  const value =
    v !== null ? el('span', { class: 'value' }, f === 'hours' ? `${v} h` : v)
    : typeof raw === 'string' && raw !== '' ? el('span', { class: 'unread' }, el('span', { class: 'sr-only' }, 'not read from the text: '), el('s', {}, raw))
    : el('span', { class: 'empty' }, '—', el('span', { class: 'sr-only' }, 'empty'));
  return el('span', { class: 'cell' }, gaps.length > 0 ? el('span', { class: `gap-marker ${worst(gaps)}`, 'aria-hidden': 'true' }, markerText(gaps)) : null, value, gaps.length > 0 ? el('span', { class: 'sr-only' }, `; ${gaps.map(gapLine).join('; ')}`) : null);
}

/** Draws the record column: "#n", the record's own gap mark, the file's row. */
function recordCell(p: ICellRendererParams<GridRow>): HTMLElement {
  const r = p.data!;
  const gaps = gapsOf(r, null);
  const loc = where(r.source);
  return el(
    'span',
    { class: 'cell' },
    el('span', { class: 'recno' }, `#${r.n}`),
    gaps.length > 0 ? el('span', { class: `gap-marker ${worst(gaps)}`, 'aria-hidden': 'true' }, markerText(gaps)) : null,
    el('span', { class: 'ref', title: `${r.source.file}${loc === '' ? '' : ` — ${loc}`}` }, r.source.row !== undefined ? `row ${r.source.row}` : r.source.line !== undefined ? `line ${r.source.line}` : loc === '' ? r.source.file : loc),
    r.excluded ? el('span', { class: 'ref' }, 'excluded') : null,
    el('span', { class: 'sr-only' }, `${gaps.length > 0 ? `; ${gaps.map(gapLine).join('; ')}` : ''}; Enter for details`),
  );
}

/** The cell's class: gap-error, gap-warning or gap-info by its worst gap; `long` for clipped texts. */
function cellClass(field: string | null, kind: string) {
  return (p: CellClassParams<GridRow>): string[] => {
    const gaps = p.data ? gapsOf(p.data, field) : [];
    return [gaps.length > 0 ? `gap-${worst(gaps)}` : '', kind === 'long' ? 'long' : '', kind === 'num' || kind === 'date' ? 'right' : ''].filter((c) => c !== '');
  };
}

/**
 * Mounts the grid, its toolbar (records shown, "only records with errors or warnings", columns, bulk fixes, undo),
 * the correction form and the focus tip into `host`.
 */
export function mountRecordsGrid(host: HTMLElement, ctx: GridContext): RecordsGrid {
  let n = 0;
  const toRow = (r: GridRecord): GridRow => ({ ...r, n: ++n });
  const rowsById = new Map<string, GridRow>();
  let onlyGaps = false;
  const narrow = host.getBoundingClientRect().width < NARROW_PX;

  const columns: ColDef<GridRow>[] = [
    {
      colId: 'record',
      headerName: 'Record (source)',
      pinned: 'left',
      lockPinned: true,
      width: 112,
      cellRenderer: recordCell,
      cellClass: cellClass(null, 'short'),
      valueGetter: (p: ValueGetterParams<GridRow>) => `#${p.data?.n ?? ''}`,
      sortable: false,
    },
    ...FIELDS.map(
      (f): ColDef<GridRow> => ({
        field: f.field as ColDef<GridRow>['field'],
        colId: f.field,
        headerName: f.heading,
        hide: narrow && !f.narrow,
        editable: ctx.canEdit,
        cellEditor: f.kind === 'long' && f.field !== 'activityName' ? 'agLargeTextCellEditor' : 'agTextCellEditor',
        cellEditorPopup: f.kind === 'long' && f.field !== 'activityName',
        cellEditorParams: f.kind === 'long' ? { maxLength: 20000, rows: 6, cols: 50 } : undefined,
        valueGetter: (p: ValueGetterParams<GridRow>) => (p.data ? cellText(p.data, f.field) : ''),
        cellRenderer: fieldCell,
        cellClass: cellClass(f.field, f.kind),
        sortable: false,
        // Short values sized to their content; long texts share what is left, clipped to one line.
        ...(f.kind === 'long' ? { flex: f.field === 'reflection' || f.field === 'activityName' ? 2 : 1, minWidth: 80 } : { width: WIDTHS[f.field] ?? 90 }),
      }),
    ),
  ];

  const tip = el('div', { class: 'grid-tip', role: 'tooltip', id: 'grid-tip', hidden: true });
  const fix = el('div', { class: 'correction-holder', hidden: true });
  const gridBox = el('div', { class: 'records-grid', id: 'records' });
  // Set once the grid exists (the bulk bar is built before it).
  const made: { api?: GridApi<GridRow> } = {};

  const selected = (): GridRow[] => (made.api === undefined ? [] : made.api.getSelectedNodes()).sort((a, b) => (a.rowIndex ?? 0) - (b.rowIndex ?? 0)).map((x) => x.data!).filter((x) => x !== undefined);
  const bar = ctx.canEdit ? bulkBar(ctx, selected) : null;

  const hideTip = (): void => {
    tip.hidden = true;
  };
  /** Shows the focused (or hovered) cell's whole text and its gaps beside it. */
  const showTip = (cellEl: Element | null, row: GridRow | undefined, field: string | null): void => {
    if (!cellEl || !row) return hideTip();
    const gaps = gapsOf(row, field);
    const spec = field === null ? null : fieldSpec(field);
    const text = field === null ? null : cellText(row, field);
    const long = spec !== null && spec.kind === 'long' && text !== null && text !== '';
    const cells = field === null ? null : row.source.cells?.[field];
    if (gaps.length === 0 && !long && !cells) return hideTip();
    tip.replaceChildren(
      ...[
        el('p', { class: 'tip-title' }, `${spec?.heading ?? 'Record'} of record ${row.n}${cells ? ` — from ${cells}` : ''}`),
        long ? el('p', { class: 'whole' }, text) : null,
        gaps.length > 0 ? el('ul', {}, ...gaps.map((g) => el('li', {}, gapLine(g)))) : null,
      ].filter((x) => x !== null),
    );
    tip.hidden = false;
    const box = cellEl.getBoundingClientRect();
    const hostBox = host.getBoundingClientRect();
    const left = Math.min(box.left - hostBox.left, Math.max(0, hostBox.width - 420));
    tip.style.left = `${Math.max(0, left)}px`;
    tip.style.top = `${box.bottom - hostBox.top + 2}px`;
  };

  const api = createGrid<GridRow>(gridBox, {
    theme: themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 6, cellHorizontalPaddingScale: 0.6, wrapperBorderRadius: 4 }),
    styleNonce: ctx.styleNonce,
    columnDefs: columns,
    defaultColDef: { resizable: true, suppressHeaderMenuButton: true, suppressMovable: true },
    rowData: [],
    getRowId: (p) => p.data.id,
    rowHeight: 36,
    readOnlyEdit: true,
    singleClickEdit: false,
    stopEditingWhenCellsLoseFocus: true,
    rowSelection: ctx.canEdit ? { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false, enableSelectionWithoutKeys: true } : undefined,
    selectionColumnDef: { pinned: 'left', width: 40 },
    rowClassRules: { 'needs-look': (p) => (p.data ? needsLook(p.data) : false), excluded: (p) => p.data?.excluded !== undefined },
    isExternalFilterPresent: () => onlyGaps,
    doesExternalFilterPass: (node) => (node.data ? needsLook(node.data) : true),
    // Tab leaves the grid (arrows move inside it): one tab stop for the whole grid.
    tabToNextCell: () => false,
    onSelectionChanged: () => bar?.refresh(),
    onCellEditRequest: (e) => {
      const field = e.colDef.field!;
      const row = e.data;
      const typed = e.newValue === null || e.newValue === undefined ? '' : String(e.newValue);
      if (typed === cellText(row, field)) return;
      openCorrection(fix, ctx, row, field, typed, (saved) => {
        if (!saved) ctx.announce('Correction cancelled; nothing changed.');
        grid.focusRecord(row.id, field);
      });
    },
    onCellKeyDown: (e) => {
      const ev = e.event as KeyboardEvent | null | undefined;
      if (!ev || !('column' in e)) return;
      if (ev.key === 'Escape') hideTip();
      if (ev.key === 'Enter' && e.column.getColId() === 'record' && e.data) {
        ev.preventDefault();
        ctx.openDetails(e.data);
      }
      if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'z' && bar) {
        ev.preventDefault();
        void bar.undo();
      }
    },
    onCellMouseOver: (e) => {
      // While the grid has keyboard focus, the tip follows the focused cell, not the pointer.
      if (gridBox.contains(document.activeElement)) return;
      const colId = e.column.getColId();
      showTip((e.event?.target as Element | null)?.closest('.ag-cell') ?? null, e.data, colId === 'record' ? null : FIELDS.some((f) => f.field === colId) ? colId : null);
    },
    onCellMouseOut: () => {
      if (!gridBox.contains(document.activeElement)) hideTip();
    },
    onCellClicked: (e) => {
      if (e.column.getColId() === 'record' && e.data) ctx.openDetails(e.data);
    },
  });
  made.api = api;

  const shownCount = el('span', {});
  const filter = el('input', { type: 'checkbox', id: 'only-gaps' }) as HTMLInputElement;
  filter.addEventListener('change', () => {
    onlyGaps = filter.checked;
    api.onFilterChanged();
    const shown = api.getDisplayedRowCount();
    ctx.announce(onlyGaps ? `Showing the ${shown} records with errors or warnings` : `Showing all ${shown} records`);
  });
  const chooser = el(
    'details',
    { class: 'columns' },
    el('summary', {}, 'Columns'),
    el(
      'fieldset',
      {},
      el('legend', { class: 'sr-only' }, 'Columns shown'),
      ...FIELDS.map((f) => {
        const box = el('input', { type: 'checkbox', id: `col-${f.field}`, checked: !narrow || f.narrow }) as HTMLInputElement;
        box.addEventListener('change', () => api.setColumnsVisible([f.field], box.checked));
        return el('label', { for: `col-${f.field}` }, box, ` ${f.heading}`);
      }),
    ),
  );
  const keys = el('p', { class: 'hint', id: 'grid-keys' }, `Arrows move between cells; a cell's gaps and whole text show on focus. ${ctx.canEdit ? 'Enter or F2 edits a cell (a reason is asked); Space selects a row for a bulk fix; Ctrl+Z undoes the last change; ' : ''}Enter on the record column opens its details; Tab leaves the grid.`);
  host.replaceChildren(el('div', { class: 'row grid-tools' }, el('div', {}, filter, ' ', el('label', { for: 'only-gaps' }, 'Only records with errors or warnings')), chooser, shownCount), ...(bar ? [bar.element] : []), keys, fix, el('div', { class: 'grid-wrap' }, gridBox, tip));
  gridBox.setAttribute('aria-describedby', 'grid-keys');
  // The focused cell's tip: from the DOM focus (a cell gets focus from the keyboard, a click or a script alike).
  gridBox.addEventListener('focusin', (ev) => {
    const cellEl = ev.target instanceof Element ? ev.target.closest('.ag-cell') : null;
    const rowEl = cellEl?.closest('.ag-row');
    const colId = cellEl?.getAttribute('col-id') ?? null;
    const rowId = rowEl?.getAttribute('row-id') ?? null;
    if (!cellEl || colId === null || rowId === null) return hideTip();
    showTip(cellEl, rowsById.get(rowId), colId === 'record' ? null : FIELDS.some((f) => f.field === colId) ? colId : null);
  });
  gridBox.addEventListener('focusout', (ev) => {
    if (!(ev.relatedTarget instanceof Node) || !gridBox.contains(ev.relatedTarget)) hideTip();
  });

  const count = (): void => {
    shownCount.textContent = `${rowsById.size} of ${ctx.total} records loaded`;
  };
  const grid: RecordsGrid = {
    append(records) {
      const rows = records.map(toRow);
      for (const r of rows) rowsById.set(r.id, r);
      api.applyTransaction({ add: rows });
      count();
    },
    update(records) {
      const rows: GridRow[] = [];
      for (const r of records) {
        const old = rowsById.get(r.id);
        if (!old) continue;
        const row = { ...r, n: old.n };
        rowsById.set(r.id, row);
        rows.push(row);
      }
      api.applyTransaction({ update: rows });
      api.refreshCells({ force: true, rowNodes: rows.map((r) => api.getRowNode(r.id)!).filter((x) => x !== undefined) });
      bar?.refresh();
    },
    focusRecord(id, field) {
      const node = api.getRowNode(id);
      if (!node || node.rowIndex === null) return false;
      api.ensureIndexVisible(node.rowIndex, 'middle');
      api.setFocusedCell(node.rowIndex, field ?? 'record');
      return true;
    },
    row: (id) => rowsById.get(id),
    destroy: () => api.destroy(),
  };
  grid.append(ctx.records);
  return grid;
}
