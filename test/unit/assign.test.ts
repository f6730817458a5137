/**
 * Column → field assignment from heading and content evidence (src/pipeline/map/assign.ts, profile.ts): the
 * kinds of column that real files broke (issue 9 scope 2), each with its confidence and reason.
 */
import { describe, expect, it } from 'vitest';
import { planColumns, type ColumnPlan } from '../../src/pipeline/map/assign.js';
import { columnLetter } from '../../src/pipeline/map.js';
import { profileColumn, dominantKind } from '../../src/pipeline/map/profile.js';
import type { Cell, ExtractedRow } from '../../src/pipeline/types.js';

function rows(list: Cell[][]): ExtractedRow[] {
  return list.map((cells, i) => ({ index: i + 1, cells }));
}

/** Plans the columns of a table whose first row is the header. */
function plan(table: Cell[][]): Array<Pick<ColumnPlan, 'letter' | 'heading' | 'field' | 'how' | 'confidence' | 'reason'>> {
  const [header, ...data] = rows(table);
  return planColumns(header!, null, data, undefined, columnLetter).map(({ letter, heading, field, how, confidence, reason }) => ({ letter, heading, field, how, confidence, reason }));
}

describe('profileColumn', () => {
  it('counts what the values are', () => {
    const p = profileColumn(rows([['2024-03-05T00:00:00Z'], ['05/03/2024'], ['n/a'], ['1h 30m'], ['T'], ['In progress'], ['https://x.example/a'], ['CRS-1023']]), 0);
    expect(p).toMatchObject({ values: 7, placeholders: 1, dates: 2, dayDates: 2, dateTimes: 1, unitHours: 1, twaves: 1, statusWords: 1, urls: 1, ids: 1 });
    expect(dominantKind(p)).toBeNull();
    expect(dominantKind(profileColumn(rows([['A1, B2'], ['C1-C3'], ['E4']]), 0))).toEqual({ kind: 'UK-SPEC codes', count: 3, share: 1 });
  });
});

describe('planColumns', () => {
  it('reads unhelpful headings by their values: dates under "When?", TWAVES letters under "Code", hours under "Amount"', () => {
    expect(plan([
      ['When?', 'What', 'Code', 'Amount', 'Refl.'],
      ['09-Jan-2024', 'Read IET guidance on EV charging', 'S', '2', 'Clarified earthing options.'],
      ['23-Jan-2024', 'Shadowed a commissioning engineer', 'W', '6', 'Saw how test sheets are signed off.'],
      ['07-Feb-2024', 'Evening lecture: grid-scale batteries', 'E', '1.5', 'Fire separation drives layouts.'],
    ])).toEqual([
      { letter: 'A', heading: 'When?', field: 'startDate', how: 'synonym', confidence: 1, reason: 'heading "When?" is a known heading for the start date; 3 of 3 values are dates' },
      { letter: 'B', heading: 'What', field: 'activityName', how: 'words', confidence: 0.75, reason: 'heading "What" → the activity; and 3 of 3 values are short, title-like texts, nearly all different' },
      { letter: 'C', heading: 'Code', field: 'twaves', how: 'content', confidence: 0.49, reason: 'content: 3 of 3 values are TWAVES categories' },
      { letter: 'D', heading: 'Amount', field: 'hours', how: 'content', confidence: 0.45, reason: 'content: 3 of 3 values are numbers of a size for hours' },
      { letter: 'E', heading: 'Refl.', field: 'reflection', how: 'words', confidence: 0.85, reason: 'heading words: "refl" → reflection' },
    ]);
  });

  it('a column of course titles headed "Details" is the activity name when no column names it', () => {
    const p = plan([
      ['Col1', 'Details', 'Col3', 'Notes'],
      ['2024-01-11', 'Webinar: Modern methods of construction', '1', 'Run by the regional branch'],
      ['2024-02-06', 'CSCS health and safety refresher', '3.5', ''],
      ['2024-03-19', 'Read: CDM 2015 guidance for designers', '2', 'HSE L153'],
    ]);
    expect(p.map((c) => [c.heading, c.field, c.how])).toEqual([
      ['Col1', 'startDate', 'content'], ['Details', 'activityName', 'content'], ['Col3', 'hours', 'content'], ['Notes', 'description', 'synonym'],
    ]);
    expect(p[1]!.reason).toBe('heading "Details" is a known heading for the description; but 3 of 3 values are short, title-like texts, each different, and no column names the activity, so it is the activity name');
  });

  it('checks a heading against its values: clock times are no dates, yes/no answers and percentages are the status, numbers are no activity type', () => {
    expect(plan([
      ['Activity', 'Date', 'Start', 'Completed', 'Learning type', 'Progress %'],
      ['Arc flash course', '12/03/2024', '09:00', 'Yes', '7', '100%'],
      ['Webinar on EMC', '14/03/2024', '13:30', 'No', '1.5', '40%'],
    ]).map((c) => [c.heading, c.field, c.reason])).toEqual([
      ['Activity', 'activityName', 'heading "Activity" is a known heading for the activity name'],
      ['Date', 'startDate', 'heading "Date" is a known heading for the start date; 2 of 2 values are dates'],
      ['Start', null, 'heading "Start" is a known heading for the start date; but 2 of 2 values are times of day, not dates (kept in extras)'],
      ['Completed', null, 'heading "Completed" is a known heading for the end date; but 2 of 2 values are yes/no answers, so it is the status, but column F ("Progress %") was taken for the status'],
      ['Learning type', 'hours', 'content: 2 of 2 values are numbers of a size for hours'],
      ['Progress %', 'status', 'heading word "progress" → status; and 2 of 2 values are status words or percentages'],
    ]);
  });

  it('names what an unmapped column is, and keeps a person\'s name out of the activity name', () => {
    expect(plan([
      ['Name', 'Course', 'Course ID', 'Course URL', 'Instructor', 'Completion date'],
      ['Siân Evans', 'Kubernetes for Infrastructure Engineers', 'c-1023', 'https://x.example/k8s', 'Dr A. Shah', '2024-01-08'],
      ['Siân Evans', 'Networking Fundamentals for OT', 'c-2231', 'https://x.example/ot', 'J. Okafor', '2024-02-14'],
      ['Siân Evans', 'Python for Engineers', 'c-3310', 'https://x.example/py', 'M. Patel', '2024-03-01'],
    ]).map((c) => [c.heading, c.field, c.reason])).toEqual([
      ['Name', null, 'heading "Name" is a known heading for the activity name; but every row holds the same text ("…"), so it names no activity'],
      ['Course', 'activityName', 'heading "Course" is a known heading for the activity name'],
      ['Course ID', null, 'heading word "id" → an identifier, no record field'],
      ['Course URL', null, 'heading word "url" → a link, no record field'],
      ['Instructor', null, 'heading word "instructor" → a person, no record field'],
      ['Completion date', 'endDate', 'heading "Completion date" is a known heading for the end date; 3 of 3 values are dates'],
    ]);
  });

  it('a development plan: the action column after the objective is the activity', () => {
    expect(plan([
      ['Development objective', "How I'll get there", 'Resources / support', 'By when'],
      ['Chartered status (CEng)', 'Write the competence report and get a mentor review', 'IET mentor', 'March 2025'],
      ['Better report writing', 'Attend a technical writing course', 'Training budget', 'by end of Q2'],
    ]).map((c) => [c.heading, c.field, c.how])).toEqual([
      ['Development objective', 'objective', 'synonym'], ["How I'll get there", 'activityName', 'content'], ['Resources / support', null, 'unmapped'], ['By when', 'targetDate', 'synonym'],
    ]);
  });
});

describe('another body\'s competence codes and a plan\'s timings', () => {
  it('keeps competence refs outside UK-SPEC\'s grid (a solicitor\'s "B4", "A4", "B6") in extras, and names why', () => {
    const cols = plan([
      ['Date', 'Activity undertaken', 'Competence statement ref.', 'Time spent'],
      ['15/01/2026', 'Webinar: plain English drafting', 'B4, C1', '2 hrs'],
      ['04/02/2026', 'Read the Act and the practice note', 'A4', '3.5 hours'],
      ['12/03/2026', 'In-house course: supervising', 'D1, D3', '6.5 hrs'],
      ['22/04/2026', 'Shadowed a lease renewal', 'B6', '45 mins'],
    ]);
    expect(cols[2]).toEqual({ letter: 'C', heading: 'Competence statement ref.', field: null, how: 'unmapped', confidence: 0.95, reason: 'heading "Competence statement ref." is a known heading for the UK-SPEC competences; but 3 of 4 values are codes outside UK-SPEC\'s grid (A1–E5): another body\'s framework, kept in extras' });
    // The same codes under a heading naming UK-SPEC are UK-SPEC codes, the slips flagged when read.
    expect(plan([['Activity', 'Date', 'UK-SPEC'], ['Course', '01/02/2026', 'B4, C1'], ['Talk', '03/02/2026', 'A4']])[2]!.field).toBe('ukSpec');
  });

  it('reads a "when" column of dates beside plan timings as the target date, even under "When"', () => {
    const cols = plan([
      ['Steps I will take', 'When'],
      ['Attend the connections course', 'March 2027'],
      ['Check six designs with my mentor', 'by the spring review'],
      ['Record a practice talk', 'within 3 months'],
    ]);
    expect(cols[1]).toMatchObject({ field: 'targetDate', reason: 'heading "When" is a known heading for the start date; but 3 of 3 values are dates or plan timings ("by …", "within …"), so it gives targets' });
  });
});

describe('a learning-cycle log (CIMA Define / Assess / Design / Act / Reflect / Evaluate)', () => {
  it('takes the activity from "what I did", not from the planned action, on a dated log', () => {
    const p = plan([
      ['Date', 'Define: development need', 'Design: planned action', 'Act: what I did', 'Hours'],
      ['26/01/2026', 'IFRS 18 presentation changes', 'Attend a technical update', 'Attended the IFRS 18 technical update webinar', '2'],
      ['09/03/2026', 'Business partnering skills', 'Course plus practice', 'Business partnering course (2 days)', '12'],
      ['20/04/2026', 'Power BI dashboards', 'Self-study with a real data set', 'Built a cash-flow dashboard from tutorials', '6'],
    ]);
    expect(p.map((c) => [c.heading, c.field])).toEqual([
      ['Date', 'startDate'],
      ['Define: development need', 'objective'],
      ['Design: planned action', null],
      ['Act: what I did', 'activityName'],
      ['Hours', 'hours'],
    ]);
    expect(p[2]!.reason).toBe('heading "Design: planned action" names what was planned; the activity done is in column D ("Act: what I did"), so the plan is kept in extras');
  });

  it('keeps the planned action as the activity of an undated plan', () => {
    const p = plan([
      ['Target date', 'Planned action', 'What I did so far'],
      ['31/03/2027', 'Attend a distance protection course', 'Found two providers'],
      ['30/06/2027', 'Lead the graduate induction programme', 'Spoke to HR about dates'],
    ]);
    expect(p.map((c) => [c.heading, c.field])).toEqual([
      ['Target date', 'targetDate'],
      ['Planned action', 'activityName'],
      ['What I did so far', 'description'],
    ]);
  });
});

describe('weak claims on the activity name checked against content (trial 8: a Planner export)', () => {
  it('a column of counts ("3/3") or of a few repeated words is no name; an empty column takes no field', () => {
    expect(plan([
      ['Task Name', 'Completed Checklist Items', 'Item', 'Learning', 'Hours'],
      ['NEC4 ECC foundation course', '3/3', 'Design', null, '12'],
      ['ICE London lecture: tunnelling', null, 'Training', null, '1.5'],
      ['Read CIRIA C760 guidance', '1/4', 'Design', null, '5'],
      ['Temporary works design check', null, 'Design', null, '6'],
      ['Geotechnical webinar', null, 'Training', null, '1'],
      ['STEM ambassador induction', null, 'Design', null, '2'],
    ]).map((c) => [c.heading, c.field, c.reason])).toEqual([
      ['Task Name', 'activityName', 'heading words: "task" + "name" → activity name'],
      ['Completed Checklist Items', null, 'heading words: "items" → activity name; but only 0 of 2 values are texts, the rest no words'],
      ['Item', null, 'heading words: "item" → activity name; but its 6 values take only 2 different texts: a category, not names'],
      ['Learning', null, 'heading words: "learning" → activity name; but the column is empty'],
      ['Hours', 'hours', 'heading "Hours" is a known heading for the hours'],
    ]);
  });
});

describe('a learning system\'s history (trial 8: Kallidus-style)', () => {
  it('session times and e-learning durations filled on different rows are one hours measure; a result of states is the status', () => {
    expect(plan([
      ['Course', 'Session date', 'Session time', 'Duration (e-learning)', 'Result'],
      ['Working at height awareness', '12-Jan-2026', '09:30 - 12:45', null, 'Attended'],
      ['Data protection 2026', '03-Feb-2026', null, '00:45', 'Completed'],
      ['Leading difficult conversations', '17-Mar-2026', '13:00 - 16:30', null, 'Attended'],
      ['Fire marshal refresher', '21-Apr-2026', null, '01:30', 'Completed'],
      ['First aid at work requalification', '09-Jun-2026', '09:00 - 16:00', null, 'Booked'],
      ['Budgeting for non-finance managers', null, null, null, 'Waitlisted'],
    ]).map((c) => [c.heading, c.field])).toEqual([
      ['Course', 'activityName'], ['Session date', 'startDate'], ['Session time', 'hours'], ['Duration (e-learning)', 'hours'], ['Result', 'status'],
    ]);
  });
});
