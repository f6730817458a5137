/**
 * TWAVES category (stated or inferred) and skill type.
 *
 * Sources: IET TWAVES categories and their usual wording (docs/domain/CPD.md §3); other bodies' categories mapped onto
 * TWAVES by keyword — our choice, docs/domain/CPD.md §3 last paragraph. Skill types: IET suggested 10/10/10 split (docs/domain/CPD.md §2).
 */
import { TWAVES_NAMES, type SkillType, type Twaves } from '../../domain/index.js';

/** Stated category wordings → letter (docs/domain/CPD.md §3 "Wording varies"). Keys are lower case, punctuation-free. */
const STATED: ReadonlyArray<[RegExp, Twaves]> = [
  [/^(t|training|training courses?|courses?|formal training|training course)$/, 'T'],
  [/^(w|work experience|work based learning|workplace learning|work based|on the job learning|work)$/, 'W'],
  [/^(a|academic|academic study|academic studies|further education|formal education|study towards a qualification)$/, 'A'],
  [/^(v|volunteering|voluntary|voluntary work|volunteer|volunteer work|professional body activity|service to the profession)$/, 'V'],
  [/^(e|events?|events and seminars|seminars?|conferences?|events seminars)$/, 'E'],
  [/^(s|self study|self directed learning|self directed|private study|self learning|reading|self study reading)$/, 'S'],
];

/** Letters and the categories' own names (docs/domain/CPD.md §3 wording variants), for deciding a column is TWAVES. */
const STRICT: ReadonlyArray<[RegExp, Twaves]> = [
  [/^(t|training|training courses?)$/, 'T'],
  [/^(w|work experience|work based learning|workplace learning)$/, 'W'],
  [/^(a|academic|academic study|academic studies)$/, 'A'],
  [/^(v|volunteering|voluntary|voluntary work)$/, 'V'],
  [/^(e|events?|events and seminars)$/, 'E'],
  [/^(s|self study|self directed learning|private study)$/, 'S'],
];

function key(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Reads a stated TWAVES category: a letter (`"T"`), a name (`"Training courses"`, `"Events and seminars"`,
 * `"Self-directed learning"`, `"Voluntary"`), or a letter with its name (`"E - Events"`, `"S (Self-study)"`).
 * Returns null when the text states no TWAVES category. `strict`: only letters and the categories' own wording
 * count (used to decide whether a "Category" column holds TWAVES or activity types).
 */
export function parseTwaves(text: string, strict = false): Twaves | null {
  const k = key(text);
  if (k === '') return null;
  if (strict) {
    // Only a letter or a category's own wording — not an activity type that happens to name one ("Course", "Reading").
    for (const [re, letter] of STRICT) if (re.test(k)) return letter;
    const m = /^([twaves])\b\s*(.+)$/.exec(k);
    if (m && parseTwaves(m[2]!, true) === m[1]!.toUpperCase()) return m[1]!.toUpperCase() as Twaves;
    // The name then its letter: "Training (T)", "Self-study – S" (a tick-box column's heading).
    const n = /^(.+?)\s+([twaves])$/.exec(k);
    if (n && parseTwaves(n[1]!, true) === n[2]!.toUpperCase()) return n[2]!.toUpperCase() as Twaves;
    return null;
  }
  for (const [re, letter] of STATED) if (re.test(k)) return letter;
  // "E - Events", "T: Training", "S (Self-study)"
  const m = /^([twaves])\b\s*(.*)$/.exec(k);
  if (m && m[2] !== undefined && m[2] !== '') {
    const letter = m[1]!.toUpperCase() as Twaves;
    const rest = parseTwaves(m[2]);
    if (rest === letter) return letter;
  }
  // Full names in a longer phrase: "Training courses (external)"
  for (const [letter, name] of Object.entries(TWAVES_NAMES) as [Twaves, string][]) {
    if (k.startsWith(key(name))) return letter;
  }
  return null;
}

/**
 * Keyword rules inferring a TWAVES category from an activity's type and name (our choice, docs/domain/CPD.md §3: typical
 * activities per category and other bodies' categories). First match wins, so the more specific come first.
 */
const INFER: ReadonlyArray<[RegExp, Twaves, string]> = [
  [/\b(mentor(ing|ed)?|coach(ing)?|stem ambassador|volunteer(ing|ed)?|voluntary|charity|committee|judg(e|ing)|school visit|outreach|professional body|service to the profession|trustee|reviewer for|peer review(er)?)\b/, 'V', 'volunteering/mentoring'],
  [/\b(presented|presenting|speaker|speaking at|gave a talk|guest lecture)\b/, 'V', 'speaking at events'],
  [/\b(msc|masters?|degree|phd|doctorate|nvq|hnc|hnd|module|dissertation|exam(ination)?s?|diploma|university|academic|open university|apprenticeship)\b/, 'A', 'academic study'],
  [/\b(conference|seminar|lecture|symposium|technical visit|site visit|exhibition|expo|summit|congress|meet ?up|networking event|trade show|agm)\b/, 'E', 'events'],
  [/\b(course|training|workshop|e ?learning|elearning|webinar|certification|bootcamp|masterclass|tutorial|online module|cpd course)\b/, 'T', 'training courses'],
  [/\b(read(ing)?|book|article|journal|e ?and ?t magazine|magazine|standard|self ?study|self ?directed|research(ed)?|podcast|video|online talk|private study|paper)\b/, 'S', 'self-study'],
  [/\b(on the job|secondment|job shadow(ing)?|project|work ?based|workplace|new tool|commissioning|design review|site work|shadowing|audit|investigation|trial|implementation|deployment|migration)\b/, 'W', 'work experience'],
];

/** An inferred category with the keyword rule behind it. */
export interface TwavesInference {
  twaves: Twaves;
  /** e.g. `"activity type \"Webinar\" suggests Training courses"`. */
  reason: string;
}

/**
 * Infers TWAVES from the activity type first (a type like "Webinar" is the strongest evidence), then the name.
 * Returns null when no keyword rule matches. Inferences are always reported with an `inferred` gap.
 */
export function inferTwaves(activityType: string | null, activityName: string | null): TwavesInference | null {
  if (activityType) {
    const stated = parseTwaves(activityType);
    if (stated) return { twaves: stated, reason: `activity type "${activityType}" names ${TWAVES_NAMES[stated]}` };
  }
  for (const [source, text] of [['activity type', activityType], ['activity name', activityName]] as const) {
    if (!text) continue;
    const k = key(text);
    for (const [re, letter, what] of INFER) {
      const m = re.exec(k);
      if (m) {
        return {
          twaves: letter,
          reason: `${source} "${text}" mentions "${m[0]}" (${what}) → ${letter} ${TWAVES_NAMES[letter]}`,
        };
      }
    }
  }
  return null;
}

/**
 * Reads a skill type: "soft", "soft skills", "personal soft" → soft; "technical (job)", "job-role technical",
 * "technical – job" → technical-job; "technical (personal)", "personal technical" → technical-personal.
 * Plain "technical" is ambiguous between the two technical kinds: returns `{ skillType: null, ambiguous: true }`.
 */
export function parseSkillType(text: string): { skillType: SkillType | null; ambiguous: boolean } {
  const k = key(text);
  if (k === '') return { skillType: null, ambiguous: false };
  const soft = /\bsoft\b|\binterpersonal\b|\bnon technical\b|\bprofessional skills?\b|\bmanagement\b|\bleadership\b/.test(k);
  const tech = /\btech(nical)?\b/.test(k);
  if (soft && !tech) return { skillType: 'soft', ambiguous: false };
  if (tech && !soft) {
    if (/\b(job|role|work)\b/.test(k)) return { skillType: 'technical-job', ambiguous: false };
    if (/\bpersonal\b/.test(k)) return { skillType: 'technical-personal', ambiguous: false };
    return { skillType: null, ambiguous: true };
  }
  return { skillType: null, ambiguous: soft && tech };
}
