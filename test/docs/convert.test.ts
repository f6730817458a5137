/**
 * Office formats converted by LibreOffice (issue 15 §4; src/pipeline/convert.ts). Where LibreOffice is installed, a
 * log saved as .xls is read with the same records as the .xlsx it was saved from; where it is not (this session's
 * CI), the refusal says how to enable conversion — one of the two is always tested, never skipped. A converter that
 * hangs is killed at the time limit; one that writes nothing is a clear error.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertWithLibreOffice, ENABLE_CONVERSION } from '../../src/pipeline/convert.js';
import { importFile } from '../../src/pipeline/import.js';

const ROOT = join(import.meta.dirname, '../..');
const bad = (name: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, 'fixtures/bad', name)));
const installed = spawnSync('soffice', ['--version'], { timeout: 30_000 }).error === undefined;

/** An executable shell script standing in for `soffice`. */
function fakeSoffice(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpd-fake-soffice-'));
  const path = join(dir, 'soffice');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe(installed ? 'with LibreOffice installed' : 'without LibreOffice', () => {
  if (installed) {
    it('a log saved as .xls reads with the same records as the .xlsx it came from, with a converted note', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cpd-xls-'));
      spawnSync('soffice', ['--headless', '--convert-to', 'xls', '--outdir', dir, join(ROOT, 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx')], { timeout: 120_000 });
      const xls = readFileSync(join(dir, 'aisha-okonkwo-cpd-2024.xls'));
      const fromXlsx = await importFile(readFileSync(join(ROOT, 'fixtures/golden/aisha-okonkwo-cpd-2024.xlsx')), 'log.xlsx', { today: '2026-11-29' });
      const fromXls = await importFile(xls, 'log.xls', { today: '2026-11-29', budget: { timeoutMs: 120_000 } });
      expect(fromXls.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual(fromXlsx.records.map((r) => [r.activityName, r.startDate, r.hours]));
      expect(fromXls.fileGaps[0]!.message).toBe('converted from .xls to .xlsx by LibreOffice before reading');
    });
  } else {
    it.each([
      ['legacy.xls', 'legacy Excel 97-2003 .xls workbook; save it as .xlsx'],
      ['legacy.doc', 'legacy Word 97-2003 .doc document; save it as .docx'],
      ['open-document.ods', 'an OpenDocument spreadsheet (.ods); save it as .xlsx'],
      ['rtf-named.docx', 'an RTF document (named .docx), save it as .docx'],
    ])('%s is refused, saying how to enable conversion', async (name, refusal) => {
      await expect(importFile(bad(name), name)).rejects.toMatchObject({ code: 'unsupported_format', message: `${refusal}, ${ENABLE_CONVERSION}` });
    });
  }
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
