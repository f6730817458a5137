/**
 * Generates the benchmark inputs: a 100,000-row CSV and a 100,000-row XLSX with eight columns of realistic CPD
 * values (fictional activities, dates over 2015–2026, decimal hours, TWAVES letters, UK-SPEC codes) and realistic
 * variety (issue 13): thousands of distinct titles and reflections, about 4,000 distinct dates, about 3 % rows
 * repeated (a duplicate rate seen in merged logs), and one description in 50 holding a quoted line break. The XLSX
 * is written as Excel writes it: shared strings and date cells with a date format.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const TITLES = [
  'IET webinar: Power electronics for EVs', 'Lunch and learn: BS 7671 amendment 2', 'Read E&T article on grid storage',
  'Mentoring graduate engineer', 'IET Midlands conference', 'NEBOSH refresher course', 'Site visit to Drax power station',
  'MSc module: Control systems', 'STEM Ambassador session at Oakfield School', 'Python for engineers e-learning',
  'Project review: substation upgrade', 'Safety leadership workshop', 'Read IEC 61508 part 3', 'Chaired committee meeting',
];
const TYPES = ['Webinar', 'Course', 'Reading', 'Mentoring', 'Conference', 'Workshop', 'Site visit', 'Academic', 'Volunteering', 'E-learning', 'Work', 'Workshop', 'Reading', 'Volunteering'];
const TW = ['T', 'T', 'S', 'V', 'E', 'T', 'E', 'A', 'V', 'T', 'W', 'T', 'S', 'V'];
const CODES = ['A1', 'A2, B2', 'B1/B3', 'C1-C3', 'D1', 'E2', 'E4 (CPD)', 'A1, E3'];
const REFLECTIONS = [
  'Learnt how the new amendment changes RCD selection for socket outlets and why the 30 mA rule now covers more circuits. I will update our design checklist next month and brief the two graduates on the change.',
  'Useful refresher on risk assessment. The hierarchy of control example from the rail sector was new to me. I will apply the risk matrix on the Hadley Road project and share the template with the team.',
  'Helped me explain control loop tuning to juniors without jumping to the answer. Next time I will prepare a worked example first; I plan to run a short session for the apprentices in the spring.',
  'What? A deeper look at harmonic distortion from EV chargers. So what? Our feeder studies ignore it. Now what? I have raised a change request so that the study template includes a harmonic check.',
];
const DESCRIPTIONS = [
  'Attended the full session and took notes; the speaker covered {t} with two case studies from UK distribution networks.',
  'Self-paced module with a short assessment at the end (passed, 80%). Covered {t} and the relevant parts of the standard.',
  'Half-day workshop run by the regional network; group exercises on {t}, followed by a discussion of lessons from incidents.',
];

/** A deterministic pseudo-random generator (mulberry32) so runs are comparable. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Row {
  date: Date;
  title: string;
  type: string;
  hours: number;
  description: string;
  reflection: string;
  twaves: string;
  ukspec: string;
}

const PLACES = ['Birmingham', 'Leeds', 'Glasgow', 'Cardiff', 'Bristol', 'Belfast', 'Norwich', 'Preston', 'online', 'Stevenage', 'Hull', 'Exeter'];
const NEXT = ['I will', 'Next quarter I plan to', 'I have agreed with my manager to', 'Action:'];

function* rows(n: number): Generator<Row> {
  const r = rng(42);
  const start = Date.UTC(2015, 0, 1);
  let previous: Row | null = null;
  for (let i = 0; i < n; i++) {
    // About 3 % of rows repeat an earlier row (the same activity entered twice).
    if (previous !== null && r() < 0.03) {
      yield previous;
      continue;
    }
    const k = Math.floor(r() * TITLES.length);
    const place = PLACES[Math.floor(r() * PLACES.length)]!;
    const title = i % 3 === 0 ? `${TITLES[k]} (${place}, part ${(i % 7) + 1})` : `${TITLES[k]}: session ${Math.floor(r() * 5000) + 1}`;
    const topic = TITLES[Math.floor(r() * TITLES.length)]!.toLowerCase();
    const desc = DESCRIPTIONS[Math.floor(r() * DESCRIPTIONS.length)]!.replace('{t}', topic);
    const row: Row = {
      date: new Date(start + Math.floor(r() * 4000) * 86_400_000),
      title,
      type: TYPES[k]!,
      hours: Math.round(r() * 14 + 1) / 2,
      description: r() < 0.02 ? `${desc}\nNotes filed in the ${place} folder.` : desc,
      reflection: `${REFLECTIONS[Math.floor(r() * REFLECTIONS.length)]!} ${NEXT[Math.floor(r() * NEXT.length)]!} discuss ${topic} with the ${place} team (${Math.floor(r() * 900) + 100}).`,
      twaves: TW[k]!,
      ukspec: CODES[Math.floor(r() * CODES.length)]!,
    };
    previous = row;
    yield row;
  }
}

const HEAD = ['Date', 'Activity', 'Type', 'Hours', 'Description', 'Reflection', 'TWAVES', 'UK-SPEC'];

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function dmy(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Writes the CSV (UK day-first dates) and returns its size in bytes. */
export async function writeCsv(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEAD.join(',')}\n`);
  let buf = '';
  for (const row of rows(n)) {
    buf += `${[dmy(row.date), row.title, row.type, String(row.hours), row.description, row.reflection, row.twaves, row.ukspec].map(csvField).join(',')}\n`;
    if (buf.length > 1 << 16) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** Writes the XLSX as Excel saves it, with exceljs's streaming writer: shared strings, date cells, numeric hours. */
export async function writeXlsx(path: string, n: number): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('CPD log');
  ws.columns = HEAD.map((h) => ({ header: h, key: h, width: 20 }));
  ws.getColumn(1).numFmt = 'dd/mm/yyyy';
  for (const row of rows(n)) {
    ws.addRow([row.date, row.title, row.type, row.hours, row.description, row.reflection, row.twaves, row.ukspec]).commit();
  }
  ws.commit();
  await wb.commit();
}
