/**
 * Benchmark inputs for documents (`npm run bench:docs`): a Word log with one 2,000-row table, a 50-page PDF
 * table report (unruled, wrapped cells, header and furniture on every page), and a dense A4 page scanned at
 * 300 dpi (a table page rendered to an image and placed alone on a PDF page). Fictional, deterministic content.
 */
import { writeFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import PDFDocument from 'pdfkit';

const TITLES = [
  'IET webinar: power electronics for EV chargers', 'BS 7671 amendment briefing', 'Mentoring a graduate engineer',
  'Substation design course', 'Reading: Guidance Note 3', 'Arc flash risk assessment workshop',
  'Site visit to a cable tunnel project', 'Protection relay commissioning', 'Project management fundamentals',
  'IET regional committee meeting', 'Heat pump design seminar', 'STEM Ambassador school visit',
];
const TYPES = ['Webinar', 'Course', 'Volunteering', 'Workshop', 'Self-study', 'Technical visit', 'Work experience', 'Seminar'];
const REFLECTIONS = [
  'Learnt how switching losses scale with frequency; will use this in the next design review.',
  'Rules on RCD selection changed; I updated our checklist.',
  'Agreed development goals and a monthly review.',
  'Covered earthing studies and protection grading for 132 kV substations.',
  'Inspection intervals for industrial sites are shorter than I assumed.',
];

/** Row `i` of the benchmark log: date (dd/mm/yyyy), activity, type, hours, reflection. */
export function benchRow(i: number): [string, string, string, string, string] {
  const day = (i % 28) + 1;
  const month = (Math.floor(i / 28) % 12) + 1;
  const date = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2024`;
  return [date, `${TITLES[i % TITLES.length]} (${i + 1})`, TYPES[i % TYPES.length]!, String(((i % 12) + 1) / 2), REFLECTIONS[i % REFLECTIONS.length]!];
}

const cell = (t: string): TableCell => new TableCell({ children: [new Paragraph(t)] });

/** Writes a .docx holding a title and one table of `rows` activities (header + rows × 5 columns). */
export async function writeDocxLog(path: string, rows: number): Promise<void> {
  const trs = [new TableRow({ children: ['Date', 'Activity', 'Type', 'Hours', 'Reflection'].map(cell), tableHeader: true })];
  for (let i = 0; i < rows; i++) trs.push(new TableRow({ children: benchRow(i).map(cell) }));
  const doc = new Document({
    creator: 'cpd-import bench',
    sections: [{ children: [new Paragraph('CPD Record 2024'), new Table({ rows: trs, width: { size: 100, type: WidthType.PERCENTAGE } })] }],
  });
  writeFileSync(path, await Packer.toBuffer(doc));
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

/** Wraps text at spaces to `width` points with the document's current font. */
function wrap(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(' ')) {
    const next = line === '' ? w : `${line} ${w}`;
    if (line !== '' && doc.widthOfString(next) > width) {
      out.push(line);
      line = w;
    } else line = next;
  }
  out.push(line);
  return out;
}

/**
 * Writes a `pages`-page PDF report: running title, header repeated per page, unruled rows with wrapped activity
 * and reflection cells, "Page N of M" footer. Returns the number of activity rows written.
 */
export async function writePdfReport(path: string, pages: number): Promise<number> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false, bufferPages: true });
  const done = collect(doc);
  const cols = [
    { x: 50, w: 62 },
    { x: 122, w: 150 },
    { x: 282, w: 68 },
    { x: 356, w: 28 },
    { x: 396, w: 150 },
  ];
  let i = 0;
  for (let p = 1; p <= pages; p++) {
    doc.addPage();
    doc.font('Helvetica').fontSize(8).text('Northbridge Engineering Ltd · CPD report 2024', 50, 28, { lineBreak: false });
    doc.text(`Page ${p} of ${pages}`, 270, 805, { lineBreak: false });
    doc.font('Helvetica-Bold').fontSize(9);
    ['Date', 'Activity', 'Type', 'Hours', 'Reflection'].forEach((h, k) => doc.text(h, cols[k]!.x, 60, { lineBreak: false }));
    doc.font('Helvetica').fontSize(9);
    let y = 80;
    for (;;) {
      const row = benchRow(i);
      const lines = row.map((t, k) => wrap(doc, t, cols[k]!.w));
      const h = Math.max(...lines.map((l) => l.length)) * 11;
      if (y + h > 780) break;
      lines.forEach((ls, k) => ls.forEach((l, j) => doc.text(l, cols[k]!.x, y + j * 11, { lineBreak: false })));
      y += h + 8;
      i++;
    }
  }
  doc.end();
  writeFileSync(path, await done);
  return i;
}

/** Writes a one-page PDF whose only content is a 300 dpi image of a dense A4 table page (a scan). */
export async function writeScannedPage(path: string): Promise<void> {
  const src = new PDFDocument({ size: 'A4', margin: 50, autoFirstPage: false });
  const done = collect(src);
  src.addPage();
  src.font('Helvetica-Bold').fontSize(14).text('CPD record 2024', 50, 50, { lineBreak: false });
  src.fontSize(10);
  ['Date', 'Activity', 'Hours', 'Type'].forEach((h, k) => src.text(h, [50, 130, 400, 450][k]!, 90, { lineBreak: false }));
  src.font('Helvetica');
  for (let r = 0; r < 30; r++) {
    const row = benchRow(r);
    [row[0], row[1], row[3], row[2]].forEach((t, k) => src.text(t, [50, 130, 400, 450][k]!, 110 + r * 22, { lineBreak: false }));
  }
  src.end();
  const pdf = await done;
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const d = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const page = await d.getPage(1);
  const vp = page.getViewport({ scale: 300 / 72 });
  const canvas = createCanvas(Math.round(vp.width), Math.round(vp.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx, viewport: vp, canvas } as unknown as Parameters<typeof page.render>[0]).promise;
  const jpeg = canvas.toBuffer('image/jpeg', 85);
  await d.destroy();
  const out = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const done2 = collect(out);
  out.addPage().image(jpeg, 0, 0, { width: 595.28, height: 841.89 });
  out.end();
  writeFileSync(path, await done2);
}
