/**
 * Layout rules on synthetic positioned text (no PDF library involved): text normalisation, furniture removal,
 * table rows from positions, labelled lines under rows, labelled blocks from paragraphs, summary certificates.
 */
import { describe, expect, it } from 'vitest';
import { blocksFromParas, datedLine, detailsLine, splitInlineLabels, splitLabel, titleDatedLine, type Para } from '../../src/pipeline/extract/blocks.js';
import { layoutPages, normaliseRunText, type PageItems, type TextItem } from '../../src/pipeline/extract/layout.js';
import { otsu } from '../../src/pipeline/extract/ocr.js';
import { certificateNote, settleSummaryNotes, summaryTableNote } from '../../src/pipeline/extract/summary.js';
import { cellText } from '../../src/pipeline/types.js';

/** Items for one line: [x, text] pairs at baseline y, 10 pt, 5 pt per character. */
function line(y: number, ...cells: Array<[number, string]>): TextItem[] {
  return cells.map(([x, text]) => ({ text, x, y, width: text.length * 5, size: 10 }));
}
function page(n: number, ...lines: TextItem[][]): PageItems {
  return { page: n, width: 595, height: 842, items: lines.flat() };
}
const grid = (rows: { cells: unknown[] }[]): string[][] => rows.map((r) => (r.cells as Parameters<typeof cellText>[0][]).map((c) => cellText(c)));

describe('text normalisation', () => {
  it('replaces ligatures and collapses letter-spaced runs', () => {
    expect(normaliseRunText('Certiﬁcate of ﬂow')).toBe('Certificate of flow');
    expect(normaliseRunText('C P D')).toBe('CPD');
    expect(normaliseRunText('R e f l e c t i o n  n o t e s')).toBe('Reflection notes');
    expect(normaliseRunText('Type A 1')).toBe('Type A 1');
    expect(normaliseRunText('1½ hours')).toBe('1½ hours');
  });
});

describe('tables from positions', () => {
  const header = (y: number): TextItem[] => line(y, [50, 'Date'], [130, 'Activity'], [330, 'Hours'], [380, 'Reflection']);

  it('takes a long heading that reads as one (a form\'s phrase), not a long sentence', () => {
    const words = (y: number, last: string): TextItem[] => {
      let x = 545;
      const phrase = last.split(' ').map((w) => {
        const item = { text: w, x, y, width: w.length * 5, size: 10 };
        x += w.length * 5 + 3;
        return item;
      });
      return [...line(y, [40, 'Date(s)'], [145, 'Activity'], [385, 'Type'], [475, 'Time']), ...phrase];
    };
    const read = (last: string) =>
      layoutPages([page(1, words(76, last), line(94, [40, '12 Jan 2026'], [145, 'Hypertension module'], [385, 'Planned'], [475, 'half day'], [545, 'Check home readings']))]).tables;
    expect(read('What I learnt / how it changed my practice').map((t) => grid(t.rows))).toEqual([
      [
        ['Date(s)', 'Activity', 'Type', 'Time', 'What I learnt / how it changed my practice'],
        ['12 Jan 2026', 'Hypertension module', 'Planned', 'half day', 'Check home readings'],
      ],
    ]);
    expect(read('I went to the course and it changed the way I check the readings.')).toEqual([]);
  });

  it('joins wrapped cells, splits rows on the gap, skips the repeated header and page furniture', () => {
    const p1 = page(
      1,
      line(30, [50, 'ACME CPD export']),
      header(100),
      line(120, [50, '01/02/2024'], [130, 'Grid code'], [330, '2'], [380, 'Frequency response']),
      line(132, [130, 'workshop'], [380, 'rules changed.']),
      line(152, [50, '03/02/2024'], [130, 'Reading'], [330, '1'], [380, 'Notes on']),
      line(800, [270, 'Page 1 of 2']),
    );
    const p2 = page(2, line(30, [50, 'ACME CPD export']), header(100), line(120, [380, 'standards.']), line(140, [50, '09/02/2024'], [130, 'Site visit'], [330, '3']), line(800, [270, 'Page 2 of 2']));
    const lay = layoutPages([p1, p2]);
    expect(lay.tables).toHaveLength(1);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Activity', 'Hours', 'Reflection'],
      ['01/02/2024', 'Grid code workshop', '2', 'Frequency response rules changed.'],
      ['03/02/2024', 'Reading', '1', 'Notes on standards.'],
      ['09/02/2024', 'Site visit', '3', ''],
    ]);
    expect(lay.tables[0]!.rows.map((r) => [r.page, r.line])).toEqual([[1, 2], [1, 3], [1, 5], [2, 4]]);
    expect(lay.gaps[0]!.message).toBe('page furniture removed (page numbers, running titles repeated on each page): "ACME CPD export", "Page N of N"');
  });

  it('keeps a bare number under a table column near the bottom edge (data, not a page number)', () => {
    const lay = layoutPages([
      page(1, header(700), line(760, [50, '01/02/2024 –'], [130, 'Course'], [330, '7']), line(780, [50, '2024'], [130, 'part two']), line(800, [290, '1'])),
    ]);
    expect(grid(lay.tables[0]!.rows).slice(1)).toEqual([['01/02/2024 – 2024', 'Course part two', '7', '']]);
    expect(lay.gaps[0]!.message).toContain('"N"');
  });

  it('splits tightly packed rows on a second date, keeps a range broken after "–"', () => {
    const lay = layoutPages([
      page(1, header(100), line(112, [50, '01/02/2024 –'], [130, 'Course'], [330, '7']), line(124, [50, '02/02/2024'], [130, 'part two']), line(136, [50, '05/02/2024'], [130, 'Talk'], [330, '1'])),
    ]);
    expect(grid(lay.tables[0]!.rows).slice(1)).toEqual([
      ['01/02/2024 – 02/02/2024', 'Course part two', '7', ''],
      ['05/02/2024', 'Talk', '1', ''],
    ]);
  });

  it('attaches a "Reflection:" line under a row as an extra column', () => {
    const lay = layoutPages([
      page(
        1,
        line(100, [50, 'Date'], [130, 'Activity'], [330, 'Hours']),
        line(112, [50, '01/02/2024'], [130, 'Course'], [330, '7']),
        line(124, [50, 'Reflection: I learnt to plan the outage with the operator and the contractor.']),
        line(136, [50, 'It took two weeks.']),
        line(148, [50, '05/02/2024'], [130, 'Talk'], [330, '1']),
      ),
    ]);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Activity', 'Hours', 'Reflection'],
      ['01/02/2024', 'Course', '7', 'I learnt to plan the outage with the operator and the contractor. It took two weeks.'],
      ['05/02/2024', 'Talk', '1', ''],
    ]);
  });

  it('keeps OCR confidence on cells (the lowest word confidence)', () => {
    const items: TextItem[] = [
      ...header(100),
      { text: '01/02/2024', x: 50, y: 120, width: 50, size: 10, confidence: 91 },
      { text: 'Grid', x: 130, y: 120, width: 20, size: 10, confidence: 95 },
      { text: 'code', x: 153, y: 120, width: 20, size: 10, confidence: 62 },
      { text: '2', x: 330, y: 120, width: 5, size: 10, confidence: 88 },
    ];
    const lay = layoutPages([{ page: 1, width: 595, height: 842, items }]);
    expect(lay.tables[0]!.rows[1]!.cells.slice(0, 3)).toEqual([
      { text: '01/02/2024', confidence: 91 },
      { text: 'Grid code', confidence: 62 },
      { text: '2', confidence: 88 },
    ]);
  });
});

describe('tables across pages, headers over several lines (issue 9 §6)', () => {
  const rowsAt = (rows: Array<{ page?: number; line?: number }>): Array<[number | undefined, number | undefined]> => rows.map((r) => [r.page, r.line]);

  it('reads a header wrapped over three lines as one, and rows on later pages (no header there) into its table', () => {
    const lay = layoutPages([
      page(
        1,
        line(100, [50, 'Date'], [130, 'Topic'], [330, 'Number of'], [400, 'Number of']),
        line(112, [330, 'hours'], [400, 'participatory']),
        line(124, [400, 'hours']),
        line(144, [50, '01/02/2024'], [130, 'Sepsis recognition and'], [330, '2'], [400, '0']),
        line(156, [130, 'escalation']),
        line(176, [50, '09/02/2024'], [130, 'Falls prevention after an'], [330, '1'], [400, '1']),
        line(188, [130, 'incident on the ward and']),
      ),
      // the rest of the row cut by the page break: no date, and it runs on from the line above
      page(2, line(90, [130, 'bed rails']), line(110, [50, '15/03/2024'], [130, 'Wound care'], [330, '3'], [400, '3'])),
      // an undated row at the top of a page: "Reading" would have fitted after "Wound care", so it is a row of its own
      page(3, line(90, [130, 'Reading on delirium']), line(102, [130, 'in older people'])),
    ]);
    expect(lay.tables).toHaveLength(1);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Topic', 'Number of hours', 'Number of participatory hours'],
      ['01/02/2024', 'Sepsis recognition and escalation', '2', '0'],
      ['09/02/2024', 'Falls prevention after an incident on the ward and bed rails', '1', '1'],
      ['15/03/2024', 'Wound care', '3', '3'],
      ['', 'Reading on delirium in older people', '', ''],
    ]);
    expect(rowsAt(lay.tables[0]!.rows)).toEqual([[1, 1], [1, 4], [1, 6], [2, 2], [3, 1]]);
    expect(lay.paras).toEqual([]);
  });

  it('splits two wrapped headings set so close that their first lines ran together ("Number of Number of")', () => {
    // "Number of" ends at 386 and the next starts at 392: one chunk on the first line; the lines under it show two.
    const lay = layoutPages([
      page(
        1,
        line(100, [50, 'Dates'], [130, 'Topic'], [341, 'Number of'], [392, 'Number of']),
        line(112, [341, 'hours'], [392, 'participatory']),
        line(124, [392, 'hours']),
        line(144, [50, '11/01/2023'], [130, 'Acute kidney injury study day'], [341, '6'], [392, '6']),
        line(164, [50, '07/03/2023'], [130, 'Information governance update'], [341, '1.5'], [392, '0']),
      ),
    ]);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Dates', 'Topic', 'Number of hours', 'Number of participatory hours'],
      ['11/01/2023', 'Acute kidney injury study day', '6', '6'],
      ['07/03/2023', 'Information governance update', '1.5', '0'],
    ]);
  });

  it('reads columns printed over on the next page (a wide sheet printed down, then over) as further columns of the same rows', () => {
    const lay = layoutPages([
      page(
        1,
        line(87, [50, 'Date'], [125, 'Activity'], [410, 'TWAVES'], [465, 'Hours']),
        line(109, [50, '08/01/2026'], [125, 'IET webinar: inverter-based resources'], [410, 'T'], [465, '1.5']),
        line(131, [50, '20/01/2026'], [125, 'Relay settings review'], [410, 'W'], [465, '6']),
        line(153, [50, '11/02/2026'], [125, 'Reading: ENA EREC G99'], [410, 'S'], [465, '3']),
      ),
      page(
        2,
        line(87, [50, 'Description'], [205, 'Reflection'], [460, 'UK-SPEC']),
        line(109, [50, 'Live webinar.'], [205, 'Fault current from inverters is'], [460, 'A1']),
        line(122, [205, 'limited.']),
        line(144, [50, 'Peer review of'], [205, 'Found a mis-set CT ratio.'], [460, 'B3, C4']),
        line(157, [50, 'settings files.']),
        line(179, [50, 'Chapters 3–5.'], [205, 'Type B plant needs tests.'], [460, 'A1, E1']),
      ),
    ]);
    expect(lay.tables).toHaveLength(1);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Activity', 'TWAVES', 'Hours', 'Description', 'Reflection', 'UK-SPEC'],
      ['08/01/2026', 'IET webinar: inverter-based resources', 'T', '1.5', 'Live webinar.', 'Fault current from inverters is limited.', 'A1'],
      ['20/01/2026', 'Relay settings review', 'W', '6', 'Peer review of settings files.', 'Found a mis-set CT ratio.', 'B3, C4'],
      ['11/02/2026', 'Reading: ENA EREC G99', 'S', '3', 'Chapters 3–5.', 'Type B plant needs tests.', 'A1, E1'],
    ]);
    expect(lay.gaps.map((g) => g.message)).toContain('columns "Description", "Reflection", "UK-SPEC" on page 2 continue the rows of the table on page 1 (a wide sheet printed down, then over): read as further columns of its 3 rows');
  });

  it('keeps columns printed over whose rows do not pair with the table\'s as a table of their own, and says so', () => {
    const lay = layoutPages([
      page(1, line(87, [50, 'Date'], [125, 'Activity'], [465, 'Hours']), line(109, [50, '08/01/2026'], [125, 'Webinar'], [465, '1.5']), line(131, [50, '20/01/2026'], [125, 'Relay review'], [465, '6'])),
      page(2, line(87, [50, 'Description'], [205, 'Reflection'], [460, 'UK-SPEC']), line(109, [50, 'Live webinar.'], [205, 'Fault current.'], [460, 'A1'])),
    ]);
    expect(lay.tables.map((t) => [t.name, t.rows.length])).toEqual([['Table 1', 3], ['Table 2', 2]]);
    expect(lay.gaps.map((g) => g.message)).toContain('columns "Description", "Reflection", "UK-SPEC" on page 2 look like further columns of the table on page 1, but their 1 row does not pair with its 2: read as table 2');
  });

  it('skips a two-line header repeated at the top of each page (it is no page furniture), one table throughout', () => {
    const head = (y: number): TextItem[][] => [
      line(y, [50, 'Date of'], [130, 'Activity'], [250, 'CPD'], [330, 'Hours']),
      line(y + 12, [50, 'activity'], [250, 'category'], [330, 'claimed']),
    ];
    const lay = layoutPages([
      page(1, ...head(100), line(130, [50, '01/02/2024'], [130, 'Grid code workshop'], [250, 'Training'], [330, '2'])),
      page(2, ...head(40), line(70, [50, '03/02/2024'], [130, 'Reading'], [250, 'Self-study'], [330, '1'])),
      page(3, ...head(40), line(70, [50, '09/02/2024'], [130, 'Site visit'], [250, 'Events'], [330, '3'])),
    ]);
    expect(lay.tables).toHaveLength(1);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date of activity', 'Activity', 'CPD category', 'Hours claimed'],
      ['01/02/2024', 'Grid code workshop', 'Training', '2'],
      ['03/02/2024', 'Reading', 'Self-study', '1'],
      ['09/02/2024', 'Site visit', 'Events', '3'],
    ]);
    expect(rowsAt(lay.tables[0]!.rows)).toEqual([[1, 1], [1, 3], [2, 3], [3, 3]]);
    expect(lay.gaps).toEqual([]);
  });

  it('keeps a table open over a note between its pages ("Continued overleaf"); the note stays as text', () => {
    const lay = layoutPages([
      page(1, line(100, [50, 'Date'], [130, 'Activity'], [330, 'Hours']), line(120, [50, '01/02/2024'], [130, 'Grid code workshop'], [330, '2']), line(700, [50, 'Continued overleaf, with the reading log'])),
      page(2, line(90, [50, 'CPD log 2024 (continued from page 1)']), line(110, [50, '03/02/2024'], [130, 'Reading'], [330, '1'])),
    ]);
    expect(lay.tables).toHaveLength(1);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Activity', 'Hours'],
      ['01/02/2024', 'Grid code workshop', '2'],
      ['03/02/2024', 'Reading', '1'],
    ]);
    expect(lay.paras.map((p) => [p.text, p.ref])).toEqual([
      ['Continued overleaf, with the reading log', 'page 1, line 3'],
      ['CPD log 2024 (continued from page 1)', 'page 2, line 1'],
    ]);
  });

  it('reads a page of the table without its header as the table, not as two columns of prose', () => {
    const lay = layoutPages([
      page(1, line(100, [50, 'Date'], [130, 'Topic'], [330, 'Reflection']), line(120, [50, '01/02/2024'], [130, 'Grid code workshop'], [330, 'Frequency response rules changed.'])),
      page(
        2,
        line(100, [50, '03/02/2024'], [130, 'Reading the new wiring'], [330, 'Inspection intervals are shorter than']),
        line(112, [130, 'regulations guidance notes'], [330, 'I assumed for industrial sites.']),
        line(132, [50, '09/02/2024'], [130, 'Site visit to the tunnel'], [330, 'The cable pulling method was new']),
        line(144, [130, 'works at the power station'], [330, 'to me and I will use it.']),
        line(164, [50, '12/02/2024'], [130, 'Lecture on offshore wind'], [330, 'Blade inspections by drone cut']),
        line(176, [130, 'farm maintenance by drones'], [330, 'downtime a great deal this year.']),
      ),
    ]);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Topic', 'Reflection'],
      ['01/02/2024', 'Grid code workshop', 'Frequency response rules changed.'],
      ['03/02/2024', 'Reading the new wiring regulations guidance notes', 'Inspection intervals are shorter than I assumed for industrial sites.'],
      ['09/02/2024', 'Site visit to the tunnel works at the power station', 'The cable pulling method was new to me and I will use it.'],
      ['12/02/2024', 'Lecture on offshore wind farm maintenance by drones', 'Blade inspections by drone cut downtime a great deal this year.'],
    ]);
  });

  it('does not take the first data line for a second header line', () => {
    const lay = layoutPages([page(1, line(100, [50, 'Date'], [130, 'Type'], [330, 'Hours']), line(112, [50, 'Tuesday'], [130, 'Course'], [330, 'Two']))]);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Type', 'Hours'],
      ['Tuesday', 'Course', 'Two'],
    ]);
  });

  it('reads a page set up to 1 em to the left (mirrored margins) with the columns moved by as much', () => {
    const lay = layoutPages([
      page(
        1,
        line(100, [50, 'Date'], [130, 'Activity'], [330, 'Hours']),
        line(120, [50, '01/02/2024'], [130, 'Protection relay commissioning on site'], [330, '2']),
        line(140, [50, '03/02/2024'], [130, 'Reading'], [330, '1']),
      ),
      // 10 pt to the left: unmoved, the hours "3" would lie in the activity column
      page(2, line(100, [40, '09/02/2024'], [120, 'Site visit'], [320, '3']), line(120, [40, '10/02/2024'], [120, 'Lecture'], [320, '1.5'])),
    ]);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Activity', 'Hours'],
      ['01/02/2024', 'Protection relay commissioning on site', '2'],
      ['03/02/2024', 'Reading', '1'],
      ['09/02/2024', 'Site visit', '3'],
      ['10/02/2024', 'Lecture', '1.5'],
    ]);
  });

  it('joins a date wrapped in its cell ("17th–18th Mar" / "2026"), so the wrapped name stays with its row (trial 3)', () => {
    const lay = layoutPages([
      page(
        1,
        line(100, [54, 'Date(s)'], [134, 'CPD activity'], [379, 'Hours']),
        line(120, [54, '17th–18th Mar'], [134, 'Site supervision: Shannon bridge'], [379, '16']),
        line(131, [54, '2026'], [134, 'bearing replacement']),
        line(150, [54, 'May 2026'], [134, 'Reading: TII design standard'], [379, '4']),
      ),
    ]);
    expect(grid(lay.tables[0]!.rows).slice(1)).toEqual([
      ['17th–18th Mar 2026', 'Site supervision: Shannon bridge bearing replacement', '16'],
      ['May 2026', 'Reading: TII design standard', '4'],
    ]);
  });

  it('joins a value wrapped in a narrow single-value column ("Work" / "experience"), splits on a second value', () => {
    const lay = layoutPages([
      page(
        1,
        line(100, [50, 'Date'], [130, 'Activity'], [250, 'TWAVES'], [330, 'Hours']),
        line(120, [50, '01/02/2024'], [130, 'Site supervision'], [250, 'Work'], [330, '6']),
        line(132, [130, 'of piling'], [250, 'experience']),
        line(144, [130, 'Reading'], [250, 'S'], [330, '1']),
      ),
    ]);
    expect(grid(lay.tables[0]!.rows).slice(1)).toEqual([
      ['01/02/2024', 'Site supervision of piling', 'Work experience', '6'],
      ['', 'Reading', 'S', '1'],
    ]);
  });

  it('reads a wider table set close under a narrow one as a table of its own (a totals box above the activities)', () => {
    // The activity header fits the box's two columns (everything right of x=210 falls in "Hours") and is closer
    // under the box than a wide gap: it is found because it puts several cells into one of the box's columns.
    const lay = layoutPages([
      page(
        1,
        line(137, [50, 'Category'], [210, 'Hours']),
        line(153, [50, 'Training courses'], [210, '15']),
        line(169, [50, 'Self-study'], [210, '4']),
        line(185, [50, 'Activities']),
        line(201, [50, 'Date(s)'], [135, 'Activity'], [360, 'Category'], [425, 'Hours'], [470, 'Reflection recorded']),
        line(217, [50, '12-14/06/2025'], [135, 'Annual scientific meeting'], [360, 'T'], [425, '15'], [470, 'Yes']),
        line(233, [50, 'Oct 2025'], [135, 'Reading: night working'], [360, 'S'], [425, '4'], [470, 'No']),
      ),
    ]);
    expect(lay.tables).toHaveLength(2);
    expect(grid(lay.tables[1]!.rows)).toEqual([
      ['Date(s)', 'Activity', 'Category', 'Hours', 'Reflection recorded'],
      ['12-14/06/2025', 'Annual scientific meeting', 'T', '15', 'Yes'],
      ['Oct 2025', 'Reading: night working', 'S', '4', 'No'],
    ]);
  });

  it('keeps "Credit type" one heading: a close misspelling of one word ("Credit" ~ "Credits") splits no heading', () => {
    const lay = layoutPages([
      page(
        1,
        line(100, [50, 'Date'], [135, 'Activity'], [360, 'Credit type'], [425, 'Credits']),
        line(116, [50, '05/04/2025'], [135, 'Regional meeting'], [360, 'External'], [425, '3']),
      ),
    ]);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Date', 'Activity', 'Credit type', 'Credits'],
      ['05/04/2025', 'Regional meeting', 'External', '3'],
    ]);
  });
});

describe('a portal page printed to PDF (one page: browser header and footer, a summary, headings set edge to edge)', () => {
  // "Planned hours" (13 characters × 5 pt from x=360) ends at 425, where "Target" starts: the two items touch.
  const lay = layoutPages([
    page(
      1,
      line(17, [20, '25/11/2026, 14:11'], [250, 'My development plan | MemberHub']),
      line(63, [40, 'My development plan']),
      line(87, [40, 'Plan period:'], [140, '2027']),
      line(102, [40, 'Objectives:'], [140, '2']),
      line(117, [40, 'Planned hours:'], [140, '20']),
      line(161, [40, 'Objective'], [185, 'Planned activity'], [360, 'Planned hours'], [425, 'Target'], [500, 'Progress']),
      line(181, [40, 'Protection design'], [185, 'Distance protection course'], [360, '14'], [425, '31 Mar 2027'], [500, 'Not started']),
      line(201, [40, 'Leadership'], [185, 'Lead the graduate induction'], [360, '6'], [425, 'TBC'], [500, 'Not started']),
      line(830, [20, 'https://members.example.org/cpd/plan?year=2027'], [560, '1/1']),
    ),
  ]);

  it('keeps two touching headings apart ("Planned hours" | "Target") and drops the print header and footer', () => {
    expect(lay.tables).toHaveLength(1);
    expect(grid(lay.tables[0]!.rows)).toEqual([
      ['Objective', 'Planned activity', 'Planned hours', 'Target', 'Progress'],
      ['Protection design', 'Distance protection course', '14', '31 Mar 2027', 'Not started'],
      ['Leadership', 'Lead the graduate induction', '6', 'TBC', 'Not started'],
    ]);
    expect(lay.gaps[0]!.message).toBe('page furniture removed (page numbers, running titles repeated on each page): "N/N/N, N:N My development plan | MemberHub", "https://members.example.org/cpd/plan?year=N N/N"');
  });

  it('keeps a table row at the top of a page that starts with a date and time (its next cell is beside it, not centred)', () => {
    const two = layoutPages([
      page(1, line(100, [40, 'Date'], [150, 'Activity'], [330, 'Hours']), line(120, [40, '24/11/2026, 09:30'], [150, 'Site induction'], [330, '2'])),
      page(2, line(40, [40, '25/11/2026, 14:11'], [150, 'Webinar: grid code'])),
    ]);
    expect(grid(two.tables[0]!.rows).slice(1)).toEqual([['24/11/2026, 09:30', 'Site induction', '2'], ['25/11/2026, 14:11', 'Webinar: grid code', '']]);
  });

  it('reads the labelled summary above the table (a count of objectives beside the planned hours) as no activity', () => {
    const r = blocksFromParas(lay.paras, 'the PDF');
    expect(r.blocks).toEqual([]);
    expect(r.gaps.map((g) => g.message)).toEqual([
      'the PDF: the block "Plan period: 2027" at page 1, line 3 (Objectives, Planned hours) is a summary of the whole log or plan (a count of its entries beside its totals), not an activity, and was not imported',
    ]);
  });
});

describe('labels in a column without colons', () => {
  it('reads a SMART table printed without rules: the labels the field words do not know end the value above', () => {
    const lay = layoutPages([page(1,
      line(60, [50, 'Goal 1: Earn the CISSP']),
      line(80, [55, 'Specific'], [175, 'Pass the CISSP exam after the official training']),
      line(100, [55, 'Measurable'], [175, 'Exam passed and endorsement submitted']),
      line(120, [55, 'Achievable'], [175, 'Employer pays the exam fee']),
      line(140, [55, 'Time-bound'], [175, 'by 31 May 2027']),
    )]);
    expect(lay.paras.map((p) => [p.label, p.value])).toEqual([
      [undefined, undefined],
      ['Specific', 'Pass the CISSP exam after the official training'],
      ['Measurable', 'Exam passed and endorsement submitted'],
      ['Achievable', 'Employer pays the exam fee'],
      ['Time-bound', 'by 31 May 2027'],
    ]);
  });

  it('leaves two-part lines alone when no label in their column names a record field', () => {
    const lay = layoutPages([page(1,
      line(80, [55, 'Monday'], [175, 'Site induction at the depot']),
      line(100, [55, 'Tuesday'], [175, 'Cable jointing refresher']),
      line(120, [55, 'Wednesday'], [175, 'Travel to Leeds']),
    )]);
    expect(lay.paras.map((p) => p.label)).toEqual([undefined, undefined, undefined]);
  });
});

describe('labelled blocks', () => {
  const p = (text: string, extra: Partial<Para> = {}): Para => ({ text, kind: 'para', ref: 'x', ...extra });

  it('splits known labels only (or bold ones)', () => {
    expect(splitLabel('Hours: 3')).toMatchObject({ label: 'Hours', value: '3', field: 'hours' });
    expect(splitLabel('Note that: it rained')).toBeNull();
    // A colon inside a word is no label's (Word/PDF trial 2: this note became an activity with hours "mm.").
    expect(splitLabel('Hours are shown as h:mm.')).toBeNull();
    expect(splitLabel('Hours:2.5')).toMatchObject({ label: 'Hours', value: '2.5', field: 'hours' });
    expect(splitLabel('Key takeaway: plan early', 'Key takeaway:')).toMatchObject({ label: 'Key takeaway', field: null });
    expect(splitLabel('10:30 start')).toBeNull();
  });

  it('starts a new block when a label repeats, leaves the preamble out and uses its year', () => {
    const r = blocksFromParas([
      p('Name: Ada Example'),
      p('Year: 2023'),
      p('Activity: Cable course'),
      p('Date: 3 May'),
      p('Hours: 2'),
      p('Activity: Lecture'),
      p('Date: 9 June'),
      p('Reflection: Good.'),
      p('More thoughts.'),
    ]);
    expect(r.yearHint).toBe(2023);
    expect(r.blocks.map((b) => b.values.map((v) => `${v.label}=${cellText(v.value)}`))).toEqual([
      ['Activity=Cable course', 'Date=3 May', 'Hours=2'],
      ['Activity=Lecture', 'Date=9 June', 'Reflection=Good.\nMore thoughts.'],
    ]);
    expect(r.blocks.map((b) => b.yearHint)).toEqual([2023, 2023]);
    expect(r.gaps).toHaveLength(1);
  });

  it('a declaration with a signature and a date is a sign-off, not an activity (trial 2)', () => {
    const r = blocksFromParas([
      p('Activity: IOSH Managing Safely'),
      p('Date: 14/01/2026'),
      p('Hours: 21'),
      p('3. Declaration', { kind: 'heading' }),
      p('Signature: O. Hart'),
      p('Date: 20/11/2026'),
    ]);
    expect(r.blocks.map((b) => b.values.map((v) => v.label))).toEqual([['Activity', 'Date', 'Hours']]);
    expect(r.gaps.map((g) => g.message)).toEqual([
      'the document: the block "3. Declaration" at x (Signature, Date) is a declaration or sign-off, not an activity, and was not imported',
    ]);
  });

  it('reads dated lines and headings that start with their date (trial 2)', () => {
    expect(datedLine('• 10/01/2024 – CIBSE webinar on overheating risk in homes (1.5 h)')).toEqual({ date: '10/01/2024', name: 'CIBSE webinar on overheating risk in homes', hours: '1.5 h' });
    expect(datedLine('14 January 2026 – Near-miss review on the gas compressor skid')).toEqual({ date: '14 January 2026', name: 'Near-miss review on the gas compressor skid' });
    expect(datedLine('Note: certificates are on SharePoint')).toBeNull();
    expect(datedLine('2024 – a good year')).toBeNull();
    const r = blocksFromParas([
      p('January', { kind: 'heading' }),
      p('• 10/01/2024 – CIBSE webinar on overheating risk (1.5 h)'),
      p('• 24/01/2024 – Read TM59 (3 h)'),
      p('14 February 2024 – Site visit to Elm Park school', { kind: 'heading' }),
      p('So what?: Ground loops need a surveyed route.'),
    ]);
    expect(r.blocks.map((b) => b.values.map((v) => `${v.label}=${cellText(v.value)}`))).toEqual([
      ['Date=10/01/2024', 'Activity=CIBSE webinar on overheating risk', 'Hours=1.5 h'],
      ['Date=24/01/2024', 'Activity=Read TM59', 'Hours=3 h'],
      ['Date=14 February 2024', 'So what?=Ground loops need a surveyed route.'],
    ]);
    expect(r.blocks[2]!.heading).toBe('Site visit to Elm Park school');
  });

  it('reads lines and list items that end with their date ("title — date") as a block with its labelled details (trial 4)', () => {
    expect(titleDatedLine('Secondment to the asset planning team — 2 to 13 March 2026')).toEqual({ name: 'Secondment to the asset planning team', date: '2 to 13 March 2026' });
    expect(titleDatedLine('IET webinar – grid code changes | 17–18 June 2026')).toEqual({ name: 'IET webinar – grid code changes', date: '17–18 June 2026' });
    expect(titleDatedLine('Read the manual, chapters 2–4 - February 2026')).toEqual({ name: 'Read the manual, chapters 2–4', date: 'February 2026' });
    expect(titleDatedLine('Period: 01/09/2025 – 31/08/2026')).toBeNull();
    expect(titleDatedLine('CPD log – 2026')).toBeNull();
    expect(titleDatedLine('CPD 2026 – Aled Jones, water network engineer')).toBeNull();
    const r = blocksFromParas([
      p('CPD 2026 – Ffion Rowlands, hydrologist', { kind: 'heading' }),
      p('What I did this year, in date order.'),
      p('Flood forecasting masterclass — 22 January 2026'),
      p('Time: 3 hours'),
      p('Category: Training'),
      p('Secondment to the catchment team — 2 to 13 March 2026'),
      p('Time: 20 hours'),
    ]);
    expect(r.blocks.map((b) => [b.heading, ...b.values.map((v) => `${v.label}=${cellText(v.value)}`)])).toEqual([
      ['Flood forecasting masterclass', 'Date=22 January 2026', 'Time=3 hours', 'Category=Training'],
      ['Secondment to the catchment team', 'Date=2 to 13 March 2026', 'Time=20 hours'],
    ]);
  });

  it('reads a portal card\'s details line with a status and a named date, hours or not (trial 4: cards not completed were lost)', () => {
    expect(detailsLine('Completed · 14 Jan 2026 · 2 hr · E-learning')).toEqual([
      { label: 'Status', value: 'Completed' }, { label: 'Date', value: '14 Jan 2026' }, { label: 'Hours', value: '2 hr' }, { label: 'Type', value: 'E-learning' },
    ]);
    expect(detailsLine('In progress · Started 2 Sep 2026 · 60% complete')).toEqual([
      { label: 'Status', value: 'In progress' }, { label: 'Started', value: '2 Sep 2026' }, { label: 'Progress', value: '60% complete' },
    ]);
    expect(detailsLine('Enrolled · Starts 12 Jan 2027 · 7 hr · Classroom')).toEqual([
      { label: 'Status', value: 'Enrolled' }, { label: 'Starts', value: '12 Jan 2027' }, { label: 'Hours', value: '7 hr' }, { label: 'Type', value: 'Classroom' },
    ]);
    // a date with neither hours nor a status: an ordinary line, not taken apart
    expect(detailsLine('Wales · 12 Jan 2027 · Cardiff office')).toBeNull();
  });

  it('starts a new block at each numbered goal ("Objective 2:" after "Objective 1:"\'s details), the label read without its number (trial 4)', () => {
    const r = blocksFromParas([
      p('Objective 1: Competence in dynamic line rating studies'),
      p('Planned activity: CIGRE tutorial and two supervised studies'),
      p('Estimated hours: 20'),
      p('Objective 2: Better stakeholder communication'),
      p('Planned activity: Presentation skills course'),
      p('Target date: 30 June 2027'),
    ]);
    expect(r.blocks.map((b) => b.values.map((v) => `${v.label}=${cellText(v.value)}`))).toEqual([
      ['Objective 1=Competence in dynamic line rating studies', 'Planned activity=CIGRE tutorial and two supervised studies', 'Estimated hours=20'],
      ['Objective 2=Better stakeholder communication', 'Planned activity=Presentation skills course', 'Target date=30 June 2027'],
    ]);
  });

  it('does not let a paragraph after an hours value change the hours', () => {
    const r = blocksFromParas([p('Activity 1: Course', { kind: 'heading' }), p('Hours: 2'), p('It was a good day.')]);
    expect(r.blocks[0]!.values.map((v) => `${v.label}=${cellText(v.value)}`)).toEqual(['Hours=2', 'Text under the heading=It was a good day.']);
  });

  it('dates a heading by the bare date printed above it, and reads its "Type · N hours" line (trial 5: a two-column summary lost all six)', () => {
    const r = blocksFromParas([
      p('CPD summary 2026', { kind: 'heading' }),
      p('14 January 2026'),
      p('Enteral feeding in the community', { kind: 'heading' }),
      p('Course · 6 hours'),
      p('Tube weaning plans need the speech and language therapist from day one.'),
      p('4 March 2026'),
      p('BDA webinar: low-FODMAP diet update', { kind: 'heading' }),
      p('Webinar · 1.5 hours'),
    ]);
    expect(r.blocks.map((b) => [b.heading, ...b.values.map((v) => `${v.label}=${cellText(v.value)}`)])).toEqual([
      ['Enteral feeding in the community', 'Date=14 January 2026', 'Type=Course', 'Hours=6 hours', 'Text under the heading=Tube weaning plans need the speech and language therapist from day one.'],
      ['BDA webinar: low-FODMAP diet update', 'Date=4 March 2026', 'Type=Webinar', 'Hours=1.5 hours'],
    ]);
    // without a date above it, a "Type · hours" line under a heading is not taken apart
    expect(detailsLine('Course · 6 hours')).toBeNull();
    expect(detailsLine('Course · 6 hours', true)).toEqual([{ label: 'Type', value: 'Course' }, { label: 'Hours', value: '6 hours' }]);
  });

  it('splits a meta line of labels with one we do not know beside known ones (trial 6: "Tags: …" kept the whole line as the date)', () => {
    expect(splitInlineLabels('Date: 12/01/2026 | Type: E-learning | Credits: 1.5 | Tags: Cardiology, Prescribing')).toEqual([
      { label: 'Date', value: '12/01/2026', field: 'startDate', preamble: false },
      { label: 'Type', value: 'E-learning', field: 'activityType', preamble: false },
      { label: 'Credits', value: '1.5', field: 'hours', preamble: false },
      { label: 'Tags', value: 'Cardiology, Prescribing', field: null, preamble: false },
    ]);
    // one known label is not enough to split a value that holds bars
    expect(splitInlineLabels('Notes: see the agenda | Room: 4B')).toBeNull();
  });

  it('a letter\'s date above a title heading makes no activity', () => {
    const r = blocksFromParas([p('24 November 2026'), p('My CPD record', { kind: 'heading' }), p('This record covers my work in 2026.')]);
    expect(r.blocks).toEqual([]);
  });
});

describe('summary certificates', () => {
  it('recognises a category-totals table and certificate wording', () => {
    expect(summaryTableNote([['Category', 'Hours'], ['Training courses', '12'], ['Events', '3'], ['Total', '15']], 'table 1')).toMatchObject({ code: 'no_activities' });
    expect(summaryTableNote([['Activity', 'Hours'], ['Grid code course', '12'], ['Total', '12']], 'table 1')).toBeNull();
    expect(certificateNote('Certificate of CPD\nThis is to certify that A. Person\nTotal hours 34.5')).toMatchObject({ code: 'no_activities' });
    expect(certificateNote('Minutes of the meeting\nTotal hours 3')).toBeNull();
    const note = summaryTableNote([['Category', 'Hours'], ['Events', '3'], ['Self-study', '2']], 'table 2')!;
    expect(settleSummaryNotes([note], true)).toEqual([{ ...note, code: 'skipped', severity: 'info' }]);
    expect(settleSummaryNotes([note], false)).toEqual([note]);
  });
});

describe('OCR thresholding', () => {
  it("finds Otsu's threshold between ink and paper", () => {
    const h = new Uint32Array(256);
    h[20] = 100;
    h[235] = 900;
    const t = otsu(h, 1000);
    expect(t).toBeGreaterThanOrEqual(20);
    expect(t).toBeLessThan(235);
  });
});

describe('section lines across a table (trial 7: quarter titles ended a PDF table, no record)', () => {
  const header = (y: number): TextItem[] => line(y, [50, 'Date'], [130, 'Activity'], [330, 'Hours'], [380, 'Type']);
  it('keeps the table open under a title across its columns, the title a row of its own', () => {
    const tables = layoutPages([
      page(
        1,
        header(100),
        line(118, [50, 'Q1 (January – March)']),
        line(134, [50, '14/01/2026'], [130, 'Contract law seminar'], [330, '3'], [380, 'Seminar']),
        line(150, [130, 'Subtotal Q1'], [330, '3']),
        line(168, [50, 'Q2 (April – June)']),
        line(184, [50, '22/04/2026'], [130, 'Protocol reading'], [330, '2'], [380, 'Reading']),
      ),
    ]).tables;
    expect(tables.map((t) => grid(t.rows))).toEqual([
      [
        ['Date', 'Activity', 'Hours', 'Type'],
        ['Q1 (January – March)', '', '', ''],
        ['14/01/2026', 'Contract law seminar', '3', 'Seminar'],
        ['', 'Subtotal Q1', '3', ''],
        ['Q2 (April – June)', '', '', ''],
        ['22/04/2026', 'Protocol reading', '2', 'Reading'],
      ],
    ]);
  });
  it('a line across the columns with no row under it still ends the table', () => {
    const tables = layoutPages([
      page(1, header(100), line(118, [50, '14/01/2026'], [130, 'Contract law seminar'], [330, '3'], [380, 'Seminar']), line(160, [50, 'Signed by my supervisor on request']), line(200, [50, 'Thank you.'])),
    ]).tables;
    expect(tables.map((t) => t.rows.length)).toEqual([2]);
  });
});

describe('cards set two to a row (trial 7: a portal page printed to PDF, titles and dates joined across the cards)', () => {
  const card = (x: number, y: number, title: string, when: string, type: string): TextItem[] => [...line(y, [x, title]), ...line(y + 30, [x, when]), ...line(y + 44, [x, type])];
  const pages = [
    page(
      1,
      line(40, [50, 'My activities']),
      card(50, 100, 'Sensory integration course', '20 Jan 2026 · 6 hours', 'Type: Course'),
      card(305, 100, 'Splinting workshop', '11 Feb 2026 · 3 hours', 'Type: Workshop'),
      card(50, 186, 'Supervision session', '4 Mar 2026 · 1 hour', 'Type: Supervision'),
      card(305, 186, 'RCOT conference', '16–17 Jun 2026 · 10 hours', 'Type: Conference'),
    ),
  ];
  it('reads the left cards, then the right ones, each title with its own details', () => {
    const lay = layoutPages(pages);
    expect(lay.paras.map((p) => p.text)).toEqual([
      'My activities',
      'Sensory integration course', '20 Jan 2026 · 6 hours', 'Type: Course',
      'Supervision session', '4 Mar 2026 · 1 hour', 'Type: Supervision',
      'Splinting workshop', '11 Feb 2026 · 3 hours', 'Type: Workshop',
      'RCOT conference', '16–17 Jun 2026 · 10 hours', 'Type: Conference',
    ]);
    const blocks = blocksFromParas(lay.paras).blocks;
    expect(blocks.map((b) => [b.heading, ...b.values.map((v) => `${v.label}=${cellText(v.value)}`)])).toEqual([
      ['Sensory integration course', 'Date=20 Jan 2026', 'Hours=6 hours', 'Type=Course'],
      ['Supervision session', 'Date=4 Mar 2026', 'Hours=1 hour', 'Type=Supervision'],
      ['Splinting workshop', 'Date=11 Feb 2026', 'Hours=3 hours', 'Type=Workshop'],
      ['RCOT conference', 'Date=16–17 Jun 2026', 'Hours=10 hours', 'Type=Conference'],
    ]);
  });
});
