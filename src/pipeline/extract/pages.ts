/**
 * The common end of the PDF and image extractors: positioned text per page → tables and labelled blocks, with
 * summary certificates recognised (docs/domain/CPD.md §8) and the year hint taken from the preamble or running titles.
 */
import type { Gap } from '../../domain/index.js';
import { MAX_TEXT_CHARS, type ExtractedTable, type Extraction } from '../types.js';
import { blocksFromParas } from './blocks.js';
import { definitionsOf, footnoteBlocks, footnoteTables } from './footnotes.js';
import { layoutPages, type PageItems } from './layout.js';
import { certificateNote, settleSummaryNotes, summaryTableNote } from './summary.js';

/**
 * Lays out the pages and returns the extraction.
 * @param pages positioned text items per page (text layer, form values, OCR words)
 * @param gaps  file-level gaps gathered so far (kept first; layout, preamble and certificate notes follow)
 * @param where how the file is named in messages (`"the PDF"`, `"the image"`)
 */
export function extractionFromPages(pages: readonly PageItems[], gaps: Gap[], where: string): Extraction {
  const layout = layoutPages(pages);
  gaps.push(...layout.gaps);
  const footnotes = definitionsOf(layout.tables, layout.paras);
  footnoteTables(layout.tables, footnotes);
  const tables: ExtractedTable[] = [];
  const notes: Gap[] = [];
  let dataRows = 0;
  for (const t of layout.tables) {
    const note = summaryTableNote(t.rows.map((r) => r.cells), `the table on page ${t.page ?? '?'}`);
    if (note) {
      notes.push(note);
      continue;
    }
    dataRows += Math.max(0, t.rows.length - 1);
    tables.push(t);
  }
  const blocks = blocksFromParas(layout.paras, where);
  footnoteBlocks(blocks.blocks, footnotes);
  gaps.push(...settleSummaryNotes(notes, dataRows > 0 || blocks.blocks.length > 0));
  gaps.push(...blocks.gaps);
  if (dataRows === 0 && blocks.blocks.length === 0 && !gaps.some((g) => g.code === 'no_activities')) {
    const note = certificateNote(layout.text);
    if (note) gaps.push(note);
  }
  const ex: Extraction = { tables, blocks: blocks.blocks, gaps, text: layout.text.slice(0, MAX_TEXT_CHARS) };
  const year = blocks.yearHint ?? layout.furnitureYears[0];
  if (year !== undefined) ex.yearHint = year;
  return ex;
}
