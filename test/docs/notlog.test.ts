/**
 * Files that hold no CPD log but look like one (fixtures/notlog/, made by its make.mjs), end to end through
 * `importFile`: zero records and one file-level `no_activities` info note saying what the file looks like and why;
 * and near-misses that are logs (fixtures/notlog/logs/), read as logs.
 */
import { describe, expect, it } from 'vitest';
import type { CpdRecord, Gap, ImportResult } from '../../src/domain/index.js';
import { imp } from './helpers.js';

const note = (message: string): Gap => ({ field: null, code: 'no_activities', severity: 'info', message });

const NOT_LOGS: [file: string, format: ImportResult['format'], message: string][] = [
  [
    'certificate-of-completion.pdf',
    'pdf',
    'the file looks like a certificate of completion, not a CPD log: certificate wording (“CERTIFICATE OF COMPLETION”, “This is to certify that”, “has successfully completed”); one person named (Jordan Blake); one course or event (“Functional Safety Fundamentals (IEC 61508 and IEC 61511)”); a signature line. No records were imported.',
  ],
  [
    'certificate-of-attendance.pdf',
    'pdf',
    'the file looks like a certificate of attendance, not a CPD log: certificate wording (“Certificate of Attendance”, “awarded to”, “for attending”); one person named (Ms Priya Natarajan MIET); one course or event (“Offshore Wind Grid Connections Conference 2024”); a signature line. No records were imported.',
  ],
  [
    'invoice.pdf',
    'pdf',
    'the file looks like an invoice, a receipt or a statement of account, not a CPD log: the word “INVOICE”, an invoice number, VAT, a subtotal, a total due, payment terms, a bill-to address, quantities and unit prices, bank details, 5 amounts of money. No records were imported.',
  ],
  [
    'cpd-policy.docx',
    'docx',
    "the file looks like prose (an essay, policy or letter), not a CPD log: 370 words of running text in 18 sentences, 93% of them in long paragraphs or lines, 0 label/value lines; table 1 is the document's revision history (Version 1.0, 1.1, 2.0; Author). No records were imported.",
  ],
  [
    'cv.docx',
    'docx',
    'the file looks like a CV, not a CPD log: CV sections (Profile, Employment history, Education, Skills, References); 4 date ranges of jobs or study (March 2019 – present, September 2015 – February 2019); contact details. No records were imported.',
  ],
  [
    'meeting-agenda.docx',
    'docx',
    'the file looks like a meeting agenda or an event programme, not a CPD log: the word “Agenda”; table 1 runs through the day by time (10:00, 10:05, 10:20…); meeting items (apologies, matters arising, aob, attendees). No records were imported.',
  ],
  [
    'conference-programme.pdf',
    'pdf',
    'the file looks like a meeting agenda or an event programme, not a CPD log: the word “programme”; the table on page 1 runs through the day by time (08:30, 09:15, 09:30…); meeting items (chair). No records were imported.',
  ],
  [
    'statement-of-account.csv',
    'csv',
    'the file looks like an invoice, a receipt or a statement of account, not a CPD log: the table lists 5 lines with amounts of money in 3 columns (Debit (£), Credit (£), Balance (£)). No records were imported.',
  ],
  ['blank-template.docx', 'docx', 'the file looks like a blank CPD template, not a CPD log: table 1 has CPD headings (Date, Activity, Type, Hours, Reflection) but only empty rows under them (4). No records were imported.'],
  [
    'template-and-catalogue.xlsx',
    'xlsx',
    "the file looks like a blank CPD template beside a course catalogue or price list, not a CPD log: sheet 'CPD Record' has CPD headings (Date, Activity, Type of activity, CPD hours, What did I learn and how will I apply it?) but only placeholder text under them (2 rows: “dd/mm/yyyy”); sheet 'Course catalogue' lists 12 items with titles (“Power system protection fundamentals”, “Distance protection in practice”), codes (PS101, PS205), prices (950, 1395), durations (2 days, 3 days) and no date on which anything was done. No records were imported.",
  ],
  [
    'price-list.csv',
    'csv',
    'the file looks like a course catalogue or price list, not a CPD log: the table lists 13 items with titles (“Type B MCB 6A single pole”, “Type B MCB 16A single pole”), codes (CB-1001, CB-1002), prices (4.85, 4.85) and no date on which anything was done. No records were imported.',
  ],
  [
    'export-records.csv',
    'csv',
    'the file looks like source code, not a CPD log: 24 of 24 lines read as program code, 22 end in ‘;’, ‘{’ or ‘}’ or open with a bracket, 14 open with a keyword (const, function, return, async), 14 indented, 1 arrow function (=>). No records were imported.',
  ],
  [
    'export-records.js',
    'csv',
    'the file looks like source code, not a CPD log: 24 of 24 lines read as program code, 22 end in ‘;’, ‘{’ or ‘}’ or open with a bracket, 14 open with a keyword (const, function, return, async), 14 indented, 1 arrow function (=>). No records were imported.',
  ],
  [
    'activity-loader.txt',
    'csv',
    'the file looks like source code, not a CPD log: 24 of 24 lines read as program code, 23 end in ‘;’, ‘{’ or ‘}’ or open with a bracket, 14 open with a keyword (import, export, const, for), 16 indented, 1 arrow function (=>). No records were imported.',
  ],
  ['cpd_summary.csv', 'csv', 'the file looks like source code, not a CPD log: 21 of 23 lines read as program code, 16 open with a keyword (import, from, def, with), 15 indented. No records were imported.'],
];

describe('files that hold no CPD log: no records, one note saying what they look like', () => {
  it.each(NOT_LOGS)('%s', async (file, format, message) => {
    const res = await imp(`fixtures/notlog/${file}`);
    expect(res.format).toBe(format);
    expect(res.records).toEqual([]);
    expect(res.summary).toEqual({ records: 0, completed: 0, planned: 0, recordsWithGaps: 0, gaps: { error: 0, warning: 0, info: 0 }, totalHours: 0 });
    expect(res.fileGaps.filter((g) => g.code === 'no_activities')).toEqual([note(message)]);
  });

  it('tax-return-form.pdf: a filled form of personal and tax fields (its values only in form fields)', async () => {
    const res = await imp('fixtures/notlog/tax-return-form.pdf');
    expect(res.records).toEqual([]);
    const g = res.fileGaps.filter((x) => x.code === 'no_activities');
    expect(g).toHaveLength(1);
    expect(g[0]).toMatchObject({ field: null, code: 'no_activities', severity: 'info' });
    // Which labels count as CPD fields is the heading matcher's call; the rest of the evidence is fixed.
    expect(g[0]!.message).toMatch(/^the file looks like a filled form whose fields are not CPD fields, not a CPD log: 12 labelled fields, 12 of them no CPD field \(Tax return summary, (Your name, )?National Insurance number, Unique Taxpayer Reference \(UTR\), [^)]*\); 4 amounts of money; 2 reference numbers; tick boxes\. No records were imported\.$/);
  });
});

/** What a reviewer reads of each record: the name (or, where the log gives none, the description), dates, hours, status. */
const pick = (r: CpdRecord): unknown[] => [r.activityName ?? r.description, r.startDate, r.endDate, r.targetDate, r.hours, r.status];

describe('near-misses that are logs: read, with no "not a log" note', () => {
  it.each<[string, unknown[][]]>([
    [
      'two-row-log.csv',
      [
        ['Read IET guidance note on EV charging installations', '2024-02-12', '2024-02-12', null, 2, 'completed'],
        ['Webinar: harmonics in data centres', '2024-03-07', '2024-03-07', null, 1.5, 'completed'],
      ],
    ],
    [
      'prose-reflections.docx',
      [
        ['Course: Designing for maintainability', '2024-01-16', '2024-01-16', null, 7, 'completed'],
        ['Mentoring a graduate on protection settings', '2024-03-05', '2024-03-05', null, 3, 'completed'],
        ['Reading: IET Code of Practice for Electrical Energy Storage Systems', '2024-05-22', '2024-05-22', null, 4, 'completed'],
      ],
    ],
    [
      'month-dates.xlsx',
      [
        ['Reading: Wiring Matters articles on AFDDs', '2024-01', '2024-01', null, 2, 'completed'],
        ['IET local network lecture: smart meters', '2024-02', '2024-02', null, 1.5, 'completed'],
        ['Online course: Python for engineers (modules 1–3)', '2024-04', '2024-04', null, 6, 'completed'],
        ['STEM ambassador: careers fair', '2024-06', '2024-06', null, 3, 'completed'],
      ],
    ],
    ['single-activity-record.docx', [['Arc flash awareness course', '2024-06-11', '2024-06-11', null, 4, 'completed']]],
    // Mostly prose, but written in the first person about what was learnt: a reflection, not an essay.
    ['reflective-account.docx', [['Reflective account', '2024-05-14', '2024-05-14', null, null, 'completed']]],
    ['single-activity-record.pdf', [['Site visit: Dinorwig pumped storage power station', '2024-09-19', '2024-09-19', null, 5, 'completed']]],
    [
      'plan-targets.xlsx',
      [
        ['HV authorised person course', null, null, '2025-03-31', null, 'planned'],
        ['Technical writing workshop', null, null, '2025-06-30', null, 'planned'],
        ['Map experience to UK-SPEC with a mentor', null, null, '2025-09-30', null, 'planned'],
        ['PowerFactory online course', null, null, '2025-11-30', null, 'planned'],
      ],
    ],
    [
      'report-with-cover.pdf',
      [
        ['Webinar: cyber security for OT networks', '2024-01-18', '2024-01-18', null, 1.5, 'completed'],
        ['Earthing design course', '2024-02-07', '2024-02-07', null, 12, 'completed'],
        ['Reading: IEEE 1584 revision notes', '2024-03-20', '2024-03-20', null, 2, 'completed'],
        ['Chaired IET local network evening lecture', '2024-05-15', '2024-05-15', null, 2.5, 'completed'],
        ['Site visit: offshore substation fabrication yard', '2024-07-09', '2024-07-09', null, 5, 'completed'],
      ],
    ],
  ])('%s', async (file, expected) => {
    const res = await imp(`fixtures/notlog/logs/${file}`);
    expect(res.records.map(pick)).toEqual(expected);
    expect(res.fileGaps.filter((g) => g.code === 'no_activities' || /looks like/.test(g.message))).toEqual([]);
  });

  it('the single-activity record form keeps its reflection (without the signature line under it) and UK-SPEC codes', async () => {
    const res = await imp('fixtures/notlog/logs/single-activity-record.pdf');
    expect(res.records[0]).toMatchObject({
      activityType: 'Technical visit',
      ukSpec: ['A1', 'E3'],
      reflection: 'Seeing the reversible pump-turbines changed how I think about grid balancing; I will use the visit notes in our storage options study.',
    });
  });
});
