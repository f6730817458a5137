/**
 * `cpd-import review FILES --trend`: a member's figures year by year (`memberTrend`, src/review/dashboard/ — the
 * figures of the API's `GET /members/:id/dashboard`) as one table, a row per year: completed hours against the
 * body's requirement, hours per TWAVES category and skill type, planned against done, reflections written, the
 * body's criteria met. Reads without colour: a year short of its requirement is marked ✖.
 */
import Table from 'cli-table3';
import pc from 'picocolors';
import type { MemberTrend } from '../review/dashboard/member-trend.js';

const n = (x: number): string => String(x);

/** The trend as a readable table, with a heading line naming the body and the files, and a key below it. */
export function renderTrend(trend: MemberTrend, files: readonly string[], color: boolean): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  out.push(c.bold(`CPD year by year — ${trend.body.name}`) + `  (${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ') || 'none'})`);
  if (trend.years.length === 0) return `${out.join('\n')}\nNo record has a date: no year to show.\n`;
  const table = new Table({
    head: ['Year', 'Hours', 'Required', 'T', 'W', 'A', 'V', 'E', 'S', 'Tech (personal)', 'Tech (job)', 'Soft', 'Planned', 'Done of plan', 'Reflections', 'Criteria met'],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const y of trend.years) {
    const short = y.required.value !== null && y.hours < y.required.value;
    const unit = y.required.unit === 'points' ? ' pts' : '';
    table.push([
      n(y.year),
      short ? c.red(`✖ ${y.hours}`) : n(y.hours),
      y.required.value === null ? '—' : `${y.required.value}${unit}`,
      n(y.twaves.T), n(y.twaves.W), n(y.twaves.A), n(y.twaves.V), n(y.twaves.E), n(y.twaves.S),
      n(y.skills['technical-personal']), n(y.skills['technical-job']), n(y.skills.soft),
      n(y.plan.planned), n(y.plan.done),
      `${y.reflections.written} of ${y.reflections.activities}`,
      `${y.met} of ${y.criteria.length}`,
    ]);
  }
  out.push(table.toString());
  out.push(c.dim('Hours are decimal hours of completed activities counting in the year; Required: the body\'s yearly requirement for the activity status; Planned: hours planned for the year, Done of plan: of them done; Reflections: activities with one; Criteria met: the body\'s review for the period ending with the year.'));
  return `${out.join('\n')}\n`;
}
