import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, PG_SKIP_REASON, TEST_DATABASE_URL, type TestSchema } from '../../tests/support/pg-schema.js';
import { openStore, type StoreConfig } from './open.js';
import { percentile, type AnswerRecord, type Store } from './store.js';
import { questionWording } from './wording.js';

/** One backend under test: how to get a store config on a fresh, empty database, and how to clean up. */
interface Backend {
  name: string;
  skip: string | false;
  fresh(): Promise<{ config: StoreConfig; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    skip: false,
    async fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'cb-store-'));
      return { config: { kind: 'sqlite', file: join(dir, 'var', 'store.sqlite') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'PostgreSQL',
    skip: TEST_DATABASE_URL ? false : PG_SKIP_REASON,
    async fresh() {
      const schema: TestSchema = await createTestSchema();
      return { config: { kind: 'postgres', url: schema.url }, cleanup: () => schema.drop() };
    },
  },
];

const DAY = 24 * 60 * 60 * 1000;
const T0 = new Date('2026-11-20T10:00:00.000Z');
let seq = 0;

/** An answer record with defaults; `question` also sets the folded wording. */
function answer(over: Partial<AnswerRecord> = {}): AnswerRecord {
  seq += 1;
  const question = over.question ?? 'is Connect in scope?';
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    at: T0,
    platform: 'slack',
    workspace: 'T0TEST01',
    channelKind: 'channel',
    userId: 'h:0123456789abcdef',
    question,
    questionNorm: questionWording(question),
    verdict: 'yes',
    intent: 'service_scope',
    items: [{ name: 'Amazon Connect', status: 'in_scope' }],
    reportId: 'aws-soc3-2017',
    periodStart: '2017-04-01',
    periodEnd: '2017-09-30',
    latencyMs: 3,
    ...over,
  };
}

for (const backend of backends) {
  describe.skipIf(backend.skip)(`the store on ${backend.name}`, () => {
    let store: Store;
    let other: Store;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      const fresh = await backend.fresh();
      cleanup = fresh.cleanup;
      // Two stores (two replicas) on one empty database migrate at the same time: both succeed.
      store = await openStore(fresh.config);
      other = await openStore(fresh.config);
      await Promise.all([store.migrate(), other.migrate()]);
    });
    afterAll(async () => {
      await store?.close();
      await other?.close();
      await cleanup?.();
    });

    it('names its kind', () => {
      expect(store.kind).toBe(backend.name === 'SQLite' ? 'sqlite' : 'postgres');
    });

    it('applies migrations once: migrating again changes nothing', async () => {
      await store.migrate();
      await other.migrate();
      expect(await store.queryLog()).toEqual([]);
    });

    it('keeps an answered question with every field, and lists the log newest first with filters', async () => {
      const first = answer({ at: new Date(T0.getTime() - 2 * DAY), question: 'is SageMaker in scope?', verdict: 'no', items: [{ name: 'Amazon SageMaker', status: 'not_listed' }] });
      // A reply the platform refused is kept too, saying so.
      const second = answer({ at: new Date(T0.getTime() - DAY), platform: 'teams', workspace: 'tenant-1', channelKind: 'dm', verdict: 'unknown', intent: 'unknown', items: [], delivered: false });
      const third = answer({ channelKind: 'slash_command', latencyMs: 12.6 });
      for (const r of [first, second, third]) await store.recordAnswer(r);
      // The same id again (a retried write) is not a second row.
      await other.recordAnswer(third);

      const log = await store.queryLog();
      expect(log.map((r) => r.id)).toEqual([third.id, second.id, first.id]);
      const { questionNorm: _n, ...expected } = third;
      expect(log[0]).toEqual({ ...expected, latencyMs: 13, delivered: true, up: 0, down: 0 });
      expect(log[1]).toMatchObject({ id: second.id, delivered: false });
      expect(log[2]).toMatchObject({ verdict: 'no', items: [{ name: 'Amazon SageMaker', status: 'not_listed' }] });

      expect((await store.queryLog({ verdict: 'unknown' })).map((r) => r.id)).toEqual([second.id]);
      expect((await store.queryLog({ platform: 'teams' })).map((r) => r.id)).toEqual([second.id]);
      expect((await store.queryLog({ since: new Date(T0.getTime() - DAY - 1) })).map((r) => r.id)).toEqual([third.id, second.id]);
      expect((await store.queryLog({ limit: 1 })).map((r) => r.id)).toEqual([third.id]);
    });

    it('keeps one vote per voter per answer: a second click changes it; a reason goes with a 👎 only', async () => {
      const a = answer();
      await store.recordAnswer(a);
      await store.recordFeedback({ answerId: a.id, voter: 'h:aaa', platform: 'slack', vote: 'up', at: T0 });
      await other.recordFeedback({ answerId: a.id, voter: 'h:aaa', platform: 'slack', vote: 'down', reason: 'it is listed under another name', at: T0 });
      await store.recordFeedback({ answerId: a.id, voter: 'h:bbb', platform: 'slack', vote: 'down', at: T0 });
      let row = (await store.queryLog()).find((r) => r.id === a.id);
      expect(row).toMatchObject({ up: 0, down: 2 });

      // A 👎 again without a reason keeps the reason given; a change to 👍 drops it.
      await store.recordFeedback({ answerId: a.id, voter: 'h:aaa', platform: 'slack', vote: 'down', at: T0 });
      await store.recordFeedback({ answerId: a.id, voter: 'h:bbb', platform: 'slack', vote: 'up', at: T0 });
      row = (await store.queryLog()).find((r) => r.id === a.id);
      expect(row).toMatchObject({ up: 1, down: 1 });
    });

    it('gives a delivery id to exactly one of many concurrent claims, across two stores', async () => {
      const key = `slack:event:Ev${backend.name}${seq}`;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? store : other).claim(key, 60_000, T0)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.claim(`${key}-other`, 60_000, T0)).toBe(true);
    });

    it('lets a claim be taken again only once it has expired', async () => {
      const key = `teams:activity:${backend.name}${seq}`;
      expect(await store.claim(key, 1_000, T0)).toBe(true);
      expect(await other.claim(key, 1_000, new Date(T0.getTime() + 999))).toBe(false);
      expect(await other.claim(key, 1_000, new Date(T0.getTime() + 1_000))).toBe(true);
      expect(await store.claim(key, 1_000, new Date(T0.getTime() + 1_500))).toBe(false);
    });

    it('lists unanswered questions (unknown, not listed, voted 👎) grouped by wording, most frequent first', async () => {
      const since = new Date('2030-01-01T00:00:00.000Z');
      const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);
      const sagemaker = [' Is SageMaker in scope? ', 'is sagemaker in scope', '<@U0TEST01> is  SageMaker in scope?!'];
      for (const [i, q] of sagemaker.entries()) await store.recordAnswer(answer({ at: at(i), question: q, verdict: 'no', items: [{ name: 'Amazon SageMaker', status: 'not_listed' }] }));
      await store.recordAnswer(answer({ at: at(5), question: 'what is the weather?', verdict: 'unknown', intent: 'unknown', items: [] }));
      const disliked = answer({ at: at(6), question: 'is Connect in scope?' });
      await store.recordAnswer(disliked);
      await store.recordFeedback({ answerId: disliked.id, voter: 'h:ccc', platform: 'slack', vote: 'down', at: at(7) });
      await store.recordFeedback({ answerId: disliked.id, voter: 'h:ddd', platform: 'slack', vote: 'down', at: at(7) });
      // Answered well, no vote: not listed.
      await store.recordAnswer(answer({ at: at(8), question: 'is S3 in scope?', items: [{ name: 'Amazon S3', status: 'in_scope' }] }));

      const groups = await store.unanswered(since);
      expect(groups.map((g) => [g.wording, g.count])).toEqual([
        ['is sagemaker in scope', 3],
        ['is connect in scope', 1],
        ['what is the weather', 1],
      ]);
      expect(groups[0]).toMatchObject({ example: '<@U0TEST01> is  SageMaker in scope?!', notListed: 3, unknown: 0, down: 0, lastAt: at(2) });
      expect(groups[1]).toMatchObject({ down: 1, unknown: 0, notListed: 0 });
      expect(groups[2]).toMatchObject({ unknown: 1 });
      expect(await store.unanswered(at(6))).toHaveLength(1);
    });

    it('counts questions per day with the verdict mix, the share of 👎 and latency percentiles', async () => {
      const day = new Date('2031-03-04T00:00:00.000Z');
      const ids: string[] = [];
      for (let i = 1; i <= 100; i++) {
        const a = answer({ at: new Date(day.getTime() + i * 1000), verdict: i <= 10 ? 'unknown' : 'yes', latencyMs: i });
        ids.push(a.id);
        await store.recordAnswer(a);
      }
      await store.recordAnswer(answer({ at: new Date(day.getTime() + DAY), verdict: 'no', latencyMs: 7 }));
      await store.recordFeedback({ answerId: ids[0]!, voter: 'v1', platform: 'slack', vote: 'down', at: day });
      for (const voter of ['v1', 'v2', 'v3']) await store.recordFeedback({ answerId: ids[1]!, voter, platform: 'slack', vote: 'up', at: day });

      const stats = await store.stats(day);
      expect(stats).toEqual([
        { day: '2031-03-04', questions: 100, verdicts: { unknown: 10, yes: 90 }, up: 3, down: 1, downShare: 0.25, p50Ms: 50, p99Ms: 99 },
        { day: '2031-03-05', questions: 1, verdicts: { no: 1 }, up: 0, down: 0, downShare: 0, p50Ms: 7, p99Ms: 7 },
      ]);
    });

    it('purges answers and feedback older than the cut-off and expired claims, keeping the rest', async () => {
      const old = answer({ at: new Date('2001-01-01T00:00:00.000Z') });
      const recent = answer({ at: new Date('2001-06-01T00:00:00.000Z') });
      await store.recordAnswer(old);
      await store.recordAnswer(recent);
      await store.recordFeedback({ answerId: old.id, voter: 'v', platform: 'slack', vote: 'down', at: old.at });
      await store.claim('purge:expired', 1_000, new Date('2001-01-01T00:00:00.000Z'));
      await store.claim('purge:live', 1_000_000, new Date('2001-03-01T00:00:00.000Z'));

      const before = new Date('2001-03-01T00:00:00.000Z');
      const removed = await store.purge(before, before);
      expect(removed).toBeGreaterThanOrEqual(3);
      const ids = (await store.queryLog({ limit: 10_000 })).map((r) => r.id);
      expect(ids).not.toContain(old.id);
      expect(ids).toContain(recent.id);
      expect(await store.claim('purge:expired', 1_000, before)).toBe(true);
      expect(await store.claim('purge:live', 1_000, before)).toBe(false);
    });

    it('keeps a setting as the first writer gave it', async () => {
      const [a, b] = await Promise.all([store.setting('audit_salt_test', 'first'), other.setting('audit_salt_test', 'second')]);
      expect(a).toBe(b);
      expect(await store.setting('audit_salt_test', 'third')).toBe(a);
    });
  });
}

if (!TEST_DATABASE_URL) {
  // Say so where the run is read, not only as a skipped test's name.
  console.warn(PG_SKIP_REASON);
}

describe('percentile', () => {
  it('takes the nearest rank of an ascending list', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([5], 0.99)).toBe(5);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4], 0.99)).toBe(4);
  });
});
