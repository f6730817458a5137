/**
 * A chart and the table of its numbers (issue 17 §3): every dashboard figure is a `<figure>` with a caption, a
 * canvas drawn by Chart.js (MIT; only the bar and line parts are registered, so the page loads no more of it) and,
 * under it, a `<table>` holding every number the chart shows. The canvas is an image to assistive technology
 * (`role="img"`, its label naming the table below), since a screen reader or a keyboard cannot read a canvas; the
 * table is what they read, and it carries the links to the records behind the figures. No animation (nothing moves
 * for people who asked for less motion, and tests see the final chart).
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { el } from './fields.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito), in order. */
export const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#777777'];

/** One series of a chart: its name, a value per label, and how it is drawn. */
export interface Series {
  name: string;
  values: number[];
  /** Drawn as a line over the bars (e.g. a requirement). */
  line?: boolean;
  colour?: string;
}

/** What a figure shows: its id and title, the chart's labels and series, and the table under it. */
export interface FigureSpec {
  id: string;
  title: string;
  labels: string[];
  series: Series[];
  /** Bars stacked by label (parts of a whole). */
  stacked?: boolean;
  /** Bars drawn across (long labels). */
  horizontal?: boolean;
  /** The y (value) axis's title, e.g. "hours". */
  unit: string;
  table: { head: string[]; rows: (string | number | Node)[][] };
  /** A sentence under the caption (how the figures are counted). */
  note?: string;
}

/** The charts drawn, to destroy them when the view is drawn again. */
const drawn = new Map<string, Chart>();

/**
 * The figure for `spec`: caption, chart and table. The chart is drawn once the figure is in the document
 * (`drawFigures`).
 */
export function figure(spec: FigureSpec): HTMLElement {
  const tableId = `${spec.id}-table`;
  const canvas = el('canvas', { id: `${spec.id}-chart`, role: 'img', 'aria-label': `${spec.title}: chart; the table below gives its numbers` });
  const head = el('tr', {}, ...spec.table.head.map((h) => el('th', { scope: 'col' }, h)));
  const rows = spec.table.rows.map((r) => el('tr', {}, ...r.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, cell(c)) : el('td', { class: typeof c === 'number' ? 'num' : null }, cell(c))))));
  const table = el('table', { id: tableId, class: 'figures' }, el('caption', {}, spec.title), el('thead', {}, head), el('tbody', {}, ...rows));
  const fig = el('figure', { id: spec.id, class: 'dashboard-figure' }, el('figcaption', {}, el('h3', {}, spec.title)), ...(spec.note === undefined ? [] : [el('p', { class: 'hint' }, spec.note)]), el('div', { class: 'chart' }, canvas), el('div', { class: 'table-wrap' }, table));
  pending.set(spec.id, { canvas: canvas as HTMLCanvasElement, spec });
  return fig;
}

const pending = new Map<string, { canvas: HTMLCanvasElement; spec: FigureSpec }>();

function cell(c: string | number | Node): Node | string {
  return typeof c === 'number' ? String(c) : c;
}

/** Draws the charts of the figures made since the last call (they must be in the document by now). */
export function drawFigures(): void {
  for (const [id, { canvas, spec }] of pending) {
    drawn.get(id)?.destroy();
    drawn.set(id, new Chart(canvas, config(spec)));
  }
  pending.clear();
}

function config(spec: FigureSpec): ChartConfiguration {
  const index = spec.horizontal === true ? 'y' : 'x';
  const valueAxis = spec.horizontal === true ? 'x' : 'y';
  return {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s, i) =>
        s.line === true
          ? { type: 'line' as const, label: s.name, data: s.values, borderColor: s.colour ?? '#000000', backgroundColor: s.colour ?? '#000000', borderDash: [6, 4], pointRadius: 3, stack: 'line' }
          : { type: 'bar' as const, label: s.name, data: s.values, backgroundColor: s.colour ?? COLOURS[i % COLOURS.length] },
      ),
    },
    options: {
      indexAxis: index,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: spec.series.length > 1, position: 'bottom' } },
      scales: {
        [index]: { stacked: spec.stacked === true },
        [valueAxis]: { stacked: spec.stacked === true, beginAtZero: true, title: { display: true, text: spec.unit } },
      },
    },
  } as ChartConfiguration;
}
