/**
 * Word import: fixtures in each layout of docs/domain/CPD.md §8 (made by fixtures/docx/make.mjs), checked field by field
 * with provenance; hostile and real-world files (mammoth and python-docx test suites) by outcome.
 */
import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { ImportError } from '../../src/domain/index.js';
import { importFile } from '../../src/pipeline/import.js';
import { countRevisions, extractDocx, tableNestingDepth } from '../../src/pipeline/extract/docx.js';
import { cellText } from '../../src/pipeline/types.js';
import { bytesOf, errorCode, fields, gapKeys, imp, REALWORLD } from './helpers.js';
import { withoutLibreOffice } from '../helpers/libreoffice.js';

const base = {
  targetDate: null,
  skillType: null,
  objective: null,
  status: 'completed',
  description: null,
  ukSpec: [],
} as const;

describe('goal-sections-plan.docx: a plan in sections ("Objective n:" over tables sharing a header, a "When" column of dates and timings)', async () => {
  const res = await imp('fixtures/docx/goal-sections-plan.docx');
  const plan = { ...base, activityType: null, startDate: null, endDate: null, hours: null, description: null, reflection: null, status: 'planned' } as const;

  it('reads the two tables as one plan, each action under its goal, "When" as the target date', () => {
    expect(res.records.map(fields)).toEqual([
      { ...plan, activityName: 'Attend the SCI connections design course', twaves: 'T', targetDate: '2027-03', objective: 'Design of steel connections to Eurocode 3' },
      { ...plan, activityName: 'Check six connection designs with my mentor', twaves: 'V', objective: 'Design of steel connections to Eurocode 3' },
      { ...plan, activityName: 'Present the Quayside scheme at the design review', twaves: 'W', targetDate: '2027-06-15', objective: 'Presenting to clients' },
      { ...plan, activityName: 'Join the Toastmasters lunchtime group', twaves: null, objective: 'Presenting to clients' },
      { ...plan, activityName: 'Record and review one practice talk', twaves: null, objective: 'Presenting to clients' },
    ]);
    expect(res.records.map((r) => [r.source.table, r.source.row])).toEqual([[1, 2], [1, 3], [2, 2], [2, 3], [2, 4]]);
    expect(res.records[0]!.gaps.find((g) => g.field === 'objective')?.message).toBe('from the goal titling the rows above ("Design of steel connections to Eurocode 3")');
  });

  it('says how it read the layout, and names the columns it did not map', () => {
    const msgs = res.fileGaps.map((g) => g.message);
    expect(msgs).toContain('table 2 has the same header row as table 1 with only a title between them ("Objective 2: Presenting to clients"): read as the next section of table 1, under that title');
    expect(res.fileGaps.filter((g) => g.code === 'unmapped').map((g) => g.raw)).toEqual(['Support', 'How I will know']);
    expect(res.mapping[0]!.columns.find((c) => c.heading === 'When')).toMatchObject({ field: 'targetDate' });
  });
});

describe('entry-blocks.docx: numbered entries named only by "What I did"', async () => {
  const res = await imp('fixtures/docx/entry-blocks.docx');

  it('takes a one-line description as the activity name, and leaves a description of sentences as it is', () => {
    expect(res.records.map((r) => [r.activityName, r.description, r.startDate, r.hours])).toEqual([
      ['Principal inspection of the Afon Dyfi viaduct', null, '2026-03-03', 7],
      [null, 'Read CS 450 on inspection of highway structures. Made notes on the new defect codes for my team.', '2026-04', 3],
    ]);
    expect(res.records[0]!.source.cells).toEqual({ startDate: 'paragraph 5', hours: 'paragraph 6', activityName: 'paragraph 4' });
    expect(res.records[0]!.gaps.find((g) => g.field === 'activityName')?.message).toBe('no label names the activity: its one-line description names it');
  });
});

describe('bold-title-cells.docx: a bold title over a description in one cell', async () => {
  const res = await imp('fixtures/docx/bold-title-cells.docx');

  it('reads the bold title as the activity and the lines under it as the description', () => {
    expect(res.records.map((r) => [r.activityName, r.description, r.startDate, r.hours])).toEqual([
      ['IET webinar: arc flash studies', 'Incident energy, PPE categories and labelling.', '2026-01-14', 1.5],
      ['Site visit: Pembroke substation', 'Walked the new 400 kV bays with the site manager.', '2026-02-03', 4],
      ['Read IET Code of Practice for EV charging', null, '2026-03-19', 3],
    ]);
    expect(res.fileGaps.map((g) => g.message)).toContain('table 1: cells holding a bold title over a description — the titles are read as their column, the descriptions as column 4 ("Details")');
  });
});

describe('table-log.docx: Word tables (header under a title row, repeated after a page break, split table)', async () => {
  const res = await imp('fixtures/docx/table-log.docx');

  it('imports the six activities of the three tables field by field', () => {
    expect(res.format).toBe('docx');
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'IET webinar: Power electronics for EV chargers', activityType: 'Webinar', twaves: 'T', startDate: '2024-01-15', endDate: '2024-01-15', hours: 1.5, reflection: 'Learnt how SiC MOSFET switching losses scale with frequency; will use this in the charger design review.' },
      { ...base, activityName: 'BS 7671 Amendment 2 briefing', activityType: 'Course', twaves: 'T', startDate: '2024-03-12', endDate: '2024-03-12', hours: 3, reflection: 'RCD selection rules changed; I updated our design checklist.' },
      { ...base, activityName: 'Mentoring a graduate engineer', activityType: 'Volunteering', twaves: 'V', startDate: '2024-04-22', endDate: '2024-04-22', hours: 2, reflection: 'Agreed development goals.\nWill review progress monthly.' },
      { ...base, activityName: 'Site visit: Hinkley Point C', activityType: 'Technical visit', twaves: 'E', startDate: '2024-05-08', endDate: '2024-05-08', hours: 4, reflection: 'Saw the cable-pulling method for the main transformer connections.' },
      { ...base, activityName: 'Reading: IET Code of Practice for Electrical Energy Storage Systems', activityType: 'Self-study', twaves: 'S', startDate: '2024-06-17', endDate: '2024-06-17', hours: 2.5, reflection: 'Noted the fire-separation distances for battery rooms.' },
      { ...base, activityName: 'Project management fundamentals', activityType: 'e-learning', twaves: 'T', startDate: '2024-07-03', endDate: '2024-07-03', hours: 6, reflection: 'Will apply earned-value tracking on the substation project.' },
    ]);
  });

  it('points each value to its table, row and column', () => {
    expect(res.records.map((r) => [r.source.table, r.source.row])).toEqual([[1, 3], [1, 4], [1, 5], [2, 2], [2, 3], [3, 1]]);
    expect(res.records[0]!.source).toEqual({
      file: 'table-log.docx',
      table: 1,
      row: 3,
      cells: { startDate: 'row 3, column 1', activityName: 'row 3, column 2', activityType: 'row 3, column 3', hours: 'row 3, column 4', reflection: 'row 3, column 5' },
    });
  });

  it('fills the year of "12 March" from the preamble title, with an inferred gap', () => {
    const r = res.records[1]!;
    expect(r.raw.startDate).toBe('12 March');
    expect(r.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', severity: 'warning', raw: '12 March' });
  });

  it('reads the preamble (name, membership number) as no activity and says so', () => {
    expect(res.fileGaps.filter((g) => g.code === 'skipped').map((g) => g.message)).toEqual([
      expect.stringContaining('"CPD Record 2024" at paragraph 1 (Name, Membership number) reads as the record\'s preamble'),
    ]);
    expect(res.records.some((r) => /Sam Taylor/.test(r.activityName ?? ''))).toBe(false);
  });

  it('reports one mapping per table; the table split off without a header is read as the rest of the one before', () => {
    expect(res.mapping.map((m) => [m.table, m.headerRow, m.columns.map((c) => c.field)])).toEqual([
      ['Table 1', 2, ['startDate', 'activityName', 'activityType', 'hours', 'reflection']],
      ['Table 2', 1, ['startDate', 'activityName', 'activityType', 'hours', 'reflection']],
    ]);
    expect(res.fileGaps.filter((g) => g.code === 'inferred' && g.message.startsWith('table 3')).map((g) => g.message)).toEqual([
      'table 3 has no header row and follows table 2 with nothing between them and the same 5 columns: read as the rest of table 2 (a table split by a page break), under its headings',
    ]);
  });
});

describe('merged-header.docx: two-row header with colspan/rowspan', async () => {
  const res = await imp('fixtures/docx/merged-header.docx');

  it('aligns merged cells to the right headings', () => {
    expect(res.mapping[0]!.columns.map((c) => [c.heading, c.field])).toEqual([
      ['Activity', 'activityName'],
      ['From', 'startDate'],
      ['To', 'endDate'],
      ['Hours', 'hours'],
      ['Reflection', 'reflection'],
    ]);
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Substation design course', activityType: null, twaves: 'T', startDate: '2024-02-05', endDate: '2024-02-09', hours: 30, reflection: 'Covered earthing studies and protection grading.' },
      // the From date is merged down over this row: repeated
      { ...base, activityName: 'Evening lecture: HVDC links', activityType: null, twaves: 'E', startDate: '2024-02-05', endDate: '2024-02-05', hours: 1.5, reflection: 'The converter station losses were higher than I expected.' },
      // "March 2024" spans From and To: read once, month precision
      { ...base, activityName: 'Self-study: IEEE 1584 arc-flash guide', activityType: null, twaves: 'S', startDate: '2024-03', endDate: '2024-03', hours: 5, reflection: 'Recalculated incident energy for our 11 kV boards.' },
    ]);
    expect(gapKeys(res.records[2]!)).toContain('reduced_precision startDate');
  });

  it('reports only the real header (no empty table for the first header row)', () => {
    expect(res.mapping).toHaveLength(1);
    expect(res.mapping[0]!.headerRow).toBe(2);
  });
});

describe('blocks.docx: one block per activity (headings + Label: value, label/value tables)', async () => {
  const res = await imp('fixtures/docx/blocks.docx');

  it('imports four activities field by field', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Substation earthing workshop', activityType: 'Workshop', twaves: 'T', startDate: '2024-02-05', endDate: '2024-02-09', hours: 1.5, ukSpec: ['A1', 'E2'], reflection: 'Learnt the touch and step voltage limits in IEEE 80.\nI will apply them on the Westbury substation project.' },
      { ...base, activityName: 'Reading the IET wiring regulations guidance', activityType: null, twaves: 'S', startDate: '2024-03-12', endDate: '2024-03-12', hours: 1.5, description: 'Read Guidance Note 3, chapter 2.', reflection: 'Inspection intervals for industrial sites are shorter than I assumed.' },
      { ...base, activityName: 'Mentoring a graduate engineer', activityType: 'Volunteering', twaves: 'V', startDate: '2024-04-22', endDate: '2024-04-22', hours: 2, reflection: 'Agreed development goals with the graduate.' },
      { ...base, activityName: 'STEM Ambassador school visit', activityType: null, twaves: 'V', startDate: '2024-06-14', endDate: '2024-06-14', hours: 3, reflection: 'Explaining power grids to 12-year-olds made me simplify my own explanations.' },
    ]);
  });

  it('keeps provenance: block heading and paragraph, or table and row', () => {
    expect(res.records[0]!.source).toEqual({
      file: 'blocks.docx',
      block: 'Activity 1: Substation earthing workshop',
      cells: { activityType: 'paragraph 5', startDate: 'paragraph 6', endDate: 'paragraph 6', hours: 'paragraph 7', twaves: 'paragraph 8', ukSpec: 'paragraph 9', reflection: 'paragraph 10', activityName: 'heading' },
    });
    expect(res.records[2]!.source).toEqual({
      file: 'blocks.docx',
      table: 1,
      block: 'Activity 3: Mentoring a graduate engineer',
      cells: { activityType: 'table 1, row 1', startDate: 'table 1, row 2', hours: 'table 1, row 3', reflection: 'table 1, row 4', activityName: 'heading' },
    });
    expect(res.records[3]!.source.cells).toEqual({ activityName: 'table 2, row 1', startDate: 'table 2, row 1', hours: 'table 2, row 2', twaves: 'table 2, row 2', reflection: 'table 2, row 3' });
  });

  it('reads prose dates and hours: a range in one paragraph, "1.5 hours", "90 mins", a date without a year', () => {
    expect(res.records[0]!.raw).toMatchObject({ startDate: '5–9 February 2024', hours: '1.5 hours' });
    const r2 = res.records[1]!;
    expect(r2.raw).toMatchObject({ startDate: '12 March', hours: '90 mins' });
    expect(r2.gaps.find((g) => g.field === 'startDate')).toMatchObject({ code: 'inferred', raw: '12 March' });
  });

  it('does not import the preamble (member, membership number)', () => {
    expect(res.records).toHaveLength(4);
    expect(res.fileGaps.map((g) => g.code)).toEqual(['skipped']);
  });
});

describe('inline-labels.docx: several labels on one line, split by bars or tabs (Word/PDF trial finding)', async () => {
  const res = await imp('fixtures/docx/inline-labels.docx');

  it('splits "Date: … | Hours: … | Type: …" and tab-separated labels into their fields', () => {
    expect(res.records.map(fields)).toEqual([
      {
        ...base,
        activityName: 'Cyber security for operational technology',
        activityType: 'Webinar',
        twaves: 'T',
        startDate: '2025-03-03',
        endDate: '2025-03-03',
        hours: 2.5,
        ukSpec: ['A1', 'E4'],
        description: 'Compared IEC 62443 zones | conduits with our plant network.',
        reflection: 'Learnt how to segment the control network; I will review our firewall rules.',
      },
      { ...base, activityName: 'Earthing design workshop', activityType: 'Workshop', twaves: 'W', startDate: '2025-05-05', endDate: '2025-05-09', hours: 1.5, ukSpec: ['B3'], reflection: 'Step and touch potentials need site soil data, not book values.' },
    ]);
    expect(res.records.map(gapKeys)).toEqual([['inferred endDate'], ['missing description']]);
    expect(res.records[0]!.source.cells).toEqual({ startDate: 'paragraph 4', hours: 'paragraph 4', activityType: 'paragraph 4', twaves: 'paragraph 5', ukSpec: 'paragraph 5', description: 'paragraph 6', reflection: 'paragraph 7', activityName: 'heading' });
  });

  it('leaves the signature line and its date out of the last activity', () => {
    expect(res.records[1]!.extras).toEqual({});
    expect(res.fileGaps.map((g) => g.message)).toEqual([
      "the document: the block at paragraph 12 (Signed) is a declaration or sign-off, not an activity, and was not imported",
    ]);
  });
});

describe('kv-tables.docx: a label/value table per activity with heading words among the values (Word/PDF trial finding)', async () => {
  const res = await imp('fixtures/docx/kv-tables.docx');

  it('reads "Type of activity | Course" as a label and its value: two activities, not one per row; "Days" in days', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Culvert hydraulics with HY-8', activityType: 'Course', twaves: 'T', startDate: '2025-09-08', endDate: '2025-09-10', hours: 18, ukSpec: ['A2', 'B2'], description: 'Inlet and outlet control for highway culverts.', reflection: 'I will check outlet velocities on the A49 scheme.' },
      { ...base, activityName: 'ICE Wales annual lecture', activityType: 'Event', twaves: 'E', startDate: '2025-11-04', endDate: '2025-11-04', hours: 3, ukSpec: ['E3'], description: 'Attended in person in Cardiff.', reflection: 'Tidal lagoons need long-term sediment monitoring.' },
    ]);
    expect(res.records.map(gapKeys)).toEqual([['inferred twaves'], ['converted hours', 'inferred endDate', 'inferred twaves']]);
    // "Days | 0.5": half a day, converted at 6 h per day (it was read as 0.5 h).
    expect(res.records[1]!.raw.hours).toBe('0.5');
    expect(res.records[1]!.gaps.find((g) => g.field === 'hours')!.message).toBe('"0.5" converted to 3 h: 6 h per day (setting; the default, after ICE: 6 h of learning = 1 day)');
    expect(res.records[1]!.source).toEqual({
      file: 'kv-tables.docx',
      table: 2,
      cells: { activityName: 'table 2, row 1', activityType: 'table 2, row 2', startDate: 'table 2, row 3', hours: 'table 2, row 5', description: 'table 2, row 6', reflection: 'table 2, row 7', ukSpec: 'table 2, row 8' },
    });
    expect(res.fileGaps).toEqual([]);
  });
});

describe('comments-footnotes.docx: a comment on an hours cell and two footnotes (Word/PDF trial 2: they vanished)', async () => {
  const res = await imp('fixtures/docx/comments-footnotes.docx');

  it('quotes them in a file-level note, with the comment\'s author; the activities are read as usual', () => {
    expect(res.records).toHaveLength(3);
    expect(res.fileGaps[0]).toEqual({
      field: null,
      code: 'format',
      severity: 'info',
      message:
        'the document has 1 comment and 2 footnotes, not read into the records: comment by Line Manager: “Check: was this 2 or 2.5 hours?”; footnote: “Recorded lecture, watched at home on 12 May 2025.”; footnote: “Hours are those stated on the course certificate.”',
    });
  });
});

describe('tracked.docx: unaccepted tracked changes', async () => {
  const res = await imp('fixtures/docx/tracked.docx');

  it('imports the final text (insertions kept, deletions and a deleted row dropped)', () => {
    expect(res.records.map((r) => [r.activityName, r.hours, r.startDate])).toEqual([
      ['Arc flash safety training', 2.5, '2024-01-11'],
      ['Protection relay commissioning', 6, '2024-02-02'],
    ]);
  });

  it('carries a file-level warning saying so', () => {
    expect(res.fileGaps[0]).toMatchObject({ field: null, code: 'format', severity: 'warning' });
    expect(res.fileGaps[0]!.message).toMatch(/unaccepted tracked changes \(2 insertions, 7 deletions\).*final text/);
  });
});

describe('controls.docx: content controls and a text box', async () => {
  const res = await imp('fixtures/docx/controls.docx');

  it('reads values typed into content controls and the reflection in a text box', () => {
    expect(res.records.map(fields)).toEqual([
      { ...base, activityName: 'Safety leadership course', activityType: 'Training course', twaves: 'T', startDate: '2024-03-04', endDate: '2024-03-04', hours: 7, ukSpec: ['C3', 'E2'], reflection: 'I will use the incident-review method with my team.' },
    ]);
    expect(res.records[0]!.source.block).toBe('CPD activity record');
    expect(res.records[0]!.source.cells?.reflection).toBe('paragraph 7');
  });
});

describe('bad Word input', () => {
  it('refuses a table nesting deeper than the limit as too large', async () => {
    expect(await errorCode(imp('fixtures/docx/deep-nesting.docx'))).toBe('too_large');
  });
  // Where LibreOffice is installed these are converted instead (test/docs/convert.test.ts).
  it('without LibreOffice, refuses a legacy .doc with a "save as .docx" message (detected by content)', async () => {
    await withoutLibreOffice(async () => {
      await expect(imp('fixtures/bad/legacy.doc')).rejects.toMatchObject({ code: 'unsupported_format', message: expect.stringMatching(/\.doc\b.*save it as \.docx/) });
    });
  });
  it('detects renamed HTML and RTF files by content: the page is read as a web page, the RTF refused without LibreOffice', async () => {
    expect((await imp('fixtures/bad/html-named.docx')).format).toBe('html');
    expect(await withoutLibreOffice(() => errorCode(imp('fixtures/bad/rtf-named.docx')))).toBe('unsupported_format');
  });
  it('the extractor itself refuses bytes that are not a zip, and OLE2 bytes', async () => {
    expect(await errorCode(extractDocx(new TextEncoder().encode('<html><body>x</body></html>'), { fileName: 'x.docx' }))).toBe('corrupt');
    expect(await errorCode(extractDocx(bytesOf('fixtures/bad/legacy.doc'), { fileName: 'x.docx' }))).toBe('unsupported_format');
    expect(await errorCode(extractDocx(new Uint8Array(0), { fileName: 'x.docx' }))).toBe('empty');
  });
  it('a document declaring XML entities (a billion-laughs try) is refused in our words; the parser text goes to the log only', async () => {
    const zip = await JSZip.loadAsync(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('CPD log 2026')] }] })));
    const xml = (await zip.file('word/document.xml')!.async('string'))
      .replace('standalone="yes"?>', 'standalone="yes"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>')
      .replace('CPD log 2026', 'CPD &lol9; log');
    zip.file('word/document.xml', xml);
    const e = await importFile(await zip.generateAsync({ type: 'uint8array' }), 'entities.docx').catch((err: unknown) => err as ImportError);
    expect(e).toMatchObject({
      code: 'corrupt',
      message: 'the Word document is damaged: its XML declares or uses entities (a DTD), which a Word document never does',
      detail: 'error: [xmldom error]\tentity not found:&lol9;',
    });
  });
  it('refuses a zip that inflates past the budget', async () => {
    const budget = { maxBytes: 20e6, maxInflatedBytes: 1000, timeoutMs: 60_000 };
    expect(await errorCode(extractDocx(bytesOf('fixtures/docx/blocks.docx'), { fileName: 'x.docx', budget }))).toBe('too_large');
  });
});

describe('helpers', () => {
  it('counts tracked changes and table nesting in WordprocessingML', () => {
    expect(countRevisions('<w:ins w:id="1"><w:r/></w:ins><w:del w:id="2"/><w:del w:id="3"/><w:rPrChange/>')).toEqual({ insertions: 1, deletions: 2, moves: 0, formatting: 1 });
    expect(countRevisions('<w:instrText>x</w:instrText><w:delText>y</w:delText>')).toEqual({ insertions: 0, deletions: 0, moves: 0, formatting: 0 });
    expect(tableNestingDepth('<w:tbl><w:tr><w:tc><w:tbl><w:tblPr/></w:tbl></w:tc></w:tr></w:tbl><w:tbl></w:tbl>')).toBe(2);
  });
});

describe('real-world Word files (mammoth and python-docx test suites)', () => {
  const M = `${REALWORLD}/mammoth`;
  const P = `${REALWORLD}/python-docx`;
  const cases: Array<[string, string, number]> = [
    // file, expected outcome ('docx' read, or the ImportError code), records
    [`${M}/comments.docx`, 'docx', 0],
    [`${M}/empty.docx`, 'empty', 0],
    [`${M}/footnotes.docx`, 'docx', 0],
    [`${M}/header-footer.docx`, 'empty', 0],
    [`${M}/numbered-list-breaks.docx`, 'docx', 0],
    [`${M}/strict-format.docx`, 'docx', 0],
    [`${M}/tables.docx`, 'docx', 0],
    [`${M}/text-box.docx`, 'docx', 0],
    [`${M}/track-changes-test.docx`, 'docx', 0],
    [`${M}/utf8-bom.docx`, 'docx', 0],
    [`${P}/blk-paras-and-tables.docx`, 'docx', 0],
    [`${P}/tbl-cell-access.docx`, 'docx', 0],
  ];
  for (const [file, outcome, count] of cases) {
    it(`${file.split('/').slice(-2).join('/')} → ${outcome}, ${count} records`, async () => {
      const code = await errorCode(imp(file));
      if (outcome === 'docx') {
        expect(code).toBeUndefined();
        const res = await imp(file);
        expect(res.format).toBe('docx');
        expect(res.records).toHaveLength(count);
        expect(res.fileGaps.some((g) => g.code === 'no_activities')).toBe(true);
      } else {
        expect(code).toBe(outcome);
      }
    });
  }

  it('track-changes-test.docx: final text and the tracked-changes warning', async () => {
    const res = await imp(`${M}/track-changes-test.docx`);
    expect(res.fileGaps[0]).toMatchObject({ code: 'format', severity: 'warning', message: expect.stringContaining('6 insertions, 16 deletions') });
  });

  it('text-box.docx: text only in a text box is read', async () => {
    const ex = await extractDocx(bytesOf(`${M}/text-box.docx`), { fileName: 'text-box.docx' });
    expect(ex.tables).toEqual([]);
    expect(ex.blocks).toEqual([]);
    // no activity, but the document was not taken as empty: its text box holds "Datum plane"
  });

  it('header-footer.docx: says the text is only in the page header or footer', async () => {
    await expect(imp(`${M}/header-footer.docx`)).rejects.toThrow(/only in its page header or footer/);
  });

  it('tbl-cell-access.docx: horizontal and vertical merges aligned to the grid', async () => {
    const ex = await extractDocx(bytesOf(`${P}/tbl-cell-access.docx`), { fileName: 'tbl-cell-access.docx' });
    const grid = (i: number): string[][] => ex.tables[i]!.rows.map((r) => r.cells.map((c) => cellText(c)));
    expect(grid(0)).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']]);
    expect(grid(1)).toEqual([['1', '2', '3'], ['4', '', '6'], ['7', '8', '9']]);
    expect(grid(2)).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7', '5', '9']]);
    expect(grid(3)).toEqual([['1', '2', '3'], ['4', '', '6'], ['4', '', '9']]);
    expect(ex.tables.map((t) => t.table)).toEqual([1, 2, 3, 4]);
  });

  it('blk-paras-and-tables.docx: a nested table is read inside its cell', async () => {
    const ex = await extractDocx(bytesOf(`${P}/blk-paras-and-tables.docx`), { fileName: 'blk.docx' });
    expect(ex.tables.map((t) => t.table)).toEqual([1]);
  });
});
