/**
 * "Is this a CPD log?" (src/pipeline/logcheck.ts): each kind of evidence against a log on its own, the evidence for
 * a log that outweighs it, and the notes. Records are built by hand here, so these tests do not depend on how the
 * mapping reads a table; test/docs/notlog.test.ts runs real files end to end.
 */
import { describe, expect, it } from 'vitest';
import { emptyRecord, type CpdRecord } from '../../src/domain/index.js';
import { recordsFromExtraction } from '../../src/pipeline/import.js';
import { gatherEvidence, judgeLog, notLogNote, settleLog, tableEvidence, type LogEvidence } from '../../src/pipeline/logcheck.js';
import { blocksFromParas, type Para } from '../../src/pipeline/extract/blocks.js';
import { extractCsv } from '../../src/pipeline/extract/csv.js';
import { certificateNote } from '../../src/pipeline/extract/summary.js';
import type { Cell, Extraction, LabelledBlock } from '../../src/pipeline/types.js';

/** An extraction of `text` lines, tables (rows of cells, header first) and blocks. */
function ex(text: string, tables: Cell[][][] = [], blocks: LabelledBlock[] = []): Extraction {
  return {
    text,
    tables: tables.map((rows, i) => ({ name: `Table ${i + 1}`, table: i + 1, rows: rows.map((cells, k) => ({ index: k + 1, cells })), a1Refs: false })),
    blocks,
    gaps: [],
  };
}

/** A record with the given values (everything else empty). */
function rec(v: Partial<CpdRecord>): CpdRecord {
  return { ...emptyRecord({ file: 'f' }), ...v };
}

const dated = (name: string, date: string, hours: number | null = 2): CpdRecord => rec({ activityName: name, startDate: date, endDate: date, hours });

function evidence(x: Extraction, file = 'upload.pdf'): LogEvidence {
  return gatherEvidence(x, file);
}

const JS = [
  "const fs = require('node:fs');",
  '',
  'function total(rows) {',
  '  let n = 0;',
  '  for (const r of rows) {',
  '    n += Number(r.hours);',
  '  }',
  '  return n;',
  '}',
  '',
  'module.exports = { total, rows: [1, 2].map((x) => x * 2) };',
].join('\n');

const CERTIFICATE = [
  'Westbrook Training Ltd',
  'Certificate of Completion',
  'This is to certify that',
  'Robin Avery',
  'has successfully completed',
  'Confined Space Entry (Medium Risk)',
  'on 3 June 2024',
  '______________________',
  'Training Manager',
].join('\n');

const ESSAY = [
  'Why we keep learning',
  'Engineering changes faster than any degree can keep up with. Materials, standards and tools move on every year, and the engineer who stops learning soon designs for a world that no longer exists.',
  'Professional bodies ask their members to plan their development, to record it and to reflect on it. The record matters less than the habit of asking what was learnt and what will change as a result.',
  'A good plan is short. It names two or three things to get better at, the ways of getting there and a date to look back. It is reviewed with a manager or a mentor, not filed away and forgotten.',
  'Reflection is the part most often skipped. Yet a few honest sentences written after a course are worth more than a certificate in a drawer, because they turn an event into a change in practice.',
].join('\n');

const TAX_FORM = [
  'Personal details and income',
  'Full name: Morgan Ellis',
  'National Insurance number: QQ 12 34 56 C',
  'Date of birth: 02/07/1986',
  'Address: 14 Harbour Row, Whitby',
  'Employer: Halden Power Systems Ltd',
  'Pay from this employment (£): 48,250.00',
  'Tax taken off pay (£): 7,912.40',
  'Are you a company director? Yes No',
].join('\n');

const INVOICE = [
  'INVOICE',
  'Invoice number: INV-3381',
  'Bill to: Sam Okafor',
  'Description Qty Unit price Amount',
  'Arc flash awareness (half day) 1 £245.00 £245.00',
  'Subtotal £245.00',
  'VAT at 20% £49.00',
  'Total due £294.00',
].join('\n');

const CV = [
  'Alex Carter',
  'alex.carter@example.com · 07700 900123',
  'Profile',
  'Electrical engineer with nine years in distribution design.',
  'Experience',
  'Senior Engineer, Halden Power Systems, 2019 – present',
  'Engineer, Brennan Consulting, 2015 – 2019',
  'Education',
  'BEng Electrical Engineering, University of Leeds, 2011 – 2015',
  'Skills',
  'Protection, earthing, PowerFactory',
].join('\n');

const log: Cell[][] = [
  ['Date', 'Activity', 'Hours'],
  ['12/02/2024', 'Webinar: EV charging', '1.5'],
  ['07/03/2024', 'Fire safety course', '7'],
];
const logRecords = [dated('Webinar: EV charging', '2024-02-12', 1.5), dated('Fire safety course', '2024-03-07', 7)];

describe('code', () => {
  it('lines ending in ; { }, keywords, indentation and arrows: source code, whatever the file is called', () => {
    const v = judgeLog(evidence(ex(JS), 'export.csv'), [], []);
    expect(v).toMatchObject({ isLog: false, looksLike: 'code' });
    expect(v.evidence).toEqual(['9 of 9 lines read as program code, 9 end in ‘;’, ‘{’ or ‘}’ or open with a bracket, 6 open with a keyword (const, function, let, for), 5 indented, 1 arrow function (=>)']);
  });

  it('a semicolon-separated log whose rows end in ";" and hold brackets is no code', () => {
    const csv = ['Date;Activity (provider);Hours;', '12/02/2024;Webinar (IET): EV charging;1.5;', '07/03/2024;Course (NEBOSH): fire safety;7;', '21/03/2024;Reading (BSI): BS 7671;2;', '02/04/2024;Site visit (Drax);3;'].join('\n');
    const records = [dated('Webinar (IET): EV charging', '2024-02-12'), dated('Course (NEBOSH): fire safety', '2024-03-07'), dated('Reading (BSI): BS 7671', '2024-03-21'), dated('Site visit (Drax)', '2024-04-02')];
    expect(judgeLog(evidence(ex(csv), 'log.csv'), records, [4])).toEqual({ isLog: true, evidence: ['4 activities with a date'], support: ['4 activities with a date'], dropTables: new Map() });
  });
});

describe('certificates', () => {
  it('certify wording, one person, one course and a signature line, with one undated entry: a certificate of completion', () => {
    const v = judgeLog(evidence(ex(CERTIFICATE)), [rec({ activityName: 'Confined Space Entry (Medium Risk)', hours: 4 })], []);
    expect(v).toMatchObject({ isLog: false, looksLike: 'certificate' });
    expect(notLogNote(v)).toEqual({
      field: null,
      code: 'no_activities',
      severity: 'info',
      message:
        'the file looks like a certificate of completion, not a CPD log: certificate wording (“Certificate of Completion”, “This is to certify that”, “has successfully completed”); one person named (Robin Avery); one course or event (“Confined Space Entry (Medium Risk)”); a signature line. No records were imported.',
    });
  });

  it('the same cover over a table of dated activities is a log (an exported report)', () => {
    const records = [dated('Webinar: OT security', '2024-01-18'), dated('Earthing design course', '2024-02-07', 12), dated('Reading: IEEE 1584', '2024-03-20')];
    const v = judgeLog(evidence(ex(CERTIFICATE, [[['Date', 'Activity', 'Hours'], ['18/01/2024', 'Webinar: OT security', '2'], ['07/02/2024', 'Earthing design course', '12'], ['20/03/2024', 'Reading: IEEE 1584', '2']]])), records, [3]);
    expect(v.isLog).toBe(true);
  });

  it('a one-activity CPD record form with a sign-off is a log: its block names four CPD fields', () => {
    const form = ['CPD activity record', 'Activity: Arc flash awareness', 'Date: 11 June 2024', 'Hours: 4', 'Reflection: I now check the labels before any permit is signed.', 'I certify that I have completed the activity above.', 'Signed: ________'].join('\n');
    const block: LabelledBlock = { values: [{ label: 'Activity', value: 'Arc flash awareness' }, { label: 'Date', value: '11 June 2024' }, { label: 'Hours', value: '4' }, { label: 'Reflection', value: 'I now check the labels before any permit is signed.' }] };
    const r = rec({ activityName: 'Arc flash awareness', startDate: '2024-06-11', endDate: '2024-06-11', hours: 4, reflection: 'I now check the labels before any permit is signed.' });
    const v = judgeLog(evidence(ex(form, [], [block])), [r], []);
    expect(v).toEqual({
      isLog: true,
      evidence: ['1 activity with a date', '1 reflection', 'titled “CPD activity record”', '1 block of CPD fields (Activity, Date, Hours, Reflection)'],
      support: ['1 activity with a date', '1 reflection', 'titled “CPD activity record”', '1 block of CPD fields (Activity, Date, Hours, Reflection)'],
      dropTables: new Map(),
    });
  });
});

describe('prose, forms, invoices, CVs', () => {
  it('long paragraphs of sentences and no labels: prose', () => {
    const v = judgeLog(evidence(ex(ESSAY)), [], []);
    expect(v).toEqual({ isLog: false, looksLike: 'prose', evidence: ['137 words of running text in 9 sentences, 97% of them in long paragraphs or lines, 0 label/value lines'], support: [], dropTables: new Map() });
  });

  it('labels that are no CPD fields, money and reference numbers, with one dated entry from the title: a form', () => {
    const v = judgeLog(evidence(ex(TAX_FORM)), [rec({ activityName: 'Personal details and income', startDate: '1986-07-02', endDate: '1986-07-02' })], []);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'form',
      evidence: ['7 labelled fields, 7 of them no CPD field (Full name, National Insurance number, Date of birth, Address, Employer)', '2 amounts of money', '1 reference number', 'tick boxes'],
    });
  });

  it('the invoice word with invoice numbers, VAT, totals and amounts: an invoice', () => {
    expect(judgeLog(evidence(ex(INVOICE)), [], [])).toMatchObject({
      isLog: false,
      looksLike: 'invoice',
      evidence: ['the word “INVOICE”, an invoice number, VAT, a subtotal, a total due, a bill-to address, quantities and unit prices, 5 amounts of money'],
    });
  });

  it('the same length of prose in the first person about what was learnt is a reflection, not an essay', () => {
    const reflective = [
      'Reflective account',
      'I attended a half-day workshop on medicines reconciliation at discharge, run by the pharmacy team on my ward.',
      'I learnt how often discrepancies arise when patients move between wards, and that most of them are omissions rather than wrong doses.',
      'I now use the structured checklist at every discharge I lead, and I have shared it with the two nurses I supervise on my shifts.',
      'In the first month we found three discrepancies that would otherwise have gone home with the patient, which showed me the value of asking.',
      'I will review the checklist with the pharmacy team in six months and I will present what we found at our next ward meeting.',
    ].join('\n');
    expect(judgeLog(evidence(ex(reflective)), [], [])).toEqual({ isLog: false, evidence: [], support: [], dropTables: new Map() });
  });

  it('CV sections with job date ranges and contact details: a CV', () => {
    expect(judgeLog(evidence(ex(CV)), [], [])).toMatchObject({
      isLog: false,
      looksLike: 'cv',
      evidence: ['CV sections (Profile, Experience, Education, Skills)', '3 date ranges of jobs or study (2019 – present, 2015 – 2019)', 'contact details'],
    });
  });
});

describe('tables', () => {
  const catalogue: Cell[][] = [
    ['Course code', 'Course title', 'Duration', 'Price (£)'],
    ['PS101', 'Power system protection fundamentals', '2 days', '950'],
    ['HV110', 'HV authorised person refresher', '1 day', '495'],
    ['AF050', 'Arc flash awareness', '0.5 day', '245'],
  ];
  const catalogueRecords = [rec({ activityName: 'Power system protection fundamentals', hours: 12 }), rec({ activityName: 'HV authorised person refresher', hours: 6 }), rec({ activityName: 'Arc flash awareness', hours: 3 })];

  it('types columns: codes, durations, prices, titles', () => {
    const t = tableEvidence(catalogue, 'sheet \'Catalogue\'');
    expect(t.header).toEqual(['Course code', 'Course title', 'Duration', 'Price (£)']);
    expect(t.columns.map((c) => [c.heading, c.values, c.codes, c.durations, c.wordy])).toEqual([
      ['Course code', 3, 3, 0, 0],
      ['Course title', 3, 0, 0, 3],
      ['Duration', 3, 0, 3, 0],
      ['Price (£)', 3, 0, 0, 0],
    ]);
  });

  it('a table of codes, titles, durations and prices without dates: a catalogue, all of whose rows are set aside', () => {
    const v = judgeLog(evidence(ex('', [catalogue])), catalogueRecords, [3]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'catalogue',
      evidence: ['table 1 lists 3 items with titles (“Power system protection fundamentals”, “HV authorised person refresher”), codes (PS101, HV110), prices (950, 495), durations (2 days, 1 day) and no date on which anything was done'],
    });
  });

  it('a catalogue sheet beside a log sheet: the log is read, the catalogue set aside with a note', () => {
    const x = ex('', [log, catalogue]);
    x.tables[0]!.sheet = 'Log';
    x.tables[1]!.sheet = 'Courses';
    const records = [...logRecords, ...catalogueRecords];
    const gaps: ReturnType<typeof notLogNote>[] = [];
    const kept = settleLog(evidence(x, 'cpd.xlsx'), records, [2, 5], gaps as never[]);
    expect(kept).toEqual(logRecords);
    expect(gaps).toEqual([
      {
        field: null,
        code: 'skipped',
        severity: 'info',
        message: "sheet 'Courses' lists 3 items with titles (“Power system protection fundamentals”, “HV authorised person refresher”), codes (PS101, HV110), prices (950, 495), durations (2 days, 1 day) and no date on which anything was done: it looks like a course catalogue or price list, not activities, and its rows were not imported",
      },
    ]);
  });

  it('a catalogue-shaped table titled as a training record is kept (rows without dates, costs and durations)', () => {
    const titled: Cell[][] = [['Training record 2024'], ['Course', 'Duration', 'Cost'], ['Electrical safety refresher', '1 day', '£195'], ['Project management essentials', '2 days', '£650'], ['HV switching theory', '3 days', '£1,200']];
    const records = [rec({ activityName: 'Electrical safety refresher', hours: 6 }), rec({ activityName: 'Project management essentials', hours: 12 }), rec({ activityName: 'HV switching theory', hours: 18 })];
    expect(judgeLog(evidence(ex('', [titled]), 'training.csv'), records, [3]).isLog).toBe(true);
  });

  it('a price list whose only dates say when a price was updated is still a catalogue', () => {
    const prices: Cell[][] = [['SKU', 'Product', 'Unit price (GBP)', 'Last updated'], ['CB-1001', 'Type B MCB 6A', '4.85', '03/01/2024'], ['CB-1002', 'Type B MCB 16A', '4.85', '03/01/2024'], ['CU-3004', 'Consumer unit 10-way', '58.90', '17/01/2024']];
    expect(judgeLog(evidence(ex('', [prices])), [], [0])).toMatchObject({ isLog: false, looksLike: 'catalogue' });
  });

  it('CPD headings over placeholder text only: a blank template; over real rows: a log', () => {
    const template: Cell[][] = [['Date', 'Activity', 'Hours', 'Reflection'], ['dd/mm/yyyy', 'e.g. Webinar on arc flash', '', 'Write your reflection here'], ['', '', '', '']];
    expect(judgeLog(evidence(ex('', [template])), [], [0])).toMatchObject({
      isLog: false,
      looksLike: 'template',
      evidence: ['table 1 has CPD headings (Date, Activity, Hours, Reflection) but only placeholder text under them (2 rows: “dd/mm/yyyy”)'],
    });
    expect(judgeLog(evidence(ex('', [log])), logRecords, [2]).isLog).toBe(true);
  });

  it('a worked example row ("e.g. …" beside a sample date) is a placeholder row', () => {
    expect(tableEvidence([['Date', 'Activity', 'Hours'], ['01/01/2024', 'e.g. IET webinar on cable sizing', '1']], 'the table').placeholderRows).toBe(1);
  });

  it('lines with debit, credit and balance columns of money: a statement of account, whatever its descriptions say', () => {
    const statement: Cell[][] = [['Date', 'Reference', 'Description', 'Debit (£)', 'Credit (£)', 'Balance (£)'], ['04/03/2024', 'INV-20417', 'NEBOSH course', '1,395.00', '', '1,395.00'], ['22/03/2024', 'PAY-88213', 'Payment received', '', '1,395.00', '0.00'], ['11/06/2024', 'INV-20702', 'Arc flash awareness', '245.00', '', '245.00']];
    const records = [dated('NEBOSH course', '2024-03-04', null), dated('Payment received', '2024-03-22', null), dated('Arc flash awareness', '2024-06-11', null)];
    expect(judgeLog(evidence(ex('', [statement]), 'statement.csv'), records, [3])).toMatchObject({
      isLog: false,
      looksLike: 'invoice',
      // The credit column holds one amount only: too few to call it a column of money.
      evidence: ['table 1 lists 3 lines with amounts of money in 2 columns (Debit (£), Balance (£))'],
    });
  });

  it('badges with dates of issue and expiry and verification links, no hours: a list of credentials', () => {
    const badges: Cell[][] = [['Badge', 'Issued by', 'Issued on', 'Expires', 'Verify'], ['Certified ScrumMaster', 'Scrum Alliance', '2025-09-21', '2027-09-21', 'https://badges.example/1'], ['Azure Fundamentals', 'Microsoft', '2026-01-30', '2029-01-30', 'https://badges.example/2']];
    const records = [dated('Certified ScrumMaster', '2025-09-21', null), dated('Azure Fundamentals', '2026-01-30', null)];
    const v = judgeLog(evidence(ex('', [badges]), 'badges.csv'), records, [2]);
    expect(v).toMatchObject({ isLog: false, looksLike: 'certificate', evidence: ['table 1 lists 2 credentials (“Certified ScrumMaster”…) with dates of issue or expiry only (Issued on, Expires), verification links (Verify), no hours'] });
    expect(notLogNote(v)!.message).toMatch(/^the file looks like a list of certificates or badges, not a CPD log: /);
  });

  it('credentials with their numbers and awarding bodies, no hours: a list of credentials (LinkedIn Certifications.csv)', () => {
    const certs: Cell[][] = [['Name', 'Url', 'Authority', 'Started On', 'Finished On', 'License Number'], ['Chartered Engineer (CEng)', 'https://www.engc.org.uk/', 'Engineering Council', 'Jul 2021', '', '612345'], ['PRINCE2 Practitioner', '', 'AXELOS', 'Sep 2023', 'Sep 2026', 'GR671234567']];
    const records = [dated('Chartered Engineer (CEng)', '2021-07', null), dated('PRINCE2 Practitioner', '2023-09', null)];
    const v = judgeLog(evidence(ex('', [certs]), 'Certifications.csv'), records, [2]);
    expect(v).toMatchObject({ isLog: false, looksLike: 'certificate', evidence: ['table 1 lists 2 credentials with their numbers (License Number) and the bodies that award them (Authority), and no hours'] });
  });

  it('a running order of sessions by time with no date column is set aside; the same times beside dates are a log', () => {
    const order: Cell[][] = [['Time', 'Session'], ['08:30', 'Registration'], ['09:00', 'Permits to work'], ['10:30', 'Gas detection'], ['13:00', 'Rescue drill']];
    const sessions = [rec({ activityName: 'Registration', hours: 8.5 }), rec({ activityName: 'Permits to work', hours: 9 }), rec({ activityName: 'Gas detection', hours: 10.5 }), rec({ activityName: 'Rescue drill', hours: 13 })];
    expect(judgeLog(evidence(ex('Joining instructions\nProgramme', [order]), 'joining.docx'), sessions, [4])).toMatchObject({ isLog: false, looksLike: 'agenda' });
    const diary: Cell[][] = [['Date', 'Time', 'Session'], ['12/06/2024', '08:30', 'Keynote'], ['12/06/2024', '09:00', 'Protection'], ['12/06/2024', '10:30', 'Arc flash'], ['12/06/2024', '13:00', 'Panel']];
    const attended = [dated('Keynote', '2024-06-12', 1), dated('Protection', '2024-06-12', 1), dated('Arc flash', '2024-06-12', 1), dated('Panel', '2024-06-12', 1)];
    expect(judgeLog(evidence(ex('Conference programme notes', [diary]), 'day.csv'), attended, [4]).isLog).toBe(true);
  });

  it('a dated heading names nothing ("Day 1 – Wednesday 16 September"); one word does ("Webinar")', () => {
    const day = rec({ activityName: 'Day 1 – Wednesday 16 September', startDate: '2026-09-16', endDate: '2026-09-16' });
    expect(judgeLog(evidence(ex('Programme\n08:30 Registration\n09:15 Keynote\n10:30 Refreshments\n11:00 Rail electrification')), [day], []).isLog).toBe(false);
    expect(judgeLog(evidence(ex('')), [dated('Webinar', '2024-02-12'), dated('Reading', '2024-03-01')], []).isLog).toBe(true);
  });

  it('a revision history (Version, Date, Author, Change) in an essay: its rows are the document\'s, not activities', () => {
    const history: Cell[][] = [['Version', 'Date', 'Author', 'Change'], ['1.0', '12/03/2022', 'J. Patel', 'First issue'], ['1.1', '04/04/2023', 'J. Patel', 'Section 4 clarified'], ['2.0', '18/01/2024', 'R. Osei', 'Rewritten']];
    const records = [rec({ activityName: 'First issue', startDate: '2022-03-12', hours: 1 }), rec({ activityName: 'Section 4 clarified', startDate: '2023-04-04', hours: 1.1 }), rec({ activityName: 'Rewritten', startDate: '2024-01-18', hours: 2 })];
    expect(judgeLog(evidence(ex(ESSAY, [history]), 'policy.docx'), records, [3])).toMatchObject({
      isLog: false,
      looksLike: 'prose',
      evidence: ['137 words of running text in 9 sentences, 97% of them in long paragraphs or lines, 0 label/value lines', "table 1 is the document's revision history (Version 1.0, 1.1, 2.0; Author)"],
    });
  });

  it('times of day in running order with the agenda word and meeting items: an agenda', () => {
    const agenda: Cell[][] = [['Time', 'Item', 'Lead'], ['10:00', 'Welcome and apologies', 'Chair'], ['10:10', 'Minutes and matters arising', 'All'], ['10:30', 'Training plan', 'JP'], ['11:45', 'Any other business', 'All']];
    expect(judgeLog(evidence(ex('Team meeting agenda\nDate: 12 March 2024', [agenda])), [], [0])).toMatchObject({
      isLog: false,
      looksLike: 'agenda',
      evidence: ['the word “agenda”', 'table 1 runs through the day by time (10:00, 10:10, 10:30…)', 'meeting items (apologies, matters arising, chair, minutes)'],
    });
  });
});

describe('letters and measurements (trial 4)', () => {
  const LETTER = [
    'Institute of Water Engineers (fictional)',
    '3 February 2026',
    'Dear Mr Okoro,',
    'CPD sample review 2025',
    'You have been chosen for this year’s sample review. Please send your CPD record for 2025 by 31 March 2026.',
    'Your record should show the hours you did and a short reflection on each activity.',
    'Yours sincerely,',
    'P. Lindqvist, CPD Officer',
  ].join('\n');
  const asked: Cell[][] = [['What to send', 'Deadline', 'Notes'], ['CPD record for 2025', '31/03/2026', 'Any format'], ['Development plan for 2026', '31/03/2026', 'Objectives'], ['Two reflections', '30/04/2026', 'May follow later']];
  const requests = [rec({ activityName: 'CPD record for 2025', targetDate: '2026-03-31' }), rec({ activityName: 'Development plan for 2026', targetDate: '2026-03-31' }), rec({ activityName: 'Two reflections', targetDate: '2026-04-30' })];

  it('a letter to the member listing what to send by when: no log, and the note says it is a letter', () => {
    const v = judgeLog(evidence(ex(LETTER, [asked]), 'audit-letter.docx'), requests, [3]);
    expect(v).toMatchObject({ isLog: false, looksLike: 'letter', evidence: ['a letter to its reader (opens “Dear Mr Okoro,”, closes “Yours sincerely,”, 4 times “you” or “your” against 0 “I” or “my”)'] });
    expect(notLogNote(v)?.message).toBe(
      'the file looks like a letter to the member (a request for records or feedback on them), not a CPD log: a letter to its reader (opens “Dear Mr Okoro,”, closes “Yours sincerely,”, 4 times “you” or “your” against 0 “I” or “my”). No records were imported.',
    );
  });

  it('a member’s own covering letter over done activities is a log: it speaks in the first person', () => {
    const cover = ['Dear CPD team,', 'I attach my record for 2025. I have included my reflections and my plan, as you asked.', 'Kind regards,', 'Amira Haddad'].join('\n');
    const done = [dated('Webinar: leakage', '2025-02-12'), dated('Course: SCADA security', '2025-05-07', 7)];
    expect(judgeLog(evidence(ex(cover, [asked])), done, [2]).isLog).toBe(true);
  });

  it('a letter to the member that lists done activities with dates and hours is still read as a log', () => {
    const done = [dated('Webinar: leakage', '2025-02-12'), dated('Course: SCADA security', '2025-05-07', 7)];
    expect(judgeLog(evidence(ex(LETTER, [asked])), done, [2]).isLog).toBe(true);
  });

  const runs: Cell[][] = [
    ['Activity Date', 'Activity Name', 'Elapsed Time', 'Distance', 'Max Heart Rate', 'Elevation Gain', 'Average Speed'],
    ['14/01/2026', 'Morning Run', '2710', '7.92', '158', '42.0', '2.99'],
    ['17/01/2026', 'Parkrun', '1502', '5.01', '181', '18.0', '3.34'],
    ['21/01/2026', 'Lunch Ride', '3600', '24.3', '149', '210.0', '7.11'],
  ];
  const sessions = [dated('Morning Run', '2026-01-14', 41), dated('Parkrun', '2026-01-17', 55), dated('Lunch Ride', '2026-01-21', 38)];

  it('a fitness tracker export (columns of varied numbers naming no CPD field, no hours heading): measurements, not a log', () => {
    const v = judgeLog(evidence(ex('', [runs]), 'activities.csv'), sessions, [3]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'measurements',
      evidence: ['table 1 holds measurements: 5 columns of plain numbers under headings that name no CPD field (Elapsed Time, Distance, Max Heart Rate, Elevation Gain, Average Speed) and no CPD hours'],
    });
  });

  it('counts that are mostly 0 (a task board’s attachments, votes, comments) are not measurements', () => {
    const board: Cell[][] = [['Card Name', 'Due Date', 'Attachment Count', 'Vote Count', 'Comment Count', 'Checklist Count'], ['IOSH Managing Safely', '11/02/2026', '0', '0', '0', '0'], ['Read BS EN 1992', '20/04/2026', '0', '0', '1', '0'], ['Webinar: fire doors', '02/05/2026', '1', '0', '0', '0']];
    const cards = [dated('IOSH Managing Safely', '2026-02-11'), dated('Read BS EN 1992', '2026-04-20'), dated('Webinar: fire doors', '2026-05-02')];
    expect(judgeLog(evidence(ex('', [board])), cards, [3]).isLog).toBe(true);
  });

  it('the same numbers beside a CPD hours heading are a log', () => {
    const withHours = runs.map((r, i) => [...r, i === 0 ? 'CPD hours' : '1']);
    expect(judgeLog(evidence(ex('', [withHours])), sessions, [3]).isLog).toBe(true);
  });
});

describe('weighing both ways', () => {
  it('clear evidence against gives way to two dated activities with hours and a reflection', () => {
    const records = [dated('Webinar: harmonics', '2024-02-12'), { ...dated('Course: NEBOSH', '2024-03-07', 7), reflection: 'Will update our permit process.' }];
    expect(judgeLog(evidence(ex(INVOICE, [log])), records, [2]).isLog).toBe(true);
  });

  it('a file with no records and nothing clear against it is no log, with no note (the caller keeps its own)', () => {
    const v = judgeLog(evidence(ex('Notes\nCall the training team on Monday.')), [], []);
    expect(v).toEqual({ isLog: false, evidence: [], support: [], dropTables: new Map() });
    expect(notLogNote(v)).toBeNull();
  });

  it('settleLog drops the records of a non-log and adds one note, unless the extraction already said why', () => {
    const gaps: { code: string }[] = [];
    const x = ex(CERTIFICATE);
    expect(settleLog(evidence(x), [rec({ activityName: 'Confined Space Entry' })], [], gaps as never[])).toEqual([]);
    expect(gaps.map((g) => g.code)).toEqual(['no_activities']);
    const explained = gatherEvidence({ ...x, gaps: [{ field: null, code: 'no_activities', severity: 'warning', message: 'a summary certificate' }] }, 'c.pdf');
    const none: { code: string }[] = [];
    expect(settleLog(explained, [], [], none as never[])).toEqual([]);
    expect(none).toEqual([]);
  });
});

describe('what the extractors leave for the judge', () => {
  it('a certificate for one event that states its CPD points is no summary certificate (certificateNote leaves it to the judge)', () => {
    expect(certificateNote('Certificate of Attendance\nawarded to\nPriya Natarajan\nfor attending the\nGrid Conference 2024\nThis event has been assessed as 12 CPD points')).toBeNull();
    expect(certificateNote('Certificate of CPD\nThis is to certify that A. Person recorded 34.5 hours of CPD in 2024')).toMatchObject({ code: 'no_activities', severity: 'warning' });
  });

  it('a signature line under a form ends it: it joins no value', () => {
    const paras: Para[] = [
      { text: 'Activity: Site visit', kind: 'para', ref: 'paragraph 1' },
      { text: 'Date: 19 September 2024', kind: 'para', ref: 'paragraph 2' },
      { text: 'Reflection: Saw the pump-turbines.', kind: 'para', ref: 'paragraph 3' },
      { text: 'Signature of member', kind: 'para', ref: 'paragraph 4' },
    ];
    expect(blocksFromParas(paras).blocks.map((b) => b.values.map((v) => [v.label, v.value]))).toEqual([
      [
        ['Activity', 'Site visit'],
        ['Date', '19 September 2024'],
        ['Reflection', 'Saw the pump-turbines.'],
      ],
    ]);
  });

  it('text reaches the judge from every extractor: a CSV keeps its decoded text', () => {
    expect(extractCsv(new TextEncoder().encode('a,b\n1,2\n'), { fileName: 'x.csv' }).text).toBe('a,b\n1,2\n');
  });
});

describe('a table set aside speaks only for its own rows', () => {
  it('an empty sheet for next year beside a one-activity log: the log is read', () => {
    const x = ex('', [log.slice(0, 2), [['Date', 'Activity', 'Hours', 'Reflection']]]);
    x.tables[0]!.sheet = '2024';
    x.tables[1]!.sheet = '2025';
    const support = ["sheet '2024': 1 activity with a date", "sheet '2024': titled “my cpd”", "sheet '2024': a header of CPD fields (Date, Activity, Hours)"];
    expect(judgeLog(evidence(x, 'logs/my-cpd.xlsx'), [logRecords[0]!], [1, 1])).toEqual({ isLog: true, evidence: support, support, dropTables: new Map() });
  });

  it('a page of personal details above a one-row table of CPD headings: a log, not a form', () => {
    const details = ['Full name: Morgan Ellis', 'Address: 14 Harbour Row, Whitby', 'Employer: Halden Power Systems Ltd', 'Telephone: 01947 000000', 'Email: morgan@example.com', 'Membership number: 1234567', 'Signature: M. Ellis'].join('\n');
    expect(judgeLog(evidence(ex(details), 'upload.docx'), [], [])).toMatchObject({ isLog: false, looksLike: 'form' });
    const v = judgeLog(evidence(ex(details, [log.slice(0, 2)]), 'upload.docx'), [logRecords[0]!], [1]);
    expect(v.isLog).toBe(true);
    expect(v.support).toEqual(['1 activity with a date', 'a header of CPD fields (Date, Activity, Hours)']);
  });
});

describe('recordsFromExtraction', () => {
  const certificate = (): Extraction => ex(CERTIFICATE, [], [{ heading: 'Confined Space Entry (Medium Risk)', values: [{ label: 'Date', value: '3 June 2024' }] }]);

  it('judges the file: a certificate gives no records and the note', () => {
    const out = recordsFromExtraction(certificate(), 'cert.pdf', { today: '2026-11-29' });
    expect(out.records).toEqual([]);
    expect(out.fileGaps.map((g) => [g.code, g.severity, g.message.slice(0, 70)])).toEqual([['no_activities', 'info', 'the file looks like a certificate of completion, not a CPD log: certif']]);
  });

  it('logCheck: false reads it as a log all the same', () => {
    const out = recordsFromExtraction(certificate(), 'cert.pdf', { today: '2026-11-29', logCheck: false });
    expect(out.records.map((r) => [r.activityName, r.startDate])).toEqual([['Confined Space Entry (Medium Risk)', '2024-06-03']]);
    expect(out.fileGaps.filter((g) => g.code === 'no_activities')).toEqual([]);
  });
});

describe('surveys, timesheet grids, action logs and job descriptions (trial 5)', () => {
  const feedback: Cell[][] = [
    ['Respondent ID', 'Collector ID', 'Start Date', 'IP Address', 'Email Address', 'Which talk did you attend?', 'How would you rate the talk?', 'How many CPD hours will you claim?'],
    ['', '', '', '', '', 'Response', 'Response', 'Open-Ended Response'],
    ['209114', '771', '04/03/2026 09:12:40', '81.2.69.10', '', 'Hydrogen blending', 'Very good', '1'],
    ['209187', '771', '04/03/2026 09:30:02', '81.2.69.77', '', 'Hydrogen blending', 'Good', '1'],
    ['209203', '771', '04/03/2026 12:01:55', '92.40.8.3', '', 'Leak detection by drone', 'Excellent', '1.5'],
    ['209260', '771', '05/03/2026 08:44:19', '86.14.1.200', '', 'Leak detection by drone', 'Fair', '1.5'],
  ];
  const answers = [dated('Hydrogen blending', '2026-03-04', 1), dated('Hydrogen blending', '2026-03-04', 1), dated('Leak detection by drone', '2026-03-04', 1.5), dated('Leak detection by drone', '2026-03-05', 1.5)];

  it('many respondents rating one event: a survey, not a log', () => {
    const v = judgeLog(evidence(ex('', [feedback]), 'feedback.csv'), answers, [4]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'survey',
      evidence: ['table 1 holds answers of 4 different respondents (Respondent ID 209114, 209187…; IP Address 81.2.69.10, 81.2.69.77…) to 3 questions (“Which talk did you attend?”, “How would you rate the talk?”, …) with ratings (“How would you rate the talk?”: Very good, Good)'],
    });
    expect(notLogNote(v)?.message).toMatch(/^the file looks like a survey export \(many people’s answers, such as feedback on an event\), not a CPD log: table 1 holds answers of 4 different respondents/);
  });

  it('anonymous Forms answers with marks out of 5 under a rating question: a survey', () => {
    const forms: Cell[][] = [
      ['ID', 'Start time', 'Completion time', 'Email', 'Name', 'How would you rate the speaker (1-5)?', 'How many CPD hours will you claim?', 'Any other comments?'],
      ['1', '3/4/26 21:02:11', '3/4/26 21:04:40', 'anonymous', '', '5', '1.5', 'Great demo'],
      ['2', '3/4/26 21:14:52', '3/4/26 21:16:03', 'anonymous', '', '4', '1.5', ''],
      ['3', '3/5/26 8:40:09', '3/5/26 8:44:27', 'anonymous', '', '3', '1', 'Too fast'],
    ];
    const v = judgeLog(evidence(ex('', [forms]), 'feedback.csv'), answers.slice(0, 3), [3]);
    expect(v).toMatchObject({ isLog: false, looksLike: 'survey' });
    expect(v.evidence[0]).toBe('table 1 holds answers of 3 anonymous respondents (Email anonymous, anonymous…) to 2 questions (“How would you rate the speaker (1-5)?”, “How many CPD hours will you claim?”) with ratings (“How would you rate the speaker (1-5)?”: 5, 4, 3)');
  });

  it('one member’s own form submissions (the same e-mail on every row) are a log', () => {
    const own: Cell[][] = [
      ['ID', 'Start time', 'Email', 'Name', 'Title of the learning activity', 'Date of the activity', 'How long did it take? (hours)', 'What did you learn and how will you use it?', 'How useful was it?'],
      ['1', '3/4/26 9:12:40', 'r.osei@example.org', 'Rhys Osei', 'Hydrogen blending talk', '3/4/2026', '1', 'Blend limits for older mains.', 'Very useful'],
      ['2', '4/9/26 19:02:11', 'r.osei@example.org', 'Rhys Osei', 'Drone survey course', '4/8/2026', '7', 'Flight planning near live plant.', 'Useful'],
      ['3', '5/2/26 20:40:00', 'r.osei@example.org', 'Rhys Osei', 'Read: IGEM/TD/1 Ed 6', '5/1/2026', '2', 'New design factor tables.', 'Very useful'],
    ];
    const done = [dated('Hydrogen blending talk', '2026-03-04', 1), dated('Drone survey course', '2026-04-08', 7), dated('Read: IGEM/TD/1 Ed 6', '2026-05-01')];
    expect(judgeLog(evidence(ex('', [own])), done, [3]).isLog).toBe(true);
  });

  const week: Cell[][] = [
    ['Timesheet – Carys Morgan – week ending 15 Mar 2026'],
    [],
    ['Project / task', 'Code', 'Mon 09/03', 'Tue 10/03', 'Wed 11/03', 'Thu 12/03', 'Fri 13/03', 'Total'],
    ['Penarth pumping station – controls upgrade', 'J4410', '7', '6.5', '7.5', '4', '3', '28'],
    ['Site meeting, Barry docks', 'J4412', '0', '1', '0', '3.5', '0', '4.5'],
    ['Holiday', 'HOL', '0', '0', '0', '0', '4', '4'],
    ['Total', '', '7', '7.5', '7.5', '7.5', '7', '36.5'],
  ];
  const lines = [rec({ activityName: 'Penarth pumping station – controls upgrade', hours: 28 }), rec({ activityName: 'Site meeting, Barry docks', hours: 4.5 }), rec({ activityName: 'Holiday', hours: 4 })];

  it('a grid of days × tasks of hours with no learning line: a timesheet, not a log', () => {
    const v = judgeLog(evidence(ex('', [week]), 'timesheet.xlsx'), lines, [3]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'timesheet',
      evidence: ['table 1 is a timesheet grid: hours by day in 5 columns (Mon 09/03, Tue 10/03 … Fri 13/03) against lines of work (“Penarth pumping station – controls upgr…”, “Site meeting, Barry docks”…), none of them naming learning'],
    });
  });

  it('the same grid with a training line is no timesheet clue (the mapping keeps the learning lines)', () => {
    const withTraining = [...week.slice(0, 6), ['Training: SIL assessment course', 'TRN', '0', '0', '0', '0', '3', '3'], week[6]!];
    const tables = evidence(ex('', [withTraining])).tables;
    expect(tables[0]!.learningRows).toBe(1);
    expect(judgeLog(evidence(ex('', [withTraining])), [...lines, rec({ activityName: 'Training: SIL assessment course', hours: 3 })], [4]).looksLike).not.toBe('timesheet');
  });

  const timetable: Cell[][] = [
    ['MSc Structural Engineering – Semester 1 timetable 2026/27'],
    ['Day', 'Time', 'Module', 'Session', 'Room'],
    ['Monday', '09:00–11:00', 'SE7012 Advanced Concrete Design', 'Lecture', 'Rankine LT1'],
    ['Tuesday', '14:00–16:00', 'SE7020 Structural Dynamics', 'Lecture', 'Rankine LT2'],
    ['Thu', '10:00 - 13:00', 'SE7031 Bridge Engineering', 'Workshop', 'JW 4.12'],
  ];
  const classes = [rec({ activityName: 'SE7012 Advanced Concrete Design' }), rec({ activityName: 'SE7020 Structural Dynamics' }), rec({ activityName: 'SE7031 Bridge Engineering' })];
  const keyDates: Cell[][] = [['Event', 'From', 'To'], ['Welcome week', '21/09/2026', '25/09/2026'], ['Reading week', '02/11/2026', '06/11/2026']];
  const termDates = [rec({ activityName: 'Welcome week', startDate: '2026-09-21', endDate: '2026-09-25' }), rec({ activityName: 'Reading week', startDate: '2026-11-02', endDate: '2026-11-06' })];

  it('classes by day of the week and time, with no dates: a timetable, and its key dates beside it are the course calendar', () => {
    const v = judgeLog(evidence(ex('', [timetable, keyDates]), 'timetable.xlsx'), [...classes, ...termDates], [3, 5]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'timetable',
      evidence: ['table 1 is a weekly timetable: 3 rows by day of the week (Monday, Tuesday…) and time (09:00–11:00, 14:00–16:00…), with no dates'],
    });
    expect(notLogNote(v)?.message).toMatch(/^the file looks like a timetable \(classes by day of the week and time\), not a CPD log/);
  });

  it('a timetable sheet beside a log with hours: the log stays, the timetable is set aside', () => {
    const log: Cell[][] = [['Activity', 'Date', 'Hours'], ['Eurocode 2 update seminar', '12/10/2026', '3'], ['Read: IStructE guide to bridge bearings', '20/10/2026', '2']];
    const done = [dated('Eurocode 2 update seminar', '2026-10-12', 3), dated('Read: IStructE guide to bridge bearings', '2026-10-20', 2)];
    const v = judgeLog(evidence(ex('', [timetable, log]), 'cpd.xlsx'), [...classes, ...done], [3, 5]);
    expect(v.isLog).toBe(true);
    expect([...v.dropTables.values()].map((d) => d.looksLike)).toEqual(['timetable']);
  });

  it('a bank statement (Money out / Money in / Balance as plain numbers): a statement of account, not a log (trial 7)', () => {
    const statement: Cell[][] = [
      ['Date', 'Description', 'Type', 'Money out', 'Money in', 'Balance'],
      ['02/03/2026', 'SALARY TARRANT ENGINEERING', 'BGC', '', '2650.00', '3120.44'],
      ['05/03/2026', 'UDEMY ONLINE COURSE', 'DEB', '14.99', '', '3105.45'],
      ['14/03/2026', 'NEBOSH EXAM FEE', 'DEB', '95.00', '', '3010.45'],
    ];
    const lines = [dated('SALARY TARRANT ENGINEERING', '2026-03-02', null), dated('UDEMY ONLINE COURSE', '2026-03-05', 14.99), dated('NEBOSH EXAM FEE', '2026-03-14', 95)];
    expect(judgeLog(evidence(ex('', [statement]), 'statement.csv'), lines, [3])).toMatchObject({
      isLog: false,
      looksLike: 'invoice',
      evidence: ['table 1 lists 3 lines with amounts of money in 2 columns (Money out, Balance)'],
    });
  });

  it('a payslip (pay, deductions, tax code, year to date) is a statement of pay, its course fee line no activity (trial 7)', () => {
    const text = ['Payslip', 'Employee Sophie Marsh (00417)', 'Tax code 1257L', 'NI number QQ 12 34 56 C', 'Basic pay 162.50 hrs 18.20 2957.50', 'Course fee reimbursed (RICS APC workshop) 145.00', 'Net pay 2408.82', 'Year to date: gross 38,415.00 · tax 5,104.20 · NI 2,190.40'].join('\n');
    const v = judgeLog(evidence(ex(text), 'payslip.pdf'), [rec({ activityName: 'Payslip' })], []);
    expect(v).toMatchObject({ isLog: false, looksLike: 'invoice' });
    expect(v.evidence[0]).toBe('the word “Payslip”, pay and deductions, a tax code or NI number, year-to-date figures, 3 amounts of money');
  });

  const minutes = ['Northern Branch – committee minutes', 'Present: A. Khan (chair), J. Byrne, L. Novak. Apologies: none.', 'Any other business', 'Action log'].join('\n');
  const actions: Cell[][] = [
    ['No.', 'Action', 'Owner', 'Due date', 'Status'],
    ['1', 'Book the lecture theatre for the spring talk', 'J. Byrne', '30/01/2027', 'Open'],
    ['2', 'Ask the speaker for CPD learning outcomes', 'A. Khan', '15/02/2027', 'Open'],
    ['3', 'Update the branch web page', 'L. Novak', '28/02/2027', 'Done'],
  ];
  const asPlans = [rec({ activityName: 'Book the lecture theatre for the spring talk', targetDate: '2027-01-30' }), rec({ activityName: 'Ask the speaker for CPD learning outcomes', targetDate: '2027-02-15' }), rec({ activityName: 'Update the branch web page', targetDate: '2027-02-28' })];

  it('actions owned by several people: minutes, not the member’s plan', () => {
    const v = judgeLog(evidence(ex(minutes, [actions]), 'minutes.docx'), asPlans, [3]);
    expect(v).toMatchObject({ isLog: false, looksLike: 'minutes' });
    expect(v.evidence[0]).toBe('table 1 is an action log: 3 actions owned by 3 different people (Owner: J. Byrne, A. Khan, L. Novak…) with due dates');
  });

  it('a plan whose “Who” column names the member, a mentor and a manager is a plan', () => {
    const plan: Cell[][] = [['Action', 'Who', 'Target date'], ['SIL course', 'Me', '30/01/2027'], ['Shadow a HAZOP', 'Me and mentor', '15/02/2027'], ['Agree budget', 'Line manager', '28/02/2027']];
    const planned = [rec({ activityName: 'SIL course', targetDate: '2027-01-30' }), rec({ activityName: 'Shadow a HAZOP', targetDate: '2027-02-15' }), rec({ activityName: 'Agree budget', targetDate: '2027-02-28' })];
    expect(judgeLog(evidence(ex('My development plan 2027', [plan])), planned, [3]).isLog).toBe(true);
  });

  const JOB = [
    'Job description: Process Safety Engineer',
    'Reference: PSE-0412',
    'Salary: £48,000',
    'Closing date: 30 January 2027',
    'Main duties',
    '• Lead HAZOP studies for new plant.',
    'Person specification',
    'Essential: chartered or working towards; 20 hours of CPD a year',
  ].join('\n');

  it('a job description (duties, a person specification, terms) is no log, its CPD requirement no activity', () => {
    const v = judgeLog(evidence(ex(JOB), 'jd.pdf'), [rec({ activityName: 'Job description: Process Safety Engineer', endDate: '2027-01-30' })], []);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'job',
      evidence: ['job-description parts: the post (“Job description”), its duties (“Main duties”), a person specification (“Person specification”), its terms (“Salary”)'],
    });
  });

  it('a member’s profile page (job title, responsibilities, reporting line) is no job description', () => {
    const profile = ['Job title: Process Safety Engineer', 'Reports to: Head of Engineering', 'Key responsibilities', '• Lead HAZOP studies for new plant.', 'Essential skills I want to build: SIL verification'].join('\n');
    expect(judgeLog(evidence(ex(profile), 'profile.docx'), [], []).looksLike).not.toBe('job');
  });

  it('a log that lists its author’s duties is still a log', () => {
    const log2: Cell[][] = [['Date', 'Activity', 'Hours'], ['12/01/2026', 'HAZOP leader course', '14'], ['03/03/2026', 'Read: CCPS guidelines', '3']];
    const done = [dated('HAZOP leader course', '2026-01-12', 14), dated('Read: CCPS guidelines', '2026-03-03', 3)];
    expect(judgeLog(evidence(ex(JOB, [log2]), 'my-cpd.docx'), done, [2]).isLog).toBe(true);
  });
});

describe('journeys, media lists and teaching plans (trial 8)', () => {
  const drives: Cell[][] = [
    ['Date', 'Vehicle', 'From', 'To', 'Depart', 'Arrive', 'Duration', 'Notes'],
    ['03/02/2026', 'Van 12', 'Depot', 'Crewe', '07:30', '08:45', '1:15', 'Parts drop'],
    ['03/02/2026', 'Van 12', 'Crewe', 'Stafford', '10:00', '10:40', '0:40', ''],
    ['03/02/2026', 'Van 12', 'Stafford', 'Depot', '15:10', '16:05', '0:55', 'Fuel stop'],
  ];
  const legs = [dated('Parts drop', '2026-02-03', 1.25), rec({ startDate: '2026-02-03', hours: 0.6667 }), dated('Fuel stop', '2026-02-03', 0.9167)];

  it('legs from place to place with their times: a travel log, not a log of CPD', () => {
    const v = judgeLog(evidence(ex('', [drives]), 'drives.csv'), legs, [3]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'journeys',
      evidence: ['table 1 lists 3 journeys from place to place (From: Depot, Crewe…; To: Crewe, Stafford…) with times (Depart, Arrive, Duration), none of them naming learning'],
    });
    expect(notLogNote(v)?.message).toMatch(/^the file looks like a travel or flight log \(journeys from place to place, with their times\), not a CPD log: table 1 lists 3 journeys/);
  });

  it('From / To of dates and rows of courses: a log', () => {
    const log: Cell[][] = [['Course', 'From', 'To', 'Hours'], ['SMSTS refresher', '03/02/2026', '04/02/2026', '14'], ['CDM for designers', '10/03/2026', '10/03/2026', '7'], ['Working at height', '14/04/2026', '14/04/2026', '3']];
    const done = [dated('SMSTS refresher', '2026-02-03', 14), dated('CDM for designers', '2026-03-10', 7), dated('Working at height', '2026-04-14', 3)];
    expect(judgeLog(evidence(ex('', [log]), 'cpd.csv'), done, [3])).toMatchObject({ isLog: true, dropTables: new Map() });
  });

  const shelf: Cell[][] = [
    ['Title', 'Author', 'Pages', 'Date borrowed', 'Date returned', 'My rating'],
    ['The Winter Orchard', 'Agnes Pryce', '312', '04/01/2026', '25/01/2026', '4'],
    ['Blood on the Moorland', 'Tobias Rook', '288', '01/02/2026', '20/02/2026', '3'],
    ['Songs of the Severn', 'Eluned Price', '196', '02/03/2026', '16/03/2026', '5'],
  ];
  const books = [dated('The Winter Orchard', '2026-01-04', null), dated('Blood on the Moorland', '2026-02-01', null), dated('Songs of the Severn', '2026-03-02', null)];

  it('books by their authors, borrowed and rated: a library list, not a log', () => {
    const v = judgeLog(evidence(ex('', [shelf]), 'books.csv'), books, [3]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'media',
      evidence: ['table 1 lists 3 items by their makers (Author Agnes Pryce, Tobias Rook…) with ratings (My rating: 4, 3, 5) and dates bought or borrowed (Date borrowed), none of them naming learning'],
    });
  });

  it('a CPD reading log with an author column and no purchases or ratings: a log', () => {
    const reading: Cell[][] = [['Date', 'Title', 'Author', 'Hours'], ['04/01/2026', 'Eurocode 7 explained', 'Agnes Pryce', '3'], ['01/02/2026', 'Soil mechanics in practice', 'Tobias Rook', '2'], ['02/03/2026', 'Piling design notes', 'Eluned Price', '2']];
    const done = [dated('Eurocode 7 explained', '2026-01-04', 3), dated('Soil mechanics in practice', '2026-02-01', 2), dated('Piling design notes', '2026-03-02', 2)];
    expect(judgeLog(evidence(ex('', [reading]), 'reading.csv'), done, [3]).isLog).toBe(true);
  });

  const sow: Cell[][] = [
    ['Week', 'Lesson', 'Objectives', 'Activities', 'Time'],
    ['w/c 2 Mar 2026', 'Lesson 1: Forces', 'Name contact forces', 'Spring balance circus', '50'],
    ['w/c 2 Mar 2026', 'Lesson 2: Friction', 'Explain friction', 'Trolley ramp practical', '50'],
    ['w/c 9 Mar 2026', 'Lesson 3: Pressure', 'Calculate pressure', 'Drawing pins demo', '50'],
  ];
  const lessons = [dated('Spring balance circus', '2026-03-02', 0.8333), dated('Trolley ramp practical', '2026-03-02', 0.8333), dated('Drawing pins demo', '2026-03-09', 0.8333)];

  it('a table of numbered lessons under a scheme-of-work title: a teaching plan, not a log', () => {
    const v = judgeLog(evidence(ex('Year 7 Physics – scheme of work\nSpring term', [sow]), 'physics.docx'), lessons, [3]);
    expect(v).toMatchObject({
      isLog: false,
      looksLike: 'teaching',
      evidence: ['titled “Year 7 Physics – scheme of work”; table 1 runs through 3 lessons in sequence (Lesson: “Lesson 1: Forces”, “Lesson 2: Friction”, “Lesson 3: Pressure”…)'],
    });
  });

  it('the same lessons under a CPD log title are the teacher’s log', () => {
    expect(judgeLog(evidence(ex('My CPD log 2026\nScheme of work reviews', [sow]), 'physics.docx'), lessons, [3]).isLog).toBe(true);
  });
});

describe('a table of requirements and progress beside a log (trial 8)', () => {
  const log: Cell[][] = [['Course', 'Completed', 'Hours', 'Subject'], ['Pain management update', '02/11/2026', '2.00', 'General'], ['Ethics for pharmacists', '03/04/2026', '1.00', 'Ethics'], ['Opioid stewardship', '05/05/2026', '3.00', 'Controlled substances']];
  const done = [dated('Pain management update', '2026-11-02', 2), dated('Ethics for pharmacists', '2026-04-03', 1), dated('Opioid stewardship', '2026-05-05', 3)];
  const needs: Cell[][] = [['Subject', 'Required', 'Earned', 'Left'], ['General', '10.00', '2.00', '8.00'], ['Ethics', '1.00', '1.00', '0.00'], ['Controlled substances', '3.00', '3.00', '0.00'], ['Total', '14.00', '6.00', '8.00']];
  const totals = [rec({ activityName: 'General', hours: 10 }), rec({ activityName: 'Ethics', hours: 1 }), rec({ activityName: 'Controlled substances', hours: 3 })];

  it('required − earned = left on every row and no date: the table is set aside, the log kept', () => {
    const v = judgeLog(evidence(ex('', [log, needs]), 'ce.csv'), [...done, ...totals], [3, 6]);
    expect(v.isLog).toBe(true);
    expect([...v.dropTables.entries()]).toEqual([
      [1, { isLog: false, looksLike: 'requirements', evidence: ['table 2 is a table of requirements and progress: Left is Required less Earned on every row (“General”, “Ethics”…), and nothing is dated'] }],
    ]);
  });

  it('planned and actual hours with their difference, on dated rows: a log', () => {
    const plan: Cell[][] = [['Activity', 'Date', 'Planned', 'Actual', 'Over'], ['Relay testing course', '12/02/2026', '7', '5', '2'], ['Read: protection guide', '20/04/2026', '6', '4.5', '1.5'], ['Site visit', '03/06/2026', '4', '3', '1']];
    const rows = [dated('Relay testing course', '2026-02-12', 5), dated('Read: protection guide', '2026-04-20', 4.5), dated('Site visit', '2026-06-03', 3)];
    expect(judgeLog(evidence(ex('', [plan]), 'plan.csv'), rows, [3])).toMatchObject({ isLog: true, dropTables: new Map() });
  });
});
