/**
 * The dashboards on the review page (issue 17): a member's years at `#/members/<id>/dashboard` and a group's year at
 * `#/dashboard/<year>[/<body>]` (staff, reviewers, admins). Every figure is a chart with its numbers as a table
 * (chart-table.ts); a member's years link to that year's records (`#/members/<id>/<year>`), a source shape to the
 * mapping of the files that gave it the most gaps (`#/imports/<id>/mapping`). The figures are the API's
 * (`GET /members/:id/dashboard`, `GET /dashboard`); "CSV" downloads the same as a file.
 */
import { drawFigures, figure, type FigureSpec } from './chart-table.js';
import type { DashboardContext, GroupDashboard, MemberDashboard, TrendYear } from './dashboard-types.js';
import { el } from './fields.js';

export type { DashboardContext } from './dashboard-types.js';

/** TWAVES letters with their names (src/domain/taxonomy.ts `TWAVES_NAMES`), and no category. */
const TWAVES: readonly [keyof TrendYear['twaves'], string][] = [
  ['T', 'T: Training courses'],
  ['W', 'W: Work experience'],
  ['A', 'A: Academic study'],
  ['V', 'V: Volunteering'],
  ['E', 'E: Events'],
  ['S', 'S: Self-study'],
  ['none', 'No category'],
];
const SKILLS: readonly [keyof TrendYear['skills'], string][] = [
  ['technical-personal', 'Technical (personal)'],
  ['technical-job', 'Technical (job)'],
  ['soft', 'Soft'],
  ['none', 'No skill type'],
];
const OUTCOME: Record<string, string> = { met: '✔ met', not_met: '✖ not met', not_assessable: '? not assessable' };

function link(href: string, text: string, label?: string): HTMLElement {
  return el('a', { href, 'aria-label': label }, text);
}

/** Draws a member's dashboard into `host`. @throws Error with the API's message */
export async function mountMemberDashboard(host: HTMLElement, ctx: DashboardContext & { memberId: string }): Promise<void> {
  const id = encodeURIComponent(ctx.memberId);
  const d = await ctx.api<MemberDashboard>('GET', `/members/${id}/dashboard`);
  const head = [
    el('p', {}, link(`#/members/${id}`, `← Member ${d.memberId}'s records`)),
    el('h1', {}, `CPD dashboard — member ${d.memberId}`),
    el('p', {}, `Body: ${d.body.name}${d.body.source === 'default' ? ' (the default)' : ''}. `, el('button', { type: 'button', class: 'link' }, 'Download as CSV')),
  ];
  (head[2]!.querySelector('button') as HTMLButtonElement).addEventListener('click', () => ctx.download(`/members/${id}/dashboard?format=csv`, `cpd-dashboard-${d.memberId}.csv`));
  if (d.years.length === 0) {
    host.replaceChildren(...head, el('p', {}, 'No record has a date yet: there is no year to show.'));
    return;
  }
  const years = d.years.map((y) => String(y.year));
  const yearLink = (y: TrendYear) => link(`#/members/${id}/${y.year}`, String(y.year), `${y.year}: the records`);
  const specs: FigureSpec[] = [
    {
      id: 'member-hours',
      title: 'Hours per year against the requirement',
      unit: 'hours',
      labels: years,
      series: [
        { name: 'Completed hours', values: d.years.map((y) => y.hours) },
        { name: 'Required', values: d.years.map((y) => y.required.value ?? 0), line: true },
      ],
      table: {
        head: ['Year', 'Hours', 'Required', 'Short by', 'Activities'],
        rows: d.years.map((y) => [yearLink(y), y.hours, y.required.value === null ? '—' : `${y.required.value}${y.required.unit === 'points' ? ' points' : ''} (${y.required.basis})`, y.required.value === null ? '—' : Math.max(0, Math.round((y.required.value - y.hours) * 100) / 100), y.activities]),
      },
    },
    {
      id: 'member-twaves',
      title: 'Hours per TWAVES category, by year',
      unit: 'hours',
      labels: years,
      stacked: true,
      series: TWAVES.map(([k, name]) => ({ name, values: d.years.map((y) => y.twaves[k]) })),
      table: { head: ['Year', ...TWAVES.map(([, n]) => n)], rows: d.years.map((y) => [yearLink(y), ...TWAVES.map(([k]) => y.twaves[k])]) },
    },
    {
      id: 'member-skills',
      title: 'Hours per skill type, by year',
      unit: 'hours',
      labels: years,
      stacked: true,
      series: SKILLS.map(([k, name]) => ({ name, values: d.years.map((y) => y.skills[k]) })),
      table: { head: ['Year', ...SKILLS.map(([, n]) => n)], rows: d.years.map((y) => [yearLink(y), ...SKILLS.map(([k]) => y.skills[k])]) },
    },
    {
      id: 'member-plan',
      title: 'Planned against done',
      note: 'Hours planned for the year: done (completed activities that were planned), still open, or missed (the target date passed).',
      unit: 'hours',
      labels: years,
      stacked: true,
      series: [
        { name: 'Done', values: d.years.map((y) => y.plan.done) },
        { name: 'Open', values: d.years.map((y) => y.plan.open) },
        { name: 'Missed', values: d.years.map((y) => y.plan.missed) },
      ],
      table: { head: ['Year', 'Planned', 'Done', 'Open', 'Missed'], rows: d.years.map((y) => [yearLink(y), y.plan.planned, y.plan.done, y.plan.open, y.plan.missed]) },
    },
    {
      id: 'member-reflections',
      title: 'Reflections written',
      unit: 'activities',
      labels: years,
      stacked: true,
      series: [
        { name: 'Good', values: d.years.map((y) => y.reflections.good) },
        { name: 'Weak', values: d.years.map((y) => y.reflections.weak) },
        { name: 'Missing', values: d.years.map((y) => y.reflections.missing) },
      ],
      table: { head: ['Year', 'Activities', 'Written', 'Good', 'Weak', 'Missing'], rows: d.years.map((y) => [yearLink(y), y.reflections.activities, y.reflections.written, y.reflections.good, y.reflections.weak, y.reflections.missing]) },
    },
    {
      id: 'member-criteria',
      title: 'Criteria met each year',
      unit: 'criteria',
      labels: years,
      series: [{ name: 'Criteria met', values: d.years.map((y) => y.met) }],
      table: {
        head: ['Year', ...(d.years[0]?.criteria.map((c) => c.title) ?? []), 'Met'],
        rows: d.years.map((y) => [yearLink(y), ...y.criteria.map((c) => OUTCOME[c.outcome] ?? c.outcome), `${y.met} of ${y.criteria.length}`]),
      },
    },
  ];
  host.replaceChildren(...head, ...specs.map(figure));
  drawFigures();
}

/** The group dashboard's choices: the year, and the body (all when absent). */
export interface GroupChoice {
  year: number;
  body?: string;
}

/**
 * Draws the group dashboard for `choice` into `host`, with a form to choose another year or body (which calls
 * `choose`; the page puts it in the address). @throws Error with the API's message
 */
export async function mountGroupDashboard(host: HTMLElement, ctx: DashboardContext & { choice: GroupChoice; choose: (c: GroupChoice) => void }): Promise<void> {
  const { year, body } = ctx.choice;
  const query = `year=${year}${body === undefined ? '' : `&body=${encodeURIComponent(body)}`}`;
  const [d, bodies] = await Promise.all([ctx.api<GroupDashboard>('GET', `/dashboard?${query}`), ctx.api<{ bodies: { id: string; name: string }[] }>('GET', '/bodies')]);
  const yearInput = el('input', { id: 'dash-year', type: 'number', min: '1900', max: '2099', value: String(year), required: true }) as HTMLInputElement;
  const bodySelect = el('select', { id: 'dash-body' }, el('option', { value: '' }, 'Every body'), ...bodies.bodies.map((b) => el('option', { value: b.id, selected: b.id === body }, b.name))) as HTMLSelectElement;
  const form = el('form', { class: 'row' }, el('div', { class: 'field' }, el('label', { for: 'dash-year' }, 'Year'), yearInput), el('div', { class: 'field' }, el('label', { for: 'dash-body' }, 'Body'), bodySelect), el('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    ctx.choose({ year: Number(yearInput.value), ...(bodySelect.value === '' ? {} : { body: bodySelect.value }) });
  });
  const csv = el('button', { type: 'button', class: 'link' }, 'Download as CSV');
  csv.addEventListener('click', () => ctx.download(`/dashboard?${query}&format=csv`, `cpd-dashboard-${year}${body === undefined ? '' : `-${body}`}.csv`));
  const who = d.scope.body === null ? 'every member' : `members of ${d.scope.body.name}`;
  const summary = el('p', { id: 'dash-summary' }, `${year}, ${who}: ${d.members.inScope} members, ${d.members.withRecords} with records in the year; completed hours: mean ${d.hours.mean ?? 0} h, median ${d.hours.median ?? 0} h. `, csv);
  const statuses = [...new Set(d.imports.byMonth.map((m) => m.status))].sort();
  const months = [...new Set(d.imports.byMonth.map((m) => m.month))].sort();
  const byMonth = (month: string, status: string) => d.imports.byMonth.filter((m) => m.month === month && m.status === status).reduce((a, m) => a + m.imports, 0);
  const gapLabel = (g: { field: string | null; code: string }) => `${g.field ?? 'record'}: ${g.code}`;
  const specs: FigureSpec[] = [
    {
      id: 'group-hours',
      title: "Members' completed hours",
      unit: 'members',
      labels: d.hours.bands.map((b) => b.label),
      series: [{ name: 'Members', values: d.hours.bands.map((b) => b.members) }],
      table: { head: ['Hours', 'Members'], rows: d.hours.bands.map((b) => [b.label, b.members]) },
    },
    {
      id: 'group-criteria',
      title: 'Share of members meeting each criterion',
      note: 'Of the members whose body has the criterion, as counted from the sums of their records (see the rule in each row).',
      unit: '% of members',
      horizontal: true,
      labels: d.criteria.map((c) => c.title),
      series: [{ name: 'Met (%)', values: d.criteria.map((c) => c.percent) }],
      table: { head: ['Criterion', 'Members it applies to', 'Met', 'Share', 'How it is counted'], rows: d.criteria.map((c) => [c.title, c.applies, c.met, `${c.percent} %`, c.rule]) },
    },
    {
      id: 'group-gaps',
      title: 'Most common gaps',
      note: 'Errors and warnings not accepted, on the records counting in the year.',
      unit: 'gaps',
      horizontal: true,
      labels: d.gaps.map(gapLabel),
      series: [{ name: 'Gaps', values: d.gaps.map((g) => g.gaps) }],
      table: { head: ['Field and code', 'Severity', 'Gaps', 'Records', 'Members'], rows: d.gaps.map((g) => [gapLabel(g), g.severity, g.gaps, g.records, g.members]) },
    },
    {
      id: 'group-sources',
      title: 'Source shapes giving the most gaps',
      note: 'Files of one format with the same headings; open the files with the most gaps to correct their mapping or remember it for files like them.',
      unit: 'gaps',
      horizontal: true,
      labels: d.sources.map((s, i) => `${i + 1}. ${s.format ?? '?'}: ${s.headings.slice(0, 4).join(', ')}${s.headings.length > 4 ? ', …' : ''}`),
      series: [{ name: 'Gaps', values: d.sources.map((s) => s.gaps) }],
      table: {
        head: ['Shape', 'Imports', 'Records', 'Gaps', 'Gaps per record', 'Most common', 'Files'],
        rows: d.sources.map((s, i) => [
          `${i + 1}. ${s.format ?? '?'}: ${s.headings.join(', ') || '(no headings)'}`,
          s.imports,
          s.records,
          s.gaps,
          s.gapsPerRecord,
          s.topGaps.map((g) => `${gapLabel(g)} (${g.gaps})`).join('; ') || '—',
          el('span', {}, ...s.examples.flatMap((imp, k) => [k > 0 ? ' ' : '', link(`#/imports/${imp}/mapping`, `file ${k + 1}`, `Mapping of file ${k + 1} of shape ${i + 1}`)])),
        ]),
      },
    },
    {
      id: 'group-imports',
      title: 'Imports by month and status',
      unit: 'imports',
      labels: months,
      stacked: true,
      series: statuses.map((st) => ({ name: st, values: months.map((m) => byMonth(m, st)) })),
      table: { head: ['Month', ...statuses], rows: months.map((m) => [m, ...statuses.map((st) => byMonth(m, st))]) },
    },
  ];
  const u = d.uploadToRecords;
  const turnaround = el(
    'table',
    { id: 'group-turnaround', class: 'figures' },
    el('caption', {}, 'Time from upload to records (seconds)'),
    el('thead', {}, el('tr', {}, ...['Imports', 'Median', '90th percentile', 'Mean', 'Longest'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, el('tr', {}, ...[u.imports, u.medianSeconds, u.p90Seconds, u.meanSeconds, u.maxSeconds].map((v) => el('td', { class: 'num' }, v === null ? '—' : String(v))))),
  );
  const failures = el(
    'table',
    { id: 'group-failures', class: 'figures' },
    el('caption', {}, 'Uploads that could not be read, by reason'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Reason'), el('th', { scope: 'col' }, 'Imports'))),
    el('tbody', {}, ...(d.imports.failures.length === 0 ? [el('tr', {}, el('td', { colspan: '2' }, 'None'))] : d.imports.failures.map((f) => el('tr', {}, el('th', { scope: 'row' }, f.code ?? 'unknown'), el('td', { class: 'num' }, String(f.imports)))))),
  );
  host.replaceChildren(el('p', {}, link('#/', '← All imports')), el('h1', {}, `CPD dashboard — ${year}`), form, summary, ...specs.map(figure), el('div', { class: 'table-wrap' }, failures), el('div', { class: 'table-wrap' }, turnaround));
  drawFigures();
}
