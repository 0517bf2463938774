import { describe, expect, it } from 'vitest';
import { Batcher } from './batch.js';

/** A Batcher over an in-memory table that records each call it gets. */
function recording(options: { failMany?: (records: number[]) => boolean; failOne?: (record: number) => boolean; maxBatch?: number } = {}) {
  const calls: Array<{ kind: 'many' | 'one'; records: number[] }> = [];
  const written: number[] = [];
  const batcher = new Batcher<number>({
    maxBatch: options.maxBatch,
    async writeMany(records) {
      calls.push({ kind: 'many', records: [...records] });
      if (options.failMany?.(records)) throw new Error('batch refused');
      written.push(...records);
      return [];
    },
    async writeOne(record) {
      calls.push({ kind: 'one', records: [record] });
      if (options.failOne?.(record)) throw new Error(`record ${record} refused`);
      written.push(record);
    },
  });
  return { batcher, calls, written };
}

describe('Batcher', () => {
  it('gives each record the result its batch returned for it', async () => {
    const batcher = new Batcher<number, number>({ writeMany: async (records) => records.map((n) => n * 10), writeOne: async (n) => n * 10 });
    expect(await Promise.all([1, 2, 3].map((n) => batcher.add(n)))).toEqual([10, 20, 30]);
  });

  it('writes the records added in one turn of the event loop with one call', async () => {
    const { batcher, calls, written } = recording();
    await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(calls).toEqual([{ kind: 'many', records: [1, 2, 3] }]);
    expect(written).toEqual([1, 2, 3]);
  });

  it('never puts more than maxBatch records in one call', async () => {
    const { batcher, calls, written } = recording({ maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    expect(calls.map((c) => c.records)).toEqual([[1, 2], [3, 4], [5]]);
    expect(written.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('writes each record of a failed batch alone, so that only the bad one is lost', async () => {
    const { batcher, written } = recording({ failMany: (r) => r.length > 1, failOne: (r) => r === 2 });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.add(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(written).toEqual([1, 3]);
  });

  it('rejects a record written alone that fails, with its error', async () => {
    const { batcher } = recording({ failMany: () => true });
    await expect(batcher.add(7)).rejects.toThrow('batch refused');
  });

  it('settles once every record added so far is written', async () => {
    const { batcher, written } = recording();
    void batcher.add(1);
    void batcher.add(2);
    expect(batcher.size).toBe(2);
    await batcher.settled();
    expect(written).toEqual([1, 2]);
    expect(batcher.size).toBe(0);
  });

  it('with a delay, writes the records of several turns with one call, and settled() does not wait for the delay', async () => {
    const calls: number[][] = [];
    const batcher = new Batcher<number>({ delayMs: 600_000, writeMany: async (r) => (calls.push([...r]), []), writeOne: async (r) => void calls.push([r]) });
    void batcher.add(1);
    await new Promise((r) => setImmediate(r));
    void batcher.add(2);
    await batcher.settled();
    expect(calls).toEqual([[1, 2]]);
  });

  it('with a delay, writes a batch as soon as it is full', async () => {
    const calls: number[][] = [];
    const batcher = new Batcher<number>({ delayMs: 600_000, maxBatch: 2, writeMany: async (r) => (calls.push([...r]), []), writeOne: async (r) => void calls.push([r]) });
    await Promise.all([batcher.add(1), batcher.add(2)]);
    expect(calls).toEqual([[1, 2]]);
  });
});
