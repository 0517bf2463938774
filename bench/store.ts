/**
 * The bench's `store` part (issue 11): what the store costs the replies. The bot runs with no store
 * (STORE=off), with SQLite (a fresh STORE_FILE) and, when a PostgreSQL is given (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL), with PostgreSQL (a schema of the run's own, dropped after), each in its own process,
 * under the same closed-loop load, the three alternated in every repeat so that they share the machine's load.
 *
 * Measured from this process, where both the load and the Slack Web API stand-in run, so both ends are on
 * one clock (performance.now()):
 * - a slash command's ack: the HTTP response that carries the answer;
 * - a mention's reply: from sending the event to chat.postMessage arriving at the stand-in (the claim of its
 *   event_id in the store, the answer, the post; the audit write comes after and is not waited for). Each of
 *   the loops waits for its reply before the next mention, so the figure is a reply's latency, not a backlog.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createTestSchema, type TestSchema } from '../tests/support/pg-schema.js';
import { appMention, eventCallback, slashCommand } from '../tests/support/slack-payloads.js';
import { encodeSlackBody, slackSignatureHeaders, TEST_SIGNING_SECRET } from '../tests/support/slack-signing.js';
import { startSlackStandIn, STANDIN_BOT, type SlackStandIn } from '../tests/support/slack-standin.js';
import { LOAD_QUESTIONS, startTarget, type Target } from './load.js';
import { median, quantile, round } from './stats.js';

/** Where the bot keeps its store in one configuration. */
type StoreName = 'off' | 'sqlite' | 'postgres';

/** Latencies of one kind of request with one store, medians over the repeats. */
export interface StoreLatency {
  p50Ms: number;
  p99Ms: number;
  /** Requests measured over all repeats. */
  samples: number;
  /** Requests that failed or replies that never came. */
  failed: number;
}

/** The part's result: per store, the slash command's ack and the mention's reply. */
export interface StoreBenchResult {
  stores: Partial<Record<StoreName, { command: StoreLatency; mentionReply: StoreLatency }>>;
  /** Why PostgreSQL was not measured, when it was not. */
  postgresSkipped?: string;
  shape: { seconds: number; repeats: number; concurrency: number };
}

const CHANNELS = 50;
const SERVER = process.env.BENCH_SERVER ?? 'dist/server.js';

/** Runs `concurrency` loops sending `send()` for `seconds`; each loop waits for its request before the next. */
async function closedLoop(seconds: number, concurrency: number, send: () => Promise<void>): Promise<void> {
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) await send();
    }),
  );
}

interface Run {
  latencies: number[];
  failed: number;
}

/** Slash commands for `seconds`: the ack's latency, the answer being in it. */
async function commands(target: Target, slack: SlackStandIn, seconds: number, concurrency: number): Promise<Run> {
  const run: Run = { latencies: [], failed: 0 };
  let i = 0;
  await closedLoop(seconds, concurrency, async () => {
    const question = LOAD_QUESTIONS[i++ % LOAD_QUESTIONS.length]!;
    const { raw, contentType } = encodeSlackBody(slashCommand(question, slack.responseUrl('bench')));
    const t0 = performance.now();
    try {
      const res = await fetch(`${target.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignatureHeaders(raw) }, body: raw, signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      if (res.status === 200 && text.includes('"blocks"')) run.latencies.push(performance.now() - t0);
      else run.failed += 1;
    } catch {
      run.failed += 1;
    }
  });
  return run;
}

/**
 * Mentions for `seconds`, each loop waiting for its reply before sending the next (so no backlog builds
 * behind the acks): from sending each to its chat.postMessage arriving at the stand-in.
 */
async function mentions(target: Target, slack: SlackStandIn, seconds: number, concurrency: number): Promise<Run> {
  slack.reset();
  const run: Run = { latencies: [], failed: 0 };
  const waiting = new Map<string, (at: number) => void>();
  let seen = 0;
  // The stand-in records calls in order: hand each new reply to the loop waiting for its thread.
  const watch = setInterval(() => {
    const calls = slack.calls;
    for (; seen < calls.length; seen += 1) {
      const call = calls[seen]!;
      if (call.method === 'chat.postMessage') waiting.get(String(call.args.thread_ts))?.(call.at ?? performance.now());
    }
  }, 1);
  let i = 0;
  try {
    await closedLoop(seconds, concurrency, async () => {
      const n = i++;
      const event = appMention(`<@${STANDIN_BOT.userId}> ${LOAD_QUESTIONS[n % LOAD_QUESTIONS.length]!}`, { channel: `C0STORE${String(n % CHANNELS).padStart(3, '0')}` });
      const ts = event.ts as string;
      const { raw, contentType } = encodeSlackBody({ json: eventCallback(event).json });
      let timer: NodeJS.Timeout | undefined;
      const replied = new Promise<number | undefined>((resolve) => {
        waiting.set(ts, resolve);
        timer = setTimeout(() => resolve(undefined), 10_000);
      });
      const t0 = performance.now();
      try {
        const res = await fetch(`${target.url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...slackSignatureHeaders(raw) }, body: raw, signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        const at = res.status === 200 ? await replied : undefined;
        if (at === undefined) run.failed += 1;
        else run.latencies.push(at - t0);
      } catch {
        run.failed += 1;
      } finally {
        clearTimeout(timer);
        waiting.delete(ts);
      }
    });
  } finally {
    clearInterval(watch);
  }
  return run;
}

const percentiles = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted.length === 0 ? { p50: 0, p99: 0 } : { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
};

const summarise = (runs: Run[]): StoreLatency => ({
  p50Ms: round(median(runs.map((r) => percentiles(r.latencies).p50)), 2),
  p99Ms: round(median(runs.map((r) => percentiles(r.latencies).p99)), 2),
  samples: runs.reduce((n, r) => n + r.latencies.length, 0),
  failed: runs.reduce((n, r) => n + r.failed, 0),
});

/** Runs the part: each store under slash commands and mentions, `repeats` times, alternated. */
export async function benchStore({ seconds, repeats, concurrency = 5 }: { seconds: number; repeats: number; concurrency?: number }): Promise<StoreBenchResult> {
  const slack = await startSlackStandIn();
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-store-'));
  const pgBase = process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || undefined;
  let schema: TestSchema | undefined;
  const targets = new Map<StoreName, Target>();
  const result: StoreBenchResult = { stores: {}, shape: { seconds, repeats, concurrency } };
  try {
    const base = { SLACK_BOT_TOKEN: 'xoxb-bench-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, LOG_LEVEL: 'silent' };
    targets.set('off', await startTarget('compliance-bot (store off)', SERVER, { ...base, STORE: 'off' }));
    targets.set('sqlite', await startTarget('compliance-bot (SQLite)', SERVER, { ...base, STORE_FILE: join(dir, 'bench.sqlite') }));
    if (pgBase) {
      schema = await createTestSchema(pgBase);
      targets.set('postgres', await startTarget('compliance-bot (PostgreSQL)', SERVER, { ...base, DATABASE_URL: schema.url }));
    } else {
      result.postgresSkipped = 'PostgreSQL not measured: set BENCH_DATABASE_URL (or TEST_DATABASE_URL), e.g. postgres://postgres@127.0.0.1:5432/test';
    }
    const runs = new Map<StoreName, { command: Run[]; mention: Run[] }>();
    for (const [name, target] of targets) {
      runs.set(name, { command: [], mention: [] });
      // Warm-up, unmeasured: the JIT, the connection pools, the store's first writes.
      await commands(target, slack, 1, concurrency);
      await mentions(target, slack, 1, concurrency);
    }
    for (let r = 0; r < repeats; r += 1) {
      for (const [name, target] of targets) {
        runs.get(name)!.command.push(await commands(target, slack, seconds, concurrency));
        runs.get(name)!.mention.push(await mentions(target, slack, seconds, concurrency));
      }
    }
    for (const [name, r] of runs) result.stores[name] = { command: summarise(r.command), mentionReply: summarise(r.mention) };
  } finally {
    for (const target of targets.values()) await target.stop();
    await schema?.drop();
    await slack.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

/** The part's lines for the console: each store's p50 / p99, and its p99 against store-off's. */
export function storeLines(result: StoreBenchResult): string[] {
  const off = result.stores.off;
  const ratio = (p99: number, base: number | undefined) => (base ? `${round(p99 / Math.max(base, 0.01), 2)}x store-off` : '');
  const row = (name: string, l: StoreLatency, base: number | undefined) =>
    `    ${name.padEnd(10)} p50 ${String(l.p50Ms).padStart(6)} ms  p99 ${String(l.p99Ms).padStart(6)} ms  ${ratio(l.p99Ms, base).padEnd(16)} (${l.samples} measured, ${l.failed} failed)`;
  const lines = [`store: closed loop of ${result.shape.concurrency} for ${result.shape.seconds} s x ${result.shape.repeats}, medians of each run's percentiles`];
  for (const [label, key] of [
    ['slash command ack', 'command'],
    ['mention reply (sent to chat.postMessage)', 'mentionReply'],
  ] as const) {
    lines.push(`  ${label}:`);
    for (const name of ['off', 'sqlite', 'postgres'] as const) {
      const s = result.stores[name];
      if (s) lines.push(row(name, s[key], name === 'off' ? undefined : off?.[key].p99Ms));
    }
  }
  if (result.postgresSkipped) lines.push(`  ${result.postgresSkipped}`);
  return lines;
}
