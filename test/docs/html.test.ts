/**
 * Web pages (src/pipeline/extract/html.ts, issue 15 §3): a CPD portal's saved record page, a diary page of labelled
 * blocks, and an LMS "Excel" export that is an HTML table named .xls — read like Word documents, with the page's
 * scripts, navigation and styles left out.
 */
import { describe, expect, it } from 'vitest';
import { nestingDepth } from '../../src/pipeline/extract/html.js';
import { importFile } from '../../src/pipeline/import.js';
import { fields } from './helpers.js';

const TODAY = '2026-11-29';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

const portalPage = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>My CPD record 2026 | Members' area</title>
<style>.grid td { padding: 4px }</style><script>window.dataLayer = [{ page: 'cpd' }];</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/cpd">My CPD</a></li><li><a href="/logout">Sign out</a></li></ul></nav>
<div class="container"><div class="row"><main>
  <h1>CPD record</h1>
  <p>Member: <strong>Aoife Brennan</strong> CEng MIET<br>Membership number: 1098765</p>
  <div class="table-responsive"><table class="grid">
    <thead><tr><th>Date</th><th>Activity</th><th>Type</th><th>Hours</th><th>Reflection</th></tr></thead>
    <tbody>
      <tr><td><span class="date">14/01/2026</span></td><td><a href="/a/1">IET webinar: grid-scale batteries</a></td><td>Webinar</td><td>1.5</td><td><div><p>Compared LFP and NMC degradation; will use in the storage tender.</p></div></td></tr>
      <tr><td>03/02/2026</td><td>Arc flash awareness course</td><td>Course</td><td>7</td><td>Changed our switching procedure.</td></tr>
      <tr><td>19/03/2026</td><td>Mentored a graduate on protection settings</td><td>Mentoring</td><td>2</td><td></td></tr>
    </tbody>
  </table></div>
</main></div></div>
<footer><p>&copy; 2026 Members' portal</p><script>track();</script></footer>
</body></html>`;

describe('a CPD portal page saved from the browser', () => {
  it('reads the records table inside the layout and leaves navigation, scripts and styles out', async () => {
    const res = await importFile(enc(portalPage), 'my-cpd.html', { today: TODAY });
    expect(res.format).toBe('html');
    expect(res.records.map((r) => [r.startDate, r.activityName, r.activityType, r.hours, r.reflection])).toEqual([
      ['2026-01-14', 'IET webinar: grid-scale batteries', 'Webinar', 1.5, 'Compared LFP and NMC degradation; will use in the storage tender.'],
      ['2026-02-03', 'Arc flash awareness course', 'Course', 7, 'Changed our switching procedure.'],
      ['2026-03-19', 'Mentored a graduate on protection settings', 'Mentoring', 2, null],
    ]);
    expect(res.records[1]!.source).toMatchObject({ file: 'my-cpd.html', table: 1, row: 3 });
    expect(JSON.stringify(res)).not.toMatch(/dataLayer|track\(\)|Sign out|padding/);
  });
});

const diaryPage = `<html><head><title>Learning diary</title></head><body>
<div class="entry"><h2>Designing for net zero (IET webinar)</h2>
  <p>Date: 12 March 2026<br>Time spent: 1.5 hours<br>Category: Training</p>
  <p>What I learnt: embodied carbon dominates in our substations.</p></div>
<div class="entry"><h2>IET Code of Practice for cyber security</h2>
  <dl><dt>Date</dt><dd>2 April 2026</dd><dt>Time spent</dt><dd>3 hours</dd><dt>Category</dt><dd>Self-study</dd></dl>
  <p>What I learnt: asset inventories come first.</p></div>
</body></html>`;

describe('a diary page of labelled blocks', () => {
  it('reads each heading and its labelled lines (split at line breaks, definition lists) as one activity', async () => {
    const res = await importFile(enc(diaryPage), 'diary.htm', { today: TODAY });
    expect(res.records.map((r) => [r.activityName, r.startDate, r.hours, r.twaves, r.reflection])).toEqual([
      ['Designing for net zero (IET webinar)', '2026-03-12', 1.5, 'T', 'embodied carbon dominates in our substations.'],
      ['IET Code of Practice for cyber security', '2026-04-02', 3, 'S', 'asset inventories come first.'],
    ]);
  });
});

const excelHtml = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="ProgId" content="Excel.Sheet"></head>
<body><table border="1">
<tr><td colspan="4"><b>Learning transcript - Ravi Chandran - exported 01/12/2026</b></td></tr>
<tr><td><b>Course Title</b></td><td><b>Completion Date</b></td><td><b>Status</b></td><td><b>Duration (mins)</b></td></tr>
<tr><td>Fire safety refresher</td><td>2026-05-07</td><td>Completed</td><td>45</td></tr>
<tr><td>Data protection essentials</td><td>2026-06-18</td><td>Completed</td><td>90</td></tr>
<tr><td>Leading hybrid teams</td><td></td><td>In progress</td><td>120</td></tr>
</table></body></html>`;

describe("an LMS 'Excel' export that is an HTML table named .xls", () => {
  it('is read as a web page, with a warning that its name promises another format', async () => {
    const res = await importFile(enc(excelHtml), 'transcript.xls', { today: TODAY });
    expect(res.format).toBe('html');
    expect(res.fileGaps.filter((g) => g.code === 'format').map((g) => g.message)).toEqual(['named .xls but holds a web page (HTML); read as a web page']);
    expect(res.records.map((r) => fields(r)).map((f) => [f.activityName, f.endDate ?? f.startDate, f.hours, f.status])).toEqual([
      ['Fire safety refresher', '2026-05-07', 0.75, 'completed'],
      ['Data protection essentials', '2026-06-18', 1.5, 'completed'],
      ['Leading hybrid teams', null, 2, 'planned'],
    ]);
  });
});

describe('pages with nothing to read', () => {
  it('a page with no text in its body is empty', async () => {
    await expect(importFile(enc('<html><head><title>x</title><script>var a=1</script></head><body>  </body></html>'), 'blank.html')).rejects.toMatchObject({
      code: 'empty',
      message: 'the web page has no text',
    });
  });
  it('a page nesting 20,000 elements, or 60 tables, is refused at once as too large (no stack overflow, no retries)', async () => {
    const divs = `<html><body>${'<div>'.repeat(20_000)}x${'</div>'.repeat(20_000)}<table><tr><th>Date</th><th>Activity</th></tr></table></body></html>`;
    await expect(importFile(enc(divs), 'deep.html')).rejects.toMatchObject({ code: 'too_large', message: 'the web page nests its elements 20,000 levels deep (the limit is 400)' });
    const tables = `<html><body>${'<table><tr><td>'.repeat(60)}x${'</td></tr></table>'.repeat(60)}</body></html>`;
    await expect(importFile(enc(tables), 'tables.html')).rejects.toMatchObject({ code: 'too_large', message: 'the web page nests tables 60 levels deep (the limit is 40)' });
  });

  it('counts only closed containers: unclosed paragraphs and list items of ordinary HTML do not add depth', () => {
    expect(nestingDepth(`<div>${'<p>text<li>item'.repeat(1000)}</div>`)).toEqual({ elements: 1, tables: 0 });
  });
});
