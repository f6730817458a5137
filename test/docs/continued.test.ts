/**
 * Tables that continue across pages, and headers over several lines (issue 9 §6): fixtures made by
 * fixtures/pdf/make.mjs (13–15) and fixtures/docx/make.mjs (14–15), checked field by field with their page and
 * line (or table and row), and the file-level notes.
 */
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../src/pipeline/extract/pdf.js';
import { cellText, type ExtractedTable } from '../../src/pipeline/types.js';
import { bytesOf, fields, imp } from './helpers.js';

const base = { targetDate: null, skillType: null, objective: null, status: 'completed', description: null, reflection: null, ukSpec: [] } as const;
const grid = (t: ExtractedTable): string[][] => t.rows.map((r) => r.cells.map((c) => cellText(c)));
const at = (t: ExtractedTable): Array<[number | undefined, number | undefined]> => t.rows.map((r) => [r.page, r.line]);
const skipped = (gaps: ReadonlyArray<{ code: string; message: string }>): string[] => gaps.filter((g) => g.code === 'skipped').map((g) => g.message);

describe('revalidation-3p.pdf: a nurse\'s revalidation CPD record, header once with labels over two and three lines, rows on three pages', async () => {
  const ex = await extractPdf(bytesOf('fixtures/pdf/revalidation-3p.pdf'), { fileName: 'revalidation-3p.pdf' });
  const res = await imp('fixtures/pdf/revalidation-3p.pdf');

  it('reads the header as one row of six headings, labels joined with spaces', () => {
    expect(ex.tables).toHaveLength(1);
    expect(grid(ex.tables[0]!)[0]).toEqual(['Dates', 'Method', 'Topic', 'Link to the Code', 'Number of hours', 'Number of participatory hours']);
  });

  it('keeps every row, on page 1, 2 or 3, in the one table, each with the page and line it starts on', () => {
    expect(at(ex.tables[0]!)).toEqual([
      [1, 5],
      [1, 8], [1, 12], [1, 15], [1, 18], [1, 21],
      [2, 3], [2, 6], [2, 9], [2, 12], [2, 15], [2, 18], [2, 21], [2, 24],
      [3, 4],
      [3, 7],
    ]);
    expect(grid(ex.tables[0]!)[15]).toEqual(['', '', 'Total', '', '48', '37.5']);
  });

  it('imports the 14 activities field by field: topics wrapped over lines and across page breaks, a date range broken after "-"', () => {
    const expected = [
      ['Sepsis recognition in adult inpatients: the NEWS2 escalation pathway, when to call the outreach team and how to hand over using SBAR.', 'Online learning', '2024-01-15', '2024-01-15', 2],
      ['Immediate life support recertification at the hospital training centre, including airway management and defibrillation scenarios.', 'Taught course (face to face)', '2024-02-06', '2024-02-06', 7.5],
      ['Journal article on deprescribing in older people living with frailty; I wrote notes on the STOPP/START criteria.', 'Reading and reflection', '2024-02-22', '2024-02-22', 1.5],
      ['RCN Congress sessions on safe staffing, delegation to nursing associates and speaking up when staffing is unsafe.', 'Conference', '2024-03-11', '2024-03-12', 10],
      // cut by the break between pages 1 and 2
      ['Wound care: choosing dressings for category 2 and 3 pressure ulcers, with hands-on practice on models.', 'Workshop', '2024-04-04', '2024-04-04', 3],
      ['Falls prevention after a serious incident on the ward: what the evidence says about bed rails and lying-and-standing blood pressure.', 'Group discussion (journal club)', '2024-04-19', '2024-04-19', 1],
      ['Safeguarding adults level 3 module, covering self-neglect, domestic abuse and making a referral.', 'E-learning', '2024-05-09', '2024-05-09', 4],
      ['Being coached on leading safety huddles and handovers in my first months as a ward sister.', 'One-to-one coaching', '2024-05-23', '2024-05-23', 1.5],
      ['In-situ simulation of a deteriorating patient with the outreach team; debrief on closed-loop communication.', 'Simulation training', '2024-06-14', '2024-06-14', 2.5],
      ['Medicines management: insulin safety and the most common prescribing and administration errors.', 'Online learning', '2024-07-02', '2024-07-02', 1],
      ['Teaching second-year student nurses how to keep fluid balance charts and when to escalate a positive balance.', 'Teaching others', '2024-07-18', '2024-07-18', 2],
      ['A day with the tissue viability nurse specialist on her ward rounds and in the leg ulcer clinic.', 'Shadowing', '2024-09-12', '2024-09-12', 7],
      // cut by the break between pages 2 and 3, in the method and the topic
      ['NICE guideline on suspected sepsis (2024 update): what changed for the risk stratification of adults.', 'Reading and reflection', '2024-10-08', '2024-10-08', 2],
      ['Dementia-friendly care: communicating with people living with dementia and with their families at mealtimes.', 'Workshop', '2024-11-20', '2024-11-20', 3],
    ] as const;
    expect(res.records).toHaveLength(14);
    res.records.forEach((r, i) => {
      const [activityName, activityType, startDate, endDate, hours] = expected[i]!;
      // TWAVES is inferred from the method and topic by the category rules, not read from this form: not checked here.
      expect(fields(r)).toEqual({ ...base, twaves: r.twaves, activityName, activityType, startDate, endDate, hours });
    });
  });

  it('keeps the codes of the Code and the participatory hours in extras, under their joined headings', () => {
    expect(res.records.map((r) => r.extras)).toEqual([
      ['1.2, 8.6, 19.1', '0'], ['6.2, 13.1, 19.1', '7.5'], ['6.1, 18.1', '0'], ['11.1, 11.2, 16.1, 25.2', '10'], ['6.2, 19.4', '3'],
      ['9.2, 14.1, 19.2', '1'], ['17.1, 17.2, 17.3', '0'], ['8.2, 25.1', '1.5'], ['8.1, 13.2, 19.1', '2.5'], ['18.2, 18.4', '0'],
      ['9.4, 22.3', '2'], ['6.2, 8.4', '7'], ['6.1', '0'], ['2.1, 7.1, 7.3', '3'],
    ].map(([code, participatory]) => ({ 'Link to the Code': code, 'Number of participatory hours': participatory })));
  });

  it('gives each value its page and line', () => {
    expect(res.records[0]!.source).toEqual({
      file: 'revalidation-3p.pdf',
      table: 1,
      row: 2,
      page: 1,
      line: 8,
      cells: { startDate: 'page 1, line 8, column 1', activityType: 'page 1, line 8, column 2', activityName: 'page 1, line 8, column 3', hours: 'page 1, line 8, column 5' },
    });
    expect(res.records.map((r) => [r.source.page, r.source.line, r.source.row])).toEqual([
      [1, 8, 2], [1, 12, 3], [1, 15, 4], [1, 18, 5], [1, 21, 6],
      [2, 3, 7], [2, 6, 8], [2, 9, 9], [2, 12, 10], [2, 15, 11], [2, 18, 12], [2, 21, 13], [2, 24, 14],
      [3, 4, 15],
    ]);
  });

  it('says what it left out: page furniture, the preamble, the totals line', () => {
    expect(skipped(res.fileGaps)).toEqual([
      'page furniture removed (page numbers, running titles repeated on each page): "Revalidation · CPD record · Amara Osei RN", "Page N of N"',
      `the PDF: the block "Continuing professional development record" at page 1, line 2 (Name) reads as the record's preamble or a note, not an activity (no date, hours, type or reflection), and was not imported`,
      'Table 1 row 16 (page 3, line 7) is a totals row and was not imported as an activity',
    ]);
  });
});

describe('export-repeated-2p.pdf: a CPD portal export, two-line header printed again on page 2', async () => {
  const ex = await extractPdf(bytesOf('fixtures/pdf/export-repeated-2p.pdf'), { fileName: 'export-repeated-2p.pdf' });
  const res = await imp('fixtures/pdf/export-repeated-2p.pdf');

  it('reads the two-line header once and skips its repeat; one table', () => {
    expect(ex.tables).toHaveLength(1);
    expect(grid(ex.tables[0]!)[0]).toEqual(['Date of activity', 'Activity title', 'CPD category', 'Hours claimed', 'Learning outcome']);
    expect(at(ex.tables[0]!)).toEqual([[1, 4], [1, 6], [1, 9], [1, 11], [1, 14], [1, 17], [1, 19], [1, 22], [1, 25], [1, 30], [1, 33], [1, 35], [2, 6]]);
  });

  it('imports the 12 activities field by field: "Work" / "experience" wrapped in the category column, a row going on under the repeated header', () => {
    const r = (activityName: string, twaves: string, startDate: string, hours: number, reflection: string): Record<string, unknown> => ({
      ...base,
      activityType: null,
      activityName,
      twaves,
      startDate,
      endDate: startDate,
      hours,
      reflection,
    });
    expect(res.records.map(fields)).toEqual([
      r('Eurocode 7 geotechnical design refresher', 'T', '2024-01-09', 7, 'Partial factors for design approach 1; I rechecked the retaining wall calculations on the Ashby scheme.'),
      r('ICE evening lecture: the Thames Tideway tunnel', 'E', '2024-01-24', 1.5, 'Secondary lining sequencing kept the programme on track.'),
      r('Site supervision of sheet piling at Carrow Road', 'W', '2024-02-07', 6, 'Learnt to read driving records and to stop the rig when the set was not reached.'),
      r('Reading: CIRIA C760 on embedded retaining walls', 'S', '2024-02-21', 3, 'The observational method needs trigger levels agreed before excavation starts.'),
      r('Mentoring a graduate through the ICE development objectives', 'V', '2024-03-13', 2, 'Setting one objective per review works better than a long list.'),
      r('Temporary works coordinator course', 'T', '2024-03-27', 14, 'The temporary works register must list every design check category; ours did not.'),
      r('Webinar: carbon in concrete and low-carbon cement replacements', 'T', '2024-04-17', 1, 'GGBS replacement levels above 50% slow early strength gain in winter pours.'),
      r('Technical visit to the Hinkley Point C marine works', 'E', '2024-05-08', 4, 'Saw the jack-up barges used for the cooling water tunnel heads and the controls on working over water, tidal windows and the weather limits for lifting.'),
      r('Module 3 of the MSc in geotechnical engineering', 'A', '2024-05-22', 30, 'Critical state soil mechanics finally made sense once I worked through the triaxial data.'),
      r('STEM ambassador session at Hillcrest Academy', 'V', '2024-06-12', 2, 'Pupils asked better questions when they built the bridge models first.'),
      // starts at the foot of page 1; its name and outcome go on under the header printed again on page 2
      r('Reading: BS 8004 amendment on pile load testing', 'S', '2024-07-03', 2, 'Dynamic load tests now need a correlation with a static test on the same site.'),
      r('Design review of the Ashby retaining wall with the checker', 'W', '2024-09-18', 3, 'Category 2 checks need an independent model, not a rerun of ours.'),
    ]);
    expect(res.records.map((r) => [r.source.page, r.source.line])).toEqual([[1, 6], [1, 9], [1, 11], [1, 14], [1, 17], [1, 19], [1, 22], [1, 25], [1, 30], [1, 33], [1, 35], [2, 6]]);
    expect(res.records[2]!.raw.twaves).toBe('Work experience');
  });

  it('removes the running title and footers, reads the cover lines as no activity', () => {
    expect(skipped(res.fileGaps)).toEqual([
      'page furniture removed (page numbers, running titles repeated on each page): "MyCPD portal export · Tomasz Nowak IEng MICE", "Exported N/N/N Page N of N"',
      "the PDF: the block at page 1, line 2 (CPD activity report) reads as the record's preamble or a note, not an activity (no date, hours, type or reflection), and was not imported",
    ]);
  });
});

describe('wrapped-break-3p.pdf: a row cut by a page break, and an undated row at the top of the next page', async () => {
  const res = await imp('fixtures/pdf/wrapped-break-3p.pdf');

  it('joins the rest of the row at the top of page 2 to its row; takes the undated line at the top of page 3 as a row of its own', () => {
    const r = (activityName: string, activityType: string, twaves: string, startDate: string | null, hours: number | null, reflection: string): Record<string, unknown> => ({
      ...base,
      twaves,
      activityName,
      activityType,
      startDate,
      endDate: startDate,
      hours,
      reflection,
    });
    expect(res.records.map(fields)).toEqual([
      r('Flood risk assessment workshop (Environment Agency)', 'Course', 'T', '2024-01-10', 7, 'Climate change allowances for peak river flow are now set per management catchment.'),
      r('Reading: CIRIA C753 SuDS manual chapters 3 and 24', 'Self-study', 'S', '2024-01-31', 3, 'Source control first; I will question end-of-pipe ponds.'),
      r(
        'Site visit to the Lowestoft tidal barrier works with the project engineer and the contractor',
        'Technical visit',
        'E',
        '2024-02-15',
        4,
        'The flood gates are tested monthly, and the operators keep a paper log beside the SCADA screens in case the network fails.',
      ),
      r('Mentoring an apprentice technician', 'Volunteering', 'V', '2024-03-06', 2, 'Agreed a portfolio plan for her EngTech application.'),
      r('HEC-RAS 2D modelling course', 'Course', 'T', '2024-03-20', 14, 'Mesh refinement along the embankments changed the flood extent more than the roughness.'),
      r('Reading: ICE Proceedings papers on natural flood management', 'Self-study', 'S', null, null, 'Natural flood management works best in small catchments.'),
      r('ICE Anglian branch lecture', 'Event', 'E', '2024-04-17', 1.5, 'Asset owners want whole-life carbon in every options report.'),
    ]);
    expect(res.records.map((x) => [x.source.page, x.source.line, x.source.row])).toEqual([[1, 4, 2], [1, 7, 3], [1, 9, 4], [2, 4, 5], [2, 6, 6], [3, 2, 7], [3, 4, 8]]);
    expect(res.records[5]!.gaps.filter((g) => g.code === 'missing').map((g) => g.field)).toEqual(['startDate', 'endDate', 'hours', 'description']);
    expect(skipped(res.fileGaps)).toEqual(['page furniture removed (page numbers, running titles repeated on each page): "Hannah Brooks CEng MICE · Development record N", "Page N of N"']);
  });
});

describe('split-log.docx: a Word log split in two tables by a page break, the second without a header row', async () => {
  const res = await imp('fixtures/docx/split-log.docx');

  it('reads the second table as the rest of the first, under its headings, and says so', () => {
    expect(res.mapping.map((m) => [m.table, m.headerRow, m.columns.map((c) => `${c.heading}=${c.field}`)])).toEqual([
      ['Table 1', 1, ['Date=startDate', 'Title=activityName', 'Method=activityType', 'Hours=hours', 'Learning outcome=reflection']],
    ]);
    expect(res.fileGaps.filter((g) => g.code === 'inferred' && g.message.startsWith('table 2'))).toEqual([
      {
        field: null,
        code: 'inferred',
        severity: 'info',
        message: 'table 2 has no header row and follows table 1 with nothing between them and the same 5 columns: read as the rest of table 1 (a table split by a page break), under its headings',
      },
    ]);
  });

  it('imports the seven activities field by field, each row with its own table and row number', () => {
    const r = (startDate: string, activityName: string, activityType: string, twaves: string, hours: number, reflection: string): Record<string, unknown> => ({
      ...base,
      startDate,
      endDate: startDate,
      activityName,
      activityType,
      twaves,
      hours,
      reflection,
    });
    expect(res.records.map(fields)).toEqual([
      r('2024-01-11', 'CIBSE Guide M: maintenance engineering', 'Reading', 'S', 3, 'Life-cycle costs belong in the design stage report.'),
      r('2024-01-25', 'Heat pump commissioning course', 'Course', 'T', 7, 'Flow temperatures above 50 °C halve the seasonal COP.'),
      r('2024-02-14', 'Site visit: Cardiff Central station ventilation upgrade', 'Technical visit', 'E', 3.5, 'Smoke control dampers need access panels in the ceiling grid.'),
      r('2024-03-06', 'Mentoring a trainee design engineer', 'Mentoring', 'V', 2, 'She learns faster from marked-up drawings than from notes.'),
      r('2024-04-10', 'BS 7671 Amendment 3 update webinar', 'Webinar', 'T', 1.5, 'Bidirectional protective devices for battery storage are now covered.'),
      r('2024-05-22', 'Legionella risk assessment workshop', 'Workshop', 'T', 6, 'Dead legs in the hot water system must go, not just be flushed.'),
      r('2024-06-19', 'IET South Wales local network committee', 'Volunteering', 'V', 2, 'Planned the autumn lecture programme with the committee.'),
    ]);
    expect(res.records.map((x) => [x.source.table, x.source.row])).toEqual([[1, 2], [1, 3], [1, 4], [1, 5], [2, 1], [2, 2], [2, 3]]);
    expect(res.records[4]!.source).toEqual({
      file: 'split-log.docx',
      table: 2,
      row: 1,
      cells: { startDate: 'row 1, column 1', activityName: 'row 1, column 2', activityType: 'row 1, column 3', hours: 'row 1, column 4', reflection: 'row 1, column 5' },
    });
  });
});

describe('two-row-header.docx: "Date of activity" merged over "From" and "To", continued after a page break without a header', async () => {
  const res = await imp('fixtures/docx/two-row-header.docx');

  it('maps the two-row header once, for both tables', () => {
    expect(res.mapping.map((m) => [m.table, m.headerRow, m.columns.map((c) => `${c.heading}=${c.field}`)])).toEqual([
      ['Table 1', 2, ['Activity=activityName', 'From=startDate', 'To=endDate', 'Type=activityType', 'CPD hours=hours', 'What did I learn?=reflection']],
    ]);
    expect(res.fileGaps.filter((g) => g.code === 'inferred' && g.message.startsWith('table 2')).map((g) => g.message)).toEqual([
      'table 2 has no header row and follows table 1 with nothing between them and the same 6 columns: read as the rest of table 1 (a table split by a page break), under its headings',
    ]);
  });

  it('imports the six activities field by field: an empty "To" is the day of "From"; the continued rows keep their "To" dates', () => {
    const r = (activityName: string, startDate: string, endDate: string, activityType: string, twaves: string, hours: number, reflection: string): Record<string, unknown> => ({
      ...base,
      activityName,
      startDate,
      endDate,
      activityType,
      twaves,
      hours,
      reflection,
    });
    expect(res.records.map(fields)).toEqual([
      r('Functional safety (IEC 61508) foundation course', '2024-03-04', '2024-03-07', 'Course', 'T', 28, 'SIL targets come from the risk graph, not from habit.'),
      r('Lunch-and-learn: cable sizing for solar farms', '2024-03-19', '2024-03-19', 'Seminar', 'E', 1, 'Harmonic heating matters in long DC runs.'),
      r('Secondment to the protection team', '2024-04-01', '2024-06-30', 'Work experience', 'W', 60, 'Setting relays is the easy part; coordination studies are the work.'),
      r('Reading: IET Guidance Note 7, special locations', '2024-07-15', '2024-07-15', 'Self-study', 'S', 2.5, 'Zones around baths changed in the 18th edition.'),
      r('Arc flash awareness e-learning', '2024-09-12', '2024-09-12', 'E-learning', 'T', 1.5, 'Incident energy falls fast with distance; stand back.'),
      r('IET Young Professionals STEM day', '2024-10-05', '2024-10-05', 'Volunteering', 'V', 5, 'Children grasp circuits faster with real batteries than with diagrams.'),
    ]);
    expect(res.records.map((x) => [x.source.table, x.source.row])).toEqual([[1, 3], [1, 4], [1, 5], [1, 6], [2, 1], [2, 2]]);
    // the continued rows' dates are read day first on the whole column's evidence (no "ambiguous" gap of their own)
    expect(res.records.slice(4).map((x) => x.gaps.filter((g) => g.field === 'startDate'))).toEqual([[], []]);
    expect(res.records.every((x) => Object.keys(x.extras).length === 0)).toBe(true);
  });
});
