/**
 * Criterion: A mix of technical and soft skills against the suggested 10/10/10 split (docs/domain/CPD.md §2 point 4).
 */
import { SKILL_TYPES, type SkillType } from '../../domain/index.js';
import type { YearContext } from './context.js';
import { h2, fmtH, plural, positiveHours } from './records.js';
import type { Outcome, SkillsCriterion } from './types.js';

const SKILLS: readonly SkillType[] = SKILL_TYPES;

/** A mix of technical and soft skills against the suggested 10/10/10 split (docs/domain/CPD.md §2 point 4). Outcome, one-line summary with the figures, and the rule's source. */
export function assessSkills(ctx: YearContext): SkillsCriterion {
  const { records, year, activityStatus, required, distinct, nDistinct, onceNote, noActivities } = ctx;
  let skills: SkillsCriterion;
  {
    const byHours = Object.fromEntries(SKILLS.map((s) => [s, 0])) as Record<SkillType, number>;
    let unclassifiedHours = 0;
    let unclassified = 0;
    for (const i of distinct) {
      const r = records[i]!;
      if (r.skillType === null) {
        unclassified++;
        unclassifiedHours += positiveHours(r);
      } else byHours[r.skillType] = h2(byHours[r.skillType] + positiveHours(r));
    }
    unclassifiedHours = h2(unclassifiedHours);
    const suggested = h2(required / 3);
    const shortfalls = SKILLS.filter((s) => byHours[s] < suggested).map((s) => [s, h2(suggested - byHours[s])] as const);
    const totalShort = h2(shortfalls.reduce((a, [, x]) => a + x, 0));
    const split = SKILLS.map((s) => `${s} ${fmtH(byHours[s])}`).join(', ');
    const base = `${split} against the suggested ${fmtH(suggested)} each${onceNote}`;
    let outcome: Outcome;
    let summary: string;
    if (activityStatus === 'inactive') {
      outcome = 'met';
      summary = 'not professionally active: no split suggested';
    } else if (nDistinct === 0) {
      outcome = 'not_assessable';
      summary = noActivities;
    } else if (shortfalls.length === 0) {
      outcome = 'met';
      summary = base;
    } else if (unclassified === nDistinct) {
      outcome = 'not_assessable';
      summary = `no completed activity in ${year} states its skill type (technical-personal, technical-job or soft)`;
    } else if (totalShort <= unclassifiedHours) {
      outcome = 'not_assessable';
      summary = `${base}; ${shortfalls.map(([s, x]) => `${s} ${fmtH(x)} short`).join(', ')}, and ${fmtH(unclassifiedHours)} on ${plural(unclassified, 'activity', 'activities')} without a skill type could make it up: set their skill type`;
    } else {
      outcome = 'not_met';
      summary = `${base}; ${shortfalls.map(([s, x]) => `${s} ${fmtH(x)} short`).join(', ')}`;
    }
    skills = {
      outcome,
      summary,
      source: 'IET CPD annual review: a mix of soft and technical skills, suggested 10 h personal technical / 10 h job-role technical / 10 h soft; a third of the required hours each is our choice for reduced activity',
      figures: { hours: byHours, suggested, unclassifiedHours, unclassified },
    };
  }
  return skills;
}
