/**
 * What a record says about itself for another body's rules (issue 16 §4): its category in the body's vocabulary,
 * formal or participatory, and its topics. Read from the record's type and from extra columns whose heading names
 * the point ("Formal/Informal", "Participatory?", "Topic", "Tags"); a topic found only in the activity's name or
 * description is `inferred`, and the criteria name such records so the reviewer can confirm them.
 */
import type { CpdRecord } from '../../domain/index.js';
import type { RuleSet } from './schema.js';

/** Headings of extra columns that classify a record (formal/participatory/type), and those that tag its topics. */
const CLASS_HEADING = /formal|particip|type|method|structur|mode|categor|kind/i;
const TOPIC_HEADING = /topic|tag|subject|theme/i;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when `text` holds `word` as whole words, case aside ("informal" does not hold "formal"). */
export function hasWord(text: string, word: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escape(word.toLowerCase())}($|[^\\p{L}\\p{N}])`, 'u').test(text.toLowerCase());
}

function classText(r: CpdRecord): string {
  const parts = [r.activityType ?? ''];
  for (const [k, v] of Object.entries(r.extras)) if (CLASS_HEADING.test(k)) parts.push(v);
  return parts.join(' | ');
}

/**
 * Whether a record is in a class (`formal`, `participatory`): true or false when its type or a classifying column
 * says (the `no` words are tried first), null when nothing says.
 */
export function classOf(r: CpdRecord, words: { yes: readonly string[]; no: readonly string[] }): boolean | null {
  const t = classText(r);
  if (words.no.some((w) => hasWord(t, w))) return false;
  if (words.yes.some((w) => hasWord(t, w))) return true;
  return null;
}

/** The record's category in the body's vocabulary: by its words in the type or a classifying column, else by its TWAVES letter; null when neither. */
export function categoryOf(r: CpdRecord, rs: Pick<RuleSet, 'categories'>): string | null {
  const t = classText(r);
  for (const c of rs.categories) if (c.words.some((w) => hasWord(t, w))) return c.name;
  if (r.twaves !== null) for (const c of rs.categories) if (c.twaves === r.twaves) return c.name;
  return null;
}

/** How a record shows a topic: from a topic column, inferred from its name or description, or not at all. */
export type TopicEvidence = 'column' | 'inferred' | null;

/** Whether a record is on `topic` (its words in `rs.topics`), and how that is known. */
export function topicOf(r: CpdRecord, words: readonly string[]): TopicEvidence {
  const col = Object.entries(r.extras).filter(([k]) => TOPIC_HEADING.test(k)).map(([, v]) => v).join(' | ');
  if (words.some((w) => hasWord(col, w))) return 'column';
  const inferred = `${r.activityName ?? ''} | ${r.description ?? ''}`;
  return words.some((w) => hasWord(inferred, w)) ? 'inferred' : null;
}
