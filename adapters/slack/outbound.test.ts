/**
 * Fault injection on everything the Slack adapter sends, over real HTTP on 127.0.0.1: a Web API stand-in
 * that hangs for one channel, rate-limits another or answers 503, a response_url that never answers, and
 * shutdown with replies still queued. Deadlines are short here (SLACK_API_TIMEOUT_MS 400 ms) so the
 * faults resolve quickly; nothing asserts on wall-clock time, only on what was posted and logged, in what
 * order.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport, type Engine } from '../../src/index.js';
import { startServer, type RunningServer } from '../server.js';
import { startSlackStandIn, STANDIN_BOT, type SlackStandIn } from '../../tests/support/slack-standin.js';
import { postSigned, TEST_SIGNING_SECRET } from '../../tests/support/slack-signing.js';
import { appMention, buttonClick, eventCallback } from '../../tests/support/slack-payloads.js';
import { SHARE_ACTION_ID } from './blocks.js';
import { capturedLogger } from '../../tests/support/logs.js';

const BOT = `<@${STANDIN_BOT.userId}>`;
const HUNG = 'C0HUNG0001';
const LOST_TIMEOUT = 'could not post the reply: the Web API did not answer in time';

let engine: Engine | undefined;
let standIn: SlackStandIn;
let server: RunningServer | undefined;
let url: string;
let lines: Array<Record<string, unknown>>;

async function start(shutdownGraceMs = 10_000): Promise<void> {
  engine ??= createEngine(loadDefaultReport());
  const captured = capturedLogger('info');
  lines = captured.lines;
  server = await startServer(
    {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'info',
      slack: { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, apiUrl: standIn.apiUrl, command: '/compliance', timeoutMs: 400 },
    },
    { engine, logger: captured.logger, shutdownGraceMs },
  );
  url = `http://127.0.0.1:${server.port}/slack/events`;
}

/** Waits until `predicate` holds over the log lines, polling. */
async function logged(predicate: (lines: Array<Record<string, unknown>>) => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(lines)) {
    if (Date.now() > deadline) throw new Error(`log condition not met; last lines: ${JSON.stringify(lines.slice(-5))}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const mention = (channel: string, question = 'is S3 in scope?') => eventCallback(appMention(`${BOT} ${question}`, { channel }));
const postsTo = (channel: string) => standIn.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

beforeEach(async () => {
  standIn = await startSlackStandIn();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await standIn.close();
});

describe('the Slack adapter when the Web API misbehaves', () => {
  it('a channel whose posts hang delays no other channel: the others are answered, the hung reply is logged as lost', async () => {
    await start(300);
    standIn.hangChannel(HUNG);
    // 60 replies queued for the hung channel: more than the 50 pooled connections that used to be held.
    const hung = Array.from({ length: 60 }, () => mention(HUNG));
    const acks = await Promise.all(hung.map((event) => postSigned(url, { json: event.json })));
    expect(acks.every((r) => r.status === 200)).toBe(true);
    const others = Array.from({ length: 20 }, (_, i) => mention(`C0OTHER${String(i).padStart(3, '0')}`));
    const sent = new Map<string, number>();
    // One at a time, so that each figure is one reply's latency, not a queue of our own making.
    for (const event of others) {
      const channel = (event.json.event as { channel: string }).channel;
      sent.set(channel, performance.now());
      expect((await postSigned(url, { json: event.json })).status).toBe(200);
      await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === channel), 10_000);
    }
    await standIn.waitFor((calls) => others.every((e) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === (e.json.event as { channel: string }).channel)), 10_000);
    // Answered while the hung channel's own queue is still waiting (it takes one call, one deadline, at a time).
    expect(postsTo(HUNG).length).toBeLessThan(hung.length);

    await logged((l) => l.some((x) => x.msg === LOST_TIMEOUT && x.eventId === hung[0]!.eventId));
    expect(lines.find((x) => x.msg === LOST_TIMEOUT)).toMatchObject({ level: 50, channel: HUNG, eventId: hung[0]!.eventId, thread_ts: (hung[0]!.json.event as { ts: string }).ts });
    // A figure for the README, not an assertion: time from our request to the stand-in seeing the reply.
    const latencies = others.map((e) => {
      const channel = (e.json.event as { channel: string }).channel;
      return postsTo(channel)[0]!.at! - sent.get(channel)!;
    });
    latencies.sort((a, b) => a - b);
    console.info(`hung channel: other channels' reply latency p50 ${latencies[9]!.toFixed(1)} ms, max (p95+) ${latencies.at(-1)!.toFixed(1)} ms`);
  });

  it('a 429 pauses that channel for its Retry-After; other channels are answered meanwhile, then the reply is retried', async () => {
    await start();
    standIn.rateLimitNext('C0LIMITED1', 1);
    const limited = mention('C0LIMITED1');
    await postSigned(url, { json: limited.json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0LIMITED1'));
    const free = mention('C0FREE0001');
    await postSigned(url, { json: free.json });
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0LIMITED1').length === 2, 10_000);
    const order = standIn.callsTo('chat.postMessage').map((c) => c.args.channel);
    expect(order).toEqual(['C0LIMITED1', 'C0FREE0001', 'C0LIMITED1']);
    expect(lines.filter((x) => (x.level as number) >= 50)).toEqual([]);
  });

  it('a 503 is retried and the reply delivered', async () => {
    await start();
    standIn.statusNext('chat.postMessage', 503);
    await postSigned(url, { json: mention('C0FLAKY001').json });
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage').length === 2, 10_000);
    await server!.close();
    expect(lines.filter((x) => (x.level as number) >= 50)).toEqual([]);
    expect(lines.some((x) => x.msg === 'shutdown: every accepted reply was sent')).toBe(true);
  });

  it('a response_url that never answers: the share is logged as lost with the click ids, after the deadline', async () => {
    await start();
    const click = buttonClick(SHARE_ACTION_ID, 'is S3 in scope?', standIn.responseUrl('hang-share'));
    expect((await postSigned(url, click)).status).toBe(200);
    await logged((l) => l.some((x) => typeof x.msg === 'string' && x.msg.startsWith('could not share the answer in the channel')));
    const line = lines.find((x) => typeof x.msg === 'string' && x.msg.startsWith('could not share the answer in the channel'))!;
    expect(line.msg).toBe('could not share the answer in the channel: the response_url did not answer in time');
    const payload = JSON.parse((click as { form: { payload: string } }).form.payload) as { trigger_id: string };
    expect(line).toMatchObject({ level: 50, triggerId: payload.trigger_id });
  });
});

describe('shutdown with replies queued', () => {
  it('every accepted event is answered or logged as abandoned with its ids, and the total is logged', async () => {
    await start(300);
    standIn.hangChannel(HUNG);
    const hung = Array.from({ length: 30 }, () => mention(HUNG));
    const answered = Array.from({ length: 10 }, (_, i) => mention(`C0DONE${String(i).padStart(4, '0')}`));
    const acks = await Promise.all([...hung, ...answered].map((event) => postSigned(url, { json: event.json })));
    expect(acks.every((r) => r.status === 200)).toBe(true);
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel !== HUNG).length === 10, 10_000);
    await server!.close();
    server = undefined;

    const accounted = new Map<string, string>();
    for (const line of lines) {
      if ((line.msg === 'reply abandoned at shutdown' || line.msg === LOST_TIMEOUT) && typeof line.eventId === 'string') {
        expect(accounted.has(line.eventId), `${line.eventId} logged twice`).toBe(false);
        accounted.set(line.eventId, line.msg);
      }
    }
    expect([...accounted.keys()].sort()).toEqual(hung.map((e) => e.eventId).sort());
    const abandoned = [...accounted.values()].filter((m) => m === 'reply abandoned at shutdown').length;
    expect(abandoned).toBeGreaterThan(0);
    expect(lines.find((x) => x.msg === `shutdown: ${abandoned} Slack replies abandoned`)).toMatchObject({ abandoned });
    expect(lines.find((x) => x.msg === `shutdown: ${abandoned} accepted replies abandoned in all`)).toBeTruthy();
  });
});
