/**
 * Heading synonyms → record fields, and heading matching: exact after normalisation, then close misspellings,
 * then the heading's words read for their meaning (`map/meaning.ts`).
 *
 * Source: headings seen in real CPD logs and templates, `docs/domain/CPD.md` §5; a few additions seen in
 * templates of other bodies are marked below.
 */
import { distance } from 'fastest-levenshtein';
import type { RecordField } from '../domain/index.js';
import { readHeading, readsAsClause } from './map/meaning.js';

/**
 * Normalises a heading for matching: lower case, text in brackets removed ("Hours (h)" → "hours"),
 * `&` → "and", punctuation → space, spaces collapsed. `"What did I learn?"` → `"what did i learn"`.
 */
export function normaliseHeading(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Synonyms per field (docs/domain/CPD.md §5). `Category` is listed under activity type and TWAVES; the mapper decides by the
 * column's content. `Date` (and its forms) is a start date; "Completed" an end date.
 */
const SYNONYMS: Readonly<Record<RecordField, readonly string[]>> = {
  activityName: [
    'activity', 'title', 'name', 'topic', 'course', 'course title', 'event', 'subject', 'learning activity',
    'description of activity', 'activity undertaken', 'activity name', 'activity title', 'planned activity',
    'activity planned', 'cpd activity', 'event name', 'course name', 'training', 'proposed activity', 'activities',
    'cpd activities',
  ],
  activityType: [
    'type', 'activity type', 'type of activity', 'category', 'cpd type', 'cpd method', 'method', 'mode', 'format',
    'formal informal', 'structured unstructured', 'learning type', 'type of cpd', 'delivery',
  ],
  twaves: ['twaves', 'category', 'twaves category', 'cpd category', 'iet category', 'category twaves'],
  startDate: [
    'start', 'start date', 'date start', 'from', 'date from', 'date', 'date s', 'dates', 'date attended', 'when',
    'date started', 'started', 'activity date', 'date of activity', 'start date dd mm yyyy',
  ],
  endDate: [
    'end', 'end date', 'date end', 'to', 'until', 'finish', 'completed', 'date completed', 'completion date',
    'finish date', 'date finished', 'date to', 'end date dd mm yyyy',
  ],
  targetDate: [
    'target date', 'target', 'due', 'due date', 'deadline', 'by when', 'expected date of completion', 'timescale',
    'target completion date', 'planned date', 'target completion',
  ],
  hours: [
    'hours', 'cpd hours', 'hrs', 'time spent', 'duration', 'length', 'learning hours', 'participatory hours',
    'cpd value', 'credits', 'points', 'units', 'days', 'cpd points', 'hours claimed', 'no of hours',
    'number of hours', 'time', 'cpd credits', 'cpd units', 'minutes', 'mins', 'time hours', 'pdh', 'pdhs',
    'professional development hours', 'cpe', 'cpe credits', 'planned hours', 'hours planned', 'estimated hours',
  ],
  description: [
    'description', 'details', 'summary', 'notes', 'content', 'activity description', 'comments', 'what i did',
    'brief description', 'description of learning', 'what did you do', 'what did i do',
  ],
  reflection: [
    'reflection', 'reflective statement', 'lessons learnt', 'lessons learned', 'what did i learn',
    'what did you learn and how will you apply it', 'key learning', 'learning outcome', 'outcome', 'outcomes',
    'benefit to practice', 'impact', 'what so what now what', 'learning outcomes', 'reflections',
    'what did you learn', 'how will you apply it', 'how will i apply it', 'how i will apply it',
    'benefit', 'key learning points', 'reflection on learning',
    // NMC revalidation logs (docs/domain/RULESETS.md): the CPD record asks how the learning relates to practice.
    'how it relates to my practice', 'how it relates to practice', 'relation to practice', 'relevance to practice',
  ],
  ukSpec: [
    'uk spec', 'ukspec', 'ukspec ref', 'uk spec ref', 'competence', 'competency', 'competencies', 'competences',
    'uk spec competence', 'uk spec competences', 'uk spec reference', 'uk spec codes', 'uk spec link',
  ],
  skillType: ['skill type', 'technical soft', 'cpd area', 'skill', 'skills type', 'soft technical', 'skill category'],
  objective: [
    'objective', 'goal', 'development objective', 'dap objective', 'desired outcome', 'learning need',
    'development need', 'objectives', 'goals', 'learning objective',
  ],
  status: ['status', 'activity status', 'completed planned', 'planned completed'],
};

interface Synonym {
  text: string;
  field: RecordField;
}

const EXACT = new Map<string, RecordField[]>();
const ALL: Synonym[] = [];
for (const [field, list] of Object.entries(SYNONYMS) as [RecordField, readonly string[]][]) {
  for (const s of list) {
    const key = normaliseHeading(s);
    const fields = EXACT.get(key) ?? [];
    if (!fields.includes(field)) fields.push(field);
    EXACT.set(key, fields);
    ALL.push({ text: key, field });
  }
}

/** How a heading matched: a synonym after normalisation, a close misspelling of one, or its words' meaning. */
export interface HeadingMatch {
  /** Candidate fields in order of preference (e.g. `Category` → activityType, twaves). */
  fields: RecordField[];
  how: 'synonym' | 'fuzzy' | 'words';
  /** The synonym matched (normalised); for `words`, the reason (`heading words: "date" + "finished" → end date`). */
  synonym: string;
}

/**
 * A text short enough to be a heading or a label: at most 6 words and 60 characters, no digits, not a sentence
 * (no full stop after a word of four letters or more, which an abbreviation such as "Dur." does not have).
 */
function headingLike(text: string): boolean {
  const t = text.trim();
  // A form's question may run to a sentence or two ("What was the nature of the CPD activity … in your practice?").
  const question = /\?$/.test(t);
  if (t.length > (question ? 160 : 60) || /\d/.test(t.replace(/\([^)]*\)/g, ''))) return false;
  if (t.split(/\s+/).length > (question ? 25 : 6)) return false;
  return !/\p{L}{4,}\.(\s|$)/u.test(t.replace(/\([^)]*\)/g, ''));
}

/**
 * Matches one heading against the synonyms: exact after {@link normaliseHeading}, then a close misspelling
 * (edit distance 1 for 5–8 letters, 2 for 9+, never for shorter headings), then a heading that starts with a
 * synonym of two or more words ("Reflection – what did I learn and how will I use it" → reflection), then the
 * heading's words read for their meaning (`map/meaning.ts`: "Name of event", "finishedAt", "Comments & learning"),
 * then the first of alternatives written with a slash that matches ("Activity / event" → activity name).
 * `strictness`: `label` (default; block labels, PDF and Word heading lines) takes a words reading only when nearly
 * every word names something, the words name one field and the reading is sure (score ≥ 0.75, three words in four
 * carrying a concept), so that a phrase of prose is no label and two headings run together ("Hours Reflection")
 * stay two (a question needs only one word in four: forms ask long questions); `header-row` (a candidate header row of a table, which needs two fields and
 * an anchor besides) takes one at score ≥ 0.6 with half the words carrying a concept.
 * Returns null when nothing matches.
 */
export function matchHeading(heading: string, strictness: 'label' | 'header-row' = 'label'): HeadingMatch | null {
  const key = normaliseHeading(heading);
  if (key === '') return null;
  // "Type (TWAVES)", "Category [TWAVES]": the bracket names the field.
  if (/\btwaves\b/i.test(heading) && !/\btwaves\b/.test(key)) return { fields: ['twaves'], how: 'synonym', synonym: 'twaves' };
  const exact = EXACT.get(key);
  if (exact) return { fields: exact, how: 'synonym', synonym: key };
  if (key.length >= 5) {
    const max = key.length >= 9 ? 2 : 1;
    let best: Synonym | null = null;
    let bestD = max + 1;
    for (const s of ALL) {
      if (Math.abs(s.text.length - key.length) > max || s.text.length < 5) continue;
      const d = distance(s.text, key);
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    if (best) return { fields: EXACT.get(best.text) ?? [best.field], how: 'fuzzy', synonym: best.text };
  }
  // Long headings that begin with a field's name: "Reflection: what did I learn", "Hours spent on activity".
  const words = key.split(' ');
  if (words.length >= 3) {
    for (let n = Math.min(words.length - 1, 5); n >= 1; n--) {
      const prefix = words.slice(0, n).join(' ');
      const f = EXACT.get(prefix);
      if (f && (n >= 2 || LEADING_WORD_FIELDS.has(prefix))) return { fields: f, how: 'synonym', synonym: prefix };
    }
  }
  // Words: "Name of event", "activity_dt", "finishedAt", "Categ.", "Comments & learning" (map/meaning.ts).
  const read = headingLike(heading) && !readsAsClause(heading) ? readHeading(heading) : null;
  const sure = strictness === 'header-row' ? { score: 0.6, coverage: 0.5 } : { score: 0.75, coverage: 0.75 };
  const oneField = strictness === 'header-row' || read === null || read.fieldsNamed <= 1;
  // A question is wordy by nature ("What was the nature of the CPD activity and/or feedback … in your practice?",
  // a regulator's form): its one field-naming word is enough when it names one field surely.
  const coverage = /\?\s*$/.test(heading.trim()) && read !== null && read.fieldsNamed === 1 ? 0.25 : sure.coverage;
  if (read !== null && read.field !== null && read.score >= sure.score && read.coverage >= coverage && oneField) {
    return { fields: [read.field, ...(read.alternatives ?? [])], how: 'words', synonym: read.reason };
  }
  // Alternatives: "Activity / event", "Course / event title", "Reflection / learning outcome" → the first part that
  // matches; but "Notes / reflection" is a reflection (the generic notes-or-comments word gives way to it).
  if (heading.includes('/')) {
    let first: HeadingMatch | null = null;
    for (const part of heading.split('/')) {
      if (part.trim() === '' || part.includes('/')) continue;
      const m = matchHeading(part);
      if (!m) continue;
      if (first === null) first = m;
      else if (first.fields.includes('description') && m.fields.includes('reflection')) return m;
    }
    if (first) return first;
  }
  return null;
}

/** Single words that identify a field even at the start of a longer heading. */
const LEADING_WORD_FIELDS = new Set([
  'reflection', 'reflections', 'hours', 'description', 'objective', 'twaves', 'competence', 'competences',
  'ukspec', 'duration',
]);
