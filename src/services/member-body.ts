/**
 * A member's professional body (issue 16 §3): the rule set their review is held against. Set by staff or an admin
 * (audited); a member with none set takes the service's `DEFAULT_BODY` (src/config.ts).
 */
import { RULE_SETS, ruleSetFor, type RuleSet } from '../review/rulesets/index.js';
import type { Store } from '../store/store.js';

/** The body used when neither the member nor the service's settings name one (the IET). */
export { DEFAULT_BODY } from '../review/rulesets/index.js';

/** The body that applies to a member: its rule set id and name, and whether it was set for the member or is the default. */
export interface AppliedBody {
  id: string;
  name: string;
  /** `member` when set for the member, `default` when the service's default applies. */
  source: 'member' | 'default';
  /** Set when the member's stored body has no rule set any more, so the default applies instead. */
  note?: string;
}

/**
 * The body that applies given what is stored for the member (null: none set) and the service's default (a known
 * rule set id, validated by `loadConfig`).
 */
export function bodyOf(stored: string | null, defaultBody: string): AppliedBody & { ruleSet: RuleSet } {
  const def = ruleSetFor(defaultBody);
  if (stored === null) return { id: def.id, name: def.name, source: 'default', ruleSet: def };
  const rs = RULE_SETS.get(stored);
  if (rs === undefined) return { id: def.id, name: def.name, source: 'default', note: `the member's body "${stored}" has no rule set any more; the default (${def.name}) applies`, ruleSet: def };
  return { id: rs.id, name: rs.name, source: 'member', ruleSet: rs };
}

/** The body that applies to a member, with its rule set (the default for an unknown member). */
export async function appliedBody(store: Store, memberId: string, defaultBody: string): Promise<AppliedBody & { ruleSet: RuleSet }> {
  return bodyOf((await store.members.body(memberId)) ?? null, defaultBody);
}

/** One body with a rule set, as listed for choosing a member's body: its id, name, period, and whether it is the default. */
export interface BodyChoice {
  id: string;
  name: string;
  /** `"a calendar year"` or `"3 years"`. */
  period: string;
  /** True for the service's default body. */
  default: boolean;
}

/** Every body with a rule set (the IET first, then by id), marking the service's default. */
export function bodyChoices(defaultBody: string): BodyChoice[] {
  return [...RULE_SETS.values()].map((rs) => ({ id: rs.id, name: rs.name, period: rs.period.kind === 'calendar_year' ? 'a calendar year' : `${rs.period.years} years`, default: rs.id === defaultBody }));
}

/** An {@link AppliedBody} without its rule set, as the API answers it. */
export function publicBody(b: AppliedBody & { ruleSet?: RuleSet }): AppliedBody {
  const { ruleSet: _rs, ...rest } = b;
  return rest;
}

/**
 * Sets a member's body (`null`: back to the service's default), creating the member when missing, with an audit line
 * naming the old and new value, in one transaction. Returns the body that now applies.
 * @param body a rule set id (checked by the caller against `RULE_SETS`), or null
 * @throws Error when `body` is not a known rule set id
 */
export async function setMemberBody(store: Store, memberId: string, body: string | null, by: string, defaultBody: string): Promise<AppliedBody> {
  if (body !== null) ruleSetFor(body);
  return store.transaction(async (tx) => {
    await tx.members.ensure(memberId);
    const old = (await tx.members.body(memberId, { forUpdate: true })) ?? null;
    await tx.members.setBody(memberId, body);
    await tx.audit.append({ userId: by, action: 'member.body', entity: 'member', entityId: memberId, detail: { oldValue: old, newValue: body } });
    return publicBody(bodyOf(body, defaultBody));
  });
}
