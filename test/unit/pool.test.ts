/**
 * The import thread pool (src/pipeline/pool.ts): results as from `importFile`, and a file needing more than the
 * thread's memory limit failing as `too_large` with the limit named, the pool still working afterwards (issue 12).
 * Runs the compiled thread script in dist/ (`npm test` builds first).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ImportThreadPool } from '../../src/pipeline/pool.js';

const pool = new ImportThreadPool({ size: 1, threadMemoryMb: 96 });
afterAll(() => pool.close());

const small = 'Date,Activity,Hours\n12/03/2026,IET webinar: Power electronics for EVs,1.5\n';

describe('ImportThreadPool', () => {
  it('reads a file in a thread', async () => {
    const res = await pool.run(new TextEncoder().encode(small), 'log.csv', { today: '2026-11-29' });
    expect(res.records.map((r) => [r.startDate, r.activityName, r.hours])).toEqual([['2026-03-12', 'IET webinar: Power electronics for EVs', 1.5]]);
  });

  it('a file needing more memory than the thread limit fails as too_large naming the limit; the next file is read', async () => {
    const rows = Array.from({ length: 45_000 }, (_, i) => `0${(i % 28) + 1}/03/2026,Course ${i} ${'on protection relays '.repeat(4)},1.5,${'reflection '.repeat(20)}`);
    const big = new TextEncoder().encode(`Date,Activity,Hours,Reflection\n${rows.join('\n')}\n`);
    await expect(pool.run(big, 'big.csv', { today: '2026-11-29' })).rejects.toMatchObject({
      code: 'too_large',
      message: 'the file needs more memory to read than the limit of 96 MB per import allows',
    });
    const res = await pool.run(new TextEncoder().encode(small), 'log.csv', { today: '2026-11-29' });
    expect(res.records).toHaveLength(1);
  });
});

describe('ImportThreadPool.runJson', () => {
  it('writes exactly JSON.stringify of the result run gives, in order', async () => {
    const bytes = new TextEncoder().encode(small);
    const expected = JSON.stringify(await pool.run(bytes, 'log.csv', { today: '2026-11-29' }));
    const written: string[] = [];
    await pool.runJson(bytes, 'log.csv', { today: '2026-11-29' }, (t) => written.push(t));
    expect(written.join('')).toBe(expected);
    expect(expected).toContain('"activityName":"IET webinar: Power electronics for EVs"');
  });

  it("a file that cannot be read rejects with the file's ImportError and writes nothing", async () => {
    const written: string[] = [];
    await expect(pool.runJson(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx', {}, (t) => written.push(t))).rejects.toMatchObject({ name: 'ImportError' });
    expect(written).toEqual([]);
  });
});
