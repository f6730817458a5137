/**
 * The mapping of labelled blocks (Word and PDF "Label: value" activities, label/value forms in sheets): for each
 * label, the field it went to, how, how sure and why, as for a table's columns (`assign.ts`); and, as for columns,
 * a file-level `unmapped` warning for each label holding values that maps to no field, naming it with two samples
 * (issue 9: no column — or label — dropped quietly; its values stay in each record's `extras`).
 */
import { gap, type ColumnMapping, type Gap, type RecordField } from '../../domain/index.js';
import { seriesLabel } from '../extract/blocks.js';
import { matchHeading } from '../headings.js';
import { cellText, UNLABELLED, type LabelledBlock } from '../types.js';
import { fieldLabel, readHeading } from './meaning.js';

/**
 * The mapping of the labels of `blocks`, in order of first use (with up to three sample values each when
 * `withSamples`), and the warnings for labels that map to no field.
 */
export function describeLabels(blocks: readonly LabelledBlock[], withSamples = false): { columns: ColumnMapping[]; gaps: Gap[] } {
  const seen = new Map<string, { mapping: ColumnMapping; samples: string[] }>();
  for (const b of blocks) {
    for (const v of b.values) {
      let entry = seen.get(v.label);
      if (entry === undefined) {
        entry = { mapping: v.field === undefined ? labelMapping(v.label) : readAs(v.label, v.field), samples: [] };
        seen.set(v.label, entry);
      }
      const t = cellText(v.value).trim();
      if (t !== '' && entry.samples.length < 3) entry.samples.push(t.length > 60 ? `${t.slice(0, 59)}…` : t);
    }
  }
  const gaps: Gap[] = [];
  for (const { mapping, samples } of seen.values()) {
    if (mapping.field !== null || samples.length === 0) continue;
    const eg = samples
      .slice(0, 2)
      .map((t) => `"${t}"`)
      .join(', ');
    gaps.push(
      mapping.heading === UNLABELLED
        ? gap(null, 'unmapped', 'warning', `text under the activities' headings has no label and maps to no record field; it is kept in extras ("${UNLABELLED}"), e.g. ${eg}`, mapping.heading)
        : gap(null, 'unmapped', 'warning', `the label "${mapping.heading}" maps to no record field (${mapping.reason}); its values are kept in extras, e.g. ${eg}`, mapping.heading),
    );
  }
  return { columns: [...seen.values()].map((e) => (withSamples ? { ...e.mapping, samples: e.samples } : e.mapping)), gaps };
}

/** The mapping of a label whose values the extractor read as a field by their place in a plan (extract/blocks.ts). */
function readAs(label: string, field: RecordField): ColumnMapping {
  const own = labelMapping(label);
  if (own.field === field) return own;
  return { column: label, heading: label, field, how: 'content', confidence: 0.7, reason: `read as the ${fieldLabel(field)} by its place in the plan's layout (the file's notes say which)` };
}

/** How one label maps: as a known heading, by its words, or to no field (with what it names, when known). */
function labelMapping(label: string): ColumnMapping {
  const m = matchHeading(label);
  if (m) {
    const field = m.fields.find((f) => f !== 'twaves') ?? m.fields[0]!;
    const how = m.how;
    const confidence = how === 'synonym' ? 0.95 : how === 'fuzzy' ? 0.8 : 0.75;
    const reason = how === 'words' ? m.synonym : how === 'synonym' ? `label "${label}" is a known heading for the ${fieldLabel(field)}` : `label "${label}" reads as "${m.synonym}" (a misspelling)`;
    return { column: label, heading: label, field, how, confidence, reason };
  }
  const series = label === UNLABELLED ? null : seriesLabel(label);
  if (series !== null) {
    return { column: label, heading: label, field: series.field, how: 'words', confidence: 0.75, reason: `label "${label}" numbers one of a series of "${series.base}" → ${fieldLabel(series.field)}` };
  }
  const r = label === UNLABELLED ? null : readHeading(label);
  const reason = label === UNLABELLED ? 'text with no label' : r !== null && r.field === null ? r.reason : 'the label names no record field';
  return { column: label, heading: label, field: null, how: 'unmapped', confidence: 0, reason };
}
