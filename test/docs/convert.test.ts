/**
 * Office formats converted by LibreOffice (issue 15 §4; src/pipeline/convert.ts). A log saved as .xls, .ods, .doc,
 * .odt and .rtf (fixtures/converted/, made once with LibreOffice from a fixture .xlsx and .docx: its README) imports
 * with the same records as the file it was saved from, plus a `converted` note. These need `soffice` on the PATH
 * (test/helpers/libreoffice.ts): where it is missing they fail saying how to install it, unless
 * CPD_SKIP_LIBREOFFICE=1 skips them. Without LibreOffice (hidden from the PATH) the refusal says how to enable
 * conversion. A converter that hangs is killed at the time limit; one that writes nothing is a clear error.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportResult } from '../../src/domain/index.js';
import { convertWithLibreOffice, ENABLE_CONVERSION } from '../../src/pipeline/convert.js';
import { importFile } from '../../src/pipeline/import.js';
import { libreOfficeHere, MISSING_LIBREOFFICE, withoutLibreOffice } from '../helpers/libreoffice.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, path)));
const bad = (name: string): Uint8Array => read(join('fixtures/bad', name));
const TODAY = '2026-11-29';
const here = libreOfficeHere();

/** An executable shell script standing in for `soffice`. */
function fakeSoffice(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpd-fake-soffice-'));
  const path = join(dir, 'soffice');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

/** The result as read from `original`: every record's provenance names the original file (all else kept). */
function asIfFrom(result: ImportResult, original: string): ImportResult {
  return { ...result, file: original, records: result.records.map((r) => ({ ...r, source: { ...r.source, file: original } })) };
}

// Each saved-as file, the fixture it was saved from, and what it is converted to before reading.
const SAVED_AS = [
  ['aisha-okonkwo-cpd-2024.xls', 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx', 'xlsx'],
  ['aisha-okonkwo-cpd-2024.ods', 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx', 'xlsx'],
  ['table-log.doc', 'fixtures/docx/table-log.docx', 'docx'],
  ['table-log.odt', 'fixtures/docx/table-log.docx', 'docx'],
  ['table-log.rtf', 'fixtures/docx/table-log.docx', 'docx'],
] as const;

// What a reviewer reads from the two originals: activity, start, end, hours, status, TWAVES category.
const AISHA = [
  ['IET webinar: Cyber security for OT networks', '2024-01-17', '2024-01-17', 1.5, 'completed', 'T'],
  ['NEBOSH General Certificate (week 1)', '2024-02-05', '2024-02-09', 30, 'completed', 'T'],
  ['Mentoring apprentice on PLC fault-finding', '2024-04-03', '2024-04-03', 1.5, 'completed', 'V'],
  ['Read E&T article on hydrogen boilers', '2024-03-14', '2024-03-14', 0.75, 'completed', 'S'],
  ['Site visit to Dinorwig power station', null, null, 4, 'completed', 'E'],
  ['Judging IET Present Around the World heat', '2024-06-20', '2024-06-20', null, 'completed', 'V'],
  ['Chartership interview preparation workshop', '2027-03-15', '2027-03-15', 3, 'completed', 'T'],
  ['IET webinar: Cyber security for OT networks', '2024-01-17', '2024-01-17', 1.5, 'completed', 'T'],
  ['Python for engineers e-learning', '2024-03', '2024-03', 2, 'completed', 'T'],
  ['Complete CEng application and review', null, null, 10, 'planned', null],
  ['Toastmasters sessions', null, null, 6, 'planned', null],
];
const TABLE_LOG = [
  ['IET webinar: Power electronics for EV chargers', '2024-01-15', '2024-01-15', 1.5, 'completed', 'T'],
  ['BS 7671 Amendment 2 briefing', '2024-03-12', '2024-03-12', 3, 'completed', 'T'],
  ['Mentoring a graduate engineer', '2024-04-22', '2024-04-22', 2, 'completed', 'V'],
  ['Site visit: Hinkley Point C', '2024-05-08', '2024-05-08', 4, 'completed', 'E'],
  ['Reading: IET Code of Practice for Electrical Energy Storage Systems', '2024-06-17', '2024-06-17', 2.5, 'completed', 'S'],
  ['Project management fundamentals', '2024-07-03', '2024-07-03', 6, 'completed', 'T'],
];
const READ = (r: ImportResult): unknown[][] => r.records.map((x) => [x.activityName, x.startDate, x.endDate, x.hours, x.status, x.twaves]);

describe('office files people still save in, converted by LibreOffice', () => {
  if (here === 'missing') {
    it('needs LibreOffice', () => {
      throw new Error(MISSING_LIBREOFFICE);
    });
    return;
  }
  it.skipIf(here === 'skip')(
    'each of .xls, .ods, .doc, .odt and .rtf imports with the same records as the .xlsx/.docx it was saved from — five conversions at once, each with its own profile',
    async () => {
      // The limit is the file's (60 s by default); the conversion gets half of it. Generous here: five at once on two cores.
      const options = { today: TODAY, budget: { timeoutMs: 240_000 } };
      const results = await Promise.all(SAVED_AS.map(([name]) => importFile(read(join('fixtures/converted', name)), name, options)));
      for (const [i, [name, original, to]] of SAVED_AS.entries()) {
        const want = await importFile(read(original), original.split('/').pop()!, { today: TODAY });
        const got = results[i]!;
        const kind = name.split('.').pop()!;
        expect(got.format).toBe(to);
        expect(got.sha256).toBe(createHash('sha256').update(read(join('fixtures/converted', name))).digest('hex'));
        expect(got.fileGaps[0]).toEqual({ field: null, code: 'converted', severity: 'info', message: `converted from .${kind} to .${to} by LibreOffice before reading` });
        // Every record field, gap, raw value and cell address, the mapping and the summary: as from the original.
        expect({ ...asIfFrom(got, want.file), sha256: want.sha256, fileGaps: got.fileGaps.slice(1) }).toEqual(want);
        expect(got.records.every((r) => r.source.file === name)).toBe(true);
        expect(READ(got)).toEqual(to === 'xlsx' ? AISHA : TABLE_LOG);
      }
    },
    300_000,
  );
});

describe('without LibreOffice (hidden from the PATH)', () => {
  it.each([
    ['legacy.xls', 'legacy Excel 97-2003 .xls workbook; save it as .xlsx'],
    ['legacy.doc', 'legacy Word 97-2003 .doc document; save it as .docx'],
    ['open-document.ods', 'an OpenDocument spreadsheet (.ods); save it as .xlsx'],
    ['rtf-named.docx', 'an RTF document (named .docx), save it as .docx'],
  ])('%s is refused, saying how to enable conversion', async (name, refusal) => {
    await withoutLibreOffice(async () => {
      await expect(importFile(bad(name), name)).rejects.toMatchObject({ code: 'unsupported_format', message: `${refusal}, ${ENABLE_CONVERSION}` });
    });
  });
});

describe('the converter process', () => {
  it('a conversion that hangs is killed at the time limit: timed_out', async () => {
    const hang = fakeSoffice('sleep 60');
    await expect(convertWithLibreOffice(bad('legacy.xls'), { kind: 'xls', to: 'xlsx' }, 1_000, hang)).rejects.toMatchObject({
      code: 'timed_out',
      message: 'the conversion by LibreOffice took longer than the limit of 1 s',
    });
  });

  it('a converter that writes nothing: corrupt; one that writes the file: its bytes', async () => {
    await expect(convertWithLibreOffice(bad('legacy.doc'), { kind: 'doc', to: 'docx' }, 10_000, fakeSoffice('exit 0'))).rejects.toMatchObject({
      code: 'corrupt',
      message: 'LibreOffice could not convert the .doc file to .docx (damaged, or not what its content suggests)',
    });
    // Arguments: … --convert-to xlsx --outdir DIR INPUT: the stand-in writes DIR/input.xlsx.
    const writes = fakeSoffice('while [ "$1" != "--outdir" ]; do shift; done; printf converted > "$2/input.xlsx"');
    expect(new TextDecoder().decode(await convertWithLibreOffice(bad('legacy.xls'), { kind: 'xls', to: 'xlsx' }, 10_000, writes))).toBe('converted');
  });

  it('no program at all: the refusal says how to install it', async () => {
    await expect(convertWithLibreOffice(bad('legacy.xls'), { kind: 'xls', to: 'xlsx' }, 10_000, '/nonexistent/soffice')).rejects.toMatchObject({
      code: 'unsupported_format',
      message: `LibreOffice is not installed; ${ENABLE_CONVERSION}`,
    });
  });
});
