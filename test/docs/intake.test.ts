/**
 * Staff intake (issue 15): e-mails (.eml, Outlook .msg), zips and saved web archives (.mht). Each attachment or file
 * inside is an import of its own; a log pasted into an e-mail's body is read too, its signature, disclaimer and quoted
 * reply left out; forwarded messages are followed; hostile containers (zip slip, mail bomb, nesting, a .msg that is
 * not one) give clear errors and the other parts are still read. Fixtures: fixtures/intake/make.mjs (fictional people).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.js';
import type { ImportResult } from '../../src/domain/index.js';
import { mailKind } from '../../src/pipeline/detect.js';
import { importFile } from '../../src/pipeline/import.js';
import { bodyPart } from '../../src/pipeline/unpack/body.js';
import { unpackFile, MAX_NESTING, MAX_PARTS, type Part } from '../../src/pipeline/unpack/index.js';

const TODAY = '2026-11-29';
const DIR = join(import.meta.dirname, '../../fixtures/intake');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));

/** Each part as `path` → records `[start, activity, hours]` or `error: message`. */
async function readParts(bytes: Uint8Array, name: string): Promise<Record<string, unknown>> {
  const unpacked = await unpackFile(bytes);
  if (unpacked === null) throw new Error(`${name} is no container`);
  const out: Record<string, unknown> = {};
  for (const p of unpacked.parts) out[p.path] = 'error' in p ? `${p.error.code}: ${p.error.message}` : rows(await importFile(p.bytes, `${name} › ${p.path}`, { today: TODAY }));
  return out;
}

function rows(r: ImportResult): unknown[] {
  return r.records.map((x) => [x.startDate, x.activityName, x.hours]);
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false, color: false };
  const code = await main(['--today', TODAY, '--no-progress', ...args], io);
  return { code, stdout, stderr };
}

describe('an e-mail with a workbook attached and a table pasted into its HTML body', () => {
  it('reads the attachment and the pasted table; the signature, logo and disclaimer are no activities', async () => {
    expect(await readParts(fixture('priya-raman-cpd-email.eml'), 'priya.eml')).toEqual({
      'Priya Raman CPD 2026.xlsx': [
        ['2026-01-12', 'IET lecture: hydrogen in gas networks', 2],
        ['2026-02-27', 'NEBOSH refresher', 7],
        ['2026-03-15', 'Read BS EN 1594 amendments', 3],
      ],
      'message body.html': [
        ['2026-04-02', 'Mentored an apprentice on pipeline pigging', 1.5],
        ['2026-04-20', 'Webinar: cathodic protection surveys', 1],
      ],
    });
  });

  it('prints one result per part under the e-mail\'s name (CLI --json), exit 0', async () => {
    const out = await cli(['--json', join(DIR, 'priya-raman-cpd-email.eml')]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as ImportResult);
    expect(lines.map((l) => [l.file.replace(DIR, ''), l.format, l.summary.records, l.summary.totalHours])).toEqual([
      ['/priya-raman-cpd-email.eml › Priya Raman CPD 2026.xlsx', 'xlsx', 3, 12],
      ['/priya-raman-cpd-email.eml › message body.html', 'html', 2, 2.5],
    ]);
    expect(lines[1]!.records[0]!.source).toMatchObject({ file: `${DIR}/priya-raman-cpd-email.eml › message body.html`, table: 1, row: 2 });
    expect(out.stdout).not.toMatch(/Mobile|confidential|Kind regards/);
  });
});

describe('the annual review over an e-mail', () => {
  it('counts the records of every part, each file named under the e-mail', async () => {
    const out = await cli(['review', join(DIR, 'priya-raman-cpd-email.eml'), '--year', '2026', '--json']);
    const review = JSON.parse(out.stdout) as { files: string[]; criteria: { hours: { summary: string } } };
    expect([out.code, review.files, review.criteria.hours.summary]).toEqual([
      0,
      ['priya-raman-cpd-email.eml › Priya Raman CPD 2026.xlsx', 'priya-raman-cpd-email.eml › message body.html'],
      '14.5 h of completed CPD in 2026 from 5 activities; 30 h required (professionally active): 15.5 h short',
    ]);
  });
});

describe('a forwarded e-mail (message/rfc822 attached)', () => {
  it('follows the forwarded message to its CSV; the forwarding note and the quoted reply give nothing', async () => {
    expect(await readParts(fixture('forwarded-callum-fraser.eml'), 'fwd.eml')).toEqual({
      'Re CPD evidence.eml/callum-cpd.csv': [
        ['2026-03-03', 'PLC cyber security course', 6],
        ['2026-03-18', 'Site visit: water treatment SCADA upgrade', 3],
      ],
    });
  });

  it('a message forwarded inline keeps what was forwarded, without its header lines; a reply loses what it quotes', async () => {
    const inline = (subject: string): Uint8Array =>
      new TextEncoder().encode(
        [
          'From: Dana Whitlock <dana.whitlock@institution.example>',
          'To: intake@institution.example',
          `Subject: ${subject}`,
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Please import the activity below.',
          '',
          '---------- Forwarded message ---------',
          'From: Callum Fraser <callum.fraser@example.net>',
          'Date: Tue, 12 May 2026 at 18:40',
          'Subject: One more activity',
          'To: CPD Team <cpd@institution.example>',
          '',
          'Activity: Functional safety (IEC 61511) workshop',
          'Date: 6 May 2026',
          'Hours: 3.5',
          '',
        ].join('\r\n'),
      );
    expect(await readParts(inline('Fwd: One more activity'), 'fwd.eml')).toEqual({
      'message body.html': [['2026-05-06', 'Functional safety (IEC 61511) workshop', 3.5]],
    });
    const reply = await unpackFile(inline('Re: One more activity'));
    expect(reply!.parts.map((p) => p.path)).toEqual(['message body.html']);
    const part = reply!.parts[0] as Extract<Part, { bytes: Uint8Array }>;
    expect(new TextDecoder().decode(part.bytes)).toBe('<html><body><p>Please import the activity below.</p>\n<p></p></body></html>');
  });
});

describe('an Outlook message (.msg)', () => {
  it('reads the CSV attached and the labelled lines of its plain-text body, not the signature', async () => {
    expect(await readParts(fixture('tomasz-wieczorek.msg'), 'tomasz.msg')).toEqual({
      'wieczorek-cpd.csv': [
        ['2026-03-10', 'Lifting operations (LOLER) course', 7],
        ['2026-03-24', 'Read IET guidance on EV charging', 2],
      ],
      'message body.html': [['2026-04-08', 'Toolbox talk on confined spaces', 1]],
    });
  });

  it('a .msg that is not one is a clear error: an OLE2 file of other streams, a truncated message', async () => {
    const out = await cli([join(import.meta.dirname, '../../fixtures/bad/other-ole2.msg')]);
    expect([out.code, out.stderr.replace(/.*fixtures\//, '')]).toEqual([
      1,
      'bad/other-ole2.msg: an Office 97-2003 / OLE2 file that is not a workbook or document; we read CSV, Excel .xlsx, Word .docx, PDF, web pages (.html), calendars (.ics) and PNG/JPEG files\n',
    ]);
    const truncated = fixture('tomasz-wieczorek.msg').subarray(0, 1200);
    await expect(importFile(truncated, 'cut.msg')).rejects.toMatchObject({ code: 'corrupt', message: 'a damaged Office 97-2003 / OLE2 file' });
  });
});

describe('zips', () => {
  it('imports each file inside, folders in the names, nested zips opened, macOS forks passed over', async () => {
    expect(await readParts(fixture('cpd-bundle.zip'), 'bundle.zip')).toEqual({
      '2025/cpd-2025.csv': [['2025-10-14', 'Protection relay testing course', 7]],
      '2026/cpd-2026.csv': [['2026-01-21', 'IET webinar: HVDC links', 1.5]],
      '2026/notes.zip/diary.htm': [['2026-06-09', 'Substation earthing design review', 2.5]],
    });
  });

  it('a zip slip path is an error for that entry alone; the CLI reads the rest and exits 1', async () => {
    const out = await cli([join(DIR, 'zip-slip.zip'), '--json']);
    expect(out.code).toBe(1);
    expect(out.stderr).toBe(
      `cpd-import: ${DIR}/zip-slip.zip › ../../../home/user/cpd-old.csv: its path inside the archive climbs out of the archive's folder (../../../home/user/cpd-old.csv, a "zip slip"), so it is not read\n`,
    );
    const results = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as ImportResult);
    expect(results.map((r) => [r.file, rows(r)])).toEqual([[`${DIR}/zip-slip.zip › cpd.csv`, [['2026-02-05', 'Arc flash awareness', 4]]]]);
  });

  it(`containers nested more than ${MAX_NESTING} deep are not opened; the parts above them are read`, async () => {
    let inner: Uint8Array = new TextEncoder().encode('Date,Activity,Hours\n01/02/2026,Deep course,2\n');
    let name = 'deep.csv';
    for (let level = 5; level >= 1; level--) {
      const z = new JSZip();
      z.file(name, inner);
      if (level === 1) z.file('top.csv', 'Date,Activity,Hours\n13/02/2026,Top course,1\n');
      inner = await z.generateAsync({ type: 'uint8array' });
      name = `level${level}.zip`;
    }
    const parts = await readParts(inner, 'nest.zip');
    expect(parts).toEqual({
      'level2.zip/level3.zip/level4.zip': `too_large: a zip archive nested 4 deep, over the limit of ${MAX_NESTING} containers inside each other, so it is not opened`,
      'top.csv': [['2026-02-13', 'Top course', 1]],
    });
  });

  it('a zip bomb inside an e-mail fails alone: the other attachment is still read', async () => {
    const z = new JSZip();
    z.file('sheets/huge.bin', new Uint8Array(50 * 1024 * 1024), { compression: 'DEFLATE' });
    const zipBomb = await z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const eml = mail('Two attachments', [
      { name: 'bomb.zip', type: 'application/zip', data: zipBomb },
      { name: 'log.csv', type: 'text/csv', data: Buffer.from('Date,Activity,Hours\n14/02/2026,Valid course,2\n') },
    ]);
    expect(await readParts(eml, 'bomb.eml')).toEqual({
      'bomb.zip': 'too_large: inflates to 50 MB from 0 MB (1029:1, over the limit of 200:1 for entries over 10 MB)',
      'log.csv': [['2026-02-14', 'Valid course', 2]],
    });
  });
});

/** Writes bytes to a new temporary file and returns its path. */
async function tempFile(name: string, bytes: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cpd-intake-'));
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
}

/** A multipart message with these attachments (base64). */
function mail(subject: string, files: readonly { name: string; type: string; data: Buffer }[]): Uint8Array {
  const lines = ['From: Member <member@example.org>', 'To: cpd@institution.example', `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="B"', '', '--B', 'Content-Type: text/plain', '', 'Attached.'];
  for (const f of files) {
    lines.push('--B', `Content-Type: ${f.type}; name="${f.name}"`, `Content-Disposition: attachment; filename="${f.name}"`, 'Content-Transfer-Encoding: base64', '', f.data.toString('base64').replace(/.{76}/g, '$&\r\n'));
  }
  lines.push('--B--', '');
  return new TextEncoder().encode(lines.join('\r\n'));
}

describe('a mail bomb', () => {
  it(`hundreds of attachments: refused whole, with the limit of ${MAX_PARTS}; thousands: stopped by the parser's own limit`, async () => {
    const files = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `part${i}.csv`, type: 'text/csv', data: Buffer.from('a,b\n1,2\n') }));
    await expect(unpackFile(mail('Bomb', files(300)))).rejects.toMatchObject({
      code: 'too_large',
      message: `the e-mail holds 300 attachments, over the limit of ${MAX_PARTS} for one upload; send them in smaller messages`,
    });
    const out = await cli([await tempFile('bomb.eml', mail('Bomb', files(5000)))]);
    expect([out.code, out.stdout, out.stderr.replace(/^.*bomb\.eml: /, '')]).toEqual([
      1,
      '',
      "the e-mail holds more than 1,000 MIME parts or headers past the parser's limits, so it is not read; send the attachments in smaller messages\n",
    ]);
  });

  it('forwarded messages nested in each other are followed only to the depth limit', async () => {
    let msg = mail('Innermost', [{ name: 'log.csv', type: 'text/csv', data: Buffer.from('Date,Activity,Hours\n15/02/2026,Nested course,2\n') }]);
    for (let i = 0; i < 30; i++) msg = mail(`Fwd: level ${i}`, [{ name: `level${i}.eml`, type: 'message/rfc822', data: Buffer.from(msg) }]);
    const unpacked = await unpackFile(msg);
    expect(unpacked!.parts.map((p) => ['error' in p ? p.error.code : 'read', p.path])).toEqual([['too_large', 'level29.eml/level28.eml/level27.eml']]);
  });
});

describe('a saved web archive (.mht)', () => {
  it('is read as the web page it holds, not as an e-mail', async () => {
    const bytes = fixture('cpd-record-page.mht');
    expect(mailKind(new TextDecoder().decode(bytes))).toBe('mhtml');
    expect(await unpackFile(bytes)).toBeNull();
    const res = await importFile(bytes, 'record.mht', { today: TODAY });
    expect([res.format, res.fileGaps.filter((g) => g.code === 'format'), rows(res)]).toEqual([
      'html',
      [],
      [
        ['2026-02-11', 'Transformer condition monitoring seminar', 3],
        ['2026-02-25', 'Wrote a technical note on partial discharge', 4],
      ],
    ]);
  });

  it('a log of labelled lines is no e-mail, even with a From and a To', () => {
    expect(mailKind('From: 3 March 2026\nTo: 4 March 2026\nActivity: Site visit\nHours: 6\n\n')).toBeNull();
    expect(mailKind('From: Ann <ann@example.org>\nTo: cpd@example.org\nSubject: Log\n\nHello')).toBe('mail');
  });
});

describe('the body of a forwarded or replied message, as mail programs write it', () => {
  const outlook = `<html><head><style>p{margin:0}</style></head><body><div>Please import.</div><div>Thanks</div><div>Dana</div>
<hr><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Callum Fraser &lt;c@example.net&gt;<br><b>Sent:</b> 12 May 2026 18:40<br><b>To:</b> CPD Team<br><b>Subject:</b> My CPD</font></div>
<div><p>Hi, here is my log:</p><table><tr><td>Date</td><td>Activity</td><td>Hours</td></tr><tr><td>06/05/2026</td><td>SIL workshop</td><td>3.5</td></tr></table><p>Regards,<br>Callum</p><p>Callum Fraser | Tel: 0161 496 0000</p></div></body></html>`;

  it("Outlook: a forward keeps the forwarded table without Outlook's header; a reply cuts what it quotes", async () => {
    const fw = await bodyPart({ html: outlook, subject: 'FW: My CPD' }, false);
    expect(new TextDecoder().decode(fw!.bytes)).toBe(
      '<html><body><div>Please import.</div><div>Thanks</div><div>Dana</div>\n<hr>\n<div><p>Hi, here is my log:</p><table><tr><td>Date</td><td>Activity</td><td>Hours</td></tr><tr><td>06/05/2026</td><td>SIL workshop</td><td>3.5</td></tr></table></body></html>',
    );
    expect(await bodyPart({ html: outlook, subject: 'RE: My CPD' }, false)).toBeNull();
  });

  it('Gmail: an inline forward keeps the labelled lines; the closing inside the same paragraph and the name under it are cut', async () => {
    const gmail = `<div dir="ltr">FYI<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong>Callum</strong> &lt;c@example.net&gt;<br>Date: Tue, 12 May 2026<br>Subject: CPD<br></div><br><div dir="ltr">Activity: SIL workshop<br>Date: 6 May 2026<br>Hours: 3.5<br><br>Cheers<br>Callum</div></div></div>`;
    const b = await bodyPart({ html: gmail, subject: 'Fwd: CPD' }, false);
    const res = await importFile(b!.bytes, b!.name, { today: TODAY });
    expect([rows(res), res.records[0]!.extras]).toEqual([[['2026-05-06', 'SIL workshop', 3.5]], {}]);
  });
});
