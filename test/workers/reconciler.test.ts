/**
 * The reconciler's lease (workers/reconciler.ts, src/queue/queue.ts): of several processes on one queue only the
 * holder of the lease runs reconcile passes; it renews the lease while it runs and gives it up when stopped, and a
 * lease whose holder died lapses so another takes over. Real Redis, a unique key prefix; the store is a stub that
 * counts passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportQueue } from '../../src/queue/queue.js';
import type { Store } from '../../src/store/store.js';
import { RECONCILER_LEASE, startReconciler } from '../../workers/reconciler.js';
import { REDIS_URL, uniquePrefix, waitFor } from '../helpers/service.js';

let queue: ImportQueue;

beforeAll(() => {
  queue = new ImportQueue(REDIS_URL, uniquePrefix('lease'), { attempts: 1, backoffMs: 50 });
});
afterAll(async () => {
  await queue.close();
});

/** A store stub whose only used method records which reconciler ran a pass. */
function countingStore(name: string, passes: string[]): Store {
  return { imports: { findUnfinished: async () => (passes.push(name), []) } } as unknown as Store;
}

describe('reconciler lease', () => {
  it('is held by one token at a time, renewed by its holder, released, and lapses', async () => {
    expect(await queue.holdLease('t', 'a', 5_000)).toBe(true);
    expect(await queue.holdLease('t', 'b', 5_000)).toBe(false);
    expect(await queue.holdLease('t', 'a', 5_000)).toBe(true);
    await queue.releaseLease('t', 'b'); // not b's: nothing happens
    expect(await queue.holdLease('t', 'b', 5_000)).toBe(false);
    await queue.releaseLease('t', 'a');
    expect(await queue.holdLease('t', 'b', 200)).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await queue.holdLease('t', 'c', 5_000)).toBe(true);
    await queue.releaseLease('t', 'c');
  });

  it('runs passes in one of two processes only; the other takes over when the first stops', async () => {
    const passes: string[] = [];
    const stopA = startReconciler(countingStore('A', passes), queue, { intervalMs: 100, graceMs: 0 });
    await new Promise((r) => setTimeout(r, 30));
    const stopB = startReconciler(countingStore('B', passes), queue, { intervalMs: 100, graceMs: 0 });
    await waitFor('five passes', async () => (passes.length >= 5 ? true : undefined));
    expect(new Set(passes).size).toBe(1);
    const first = passes[0]!;
    await (first === 'A' ? stopA() : stopB());
    const before = passes.length;
    const other = first === 'A' ? 'B' : 'A';
    await waitFor(`a pass by ${other}`, async () => (passes.slice(before).includes(other) ? true : undefined));
    await (first === 'A' ? stopB() : stopA());
    expect(passes.slice(before).every((p) => p === other)).toBe(true);
    expect(await queue.holdLease(RECONCILER_LEASE, 'someone-else', 1_000)).toBe(true);
  });
});
