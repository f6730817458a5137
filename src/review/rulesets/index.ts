/**
 * The rule sets of the professional bodies (docs/domain/RULESETS.md, the IET's docs/domain/CPD.md §2), one JSON file
 * per body in `./bodies/`, each validated by {@link RuleSetSchema} when this module loads: a malformed file throws
 * at start, naming the file and the bad field. Adding a body is one data file here plus its test
 * (CONTRIBUTING.md).
 */
import { RuleSetSchema, type RuleSet } from './schema.js';
import cibse from './bodies/cibse.json' with { type: 'json' };
import cipd from './bodies/cipd.json' with { type: 'json' };
import engineersAustralia from './bodies/engineers-australia.json' with { type: 'json' };
import engineersIreland from './bodies/engineers-ireland.json' with { type: 'json' };
import hcpc from './bodies/hcpc.json' with { type: 'json' };
import ice from './bodies/ice.json' with { type: 'json' };
import iet from './bodies/iet.json' with { type: 'json' };
import imeche from './bodies/imeche.json' with { type: 'json' };
import istructe from './bodies/istructe.json' with { type: 'json' };
import nmc from './bodies/nmc.json' with { type: 'json' };
import riba from './bodies/riba.json' with { type: 'json' };
import rics from './bodies/rics.json' with { type: 'json' };
import scienceCouncil from './bodies/science-council.json' with { type: 'json' };

const FILES: Record<string, unknown> = {
  'cibse.json': cibse,
  'cipd.json': cipd,
  'engineers-australia.json': engineersAustralia,
  'engineers-ireland.json': engineersIreland,
  'hcpc.json': hcpc,
  'ice.json': ice,
  'iet.json': iet,
  'imeche.json': imeche,
  'istructe.json': istructe,
  'nmc.json': nmc,
  'riba.json': riba,
  'rics.json': rics,
  'science-council.json': scienceCouncil,
};

/** Validates one rule set file. @throws Error `"rule set rics.json: criteria.1.min: …"` when it does not fit the schema or its id is not its file name */
export function loadRuleSet(file: string, data: unknown): RuleSet {
  const parsed = RuleSetSchema.safeParse(data);
  if (!parsed.success) throw new Error(`rule set ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  if (`${parsed.data.id}.json` !== file) throw new Error(`rule set ${file}: its id "${parsed.data.id}" is not its file name`);
  return parsed.data;
}

/** Every body's rule set by id, validated at load; the IET's first. */
export const RULE_SETS: ReadonlyMap<string, RuleSet> = new Map(
  Object.entries(FILES)
    .map(([file, data]) => loadRuleSet(file, data))
    .sort((a, b) => (a.id === 'iet' ? -1 : b.id === 'iet' ? 1 : a.id.localeCompare(b.id)))
    .map((rs) => [rs.id, rs]),
);

/** The body used when a member has none set (the IET: docs/domain/CPD.md §2). */
export const DEFAULT_BODY = 'iet';

/** A body's rule set. @throws Error naming the known bodies when `id` is not one */
export function ruleSetFor(id: string): RuleSet {
  const rs = RULE_SETS.get(id.toLowerCase());
  if (rs === undefined) throw new Error(`no rule set for body "${id}"; known bodies: ${[...RULE_SETS.keys()].join(', ')}`);
  return rs;
}

export type { RuleSet, CriterionRule } from './schema.js';
export { RuleSetSchema } from './schema.js';
export { periodFor, parsePeriod, reviewForBody, type BodyCriterion, type BodyReview, type BodyReviewOptions, type ReviewPeriod } from './engine.js';
