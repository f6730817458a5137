/**
 * Writing a result's JSON text in pieces (src/pipeline/json-chunks.ts, issue 13): the pieces joined are exactly
 * `JSON.stringify` of the value, so the CLI's `--json` line is unchanged while it streams.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/pipeline/import.js';
import { writeJsonChunks } from '../../src/pipeline/json-chunks.js';

function pieces(value: object, chunkChars?: number): string[] {
  const out: string[] = [];
  writeJsonChunks(value, (t) => out.push(t), chunkChars);
  return out;
}

describe('writeJsonChunks', () => {
  it('an imported log: the pieces joined are JSON.stringify of the result, in pieces of about the size asked', async () => {
    const result = await importFile(readFileSync('fixtures/csv/multiline-lf-crlf.csv'), 'multiline-lf-crlf.csv', { today: '2026-11-29' });
    expect(result.records.length).toBeGreaterThan(2);
    const all = pieces(result, 300);
    expect(all.join('')).toBe(JSON.stringify(result));
    expect(all.length).toBeGreaterThan(3);
    expect(all.slice(0, -1).every((p) => p.length >= 300)).toBe(true);
    expect(pieces(result)).toEqual([JSON.stringify(result)]);
  });

  it('leaves out what JSON.stringify leaves out, writes null for such array elements, and empty arrays and objects', () => {
    const value = { file: 'a "quoted"\nname.csv', gone: undefined, fn: () => 1, records: [1, undefined, { a: undefined, b: [] }], empty: [], obj: {}, n: null };
    expect(pieces(value, 1).join('')).toBe(JSON.stringify(value));
    expect(pieces(value, 1).join('')).toBe('{"file":"a \\"quoted\\"\\nname.csv","records":[1,null,{"b":[]}],"empty":[],"obj":{},"n":null}');
  });

  it('an object with toJSON is written in one piece, as JSON.stringify writes it', () => {
    const value = { toJSON: () => ({ x: [1, 2] }) };
    expect(pieces(value, 1)).toEqual(['{"x":[1,2]}']);
  });
});
