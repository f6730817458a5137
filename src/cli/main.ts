/**
 * The `cpd-import` command (docs/DESIGN.md §2 CLI): runs the import pipeline in-process on files and folders, with no
 * services. Exit 0 when every file was read (gaps are not failures), 1 when any file could not be read (one line
 * per such file on stderr: `cpd-import: FILE: reason`), 2 for usage errors. Never prints a stack trace.
 */
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ImportError, isImportError } from '../domain/errors.js';
import { RECORD_FIELDS } from '../domain/fields.js';
import { COLUMN_UNITS, ColumnChoiceSchema, type ColumnChoice, type ImportResult } from '../domain/index.js';
import type { ImportOptions } from '../pipeline/import.js';
import { canonicalTimeZone } from '../pipeline/normalise/zone.js';
import { ImportThreadPool } from '../pipeline/pool.js';
import type { MappingOverride } from '../pipeline/map.js';
import { unpackFile, type Unpacked } from '../pipeline/unpack/index.js';
import { renderResult } from './render.js';
import { mappingFileOf } from './save-mapping.js';
import { addCriteriaCommand } from './criteria.js';
import { addUsersCommand } from './users.js';

/** Where the CLI writes; replaced in tests. `isTTY` decides colour and the progress bar. */
export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  color: boolean;
  /** The environment the settings are read from (`DEFAULT_BODY` for `review`; src/config.ts); none when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Extensions taken from folders (named files are always tried, whatever their extension): the formats we read, and
 * office formats we do not read, so that those get a clear "save it as …" error instead of being passed over.
 */
const FOLDER_EXTENSIONS = new Set([
  '.csv', '.tsv', '.txt', '.xlsx', '.xlsm', '.docx', '.pdf', '.html', '.htm', '.png', '.jpg', '.jpeg',
  '.xls', '.xlsb', '.doc', '.ods', '.odt', '.numbers', '.pages', '.rtf', '.zip', '.gz', '.tif', '.tiff', '.heic',
  '.eml', '.msg', '.mht', '.mhtml',
]);

class UsageError extends Error {}

async function walk(dir: string, out: string[], skipped: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out, skipped);
    else if (e.isFile() && FOLDER_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(p);
    else if (e.isFile()) skipped.push(p);
  }
}

/** Expands the arguments to files: folders are walked recursively (sorted), files kept in the order given. */
export async function collectInputs(args: readonly string[], io: CliIo): Promise<{ files: string[]; missing: string[]; hadFolder: boolean }> {
  const files: string[] = [];
  const missing: string[] = [];
  let hadFolder = false;
  for (const a of args) {
    let st;
    try {
      st = await stat(a);
    } catch {
      missing.push(a);
      continue;
    }
    if (st.isDirectory()) {
      hadFolder = true;
      const found: string[] = [];
      const skipped: string[] = [];
      await walk(a, found, skipped);
      if (found.length === 0) missing.push(a);
      if (skipped.length > 0) {
        const names = skipped.slice(0, 5).map((f) => f).join(', ');
        io.stderr(`cpd-import: note: ${skipped.length} file${skipped.length === 1 ? '' : 's'} in ${a} ${skipped.length === 1 ? 'is' : 'are'} not a CPD log format and ${skipped.length === 1 ? 'was' : 'were'} not read: ${names}${skipped.length > 5 ? ', …' : ''}\n`);
      }
      files.push(...found);
    } else files.push(a);
  }
  return { files, missing, hadFolder };
}

function parsePositive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number`);
    return n;
  };
}

/**
 * Commander parser of `--time-zone`: an IANA zone name (`Europe/London`, `Europe/Dublin`, `UTC`) → its canonical
 * spelling. Anything else is a usage error (exit 2).
 */
export function parseTimeZone(v: string): string {
  const tz = canonicalTimeZone(v);
  if (tz === undefined) throw new InvalidArgumentError(`"${v}" is not a time zone name; give an IANA name such as Europe/London, Europe/Dublin or UTC`);
  return tz;
}

function parseCount(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number, 0 or more`);
    return n;
  };
}

async function loadMapping(path: string): Promise<MappingOverride> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read the mapping file ${path}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`the mapping file ${path} is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UsageError(`the mapping file ${path} must be a JSON object of heading → field, e.g. {"Learning points": "reflection"}`);
  }
  const out: Record<string, ColumnChoice> = Object.create(null) as Record<string, ColumnChoice>;
  for (const [heading, field] of Object.entries(data)) {
    const choice = ColumnChoiceSchema.safeParse(field);
    if (choice.success) out[heading] = choice.data;
    else throw new UsageError(`the mapping file ${path}: "${heading}" maps to ${JSON.stringify(field)}, which is not a field (${RECORD_FIELDS.join(', ')}, or null) nor a field with the unit of its values ({"field": "hours", "unit": "${COLUMN_UNITS.join('" | "')}"})`);
  }
  return out;
}

/**
 * Reads one file, imports it on a pool thread and writes its `--json` line (`JSON.stringify(result)` and a newline)
 * to `write` in pieces as the thread produces it: the result is never copied to this thread (issue 13).
 * @throws ImportError `unreadable` when the file cannot be opened, or the file's own ImportError (nothing written)
 */
export async function readAndImportJson(pool: ImportThreadPool, file: string, options: ImportOptions, write: (text: string) => void): Promise<void> {
  await importJson(pool, await readBytes(file), file, options, write);
}

/** One file to import, named as it is reported (`FILE`, or `FILE › path` for a part), or why it cannot be. */
export type CliInput = { label: string; bytes: Uint8Array } | { label: string; error: unknown };

/**
 * Reads a file and, when it holds other files (a zip, an e-mail), unpacks it: each part is an input of its own
 * (issue 15). An archive or e-mail with nothing to import gets a note on stderr, and so does each thing left out
 * on purpose (a logo embedded in an e-mail's body: {@link Unpacked}'s notes). Never throws: a file that cannot
 * be read or unpacked is one input with its error.
 */
export async function expandFile(file: string, budget: ImportOptions['budget'], io: CliIo): Promise<CliInput[]> {
  let bytes: Uint8Array;
  let unpacked: Unpacked | null;
  try {
    bytes = await readBytes(file);
    unpacked = await unpackFile(bytes, budget);
  } catch (e) {
    return [{ label: file, error: e }];
  }
  if (unpacked === null) return [{ label: file, bytes }];
  if (unpacked.parts.length === 0) io.stderr(`cpd-import: ${file}: note: ${CONTAINER_EMPTY[unpacked.kind]}\n`);
  for (const n of unpacked.notes) io.stderr(`cpd-import: ${partLabel(file, n.path)}: note: ${n.message}\n`);
  return unpacked.parts.map((part) => ('error' in part ? { label: partLabel(file, part.path), error: part.error } : { label: partLabel(file, part.path), bytes: part.bytes }));
}

/** The label of a part of an archive or e-mail: the container's name, then the part's path inside it. */
export function partLabel(container: string, path: string): string {
  return `${container} › ${path}`;
}

/** The note for an archive or e-mail that holds nothing to import. */
const CONTAINER_EMPTY: Record<Unpacked['kind'], string> = {
  zip: 'the zip archive holds no files to import',
  eml: 'the e-mail has no attachments and no text in its body',
  msg: 'the Outlook message has no attachments and no text in its body',
};

/** {@link readAndImportJson} on bytes already read. */
async function importJson(pool: ImportThreadPool, bytes: Uint8Array, file: string, options: ImportOptions, write: (text: string) => void): Promise<void> {
  let started = false;
  try {
    await pool.runJson(bytes, file, options, (text) => {
      started = true;
      write(text);
    });
  } catch (e) {
    // A thread lost while writing (never the file's doing): end the broken line so the next file's line stands alone.
    if (started) write('\n');
    throw e;
  }
  write('\n');
}

/** A file's bytes. @throws ImportError `unreadable` when the file cannot be opened */
async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new ImportError('unreadable', code === 'EACCES' ? 'permission denied' : 'cannot be read');
  }
}

/** The stderr line for a file that could not be imported: `cpd-import: FILE: reason` (docs/DESIGN.md §2). */
export function failureLine(label: string, e: unknown): string {
  return `cpd-import: ${label}: ${isImportError(e) ? e.message : `could not be imported (${(e as Error).message})`}\n`;
}

interface ImportCliOptions {
  json?: boolean;
  out?: string;
  dateOrder: 'dmy' | 'mdy' | 'auto';
  mapping?: string;
  saveMapping?: string;
  timeout: number;
  maxSize: number;
  hoursPerDay: number;
  hoursPerPoint: number;
  timeZone: string;
  ocrPages: number;
  ocr: boolean;
  maxRows: number;
  today?: string;
  progress: boolean;
  readAnyway?: boolean;
}

async function runImport(paths: string[], opts: ImportCliOptions, io: CliIo): Promise<number> {
  if (paths.length === 0) throw new UsageError('give at least one file or folder, e.g. cpd-import my-cpd-log.xlsx');
  let outFormat: 'json' | 'csv' | 'xlsx' | null = null;
  if (opts.out !== undefined) {
    const ext = extname(opts.out).toLowerCase().slice(1);
    if (ext !== 'json' && ext !== 'csv' && ext !== 'xlsx') throw new UsageError(`--out must end in .json, .csv or .xlsx (got ${opts.out})`);
    outFormat = ext;
  }
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new UsageError('--today must be a date YYYY-MM-DD');
  const importOptions: ImportOptions = {
    dateOrder: opts.dateOrder,
    hoursPerDay: opts.hoursPerDay,
    hoursPerPoint: opts.hoursPerPoint,
    timeZone: opts.timeZone,
    budget: { timeoutMs: Math.round(opts.timeout * 1000), maxBytes: Math.round(opts.maxSize * 1024 * 1024), ocrMaxPages: opts.ocr ? opts.ocrPages : 0, maxRows: opts.maxRows },
  };
  if (opts.mapping !== undefined) importOptions.mapping = await loadMapping(opts.mapping);
  if (opts.today !== undefined) importOptions.today = opts.today;
  if (opts.readAnyway === true) importOptions.logCheck = false;

  const collected = await collectInputs(paths, io);
  const { missing, hadFolder } = collected;
  // The same file named twice (or found twice through folders) is imported once.
  let files = [...new Set(collected.files.map((f) => resolve(f)))].map((abs) => collected.files.find((f) => resolve(f) === abs)!);
  if (opts.out !== undefined) {
    const outAbs = resolve(opts.out);
    if (collected.files.some((f) => resolve(f) === outAbs && paths.some((p) => resolve(p) === outAbs))) {
      throw new UsageError(`--out ${opts.out} is one of the files to import; choose another output file`);
    }
    // An earlier export inside an imported folder is not imported again.
    files = files.filter((f) => resolve(f) !== outAbs);
  }
  if (opts.saveMapping !== undefined) {
    if (files.length + missing.length !== 1) throw new UsageError('--save-mapping saves the mapping of one file: give one file');
    if (files.some((f) => resolve(f) === resolve(opts.saveMapping!))) throw new UsageError(`--save-mapping ${opts.saveMapping} is the file to import; choose another file to save the mapping in`);
  }
  let failed = missing.length;
  for (const m of missing) {
    const isDir = await stat(m).then((st) => st.isDirectory(), () => false);
    io.stderr(`cpd-import: ${m}: ${isDir ? 'the folder holds no CSV, XLSX, Word, PDF or image files' : 'no such file or folder'}\n`);
  }

  const showBar = opts.progress && io.isTTY && (hadFolder || files.length > 1) && files.length > 1;
  const bar = showBar ? await progressBar(files.length) : null;
  const results: ImportResult[] = [];
  // With --json alone the results are only printed: each streams from the import thread to stdout, never copied here.
  const streamJson = opts.json === true && outFormat === null && opts.saveMapping === undefined;
  // One long-lived thread: parsers load once per run, and a file that runs past --timeout is cut off.
  const pool = new ImportThreadPool({ size: 1 });
  try {
  const importOne = async (bytes: Uint8Array, label: string): Promise<void> => {
    try {
      if (streamJson) {
        await importJson(pool, bytes, label, { ...importOptions, name: label }, io.stdout);
        return;
      }
      const result = await pool.run(bytes, label, { ...importOptions, name: label });
      results.push(result);
      if (opts.json) io.stdout(`${JSON.stringify(result)}\n`);
      else if (!bar) io.stdout(renderResult(result, label, io.color));
    } catch (e) {
      failed++;
      bar?.stop();
      io.stderr(failureLine(label, e));
      bar?.start();
    }
  };
  for (const file of files) {
    for (const input of await expandFile(file, importOptions.budget, io)) {
      if ('bytes' in input) await importOne(input.bytes, input.label);
      else {
        failed++;
        bar?.stop();
        io.stderr(failureLine(input.label, input.error));
        bar?.start();
      }
    }
    bar?.increment(file);
  }
  } finally {
    await pool.close();
  }
  if (bar) {
    bar.stop();
    if (!opts.json) for (const r of results) io.stdout(renderResult(r, r.file, io.color));
  }
  if (opts.saveMapping !== undefined && results.length === 1) {
    const columns = mappingFileOf(results[0]!);
    try {
      await writeFile(opts.saveMapping, `${JSON.stringify(columns, null, 2)}\n`);
    } catch {
      io.stderr(`cpd-import: cannot write ${opts.saveMapping}\n`);
      return 1;
    }
    const n = Object.keys(columns).length;
    if (!opts.json) io.stderr(`Saved the mapping of ${n} column${n === 1 ? '' : 's'} to ${opts.saveMapping}: edit it and pass it back with --mapping ${opts.saveMapping}\n`);
  }
  if (outFormat !== null && opts.out !== undefined) {
    const { toCsv, toJson, toXlsx } = await import('../export/export.js');
    const data = outFormat === 'json' ? toJson(results) : outFormat === 'csv' ? toCsv(results) : await toXlsx(results);
    try {
      await writeFile(opts.out, data);
    } catch {
      io.stderr(`cpd-import: cannot write ${opts.out}\n`);
      return 1;
    }
    if (!opts.json) io.stderr(`Saved ${results.reduce((n, r) => n + r.records.length, 0)} records to ${opts.out}\n`);
  }
  return failed > 0 ? 1 : 0;
}

interface Bar {
  start(): void;
  stop(): void;
  increment(file: string): void;
}

async function progressBar(total: number): Promise<Bar> {
  const { default: cliProgress } = await import('cli-progress');
  const b = new cliProgress.SingleBar(
    { format: 'Importing [{bar}] {value}/{total} files  {file}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let value = 0;
  b.start(total, 0, { file: '' });
  return {
    start: () => b.start(total, value, { file: '' }),
    stop: () => b.stop(),
    increment: (file) => {
      value++;
      b.update(value, { file: file.length > 40 ? `…${file.slice(-39)}` : file });
    },
  };
}

/** Builds the commander program; `actions` receives the exit code of whichever command ran. */
function program(io: CliIo, setCode: (n: number) => void): Command {
  const p = new Command('cpd-import');
  p.description('Import CPD records from CSV, XLSX, Word (.docx), web pages (.html, .mht), PDF and scanned pages (PNG/JPEG), and from the e-mails (.eml, .msg) and zips that hold them, into standard CPD records, with every gap flagged and explained.')
    .usage('[options] FILE|FOLDER...')
    .argument('[paths...]', 'files or folders to import')
    .option('--json', 'print one JSON line (ImportResult) per file on stdout (NDJSON)')
    .option('--out <file>', 'also save all records to FILE.json, FILE.csv or FILE.xlsx (gap cells highlighted)')
    .addOption(new Option('--date-order <order>', 'day/month order of numeric dates').choices(['dmy', 'mdy', 'auto']).default('auto'))
    .option('--mapping <file.json>', 'heading → field overrides, e.g. {"Learning points": "reflection", "Ref": null}')
    .option('--save-mapping <file.json>', 'save the mapping the file was read with, in the --mapping shape, to edit and pass back (one file)')
    .option('--timeout <seconds>', 'time limit per file', parsePositive('--timeout'), 60)
    .option('--max-size <MB>', 'size limit per file', parsePositive('--max-size'), 20)
    .option('--hours-per-day <hours>', 'hours counted per day when a log gives days', parsePositive('--hours-per-day'), 6)
    .option('--hours-per-point <hours>', 'hours counted per CPD point, credit or unit (UK and Irish convention: 1; US CPE credits are 50 min)', parsePositive('--hours-per-point'), 1)
    .option('--time-zone <zone>', 'time zone in which date-times with a zone (2024-06-30T23:30:00Z) are dated', parseTimeZone, 'Europe/London')
    .option('--max-rows <n>', 'most rows read from one file', parsePositive('--max-rows'), 50_000)
    .option('--ocr-pages <n>', 'scanned pages read by OCR per file', parseCount('--ocr-pages'), 10)
    .option('--no-ocr', 'do not read scanned pages (they are reported as having no text layer)')
    .option('--read-anyway', 'read each file as a CPD log even when it looks like something else (a certificate, a form, code…)')
    .addOption(new Option('--today <YYYY-MM-DD>', 'date taken as today (completed activities after it are flagged)').hideHelp())
    .option('--no-progress', 'no progress bar on stderr')
    .showHelpAfterError('(run cpd-import --help for usage)')
    // The import's options (--json, --date-order, …) before a subcommand only, so `review … --json` is review's.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s), outputError: (s, write) => write(s) })
    .action(async (paths: string[], opts: ImportCliOptions) => {
      setCode(await runImport(paths, opts, io));
    });
  addUsersCommand(p, io, setCode);
  addCriteriaCommand(p, io, setCode);
  return p;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const p = program(io, (n) => {
    code = n;
  });
  try {
    await p.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`cpd-import: ${e.message}\n`);
      return 2;
    }
    io.stderr(`cpd-import: unexpected error: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}
