/**
 * Word's placeholder text (src/pipeline/extract/docx-placeholders.ts): unfilled content controls, runs in the
 * "Placeholder Text" style and grey hint rows are read as empty, so they give no record and no value (trial 8).
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { blankPlaceholders } from '../../src/pipeline/extract/docx-placeholders.js';
import { importFile } from '../../src/pipeline/import.js';

const t = (s: string): string => `<w:r><w:t xml:space="preserve">${s}</w:t></w:r>`;
const cell = (inner: string): string => `<w:tc><w:p>${inner}</w:p></w:tc>`;
/** A run-level content control; `shown` says it still shows its placeholder. */
const control = (text: string, shown: boolean): string =>
  `<w:sdt><w:sdtPr><w:id w:val="1"/>${shown ? '<w:showingPlcHdr/>' : ''}<w:text/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>${text}</w:t></w:r></w:sdtContent></w:sdt>`;

describe('blankPlaceholders', () => {
  it('empties the text of a control showing its placeholder and keeps a filled one', () => {
    const xml = `<w:tbl><w:tr>${cell(control('Kies een item.', true))}${cell(control('Radiation protection update', false))}</w:tr></w:tbl>`;
    const r = blankPlaceholders(xml);
    expect(r.blanked).toBe(1);
    expect(r.xml).toContain('<w:t></w:t>');
    expect(r.xml).not.toContain('Kies een item.');
    expect(r.xml).toContain('<w:t>Radiation protection update</w:t>');
  });

  it('a flag set to false is no placeholder', () => {
    const xml = control('Infection control audit', true).replace('<w:showingPlcHdr/>', '<w:showingPlcHdr w:val="false"/>');
    expect(blankPlaceholders(xml)).toEqual({ xml, blanked: 0 });
  });

  it('runs in the style named "Placeholder Text" are emptied whatever the style id (a German Word: Platzhaltertext)', () => {
    const styles = '<w:styles><w:style w:type="character" w:styleId="Platzhaltertext"><w:name w:val="Placeholder Text"/><w:rPr><w:color w:val="808080"/></w:rPr></w:style></w:styles>';
    const xml = `<w:p><w:r><w:t>Datum: </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Platzhaltertext"/></w:rPr><w:t>Klicken oder tippen Sie, um ein Datum einzugeben.</w:t></w:r></w:p>`;
    const r = blankPlaceholders(xml, styles);
    expect(r.blanked).toBe(1);
    expect(r.xml).toBe('<w:p><w:r><w:t>Datum: </w:t></w:r><w:r><w:rPr><w:rStyle w:val="Platzhaltertext"/></w:rPr><w:t></w:t></w:r></w:p>');
  });

  it('a table row all in placeholder grey is emptied when other rows are not grey; a document all in grey is left alone', () => {
    const grey = (s: string): string => `<w:r><w:rPr><w:color w:val="808080"/></w:rPr><w:t>${s}</w:t></w:r>`;
    const filled = `<w:tr>${cell(t('12/02/2026'))}${cell(t('Sedation refresher'))}</w:tr>`;
    const hint = `<w:tr>${cell(grey('Enter a date'))}${cell(grey('Enter the activity'))}</w:tr>`;
    const r = blankPlaceholders(`<w:tbl>${filled}${hint}</w:tbl>`);
    expect(r.blanked).toBe(2);
    expect(r.xml).toContain('Sedation refresher');
    expect(r.xml).not.toContain('Enter the activity');
    const allGrey = `<w:tbl>${hint}${hint}</w:tbl>`;
    expect(blankPlaceholders(allGrey)).toEqual({ xml: allGrey, blanked: 0 });
  });
});

describe('a Word CPD form with unfilled content controls', () => {
  it('gives the filled rows only, with no placeholder in any value', async () => {
    const row = (cells: string[]): TableRow => new TableRow({ children: cells.map((c) => new TableCell({ children: [new Paragraph(c)] })) });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('CPD record 2026'),
            new Table({
              rows: [
                row(['Date', 'Activity', 'Hours', 'What I learnt']),
                row(['12/02/2026', 'Sedation refresher', '3', 'Updated the recovery checklist.']),
                row(['03/03/2026', 'Safeguarding level 2', 'PH-HOURS', 'PH-TEXT']),
                row(['PH-DATE', 'PH-TEXT', 'PH-HOURS', 'PH-TEXT']),
              ],
            }),
          ],
        },
      ],
    });
    const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
    const xml = (await zip.file('word/document.xml')!.async('string')).replace(/<w:r>(?:(?!<w:r>).)*?<w:t xml:space="preserve">(PH-[A-Z]+)<\/w:t><\/w:r>/g, (_m, k: string) =>
      control(k === 'PH-DATE' ? 'Click or tap to enter a date.' : k === 'PH-HOURS' ? 'Choose an item.' : 'Click or tap here to enter text.', true),
    );
    expect(xml).toContain('showingPlcHdr');
    zip.file('word/document.xml', xml);
    const r = await importFile(await zip.generateAsync({ type: 'uint8array' }), 'form.docx', { today: '2026-11-29' });
    expect(r.records.map((x) => [x.activityName, x.startDate, x.hours, x.reflection])).toEqual([
      ['Sedation refresher', '2026-02-12', 3, 'Updated the recovery checklist.'],
      ['Safeguarding level 2', '2026-03-03', null, null],
    ]);
    expect(JSON.stringify(r)).not.toMatch(/Click or tap|Choose an item/);
  });
});
