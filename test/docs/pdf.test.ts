/**
 * PDF import: fixtures made by fixtures/pdf/make.mjs (exported reports, blocks, a form, a certificate, bad
 * files), checked field by field with page/line provenance; real-world files from the pdf.js and pdf-parse test
 * suites by outcome (format or error code, record count).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/pipeline/extract/pdf.js';
import { bytesOf, errorCode, fields, gapKeys, imp, REALWORLD } from './helpers.js';

const base = { targetDate: null, skillType: null, objective: null, status: 'completed', description: null, ukSpec: [] } as const;

interface Expected {
  activityName: string;
  activityType: string;
  startDate: string;
  endDate: string;
  hours: number;
  reflection: string;
}
const REPORT: Expected[] = JSON.parse(readFileSync('fixtures/pdf/report-2p.expected.json', 'utf8')) as Expected[];

describe('report-2p.pdf: two-page unruled report (wrapped cells, repeated header, furniture, row across pages)', async () => {
  const res = await imp('fixtures/pdf/report-2p.pdf');

  it('rebuilds the one table from text positions, header recognised once', () => {
    expect(res.format).toBe('pdf');
    expect(res.mapping).toEqual([
      {
        table: 'Table 1',
        page: 1,
        headerRow: 1,
        kind: 'log',
        columns: [
          { column: '1', heading: 'Date', field: 'startDate', how: 'synonym', confidence: 1, reason: 'heading "Date" is a known heading for the start date; 14 of 14 values are dates' },
          { column: '2', heading: 'Activity', field: 'activityName', how: 'synonym', confidence: 0.95, reason: 'heading "Activity" is a known heading for the activity name' },
          { column: '3', heading: 'Type', field: 'activityType', how: 'synonym', confidence: 0.95, reason: 'heading "Type" is a known heading for the activity type' },
          { column: '4', heading: 'Hours', field: 'hours', how: 'synonym', confidence: 0.95, reason: 'heading "Hours" is a known heading for the hours' },
          { column: '5', heading: 'Reflection', field: 'reflection', how: 'synonym', confidence: 0.95, reason: 'heading "Reflection" is a known heading for the reflection' },
        ],
      },
    ]);
  });

  it('imports the 14 activities field by field (wrapped cells joined, a date range over two lines)', () => {
    expect(res.records).toHaveLength(14);
    res.records.forEach((r, i) => {
      const e = REPORT[i]!;
      expect(fields(r)).toEqual({ ...base, twaves: r.twaves, ...e });
    });
    expect(res.records.map((r) => r.twaves)).toEqual(['T', 'T', 'V', 'T', 'S', 'E', 'T', 'T', 'V', 'W', 'E', 'S', 'T', 'V']);
  });

  it('joins the row whose reflection continues on page 2', () => {
    const r = res.records[10]!;
    expect(r.reflection).toBe('Saw the cable-pulling method for the main transformer connections and the fire barriers used in the tunnels between the turbine hall and the switchyard.');
    expect(r.source).toMatchObject({ page: 1, line: 28, table: 1 });
  });

  it('gives each value its page and line', () => {
    expect(res.records[0]!.source).toEqual({
      file: 'report-2p.pdf',
      table: 1,
      row: 2,
      page: 1,
      line: 5,
      cells: {
        startDate: 'page 1, line 5, column 1',
        activityName: 'page 1, line 5, column 2',
        activityType: 'page 1, line 5, column 3',
        hours: 'page 1, line 5, column 4',
        reflection: 'page 1, line 5, column 5',
      },
    });
    expect(res.records.slice(11).map((r) => [r.source.page, r.source.line])).toEqual([[2, 5], [2, 7], [2, 9]]);
  });

  it('removes page furniture, skips the totals line, ignores the preamble, and fills the year of "12 March"', () => {
    expect(res.fileGaps.map((g) => g.code)).toEqual(['skipped', 'skipped', 'skipped', 'inferred']);
    expect(res.fileGaps[0]!.message).toBe(
      'page furniture removed (page numbers, running titles repeated on each page): "Northbridge Engineering Ltd · Continuing professional development report", "Printed N/N/N N:N Page N of N"',
    );
    expect(res.fileGaps[2]!.message).toBe("Table 1 row 16 (page 2, line 11) is a totals row and was not imported as an activity");
    const r = res.records[1]!;
    expect(r.raw.startDate).toBe('12 March');
    expect(r.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', raw: '12 March' });
  });
});

describe('tight-table.pdf: rows without spacing, "Reflection:" lines under rows, two-line heading, a plan table', async () => {
  const res = await imp('fixtures/pdf/tight-table.pdf');

  it('maps the two-line heading and the reflection lines as a column', () => {
    expect(res.mapping.map((m) => [m.table, m.kind, m.columns.map((c) => `${c.heading}=${c.field}`)])).toEqual([
      ['Table 1', 'log', ['Date=startDate', 'Activity=activityName', 'Type=activityType', 'CPD hours=hours', 'Reflection=reflection']],
      ['Table 2', 'plan', ['Objective=objective', 'Planned activity=activityName', 'Target date=targetDate']],
    ]);
  });

  it('imports the log rows with their reflections attached', () => {
    expect(res.records.slice(0, 3).map(fields)).toEqual([
      { ...base, activityName: 'Harmonics in LV networks', activityType: 'Webinar', twaves: 'T', startDate: '2024-01-06', endDate: '2024-01-06', hours: 1, reflection: 'Triplen harmonics overload neutrals more than I expected; I will check our data-centre designs.' },
      { ...base, activityName: 'Working at height refresher for site engineers', activityType: 'Course', twaves: 'T', startDate: '2024-01-13', endDate: '2024-01-13', hours: 3.5, reflection: 'Rescue plans must be written before work starts, not after.' },
      { ...base, activityName: 'Hackathon: grid flexibility tools', activityType: 'Event', twaves: 'E', startDate: '2024-01-27', endDate: '2024-01-28', hours: 12, reflection: 'Our team built a demand-response dashboard; I learnt about Python async code.' },
    ]);
  });

  it('imports the plan after its heading as planned activities', () => {
    expect(res.records.slice(3).map((r) => [r.activityName, r.objective, r.targetDate, r.status, r.source.table])).toEqual([
      ['Write the competence report', 'Chartership', '2025-03-31', 'planned', 2],
      ['Distance protection course', 'Protection skills', '2025-06-30', 'planned', 2],
    ]);
  });
});

describe('blocks.pdf: labelled blocks', async () => {
  const res = await imp('fixtures/pdf/blocks.pdf');

  it('imports the two activities with their page and line', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Substation earthing workshop', activityType: 'Workshop', twaves: 'T', startDate: '2024-02-05', endDate: '2024-02-09', hours: 1.5, ukSpec: ['A1', 'E2'], reflection: 'Learnt the touch and step voltage limits in IEEE 80 and how soil resistivity surveys feed the earthing model; I will apply them on the Westbury substation project.' },
      { ...base, activityName: 'Reading the IET wiring regulations guidance', activityType: null, twaves: 'S', startDate: '2024-03-12', endDate: '2024-03-12', hours: 1.5, description: 'Read Guidance Note 3, chapter 2.', reflection: 'Inspection intervals for industrial sites are shorter than I assumed.' },
    ]);
    expect(res.records[0]!.source).toEqual({
      file: 'blocks.pdf',
      page: 1,
      line: 4,
      block: 'Activity 1: Substation earthing workshop',
      cells: { activityType: 'page 1, line 5', startDate: 'page 1, line 6', endDate: 'page 1, line 6', hours: 'page 1, line 7', ukSpec: 'page 1, line 8', reflection: 'page 1, line 9', activityName: 'heading' },
    });
  });

  it('reads the letter-spaced title (its year dates "12 March") and leaves the preamble out', () => {
    expect(res.fileGaps).toHaveLength(1);
    expect(res.fileGaps[0]!.message).toContain('the block "CPD Record 2024" at page 1, line 1 (Member, Membership number)');
    expect(gapKeys(res.records[1]!)).toContain('inferred startDate');
  });
});

describe('form.pdf: a filled, unflattened form', async () => {
  const res = await imp('fixtures/pdf/form.pdf');
  it('reads the values from the form fields, not just the blank page text', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Safety leadership course', activityType: 'Training course', twaves: 'T', startDate: '2024-03-04', endDate: '2024-03-04', hours: 7, reflection: 'I will use the incident-review method with my team.' },
    ]);
    expect(res.fileGaps[0]).toMatchObject({ code: 'format', severity: 'info', message: '5 filled form fields read from the PDF form (the values are not part of the page text)' });
    expect(res.records[0]!.source.cells).toEqual({ activityName: 'page 1, line 2', startDate: 'page 1, line 3', hours: 'page 1, line 4', activityType: 'page 1, line 5', reflection: 'page 1, line 6' });
  });
});

describe('certificate.pdf: a summary certificate', async () => {
  const res = await imp('fixtures/pdf/certificate.pdf');
  it('imports no records and says why in a file-level gap', () => {
    expect(res.records).toEqual([]);
    expect(res.fileGaps).toEqual([
      { field: null, code: 'no_activities', severity: 'warning', message: 'the table on page 1 is a summary of CPD totals by category (no individual activities) and was not imported; import the activity log itself' },
    ]);
  });
});

describe('ligatures.pdf: ligature characters in the text layer, a letter-spaced title', async () => {
  const res = await imp('fixtures/pdf/ligatures.pdf');
  it('normalises ﬁ, ﬂ, ﬃ and reads the title year', () => {
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([
      ['Certificate in fluid dynamics for fire engineers', '2024-06-03', 12],
      ['Office ergonomics briefing', '2024-07-17', 1],
    ]);
  });
});

describe('two-column-profile.pdf: activities set in two columns of text, each with an unlabelled details line (Word/PDF trial 2)', async () => {
  const res = await imp('fixtures/pdf/two-column-profile.pdf');

  it('reads the left column, then the right: four activities, none joined with its neighbour across the gutter', () => {
    expect(res.records.map((r) => [r.activityName, r.activityType, r.twaves, r.startDate, r.endDate, r.hours])).toEqual([
      ['Cyber security for OT networks', 'Events (IET seminar)', 'E', '2025-03-03', '2025-03-03', 2.5],
      ['HAZOP chair training', 'Training', 'T', '2025-04-14', '2025-04-15', 12],
      ['Mentoring two apprentices', 'Volunteering', 'V', '2025-05', '2025-06', 8],
      ['Reading: The Fifth Discipline', 'Self-study', 'S', '2025-07-22', '2025-07-22', 5],
    ]);
    expect(res.records.map((r) => r.reflection)).toEqual([
      'our SCADA DMZ needs a second firewall\ntier; I raised this with IT.',
      'keeping the team on guidewords is harder\nthan the technical content.',
      'preparing examples made me tidy up our own code standards.',
      'feedback loops in our change-control process explain recurring faults.',
    ]);
  });

  it('takes "3 March 2025 · 2.5 hours · Events (IET seminar)" apart into date, hours and type, from that line', () => {
    expect(res.records[0]!.raw).toMatchObject({ startDate: '3 March 2025', hours: '2.5 hours' });
    expect(res.records[0]!.source.cells).toMatchObject({ startDate: 'page 1, line 4', hours: 'page 1, line 4', activityType: 'page 1, line 4' });
    expect(res.records[0]!.extras).toEqual({ 'Text under the heading': 'Half-day seminar at Savoy Place on IEC 62443 zones\nand conduits for control systems.' });
  });
});

describe('bad PDFs', () => {
  it('encrypted → password_protected (distinct from corrupt)', async () => {
    expect(await errorCode(imp('fixtures/pdf/encrypted.pdf'))).toBe('password_protected');
  });
  it('a broken cross-reference table is recovered', async () => {
    const res = await imp('fixtures/pdf/broken-xref.pdf');
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours])).toEqual([['Fire safety briefing', '2024-03-12', 1]]);
  });
  it('a truncated PDF → corrupt', async () => {
    expect(await errorCode(imp('fixtures/pdf/truncated.pdf'))).toBe('corrupt');
  });
  it('a PDF over the time budget → timed_out', async () => {
    const budget = { maxBytes: 20e6, maxInflatedBytes: 200e6, timeoutMs: -1 };
    expect(await errorCode(extractPdf(bytesOf('fixtures/pdf/report-2p.pdf'), { fileName: 'r.pdf', budget }))).toBe('timed_out');
  });
});

describe('real-world PDFs (pdf.js and pdf-parse test suites)', () => {
  const J = `${REALWORLD}/pdfjs`;
  const P = `${REALWORLD}/pdf-parse`;
  // file, outcome ('pdf' = read, else the ImportError code); none holds CPD activities
  const cases: Array<[string, string]> = [
    [`${J}/issue6010_1.pdf`, 'password_protected'],
    [`${J}/issue6010_2.pdf`, 'password_protected'],
    [`${J}/issue7665.pdf`, 'pdf'], // encrypted with an empty user password: opens
    [`${J}/bug900822.pdf`, 'pdf'], // idem
    [`${J}/xref_command_missing.pdf`, 'pdf'], // broken structure that still reads
    [`${J}/helloworld-bad.pdf`, 'pdf'],
    [`${J}/pdfjsbad1586.pdf`, 'pdf'], // listed as corrupt; pdf.js recovers its text
    [`${J}/scan-bad.pdf`, 'pdf'], // idem
    [`${J}/empty.pdf`, 'empty'],
    [`${J}/tracemonkey.pdf`, 'pdf'],
    [`${P}/simple-table.pdf`, 'pdf'],
    [`${P}/multi-table.pdf`, 'pdf'],
    [`${P}/issue-48.pdf`, 'pdf'],
    [`${P}/empty-table.pdf`, 'empty'], // ruled table, no text
    [`${P}/not-detecting-spaces.pdf`, 'pdf'],
    [`${P}/extra-space.pdf`, 'pdf'],
    [`${P}/text-space.pdf`, 'pdf'],
    [`${P}/weird-fonts.pdf`, 'pdf'],
    [`${P}/image-test.pdf`, 'pdf'],
    [`${P}/password-123456.pdf`, 'password_protected'],
    [`${P}/invalid.pdf`, 'corrupt'],
    [`${P}/bug.pdf`, 'corrupt'],
    [`${P}/text-table-non-working.pdf`, 'pdf'],
  ];
  for (const [file, outcome] of cases) {
    it(`${file.split('/').slice(-2).join('/')} → ${outcome}${outcome === 'pdf' ? ', 0 records' : ''}`, async () => {
      if (outcome !== 'pdf') {
        expect(await errorCode(imp(file))).toBe(outcome);
        return;
      }
      const res = await imp(file);
      expect(res.format).toBe('pdf');
      expect(res.records).toHaveLength(0);
      expect(res.fileGaps.some((g) => g.code === 'no_activities')).toBe(true);
    });
  }

  it('text-table-non-working.pdf: running titles and page numbers removed as furniture', async () => {
    const res = await imp(`${P}/text-table-non-working.pdf`);
    expect(res.fileGaps[0]!.message).toMatch(/^page furniture removed .*"KW N\/N Arbeitsgemeinschaft Influenza Robert Koch-Institut N"/);
  });
});
