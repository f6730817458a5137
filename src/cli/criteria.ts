/**
 * `cpd-import review FILE|FOLDER... --year YYYY [--status active|reduced|inactive] [--json]` (docs/DESIGN.md §2 CLI,
 * issue 5 §1): imports the files in-process (the same pipeline and thread pool as the main command, no services)
 * and prints the annual review criteria (`src/review/criteria/`) over all their records for that calendar year —
 * readable by default, one JSON object with `--json`. `--body ID` reviews against another professional body's
 * rule set (`src/review/rulesets/`, docs/domain/RULESETS.md) for `--year` (an N-year body: the N years ending with
 * it) or `--period YYYY-MM-DD..YYYY-MM-DD`; without `--body`, the `DEFAULT_BODY` setting (as the service's default,
 * src/config.ts; the IET when unset). `--out FILE.xlsx` also saves the records with a Review sheet of this review
 * (`.csv`, `.json`: the records). `cpd-import review --bodies` lists the bodies; `--trend` prints the member's
 * figures year by year as a table instead (./trend.ts). Exit 0 when every file was read, 1 when any could not be (one
 * `cpd-import: FILE: reason` line each; the review covers the others), 2 for usage errors.
 *
 * Cheap to register: the pipeline, the criteria and the colour library load only when the command runs.
 */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIo } from './main.js';
import { canonicalTimeZone } from '../pipeline/normalise/zone.js';
import type { ImportResult } from '../domain/index.js';
import type { ActivityStatus, AnnualReview, CriterionBase, Outcome, RecordRef } from '../review/criteria/index.js';
import type { BodyReview, ReviewPeriod, RuleSet } from '../review/rulesets/index.js';

interface ReviewCliOptions {
  year?: number;
  period?: string;
  /** Absent: the `DEFAULT_BODY` setting (src/config.ts), as the service uses for a member with none set. */
  body?: string;
  out?: string;
  bodies?: boolean;
  status: ActivityStatus;
  json?: boolean;
  trend?: boolean;
  dateOrder: 'dmy' | 'mdy' | 'auto';
  hoursPerDay: number;
  hoursPerPoint: number;
  timeZone: string;
  timeout: number;
  maxSize: number;
  today?: string;
}

function parseYear(v: string): number {
  if (!/^\d{4}$/.test(v) || Number(v) < 1900 || Number(v) > 2099) throw new InvalidArgumentError('give a calendar year of four digits, e.g. --year 2024');
  return Number(v);
}

function parsePositive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

/** `--time-zone`: an IANA zone name (its canonical spelling), else a usage error. */
function timeZoneArg(v: string): string {
  const tz = canonicalTimeZone(v);
  if (tz === undefined) throw new InvalidArgumentError(`"${v}" is not a time zone name; give an IANA name such as Europe/London or UTC`);
  return tz;
}

/**
 * Adds the `review` command (the annual review criteria over files) to the program. The command keeps its public
 * name; in the code it is the criteria command, apart from corrections (`src/review/corrections/`) and the review
 * page (`src/http/page/`).
 * @param setCode receives the exit code (0 every file read, 1 a file could not be read, 2 usage error)
 */
export function addCriteriaCommand(program: Command, io: CliIo, setCode: (n: number) => void): void {
  program
    .command('review')
    .description('the CPD review criteria of a professional body (the IET unless --body) over the records of these files for a year or a period')
    .usage('FILE|FOLDER... (--year YYYY | --period YYYY-MM-DD..YYYY-MM-DD | --trend) [--body ID] [--status active|reduced|inactive] [--json] [--out FILE.xlsx] | --bodies')
    .argument('[paths...]', 'files or folders holding one member\'s CPD records')
    .option('--year <YYYY>', 'the calendar year reviewed (activities count in the year of their end date); for a body reviewing N years, the N years ending with it', parseYear)
    .option('--period <from..to>', 'the days reviewed, e.g. 2022-04-01..2025-03-31 (other bodies than the IET)')
    .option('--body <id>', 'the professional body whose rules apply (cpd-import review --bodies lists them); default: the DEFAULT_BODY setting, else iet')
    .option('--bodies', 'list the professional bodies with a rule set, and their periods and criteria')
    .addOption(new Option('--status <status>', "the member's activity status that year: 30 h, 10 h or no CPD required").choices(['active', 'reduced', 'inactive']).default('active'))
    .option('--json', 'print the review as one JSON object on stdout')
    .option('--out <file>', 'also save the records to FILE.xlsx (with a Review sheet of this review: the body and period given), FILE.csv or FILE.json')
    .option('--trend', "the member's figures year by year as a table (hours against the body's requirement, TWAVES, skills, plan, reflections, criteria met); no --year or --period")
    .addOption(new Option('--date-order <order>', 'day/month order of numeric dates').choices(['dmy', 'mdy', 'auto']).default('auto'))
    .option('--hours-per-day <hours>', 'hours counted per day when a log gives days', parsePositive('--hours-per-day'), 6)
    .option('--hours-per-point <hours>', 'hours counted per CPD point, credit or unit (UK and Irish convention: 1)', parsePositive('--hours-per-point'), 1)
    .option('--time-zone <zone>', 'time zone in which date-times with a zone are dated', timeZoneArg, 'Europe/London')
    .option('--timeout <seconds>', 'time limit per file', parsePositive('--timeout'), 60)
    .option('--max-size <MB>', 'size limit per file', parsePositive('--max-size'), 20)
    .addOption(new Option('--today <YYYY-MM-DD>', 'date taken as today (completed activities after it are flagged)').hideHelp())
    .action(async (paths: string[], opts: ReviewCliOptions) => {
      setCode(await runReview(paths, opts, io));
    });
}

async function runReview(paths: string[], opts: ReviewCliOptions, io: CliIo): Promise<number> {
  const [{ RULE_SETS, parsePeriod, periodFor, reviewForBody, ruleSetFor }, { defaultBodySetting }] = await Promise.all([import('../review/rulesets/index.js'), import('../config.js')]);
  let defaultBody;
  try {
    defaultBody = defaultBodySetting(io.env ?? {});
  } catch (e) {
    io.stderr(`cpd-import: ${(e as Error).message}\n`);
    return 2;
  }
  if (opts.bodies === true) {
    io.stdout(listBodies([...RULE_SETS.values()], defaultBody));
    return 0;
  }
  let rs;
  let period: ReviewPeriod | undefined;
  let outFormat: 'json' | 'csv' | 'xlsx' | null = null;
  try {
    rs = ruleSetFor(opts.body ?? defaultBody);
    if (opts.out !== undefined) {
      const ext = extname(opts.out).toLowerCase().slice(1);
      if (ext !== 'json' && ext !== 'csv' && ext !== 'xlsx') throw new Error(`--out must end in .xlsx, .csv or .json (got ${opts.out})`);
      outFormat = ext;
    }
    if (opts.trend === true) {
      if (opts.year !== undefined || opts.period !== undefined) throw new Error('--trend shows every year the records count in: leave out --year and --period');
    } else {
      if (opts.year === undefined && opts.period === undefined) throw new Error('give the period reviewed: --year YYYY or --period YYYY-MM-DD..YYYY-MM-DD (or --trend for every year)');
      if (opts.year !== undefined && opts.period !== undefined) throw new Error('give --year or --period, not both');
      period = opts.period !== undefined ? parsePeriod(rs, opts.period) : periodFor(rs, { year: opts.year! });
      if (rs.id === 'iet' && period.year === undefined) throw new Error('the IET reviews a calendar year: give --year YYYY');
    }
    if (paths.length === 0) throw new Error('give the files or folders to review');
  } catch (e) {
    io.stderr(`cpd-import: ${(e as Error).message}\n`);
    return 2;
  }
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
    io.stderr('cpd-import: --today must be a date YYYY-MM-DD\n');
    return 2;
  }
  const [{ collectInputs, expandFile, failureLine }, { ImportThreadPool }, { reviewYear }, { todayIso }] = await Promise.all([
    import('./main.js'),
    import('../pipeline/pool.js'),
    import('../review/criteria/index.js'),
    import('../pipeline/import.js'),
  ]);
  const { files, missing } = await collectInputs(paths, io);
  let failed = missing.length;
  for (const m of missing) io.stderr(`cpd-import: ${m}: no such file or folder\n`);
  const results: ImportResult[] = [];
  const read: string[] = [];
  const pool = new ImportThreadPool({ size: 1 });
  try {
    const options = {
      dateOrder: opts.dateOrder,
      hoursPerDay: opts.hoursPerDay,
      hoursPerPoint: opts.hoursPerPoint,
      timeZone: opts.timeZone,
      budget: { timeoutMs: Math.round(opts.timeout * 1000), maxBytes: Math.round(opts.maxSize * 1024 * 1024) },
      ...(opts.today !== undefined ? { today: opts.today } : {}),
    };
    for (const file of files) {
      // Labelled as the user named the file (or the folder walk joined it), parts of e-mails and zips under it.
      for (const input of await expandFile(file, options.budget, io)) {
        try {
          if (!('bytes' in input)) throw input.error;
          // Reported by base name, as before parts existed; a part keeps its path inside the e-mail or zip.
          const name = basename(file) + input.label.slice(file.length);
          const result = await pool.run(input.bytes, input.label, { ...options, name });
          results.push(result);
          read.push(result.file);
        } catch (e) {
          failed++;
          io.stderr(failureLine(input.label, e));
        }
      }
    }
  } finally {
    await pool.close();
  }
  const today = opts.today ?? todayIso();
  const records = results.flatMap((r) => r.records);
  if (opts.trend === true || period === undefined) {
    const [{ memberTrend }, { renderTrend }] = await Promise.all([import('../review/dashboard/member-trend.js'), import('./trend.js')]);
    const trend = memberTrend(records, { ruleSet: rs, statusOf: () => opts.status, today });
    if (opts.json) io.stdout(`${JSON.stringify({ files: read, ...trend })}\n`);
    else io.stdout(renderTrend(trend, read, io.color));
    return failed > 0 ? 1 : 0;
  }
  const review = rs.id !== 'iet' ? reviewForBody(records, rs, { period, activityStatus: opts.status, today }) : reviewYear(records, { year: period.year!, activityStatus: opts.status, today });
  if (opts.json) io.stdout(`${JSON.stringify({ files: read, ...review })}\n`);
  else io.stdout('body' in review ? await renderBodyReview(review, read, io.color) : await renderCriteria(review, read, io.color));
  if (outFormat !== null && opts.out !== undefined) {
    if (!(await saveRecords(opts.out, outFormat, results, review, read, io))) return 1;
    const n = records.length;
    if (!opts.json) io.stderr(`Saved ${n} record${n === 1 ? '' : 's'}${outFormat === 'xlsx' ? ' and the review' : ''} to ${opts.out}\n`);
  }
  return failed > 0 ? 1 : 0;
}

/**
 * `--out`: the records read, as the import's `--out` writes them (src/export/export.ts); an XLSX adds the Review sheet
 * of this review (src/export/review-sheet.ts), naming the files reviewed. Returns false (a line on stderr) when the
 * file cannot be written.
 */
async function saveRecords(out: string, format: 'json' | 'csv' | 'xlsx', results: ImportResult[], review: AnnualReview | BodyReview, files: readonly string[], io: CliIo): Promise<boolean> {
  const [{ toCsv, toJson, toXlsx }, { reviewSheetOf, withReviewSheet }] = await Promise.all([import('../export/export.js'), import('../export/review-sheet.js')]);
  const data = format === 'json' ? toJson(results) : format === 'csv' ? toCsv(results) : await withReviewSheet(await toXlsx(results), reviewSheetOf(review, files.join(', ') || 'no file'));
  try {
    await writeFile(out, data);
  } catch {
    io.stderr(`cpd-import: cannot write ${out}\n`);
    return false;
  }
  return true;
}

const OUTCOME_TEXT: Record<Outcome, [string, string]> = {
  met: ['✔', 'met'],
  not_met: ['✖', 'not met'],
  not_assessable: ['?', 'not assessable'],
};

/** Records listed per criterion and kind in the readable report (all of them in --json). */
const REF_LIMIT = 10;

const REF_LISTS: Record<string, string> = {
  withoutHours: 'without hours',
  undated: 'without a date',
  uncategorised: 'without a TWAVES category',
  unrelated: 'not related to the plan',
  missing: 'no reflection',
  missed: 'planned, target date passed, not done',
  weak: 'weak reflection',
  spanningCountedHere: 'started earlier, counted here',
  spanningCountedLater: 'counted in a later year',
};

/** The readable review: one line per criterion (icon + word, so it reads without colour) and the records behind it. */
export async function renderCriteria(review: AnnualReview, files: readonly string[], color: boolean): Promise<string> {
  const { default: pc } = await import('picocolors');
  const { ACTIVITY_STATUS_WORDS, CRITERION_TITLES, REQUIRED_HOURS } = await import('../review/criteria/index.js');
  const c = pc.createColors(color);
  const paint: Record<Outcome, (s: string) => string> = { met: c.green, not_met: c.red, not_assessable: c.yellow };
  const out: string[] = [];
  out.push(c.bold(`Annual CPD review ${review.year}`) + `  (${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ') || 'none'})`);
  const k = review.counts;
  out.push(`${k.records} records: ${k.completed} completed and ${k.planned} planned count in ${review.year}; ${k.otherYears} in other years; ${k.undated} without a date${k.duplicates > 0 ? `; ${k.duplicates} repeating another (flagged duplicates, counted once)` : ''}`);
  out.push(`Activity status: ${ACTIVITY_STATUS_WORDS[review.activityStatus]} (${REQUIRED_HOURS[review.activityStatus]} h required)`);
  out.push('');
  for (const [key, crit] of Object.entries(review.criteria) as [keyof typeof CRITERION_TITLES, CriterionBase & { figures: Record<string, unknown> }][]) {
    const [icon, word] = OUTCOME_TEXT[crit.outcome];
    out.push(`${paint[crit.outcome](`${icon} ${word.padEnd(14)}`)} ${c.bold(CRITERION_TITLES[key])}: ${crit.summary}`);
    for (const [fig, label] of Object.entries(REF_LISTS)) {
      const refs = crit.figures[fig] as RecordRef[] | undefined;
      if (!Array.isArray(refs) || refs.length === 0) continue;
      for (const r of refs.slice(0, REF_LIMIT)) out.push(`    ${c.dim('·')} ${label}: ${r.activityName ?? '(no name)'} — ${r.where}${r.note !== undefined ? ` (${r.note})` : ''}`);
      if (refs.length > REF_LIMIT) out.push(`    ${c.dim('·')} ${label}: … and ${refs.length - REF_LIMIT} more (--json lists them all)`);
    }
  }
  out.push('');
  const [icon, word] = OUTCOME_TEXT[review.overall];
  out.push(`${c.bold('Overall')}: ${paint[review.overall](`${icon} ${word}`)}`);
  return `${out.join('\n')}\n`;
}

/** `cpd-import review --bodies`: one line per body (id, name, period, units; the default marked) and its criteria with their sources. */
export function listBodies(sets: readonly RuleSet[], defaultBody: string): string {
  const out: string[] = [];
  for (const rs of sets) {
    const period = rs.period.kind === 'calendar_year' ? 'a calendar year' : `${rs.period.years} years`;
    const units = rs.units.kind === 'hours' ? `hours${rs.units.hoursPerDay !== undefined ? ` (a day = ${rs.units.hoursPerDay} h)` : ''}` : rs.units.kind === 'points' ? `points (${rs.units.min}–${rs.units.max} an activity)` : 'no hours';
    out.push(`${rs.id.padEnd(20)} ${rs.name}: ${period}, ${units}${rs.id === defaultBody ? ' (default)' : ''}`);
    for (const c of rs.criteria) out.push(`${''.padEnd(22)}${c.kind}: ${c.source}${c.unconfirmed === true ? ' [unconfirmed]' : ''}`);
  }
  return `${out.join('\n')}\n`;
}

/** How the readable report names the records behind another body's criteria (figure name → words). */
const BODY_REF_LISTS: Record<string, string> = {
  unclassified: 'does not say',
  lacking: 'lacking',
  outOfRange: 'points outside the range',
  withoutPoints: 'without points',
  inferred: 'confirm the topic',
  notCounted: 'not counted',
  untyped: 'type not stated',
  uncategorised: 'without a type',
  dateErrors: 'impossible dates',
};

const isRef = (v: unknown): v is RecordRef => typeof v === 'object' && v !== null && 'where' in v;

/**
 * The lists of records in a criterion's figures, by figure name: top-level lists, and lists inside a list of parts
 * (a mandated topic's activities not counted). A topic's full list of activities (`tagged`) is left to --json.
 */
function recordLists(figures: Record<string, unknown>): [string, RecordRef[]][] {
  const out: [string, RecordRef[]][] = [];
  for (const [fig, value] of Object.entries(figures)) {
    if (!Array.isArray(value) || value.length === 0 || fig === 'tagged') continue;
    if (value.every(isRef)) out.push([fig, value]);
    else for (const part of value) if (typeof part === 'object' && part !== null) out.push(...recordLists(part as Record<string, unknown>));
  }
  return out;
}

/** The readable review against another body's rule set: the body and period, then one line per criterion with its source. */
export async function renderBodyReview(review: BodyReview, files: readonly string[], color: boolean): Promise<string> {
  const { default: pc } = await import('picocolors');
  const c = pc.createColors(color);
  const paint: Record<Outcome, (s: string) => string> = { met: c.green, not_met: c.red, not_assessable: c.yellow };
  const out: string[] = [];
  out.push(c.bold(`CPD review ${review.period.label} — ${review.body.name}`) + `  (${files.length} file${files.length === 1 ? '' : 's'}: ${files.join(', ') || 'none'})`);
  const k = review.counts;
  out.push(`${k.records} records: ${k.completed} completed activities in ${review.period.from} to ${review.period.to}; ${k.otherPeriods} outside it; ${k.undated} without a date${k.duplicates > 0 ? `; ${k.duplicates} repeating another (counted once)` : ''}`);
  out.push('');
  for (const crit of review.criteria) {
    const [icon, word] = OUTCOME_TEXT[crit.outcome];
    out.push(`${paint[crit.outcome](`${icon} ${word.padEnd(14)}`)} ${c.bold(crit.title)}: ${crit.summary}`);
    out.push(`    ${c.dim(`rule: ${crit.source}`)}`);
    for (const [fig, refs] of recordLists(crit.figures)) {
      const label = BODY_REF_LISTS[fig] ?? REF_LISTS[fig] ?? fig;
      for (const r of refs.slice(0, REF_LIMIT)) out.push(`    ${c.dim('·')} ${label}: ${r.activityName ?? '(no name)'} — ${r.where}${r.note !== undefined ? ` (${r.note})` : ''}`);
      if (refs.length > REF_LIMIT) out.push(`    ${c.dim('·')} ${label}: … and ${refs.length - REF_LIMIT} more (--json lists them all)`);
    }
  }
  out.push('');
  const [icon, word] = OUTCOME_TEXT[review.overall];
  out.push(`${c.bold('Overall')}: ${paint[review.overall](`${icon} ${word}`)}`);
  return `${out.join('\n')}\n`;
}
