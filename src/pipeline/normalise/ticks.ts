/**
 * Tick boxes, as forms and trackers write them: a cell of a checkbox column (`☒`, `✓`, `x`, `yes` against `☐`, `no`,
 * blank), and a line of boxes in one value (`☒ Training course ☐ Work experience ☐ Volunteering`, `[x] Webinar [ ]
 * Course`), where the ticked option is the value and the others are only what was offered.
 *
 * Trial 5: a Word form's category line of boxes gave the category of the last option named (Volunteering) whichever
 * was ticked, and a tracker with one checkbox column per TWAVES letter gave none. The marks are those of Word's and
 * Google's checkbox characters (U+2610 ☐ empty, U+2612 ☒ and U+2611 ☑ ticked), the check marks ✓ ✔ ✅, a typed `x`
 * or `[x]`, and the yes/no words spreadsheets and Airtable or Notion exports write for a box. `✗ ✘ ❌` are a cross
 * meaning no in a yes/no column, not a tick.
 */

/** A tick: a ticked box's character or word. */
const TICKED_RE = /^(?:☒|☑|✓|✔|✅|■|x|yes|y|true|checked|ticked|\[\s*[x✓✔]\s*\]|\(\s*[x✓✔]\s*\))$/i;
/** A box not ticked. */
const UNTICKED_RE = /^(?:☐|□|❏|❑|✗|✘|❌|no|n|false|unchecked|unticked|\[\s*\]|\(\s*\))$/i;

/** A box mark inside a line of options: a box character, a check mark, or `[x]` / `[ ]`. */
const BOX = /☒|☑|☐|□|❏|❑|✓|✔|✅|\[\s*[x✓✔]?\s*\]/gi;

/**
 * What one cell of a checkbox column says: `true` ticked, `false` not ticked, `null` when it is no tick mark at
 * all (a word, a date). A blank cell is `null` here: the caller decides whether blank means "not ticked".
 */
export function readTick(text: string): boolean | null {
  const t = text.trim();
  if (t === '') return null;
  if (TICKED_RE.test(t)) return true;
  if (UNTICKED_RE.test(t)) return false;
  return null;
}

/**
 * The options of a line of boxes and which are ticked: `☒ Training course ☐ Work experience ☐ Event` →
 * `{ ticked: ['Training course'], options: ['Training course', 'Work experience', 'Event'] }`. Each box is followed
 * by its option's words (text before the first box is a label, `Category: ☐ …`); boxes after their words
 * (`Course ☒ Webinar ☐`) are read the same way. Null when the text is not such a line (fewer than two boxes, or a
 * box with no words).
 */
export function tickedOptions(text: string): { ticked: string[]; options: string[] } | null {
  const marks = [...text.matchAll(BOX)];
  if (marks.length < 2) return null;
  const last = marks[marks.length - 1]!;
  const tail = text.slice(last.index + last[0].length);
  // Boxes after their words ("Course ☒  Webinar ☐"): words before the first box and none after the last.
  const trailing = HAS_WORD.test(text.slice(0, marks[0]!.index)) && !HAS_WORD.test(tail);
  const options: string[] = [];
  const ticked: string[] = [];
  for (let i = 0; i < marks.length; i++) {
    const m = marks[i]!;
    const from = trailing ? (i === 0 ? 0 : marks[i - 1]!.index + marks[i - 1]![0].length) : m.index + m[0].length;
    const to = trailing ? m.index : i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    const option = text.slice(from, to).replace(/^[\s:;,|/]+|[\s:;,|/]+$/g, '');
    if (!HAS_WORD.test(option)) return null;
    options.push(option);
    if (readTick(m[0]) === true) ticked.push(option);
  }
  return { ticked, options };
}

/** Text that can name an option: a letter (`A1` names a UK-SPEC code). */
const HAS_WORD = /[A-Za-z\u00c0-\u024f]/;
