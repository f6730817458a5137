/**
 * Word's placeholder text, read as empty (trial 8): a form built from content controls shows "Click or tap here to
 * enter text." or "Choose an item." in every control left unfilled. That text is Word's, not the member's, so it
 * must become no record and no value. Found by mechanism, never by its wording (which changes with Word's version
 * and language):
 * - a content control (`w:sdt`) whose properties say it is showing its placeholder (`w:showingPlcHdr`);
 * - a run in the built-in character style "Placeholder Text" (its id is looked up by name in `word/styles.xml`;
 *   the id is translated in some languages, the name never is);
 * - a table row all of whose text is in Word's placeholder grey (`808080`) in a document that has rows in other
 *   colours: a form's unfilled row shows its hints in grey (a copy or an older control that lost its flag).
 *
 * Source of the rule: ECMA-376 Part 1 (WordprocessingML), structured document tags: `showingPlcHdr` says the
 * control's content is its placeholder text; Word shows that text in its "Placeholder Text" style. Pure string
 * functions; no I/O.
 */

/** Word's placeholder grey: the colour of the "Placeholder Text" style. */
const PLACEHOLDER_GREY = '808080';

/** The document part with placeholder texts emptied, and how many runs of text were emptied. */
export interface PlaceholdersBlanked {
  xml: string;
  blanked: number;
}

/**
 * Empties the text of Word's placeholders in `word/document.xml` (see the module comment for what counts as one).
 * The markup is kept (cells, paragraphs and controls stay where they were), only the `w:t` texts are emptied, so
 * tables keep their shape.
 * @param documentXml `word/document.xml`
 * @param stylesXml `word/styles.xml`, when the document has one
 */
export function blankPlaceholders(documentXml: string, stylesXml?: string): PlaceholdersBlanked {
  if (!documentXml.includes('showingPlcHdr') && !documentXml.includes(PLACEHOLDER_GREY) && !(stylesXml ?? '').includes('Placeholder Text')) {
    return { xml: documentXml, blanked: 0 };
  }
  const ranges: [number, number][] = [...controlsShowingPlaceholders(documentXml)];
  const styleId = placeholderStyleId(stylesXml);
  const runs = runsOf(documentXml);
  for (const r of runs) if (styleId !== null && r.style === styleId && r.text) ranges.push([r.start, r.end]);
  ranges.push(...greyRows(documentXml, runs));
  if (ranges.length === 0) return { xml: documentXml, blanked: 0 };
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let blanked = 0;
  for (const [s, e] of ranges) {
    if (e <= at) continue;
    const from = Math.max(s, at);
    out += documentXml.slice(at, from);
    out += documentXml.slice(from, e).replace(/(<w:t(?:\s[^>]*)?>)[^<]+(<\/w:t>)/g, (_m, open: string, close: string) => {
      blanked++;
      return `${open}${close}`;
    });
    at = e;
  }
  return { xml: out + documentXml.slice(at), blanked };
}

/** Ranges of content controls (`w:sdt`, nested or not) whose own properties carry `w:showingPlcHdr` (not `w:val="0"`/`"false"`). */
function controlsShowingPlaceholders(xml: string): [number, number][] {
  const out: [number, number][] = [];
  const stack: number[] = [];
  const re = /<(\/?)w:sdt(?=[\s>])[^>]*>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    if (m[1] === '') {
      stack.push(m.index);
      continue;
    }
    const start = stack.pop();
    if (start === undefined) continue;
    const end = m.index + m[0].length;
    const pr = /<w:sdtPr\b[^>]*>([\s\S]*?)<\/w:sdtPr>/.exec(xml.slice(start, end));
    if (pr && /<w:showingPlcHdr\b(?![^>]*w:val="(0|false|off)")/.test(pr[1]!)) out.push([start, end]);
  }
  return out;
}

/** The id of the character style named "Placeholder Text", or null. */
function placeholderStyleId(styles: string | undefined): string | null {
  if (styles === undefined) return null;
  const re = /<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(styles)) !== null) {
    if (!/<w:name w:val="Placeholder Text"\s*\/>/i.test(m[2]!)) continue;
    const id = /w:styleId="([^"]+)"/.exec(m[1]!);
    if (id) return id[1]!;
  }
  return null;
}

/** One run (`w:r`) of the document: where it is, its character style and colour, whether it holds text. */
interface Run {
  start: number;
  end: number;
  style: string | null;
  grey: boolean;
  text: boolean;
}

function runsOf(xml: string): Run[] {
  const out: Run[] = [];
  const re = /<w:r(?=[\s>])[^>]*>([\s\S]*?)<\/w:r>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    const body = m[1]!;
    // The run's own properties come first; a drawing's nested runs are not its own.
    const pr = /^<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(body)?.[1] ?? '';
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      style: /<w:rStyle w:val="([^"]+)"/.exec(pr)?.[1] ?? null,
      grey: new RegExp(`<w:color w:val="${PLACEHOLDER_GREY}"`, 'i').test(pr),
      text: /<w:t(?:\s[^>]*)?>[^<]*\S[^<]*<\/w:t>/.test(body),
    });
  }
  return out;
}

/** Table rows (innermost) all of whose text runs are grey, when some other row has text that is not. */
function greyRows(xml: string, runs: readonly Run[]): [number, number][] {
  if (!runs.some((r) => r.grey && r.text)) return [];
  const grey: [number, number][] = [];
  let coloured = false;
  const re = /<w:tr(?=[\s>])[^>]*>((?:(?!<w:tr[\s>])[\s\S])*?)<\/w:tr>/g;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(xml)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    while (k < runs.length && runs[k]!.start < start) k++;
    let any = 0;
    let greyText = 0;
    for (let j = k; j < runs.length && runs[j]!.start < end; j++) {
      if (!runs[j]!.text) continue;
      any++;
      if (runs[j]!.grey) greyText++;
    }
    if (any > 0 && greyText === any) grey.push([start, end]);
    else if (any > greyText) coloured = true;
  }
  return coloured ? grey : [];
}
