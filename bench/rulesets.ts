/**
 * `npm run bench:rulesets`: the review criteria over one fictional member's 2,000 records (a year of varied
 * activities: types, formal/participatory columns, topic tags, reflections, some planned), timed per body — the
 * IET's `reviewYear` (the criterion modules alone) and `reviewForBody` for every rule set (src/review/rulesets/).
 * Prints, per body, the median and the fastest wall time of `--runs N` (default 15) after two warm-up runs, and the
 * 1-minute load average before and after (absolute times swing with the machine's load: compare within one run).
 */
import { loadavg } from 'node:os';
import { emptyRecord, type CpdRecord, type Twaves } from '../src/domain/index.js';
import { reviewYear } from '../src/review/criteria/index.js';
import { RULE_SETS, periodFor, reviewForBody } from '../src/review/rulesets/index.js';

const COUNT = Number(process.env.BENCH_RECORDS ?? 2_000);
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;

const TYPES = ['Course', 'Webinar', 'Conference', 'Reading', 'Mentoring', 'Structured e-learning', 'Workshop', 'Private study', 'Site visit', 'Committee work'];
const TOPICS = ['Health and safety', 'Ethics', 'Sustainability', 'Building safety', 'Project management', ''];
const LETTERS: Twaves[] = ['T', 'W', 'A', 'V', 'E', 'S'];
const REFLECTION = 'Learnt how the revised guidance changes our design checks and will brief the team on it at the next meeting';

/** `COUNT` fictional records of 2024 (every 40th planned for 2025), deterministic. */
function records(): CpdRecord[] {
  const out: CpdRecord[] = [];
  for (let i = 0; i < COUNT; i++) {
    const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const extras: Record<string, string> = { 'Formal/Informal': i % 3 === 0 ? 'Informal' : 'Formal', 'Participatory?': i % 2 === 0 ? 'Participatory' : 'Individual', Topic: TOPICS[i % TOPICS.length]! };
    const r = emptyRecord({ file: 'bench-log.xlsx', sheet: 'CPD', row: i + 2 }, extras);
    const planned = i % 40 === 39;
    out.push({
      ...r,
      activityName: `${TYPES[i % TYPES.length]} ${i} on ${TOPICS[(i * 7) % TOPICS.length] || 'design practice'}`,
      activityType: TYPES[i % TYPES.length]!,
      twaves: i % 11 === 0 ? null : LETTERS[i % LETTERS.length]!,
      startDate: planned ? null : day,
      endDate: planned ? null : day,
      targetDate: planned ? '2025-06-30' : null,
      hours: i % 17 === 0 ? null : (i % 8) + 0.5,
      description: i % 5 === 0 ? 'A session on the revised code of practice and its effect on our work' : null,
      reflection: i % 9 === 0 ? null : REFLECTION,
      skillType: i % 3 === 0 ? 'soft' : i % 3 === 1 ? 'technical-job' : 'technical-personal',
      ukSpec: i % 4 === 0 ? ['A1', 'E2'] : [],
      status: planned ? 'planned' : 'completed',
    });
  }
  return out;
}

function time(fn: () => unknown): { median: number; min: number } {
  fn();
  fn();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: Math.round(ms[Math.floor(ms.length / 2)]! * 10) / 10, min: Math.round(ms[0]! * 10) / 10 };
}

const recs = records();
const today = '2025-02-01';
const load0 = loadavg()[0]!;
const rows: { what: string; median: number; min: number }[] = [];
rows.push({ what: 'iet reviewYear (criterion modules)', ...time(() => reviewYear(recs, { year: 2024, activityStatus: 'active', today })) });
for (const rs of RULE_SETS.values()) {
  const period = periodFor(rs, { year: 2024 });
  rows.push({ what: `${rs.id} reviewForBody`, ...time(() => reviewForBody(recs, rs, { period, today })) });
}
const load1 = loadavg()[0]!;
process.stdout.write(`${COUNT} records, ${RUNS} runs each; load average (1 min) ${load0.toFixed(2)} before, ${load1.toFixed(2)} after\n`);
for (const r of rows) process.stdout.write(`${r.what.padEnd(40)} median ${String(r.median).padStart(7)} ms   fastest ${String(r.min).padStart(7)} ms\n`);
