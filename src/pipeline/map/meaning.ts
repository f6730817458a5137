/**
 * What a heading means, read from its words: each word is a concept (a date, a duration, an activity, a reflection,
 * a person, an identifier…), and the concepts together name a record field — or say plainly that the column is
 * something else (a provider, an identifier, a link, a cost). This reads headings no list of synonyms foresaw:
 * word order and small words (`Name of event` = `Event name`), case styles (`activity_dt`, `finishedAt`),
 * abbreviations (`Categ.`, `Dur.`, `Refl.`), notes in brackets (`Date finished (if finished)`), two fields in one
 * heading (`Comments & learning`), questions (`When?`, `What did you learn?`) and headings that list a field's
 * values (`Category (Training, Work, Academic, Voluntary, Events, Self-study)`, `T/W/A/V/E/S`).
 *
 * Sources: the headings of docs/domain/CPD.md §5 give the concept words; how they combine is our choice: a
 * word naming a kind of value (date, duration) outweighs a word naming the thing described (`Course date` is a
 * date, `Course duration` hours, `Course ID` an identifier), and a reflection outweighs a description when a
 * heading names both.
 */
import type { RecordField } from '../../domain/index.js';
import { parseTwaves } from '../normalise/category.js';
import { weekdayNumber } from '../normalise/dates.js';
import { headingWords, stem, type HeadingWords } from './words.js';

/** The concepts a heading word can carry. */
export type Concept =
  | 'date' | 'start' | 'end' | 'target' | 'meta' | 'timestamp'
  | 'hours' | 'activity' | 'name' | 'type' | 'category' | 'twaves'
  | 'describe' | 'reflect' | 'ukspec' | 'skill' | 'objective' | 'status' | 'action'
  | 'person' | 'id' | 'url' | 'money' | 'provider' | 'evidence' | 'score' | 'location' | 'cpd' | 'success'
  | 'aggregate';

/**
 * Concept words. Each word is matched by its stem (`completed` = `completion`), and an abbreviation of three
 * letters or more by prefix when only one concept's words start with it (`Categ.` → category, `Refl.` →
 * reflection). Kept small on purpose: a word names a kind of thing, not a heading.
 */
const LEXICON: ReadonlyArray<readonly [Concept, string]> = [
  ...words('date', 'date dates dated dt day when timestamp datetime time'),
  ...words('start', 'start started starting begin began beginning from commenced commencing attended undertaken'),
  ...words('end', 'end ended ending finish finished finishing complete completed completion until till through done concluded closing closed resolved issued awarded achieved passed earned'),
  ...words('target', 'target due deadline planned intended expected timescale timeframe scheduled proposed bound'),
  ...words('meta', 'stored signed signature countersigned witnessed next approval audit audited verification claim claimed access join launch launched revision revised version published release released enrolled enrollment enrolment registered registration assigned created added updated modified accessed viewed last uploaded submitted approved expiry expires expiration renewal valid hire hired birth joined employment'),
  ...words('hours', 'hours hour hrs hr duration length minutes mins min seconds secs sec credits credit points pts pt pdu pdus pdh pdhs cpe ceu ceus units days effort spent taken'),
  ...words('activity', 'activity course event title topic subject session training module programme program webinar seminar conference workshop lesson lecture talk meeting item task learning content qualification certification'),
  ...words('name', 'name called'),
  ...words('type', 'type method mode format delivery kind medium formal informal structured unstructured'),
  ...words('category', 'category class classification group'),
  ...words('twaves', 'twaves'),
  ...words('describe', 'description describe details detail summary notes note comments comment overview about synopsis abstract remarks information info'),
  ...words('reflect', 'reflection reflect reflective learnt learned lessons outcome outcomes impact benefit benefits takeaway takeaways insight insights apply applied application evaluation evaluate gained gain improve improved improvement'),
  ...words('ukspec', 'ukspec spec competence competences competency competencies'),
  ...words('skill', 'skill skills technical soft'),
  ...words('objective', 'objective objectives goal goals aim aims need needs purpose want'),
  ...words('status', 'status state progress'),
  ...words('action', 'action actions achieve achieving steps specific'),
  ...words('person', 'learner user employee emp member attendee participant person staff manager instructor author tutor trainer presenter speaker supervisor email mentor who full surname role position department team owner host'),
  ...words('id', 'id identifier ref reference code no num number uuid guid sku slug'),
  ...words('url', 'url link links website web href uri'),
  ...words('money', 'cost price fee fees paid vat invoice budget funding money balance debit withdrawal deposit'),
  ...words('provider', 'provider providers organiser organizer organisation organization vendor supplier institution platform source partner school university company employer body'),
  ...words('evidence', 'evidence certificate attachment attachments file files proof document documents'),
  ...words('score', 'score grade mark result percent percentage rating pass level proficiency'),
  ...words('location', 'location venue place where city country address'),
  ...words('cpd', 'cpd cpe'),
  ...words('success', 'success successful criteria kpi kpis measure measures measurable'),
  // A running figure over the rows, not a row's own ("Cumulative hours", "Remaining to 35 h", "Hours YTD").
  ...words('aggregate', 'cumulative cumulated accumulated running remaining outstanding ytd tally'),
  // The same concepts in the other languages logs arrive in (French, German, Spanish, Welsh; trial 2: a French
  // tracker and a Welsh log lost their durations and reflections). Accents are kept as written.
  ...words('date', 'datum fecha dyddiad'),
  ...words('start', 'début debut beginn inicio dechrau'),
  ...words('end', 'fin ende fine diwedd'),
  ...words('target', 'échéance echeance'),
  ...words('hours', 'durée duree heures dauer stunden duración duracion horas oriau hyd'),
  ...words('activity', 'intitulé intitule formation activité activite titre veranstaltung titel actividad curso título titulo gweithgaredd cwrs'),
  ...words('type', 'typ tipo modalité modalite math'),
  ...words('describe', 'commentaire commentaires beschreibung descripción descripcion disgrifiad nodiadau'),
  ...words('reflect', 'acquis bilan réflexion reflexion reflexión myfyrdod'),
  ...words('provider', 'organisme anbieter proveedor darparwr'),
];

function words(concept: Concept, list: string): Array<readonly [Concept, string]> {
  return list.split(' ').map((w) => [concept, w] as const);
}

/** Whole word → concepts (a word may carry two: `time` is a date or a duration). */
const BY_WORD = new Map<string, Concept[]>();
/** Stem → concepts, for the word's other forms (`completion` → `complet` ← `completed`). */
const BY_STEM = new Map<string, Concept[]>();
/** Whole words, for prefix matching of abbreviations. */
const WORD_LIST: Array<readonly [Concept, string]> = [];
function add(map: Map<string, Concept[]>, key: string, concept: Concept): void {
  const list = map.get(key) ?? [];
  if (!list.includes(concept)) list.push(concept);
  map.set(key, list);
}
for (const [concept, w] of LEXICON) {
  add(BY_WORD, w, concept);
  add(BY_STEM, stem(w), concept);
  WORD_LIST.push([concept, w]);
}

/** Forms whose stem would give a concept they do not carry: `needed` ("Support needed") is no learning need. */
const NO_CONCEPT = new Set(['needed', 'required', 'requested', 'used', 'using']);

/** Small words that carry no concept of their own ("Name of event", "Date of completion", "Hours (if any)"). */
const SMALL = new Set(['of', 'the', 'a', 'an', 'for', 'in', 'on', 'at', 'and', 'or', 'with', 'your', 'my', 'i', 'you', 'if', 'any', 'this', 'that', 'was', 'were', 'is', 'are', 'do', 'does', 'it', 'per', 'eg', 'e', 'g', 'etc', 'to', 'be', 'been', 'will', 'how', 'what', 'which', 'have', 'has', 'had', 'we', 'our', 'me', 'please', 'optional', 'required', 'if', 'so', 'now', 'there', 'here', 'its', 'their', 'all']);

/**
 * The concepts of one word: by the whole word, by its stem, or (an abbreviation: written with a full stop, or
 * standing `alone` as the heading's only word) by the prefix of one concept's words (`Categ.` → category).
 */
export function conceptsOf(word: string, abbreviated = false, alone = true): Concept[] {
  if (NO_CONCEPT.has(word)) return [];
  const direct = BY_WORD.get(word) ?? BY_STEM.get(stem(word));
  if (direct) return direct;
  if (!abbreviated && (word.length < 3 || !alone)) return [];
  if (word.length < 2 || /^\d+$/.test(word)) return [];
  // Abbreviation: "categ" → category, "refl" → reflection, "desc" → description; only when one concept claims it.
  const found = new Set<Concept>();
  for (const [concept, w] of WORD_LIST) if (w.length > word.length && w.startsWith(word)) found.add(concept);
  return found.size === 1 ? [...found] : [];
}

/** One reading of a heading: a field (or none, for a column that is plainly something else) with a score and why. */
export interface HeadingReading {
  /** The field the heading names, or null when it names something that is no record field (`what` says what). */
  field: RecordField | null;
  /** 0–1: how sure the heading alone makes us. */
  score: number;
  /** One line for the mapping: `heading words: "date" + "finished" → end date`. */
  reason: string;
  /** For `field: null`: what the column holds instead (a provider, an identifier, a link…). */
  what?: string;
  /**
   * Share (0–1) of the heading's own words (small words aside) that carry a concept: `Name of event` 1,
   * `systems thinking and learning` 0.33 — a low share is a phrase of prose, not a heading.
   */
  coverage: number;
  /**
   * How many different fields the heading's words name (a date's words count once): `Date finished` 1,
   * `Hours Reflection` 2 — two headings run together, or one heading naming two fields (`Comments & learning`).
   */
  fieldsNamed: number;
  /** Other fields the heading could name, to be decided by the column's content (`Category` → type or TWAVES). */
  alternatives?: RecordField[];
}

const FIELD_LABEL: Readonly<Record<RecordField, string>> = {
  activityName: 'activity name', activityType: 'activity type', twaves: 'TWAVES category', startDate: 'start date',
  endDate: 'end date', targetDate: 'target date', hours: 'hours', description: 'description', reflection: 'reflection',
  ukSpec: 'UK-SPEC competences', skillType: 'skill type', objective: 'objective', status: 'status',
};

/** The field's name for messages: `startDate` → `start date`. */
export function fieldLabel(field: RecordField): string {
  return FIELD_LABEL[field];
}

const NOT_A_FIELD: Partial<Record<Concept, string>> = {
  person: 'a person', id: 'an identifier', url: 'a link', money: 'a cost', provider: 'a provider or organisation',
  evidence: 'evidence or a certificate', score: 'a score or result', location: 'a place', success: 'a measure of success',
  aggregate: 'a running total or balance over the rows, not an activity\'s own figure', meta: 'a record-keeping detail (enrolment, views, updates, expiry), not the activity',
};

/** TWAVES letters written as a heading: `T/W/A/V/E/S`, `TWAVES`, `T W A V E S`. */
const TWAVES_LETTERS_RE = /^\s*T\s*[/,|\s-]\s*W\s*[/,|\s-]\s*A\s*[/,|\s-]\s*V\s*[/,|\s-]\s*E\s*[/,|\s-]\s*S\s*$/i;

/** True when a text lists three or more TWAVES categories or letters (`Training, Work, Academic…`, `T W A V E S`). */
export function listsTwaves(text: string): boolean {
  if (TWAVES_LETTERS_RE.test(text)) return true;
  const parts = text.split(/[,/|;]|\bor\b/i).map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length < 3) return false;
  const letters = new Set(parts.map((p) => parseTwaves(p)).filter((l) => l !== null));
  return letters.size >= 3;
}

/**
 * Reads a heading by its words. Returns null when the words say nothing we know (`Col1`, `Misc`, `Ref. 2`…
 * `Ref` is an identifier, so that one gives `{ field: null, what: 'an identifier' }`).
 * Examples: `Name of event` → activity name; `activity_dt` → start date; `finishedAt` → end date;
 * `Date finished (if finished)` → end date; `Categ.` → activity type or TWAVES (content decides);
 * `Comments & learning` → reflection; `Course ID` → no field (an identifier); `Dur. (mins)` → hours.
 */
export function readHeading(heading: string): HeadingReading | null {
  // "Mon", "Tuesday": a day of a week laid across the table, holding the time spent that day (build.ts dates the
  // row by its days with time).
  if (weekdayNumber(heading) !== null) return { field: null, score: 0.8, reason: `heading "${heading.trim()}" names a day of the week (the time spent that day)`, what: 'a day of the week', coverage: 1, fieldsNamed: 0 };
  if (listsTwaves(heading)) return { field: 'twaves', score: 0.95, reason: 'the heading lists the TWAVES categories', coverage: 1, fieldsNamed: 1 };
  const hw = headingWords(heading);
  for (const t of hw.noteTexts) {
    if (listsTwaves(t)) return { field: 'twaves', score: 0.95, reason: `the heading's note lists the TWAVES categories ("${t}")`, coverage: 1, fieldsNamed: 1 };
  }
  const main = conceptsIn(hw.words, hw);
  // A currency sign anywhere ("Amount (£)", "Fee $") makes the column money, whatever its words.
  if (/[£$€¥]/.test(heading)) return { field: null, score: 0.85, reason: 'the heading names a currency', what: 'a cost', coverage: 1, fieldsNamed: 0 };
  const content = hw.words.filter((w, at) => !SMALL.has(w) && !CPD_OWN_WORDS.has(w) && !qualifiesThing(hw.words, at));
  const covered = new Set(main.map((f) => f.at)).size;
  // A heading of small words only ("What?", "So what?", "How long?") is read as a phrase: wholly understood.
  const coverage = content.length === 0 ? 1 : Math.min(1, covered / content.length);
  // (An activity word beside another field's word only says whose: "Meeting duration", "Course date", "Activity type".)
  const families = new Set(main.map((f) => FAMILY[f.concept]).filter((x) => x !== undefined));
  if (families.size > 1) families.delete('name');
  const fieldsNamed = families.size;
  const reading = fieldFrom(main, hw);
  // A weak reading of the heading's own words gives way to a sure one of its note: "Learning time (hours)".
  if (reading && reading.score < 0.7 && hw.note.length > 0) {
    const fromNote = fieldFrom(conceptsIn(hw.note, hw), hw);
    if (fromNote && fromNote.field !== null && fromNote.score >= 0.85) {
      return { ...fromNote, score: 0.8, reason: `${fromNote.reason} (from the note in brackets)`, coverage, fieldsNamed };
    }
  }
  if (reading?.whole === true) {
    const { whole: _whole, ...rest } = reading;
    return { ...rest, coverage: 1, fieldsNamed: reading.field === null ? 0 : 1 };
  }
  if (reading) return { ...reading, coverage, fieldsNamed };
  // Nothing in the heading's own words: its note may name the field ("Amount (hours)", "When (dd/mm/yyyy)"), or
  // its unit, written short ("Area of practice (h)").
  if (hw.note.length === 1 && (hw.note[0] === 'h' || hw.note[0] === 'hr' || hw.note[0] === 'hrs')) {
    return { field: 'hours', score: 0.75, reason: `the heading's unit "(${hw.note[0]})" → hours`, coverage, fieldsNamed: 1 };
  }
  const note = conceptsIn(hw.note, hw);
  const fromNote = fieldFrom(note, hw);
  if (fromNote && fromNote.field !== null) {
    return { ...fromNote, score: Math.min(fromNote.score, 0.75), reason: `${fromNote.reason} (from the note in brackets)`, coverage, fieldsNamed: 1 };
  }
  return fromNote ? { ...fromNote, coverage, fieldsNamed: 0 } : null;
}

/**
 * Words that make a text a clause of prose rather than a heading ("Note that", "It was useful"), unless the text
 * is a question ("What was learnt?") or starts with a question word.
 */
const CLAUSE = new Set(['that', 'which', 'because', 'although', 'then', 'it', 'its', 'was', 'were', 'is', 'are', 'has', 'had', 'there', 'these', 'those', 'we', 'they', 'he', 'she', 'very', 'really']);
const QUESTION_WORDS = new Set(['what', 'how', 'when', 'why', 'who', 'where', 'which']);

/** True when the words of a text read as prose, not as a heading or label: a clause word outside a question. */
export function readsAsClause(text: string): boolean {
  const hw = headingWords(text);
  if (hw.question || QUESTION_WORDS.has(hw.words[0] ?? '')) return false;
  return hw.words.some((w) => CLAUSE.has(w));
}

/** A reading before its coverage is known; `whole`: a phrase rule read the whole heading (coverage 1, one field). */
type Reading = Omit<HeadingReading, 'coverage' | 'fieldsNamed'> & { whole?: true };

/** The field family of a concept, for {@link HeadingReading.fieldsNamed} (concepts naming no field have none). */
const FAMILY: Partial<Record<Concept, string>> = {
  date: 'date', start: 'date', end: 'date', target: 'date', timestamp: 'date', hours: 'hours', activity: 'name', name: 'name',
  type: 'type', category: 'type', twaves: 'type', describe: 'description', reflect: 'reflection', ukspec: 'ukspec',
  skill: 'skill', objective: 'objective', status: 'status', action: 'name',
};

/**
 * The words of "continuing professional development" and "personal development plan": every heading of a CPD record
 * is about them, so they say nothing about the column and do not make a heading a phrase of prose
 * ("Development activities", "Professional development undertaken").
 */
const CPD_OWN_WORDS: ReadonlySet<string> = new Set(['continuing', 'professional', 'development', 'personal']);

/** Concepts naming a thing a column may hold instead of a record field (a link, a document, an identifier…). */
const THING_CONCEPTS: ReadonlySet<Concept> = new Set(['url', 'evidence', 'id', 'money', 'person', 'location']);

/** True for a past participle of a thing's name that qualifies the word after it (`linked` in "Linked activities"). */
function qualifiesThing(list: readonly string[], at: number): boolean {
  const w = list[at]!;
  if (at >= list.length - 1 || !w.endsWith('ed') || BY_WORD.has(w)) return false;
  const concept = BY_STEM.get(stem(w))?.[0];
  return concept !== undefined && THING_CONCEPTS.has(concept);
}

interface Found {
  concept: Concept;
  word: string;
  /** Position of the word in the heading. */
  at: number;
}

function conceptsIn(list: readonly string[], hw: HeadingWords): Found[] {
  const out: Found[] = [];
  // An undotted abbreviation ("Desc", "Refl", "Categ") is read by prefix only when it is the heading's one word:
  // inside a phrase a short word is more likely a word of its own ("Over 5?" is no overview).
  const alone = list.length === 1;
  list.forEach((w, at) => {
    if (SMALL.has(w) && !KEEP_SMALL.has(w)) return;
    // "Per day", "per hour": a rate, not a date or a duration of the activity.
    if (at > 0 && list[at - 1] === 'per') return;
    // A past participle of a thing's name before another word only qualifies it ("Linked development activities",
    // "Documented evidence"): the link or document is not what the column holds.
    if (qualifiesThing(list, at)) return;
    const own = conceptsOf(w, hw.abbreviated.has(w), alone);
    for (const concept of own) out.push({ concept, word: w, at });
    // Two concept words written as one ("DTSTART", "DTEND" of a calendar, "startdate", "coursename"): both.
    if (own.length === 0) for (const [part, concept] of gluedConcepts(w)) out.push({ concept, word: part, at });
  });
  // "at"/"on" after a participle is a timestamp in program styles: finishedAt, completedOn, startedAt.
  list.forEach((w, at) => {
    if ((w === 'at' || w === 'on') && at > 0 && at === list.length - 1 && out.some((f) => f.at === at - 1 && TIMESTAMPED.has(f.concept))) {
      out.push({ concept: 'timestamp', word: w, at });
    }
  });
  return out;
}

/**
 * A word made of two concept words run together, as databases and calendars write headings in one case
 * ("DTSTART" = "dt" + "start", "enddate", "coursename"): each part with its concepts, or none when the word does not
 * split into exactly two whole concept words (small words such as "on" or "at" do not count as parts).
 */
function gluedConcepts(word: string): Array<readonly [string, Concept]> {
  if (word.length < 5) return [];
  for (let k = 2; k <= word.length - 2; k++) {
    const a = word.slice(0, k);
    const b = word.slice(k);
    if (SMALL.has(a) || SMALL.has(b)) continue;
    const ca = BY_WORD.get(a);
    const cb = BY_WORD.get(b);
    if (ca !== undefined && cb !== undefined) return [...ca.map((c) => [a, c] as const), ...cb.map((c) => [b, c] as const)];
  }
  return [];
}

/** Concepts of a participle that a trailing "at"/"on" turns into a timestamp: `finishedAt`, `Completed on`, `createdAt`. */
const TIMESTAMPED: ReadonlySet<Concept> = new Set(['start', 'end', 'target', 'meta']);

/** Small words that still mean something in a heading: `to` (an end), `from` (a start), `by` (a target), `when`. */
const KEEP_SMALL = new Set(['to', 'by', 'what', 'how']);

function has(found: readonly Found[], c: Concept): Found | undefined {
  return found.find((f) => f.concept === c);
}

function quote(fs: ReadonlyArray<Found | undefined>): string {
  return fs.filter((f): f is Found => f !== undefined).map((f) => `"${f.word}"`).join(' + ');
}

/** Words that make "job" a person's job: job title, job role. */
const JOB_OF_PERSON = new Set(['title', 'role', 'grade', 'family', 'level', 'code', 'function']);

/** Words that make a "name" a person's: first name, last name, full name, surname, given name, user name. */
const PERSON_NAME_LEAD = new Set(['first', 'last', 'full', 'sur', 'given', 'family', 'user', 'learner', 'employee', 'member', 'your', 'my']);

/** Words before "points" that make them CPD points, not points learnt. */
const POINTS_LEAD = new Set(['cpd', 'cpe', 'ce', 'credit', 'total', 'no', 'num', 'number', 'of', 'claimed', 'earned', 'awarded', 'pd', 'development', 'professional']);

/** Duration words that only hint at hours ("Time spent" yes; "Date taken" is a date). */
const WEAK_HOURS = new Set(['spent', 'taken', 'effort', 'time']);

function fieldFrom(all: readonly Found[], hw: HeadingWords): Reading | null {
  // "… as a result": a consequence, not a score or result (an NMC form asks "How did you change or improve your
  // practice as a result?").
  const found = all.filter((f) => !(f.word === 'result' && hw.words[f.at - 1] === 'a' && hw.words[f.at - 2] === 'as'));
  const planned = plannedQuestion(hw) ?? developmentArea(hw);
  if (planned !== null) return planned;
  // "Cumulative hours", "Remaining to 35 h", "Hours to date", "CPD so far": a running figure over the rows.
  const aggregate = has(found, 'aggregate') ?? toDateOrSoFar(hw.words);
  if (aggregate) return notField(aggregate, 0.85);
  if (found.length === 0) return whatQuestion(hw);
  const onlyWord = hw.words.filter((w) => !SMALL.has(w) || KEEP_SMALL.has(w)).length <= 1;
  const date = has(found, 'date') ?? has(found, 'timestamp');
  const strongHours = found.find((f) => f.concept === 'hours' && !WEAK_HOURS.has(f.word));
  const weakHours = found.find((f) => f.concept === 'hours' && WEAK_HOURS.has(f.word) && f.word !== 'time');
  const start = has(found, 'start');
  const end = has(found, 'end');
  const target = has(found, 'target');
  const meta = has(found, 'meta');
  const to = hw.words.includes('to') ? { concept: 'end' as Concept, word: 'to', at: hw.words.indexOf('to') } : undefined;
  const by = hw.words.includes('by') && date ? { concept: 'target' as Concept, word: 'by', at: hw.words.indexOf('by') } : undefined;
  const money = has(found, 'money');
  const score = has(found, 'score');
  const timeWord = found.find((f) => f.word === 'time');
  // "Week ending", "Week commencing", "Month beginning": the period a row is booked to, not an activity's own date.
  if (/^(week|month|period|fortnight)$/.test(hw.words[0] ?? '') && (start ?? end) !== undefined && !hw.words.includes('date')) {
    return { field: null, score: 0.7, reason: `heading "${hw.words.join(' ')}" names the period a row is booked to, not the activity's date`, what: 'a period' };
  }
  // "Delivered by", "Run by", "Organised by": who provided the activity.
  const last = hw.words[hw.words.length - 1];
  if (last === 'by' && hw.words.length >= 2 && !date) return { field: null, score: 0.8, reason: `heading "… by" names who provided the activity, no record field`, what: 'a provider or organisation' };
  // "Key points", "Learning points": points made, not CPD points (those stand alone or follow "CPD", "credit").
  const points = found.find((f) => f.concept === 'hours' && (f.word === 'points' || f.word === 'pts'));
  if (points && points.at > 0 && !POINTS_LEAD.has(hw.words[points.at - 1]!)) {
    return { field: 'reflection', score: 0.7, reason: `heading words "${hw.words[points.at - 1]} ${points.word}": points learnt, not CPD points → reflection` };
  }
  const dateWord = date && date.word !== 'time' ? date : undefined;

  // A cost, a score or a percentage is never hours or a date, whatever else the heading says.
  if (money && !strongHours && !weakHours) return notField(money, 0.85);
  if (score && !strongHours && !dateWord) return notField(score, 0.8);
  // A duration word: "Hours", "Dur.", "Course duration", "Time spent"; a weak one gives way to a date word ("Date taken").
  const hours = strongHours ?? (dateWord ? undefined : weakHours);
  if (hours) {
    const lead = found.find((f) => f.concept === 'activity' && f.at < hours.at);
    return { field: 'hours', score: strongHours ? 0.9 : 0.8, reason: `heading words: ${quote([lead, hours, hours === weakHours ? timeWord : undefined])} → hours` };
  }
  if (dateWord || (timeWord && (start ?? end ?? target))) {
    const d = dateWord ?? timeWord!;
    if (target ?? by) return { field: 'targetDate', score: 0.9, reason: `heading words: ${quote([d, target ?? by])} → target date` };
    // "Required date", "Date required by": when the activity is required, a target.
    if (hw.words.includes('required')) return { field: 'targetDate', score: 0.85, reason: `heading words: ${quote([d])} + "required" → target date` };
    // "First view date", "First accessed": when the learner began, a start date; "Last viewed" is record-keeping.
    // ("Joined" is a member's joining date; "first joined" is the learner's first join to a session.)
    if (meta && !start && !end && hw.words.includes('first')) return { field: 'startDate', score: 0.8, reason: `heading words: "first" + "${meta.word}" + ${quote([d])} → start date (when the activity was begun)` };
    if (meta && !start && !end) return notField(meta, 0.7);
    if (end ?? (to && !start)) return { field: 'endDate', score: 0.9, reason: `heading words: ${quote([d, end ?? to])} → end date` };
    return { field: 'startDate', score: start ? 0.9 : 0.85, reason: `heading words: ${quote([d, start])} → start date` };
  }
  // "FirstJoinTime", "First access time": the moment the learner began, a start date; "Join time" alone, "Last
  // leave time" are record-keeping moments. A moment word beside "time" makes it a point in time, not a duration.
  if (timeWord && meta && !strongHours) {
    if (hw.words.includes('first')) return { field: 'startDate', score: 0.8, reason: `heading words: "first" + "${meta.word}" + "time" → start date (when the activity was begun)` };
    return notField(meta, 0.7);
  }
  if (timeWord) {
    return { field: 'hours', score: 0.55, reason: 'heading word "time": a duration or a time of day (the column\'s content decides)' };
  }
  // A date word's modifier alone: "Start", "From", "Finished", "Due", "Deadline".
  if (onlyWord && (start ?? end ?? target)) {
    const f = (target ?? end ?? start)!;
    const field: RecordField = target ? 'targetDate' : end ? 'endDate' : 'startDate';
    return { field, score: 0.7, reason: `heading word "${f.word}" → ${fieldLabel(field)} (the column's content decides)`, alternatives: ['status'] };
  }
  // "FIRST ACCESS", "First launched", "First join": when the learner began.
  if (meta && hw.words.includes('first') && !has(found, 'name')) return { field: 'startDate', score: 0.75, reason: `heading words: "first" + "${meta.word}" → start date (when the activity was begun)` };
  // "Job title", "Job role": the person's job, not the activity ("Off-the-job activity" is an activity).
  if (hw.words.includes('job') && hw.words.some((w) => JOB_OF_PERSON.has(w))) return { field: null, score: 0.85, reason: 'heading names a person\'s job, no record field', what: 'a person' };
  // "First name", "Last name", "Full name": a person, whatever "last" means elsewhere.
  if (has(found, 'name') && hw.words.some((w) => PERSON_NAME_LEAD.has(w))) return { field: null, score: 0.85, reason: 'heading names a person\'s name, no record field', what: 'a person' };
  const notOf = NOT_FIRST.map((c) => has(found, c)).find((f) => f !== undefined);
  const reflect = has(found, 'reflect');
  const describe = has(found, 'describe');
  const ukspec = has(found, 'ukspec');
  const skill = has(found, 'skill');
  const type = has(found, 'type');
  const category = has(found, 'category');
  const objective = has(found, 'objective');
  const status = has(found, 'status');
  // ("Task Content": the word beside "task" says what the column holds.)
  const activity = found.find((f) => f.concept === 'activity' && !/^tasks?$/.test(f.word)) ?? has(found, 'activity');
  const name = has(found, 'name');
  const action = has(found, 'action');
  const twaves = has(found, 'twaves');
  if (twaves) return { field: 'twaves', score: 0.95, reason: `heading word "${twaves.word}" → TWAVES category` };
  if (ukspec && !(ukspec.word === 'spec' && !hw.words.includes('uk'))) return { field: 'ukSpec', score: 0.9, reason: `heading word "${ukspec.word}" → UK-SPEC competences` };
  if (skill && (type ?? category ?? (skill.word === 'technical' || skill.word === 'soft' ? skill : undefined))) {
    return { field: 'skillType', score: 0.85, reason: `heading words: ${quote([skill, type ?? category])} → skill type` };
  }
  if (skill && onlyWord) return { field: 'skillType', score: 0.55, reason: `heading word "${skill.word}": a skill type, or the skills an activity covers (the column's content decides)` };
  if (notOf && !(reflect ?? describe)) {
    // "Course ID", "Instructor name", "Course URL", "Provider": plainly no record field. "Code" or "Ref" alone is
    // weak: a column of TWAVES letters or UK-SPEC codes headed "Code" is read by its content.
    const weak = onlyWord && notOf.concept === 'id';
    return notField(notOf, weak ? 0.5 : activity ?? name ? 0.85 : 0.8);
  }
  // "What do I want to learn?", "Learning need": the objective comes first and the rest says what it is about.
  if (objective && (!reflect || objective.at < reflect.at) && !(activity && activity.at > objective.at && !reflect)) {
    if (action && action.at < objective.at) return { field: 'activityName', score: 0.75, reason: `heading words: ${quote([action, objective])} → the activity (a planned action)` };
    return { field: 'objective', score: 0.85, reason: `heading word "${objective.word}" → objective` };
  }
  if (reflect) {
    const both = describe ? ` (it names a description too: ${quote([describe])}; the reflection is what a reviewer looks for)` : '';
    return { field: 'reflection', score: describe ? 0.8 : 0.85, reason: `heading words: ${quote([reflect])} → reflection${both}` };
  }
  if (hw.words.includes('next') && hw.words.includes('steps')) return { field: 'reflection', score: 0.75, reason: 'heading words "next steps" → reflection (how the learning will be applied)' };
  if (hw.words.includes('learning') && (describe ?? (hw.question ? activity : undefined))) {
    return { field: 'reflection', score: 0.75, reason: `heading words: "learning" + ${describe ? `"${describe.word}"` : 'a question'} → reflection` };
  }
  if (describe) return { field: 'description', score: 0.85, reason: `heading word "${describe.word}" → description` };
  // The last noun heads an English compound: "Course Status" is a status, "Status of course" too.
  if (status && (!activity || status.at > activity.at || hw.words[activity.at - 1] === 'of')) return { field: 'status', score: 0.85, reason: `heading word "${status.word}" → status` };
  // ("Item Type" beside "Assignment Type": the one naming the activity is surer.)
  if (type) return { field: 'activityType', score: activity ? 0.88 : 0.85, reason: `heading words: ${quote([activity, type])} → activity type` };
  if (category) {
    return { field: 'activityType', score: 0.8, reason: `heading word "${category.word}" → activity type or TWAVES (the column's content decides)`, alternatives: ['twaves'] };
  }
  if (action) return { field: 'activityName', score: 0.75, reason: `heading word "${action.word}" → the activity (a planned action)` };
  // "Task" alone in a timesheet is the kind of work booked (Design, Training, Leave); "Task Name" names the activity.
  if (activity && !(name === undefined && /^tasks?$/.test(activity.word))) {
    // Words that name a row of anything ("Item", "Content") are weak alone; "Task Name" names it.
    const weak = /^(?:learning|content|items?|tasks?)$/.test(activity.word);
    return { field: 'activityName', score: weak ? (name ? 0.8 : 0.65) : 0.85, reason: `heading words: ${quote([activity, name])} → activity name` };
  }
  if (name) return { field: 'activityName', score: 0.6, reason: `heading word "${name.word}" → activity name (or a person's name: the content and other columns decide)` };
  if (status) return { field: 'status', score: 0.7, reason: `heading word "${status.word}" → status` };
  if (start ?? end ?? target) {
    const f = (target ?? end ?? start)!;
    const field: RecordField = target ? 'targetDate' : end ? 'endDate' : 'startDate';
    return { field, score: 0.55, reason: `heading word "${f.word}" → ${fieldLabel(field)} (the column's content decides)`, alternatives: ['status'] };
  }
  if (notOf) return notField(notOf, 0.7);
  return whatQuestion(hw);
}

/**
 * "… to date" or "… so far" at the end of a heading after another word ("Hours to date", "Total so far"): a figure
 * summed over the rows up to this one. Null for other headings ("Date", "Due to date" is not written).
 */
function toDateOrSoFar(w: readonly string[]): Found | undefined {
  const n = w.length;
  if (n < 3) return undefined;
  const pair = `${w[n - 2]} ${w[n - 1]}`;
  if (pair !== 'to date' && pair !== 'so far') return undefined;
  return { concept: 'aggregate', word: pair, at: n - 2 };
}

/** Concepts that make a column something other than a record field, in order of precedence. */
const NOT_FIRST: readonly Concept[] = ['url', 'id', 'person', 'provider', 'evidence', 'score', 'success', 'location', 'meta'];

function notField(f: Found, score: number): Reading {
  const what = NOT_A_FIELD[f.concept] ?? f.concept;
  return { field: null, score, reason: `heading word "${f.word}" → ${what}, no record field`, what };
}

/**
 * Verbs after "How will I …" that ask how success will be seen, not what will be done ("How will I know I've
 * succeeded?"); the words of success and evidence themselves ("measure", "success") come from the lexicon.
 */
const SEEING_VERBS = new Set(['know', 'tell', 'show', 'demonstrate', 'judge', 'see', 'succeed', 'succeeded']);
/** Verbs after "How will I …" that ask how learning is used (the reflection; see {@link whatQuestion}). */
const USE_WORDS = new Set(['apply', 'applied', 'applying', 'use', 'used', 'using']);
const MODALS = new Set(['will', 'shall', 'can', 'could', 'would', 'might', 'should', 'do', 'am', 'are', 'is']);

/**
 * A plan's question about the future, "How will I <verb> …?" ("How will I address it?", "How do we get there?"):
 * the planned actions — whatever the verb's other senses ("address" is no place here). "How will I know I've
 * succeeded?" asks for a measure of success, which is no record field. Development-plan forms are laid out as
 * these questions (docs/domain/CPD.md §5, plan headings; trial 5: a teacher's growth plan). Null for other headings.
 */
function plannedQuestion(hw: HeadingWords): Reading | null {
  const w = hw.words;
  if (w[0] !== 'how' || !MODALS.has(w[1] ?? '') || !['i', 'we', 'you'].includes(w[2] ?? '') || w.length < 4) return null;
  const rest = w.slice(3);
  if (rest.some((x) => USE_WORDS.has(x)) || rest.includes('long')) return null;
  if (rest.some((x) => SEEING_VERBS.has(x) || conceptsOf(x).some((c) => c === 'success' || c === 'evidence'))) return { field: null, score: 0.7, reason: `heading "${w.join(' ')}" asks how success will be seen → a measure of success, no record field`, what: 'a measure of success', whole: true };
  return { field: 'activityName', score: 0.75, reason: `heading "${w.join(' ')}" asks how a goal will be met → the activity (a planned action)`, whole: true };
}

/** Words of an area in a plan: "Development area", "Area for development", "Growth area", "Focus area". */
const AREA_WORDS = new Set(['area', 'areas', 'focus']);
const GROWTH_WORDS = new Set(['development', 'developmental', 'develop', 'growth', 'improvement', 'improve', 'focus']);

/**
 * "Development area", "Area for development", "Growth area", "Focus area": what a plan aims at, the objective
 * (appraisal and development-plan forms, docs/domain/CPD.md §5). An area with no word of growth ("Area", "Subject
 * area") is not read here.
 */
function developmentArea(hw: HeadingWords): Reading | null {
  const w = hw.words.filter((x) => !/^\d+$/.test(x));
  const paired = w.some((x, i) => AREA_WORDS.has(x) && w.some((y, k) => k !== i && GROWTH_WORDS.has(y)));
  if (!paired) return null;
  if (w.filter((x) => !SMALL.has(x)).length > 4) return null;
  return { field: 'objective', score: 0.8, reason: `heading "${w.join(' ')}" names a development area → objective`, whole: true };
}

/** Question headings with no concept word: "What?" → activity name, "When?" is caught as a date word. */
function whatQuestion(hw: HeadingWords): Reading | null {
  const w = hw.words;
  // Driscoll's reflective model: "What?" (what happened), "So what?", "Now what?" (what it meant, what next).
  if ((w[0] === 'so' || w[0] === 'now') && w[1] === 'what' && w.length === 2) return { field: 'reflection', score: 0.8, reason: `heading "${w.join(' ')}?" (the reflective model's questions) → reflection` };
  if (w.length === 1 && w[0] === 'what') {
    return hw.question
      ? { field: 'description', score: 0.75, reason: 'heading "What?" (what happened, as in the reflective model) → description' }
      : { field: 'activityName', score: 0.6, reason: 'heading "What" → the activity' };
  }
  if (w[0] === 'how' && w.includes('long')) return { field: 'hours', score: 0.8, reason: 'heading "How long" → hours' };
  if (w[0] === 'how' && w.some((x) => /^(apply|applied|applying|use|used|using)$/.test(x))) return { field: 'reflection', score: 0.8, reason: 'heading asks how the learning is used → reflection' };
  if (w[0] === 'why') return { field: 'objective', score: 0.6, reason: 'heading asks why the activity was done → objective' };
  // "What will I do?", "What are you going to do?": a plan asks for the planned action, the activity itself.
  if (w.includes('what') && w.includes('do') && (w.includes('will') || w.includes('going') || w.includes('shall'))) return { field: 'activityName', score: 0.75, reason: 'heading asks what will be done → the activity (a planned action)' };
  if (w.includes('what') && (w.includes('did') || w.includes('do') || w.includes('done'))) return { field: 'description', score: 0.75, reason: 'heading asks what was done → description' };
  return null;
}
