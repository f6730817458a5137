/**
 * Fair share of the import queue (src/queue/queue.ts, issue 12 §2), against the machine's Redis: one member's burst
 * of uploads does not hold back another member's file, and a worker takes jobs in that order.
 */
import { Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedis, IMPORT_QUEUE, ImportQueue } from '../../src/queue/queue.js';
import { REDIS_URL, uniquePrefix, waitFor } from '../helpers/service.js';

const prefix = uniquePrefix('fair');
const queue = new ImportQueue(REDIS_URL, prefix, { attempts: 1, backoffMs: 50 });

afterAll(async () => {
  await queue.queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
});

describe('fair share of the queue', () => {
  it("runs another member's first file before the rest of one member's burst, and keeps each member's own order", async () => {
    await queue.queue.pause();
    for (let i = 1; i <= 10; i++) await queue.enqueue(`a-${i}`, 'M-A');
    await queue.enqueue('b-1', 'M-B');
    await queue.enqueue('c-1', 'M-C');
    await queue.enqueue('b-2', 'M-B');
    // Queued again (by the reconciler): keeps its place.
    await queue.queue.remove('a-3');
    await queue.enqueue('a-3', 'M-A');
    const priorities = Object.fromEntries(await Promise.all(['a-1', 'a-2', 'a-3', 'a-10', 'b-1', 'b-2', 'c-1'].map(async (id) => [id, (await queue.getJob(id))!.opts.priority])));
    expect(priorities).toEqual({ 'a-1': 1, 'a-2': 2, 'a-3': 3, 'a-10': 10, 'b-1': 1, 'b-2': 2, 'c-1': 1 });

    const order: string[] = [];
    const connection = createRedis(REDIS_URL, 'worker');
    const worker = new Worker(IMPORT_QUEUE, async (job) => void order.push(job.id!), { connection, prefix, concurrency: 1 });
    await queue.queue.resume();
    await waitFor('all 13 jobs to run', async () => (order.length === 13 ? true : undefined));
    await worker.close();
    connection.disconnect();
    expect(order.slice(0, 6)).toEqual(['a-1', 'b-1', 'c-1', 'a-2', 'b-2', 'a-3']);
    expect(order.slice(6)).toEqual(['a-4', 'a-5', 'a-6', 'a-7', 'a-8', 'a-9', 'a-10']);
  });
});
