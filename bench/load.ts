/**
 * The load runs of `npm run bench`: each server under test (the bot, and the baselines in bench/baselines/)
 * runs in a process of its own, the stand-ins (bench/standins.ts) in another, and the load generator
 * (autocannon) in the bench's process. CPU per request is read from /proc for the server's process only.
 * Everything listens on 127.0.0.1; every run is bounded by a duration or a request count.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, connect } from 'node:net';
import { STANDIN_BOT } from '../tests/support/slack-standin.js';
import { encodeSlackBody, slackSignatureHeaders, TEST_SIGNING_SECRET } from '../tests/support/slack-signing.js';
import { appMention, eventCallback, slashCommand } from '../tests/support/slack-payloads.js';
import { autocannon, type AutocannonOptions } from './autocannon.js';
import { cpuMs, rssMiB } from './proc.js';
import type { StandInCounts, StandInMessage } from './standins.js';

/** Questions the load cycles through: exact names, a list, two services, an unlisted one. */
export const LOAD_QUESTIONS = ['is Amazon Connect in scope?', 'is S3 in scope?', 'which regions are covered?', 'are S3 and Athena covered?', 'is Amazon SageMaker covered?'];

/** One server under one load. */
export interface LoadStats {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time (user + system) of the server's process per question answered, in microseconds. */
  cpuUsPerRequest: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** What the stand-ins received during the run (replies, typing activities). */
  received: StandInCounts;
}

/** The stand-ins' process. */
export interface StandIns {
  slackApiUrl: string;
  connectorUrl: string;
  counts(): Promise<StandInCounts>;
  reset(): void;
  /** Resolves once nothing has arrived for 300 ms (replies posted after the ack), at most 30 s. */
  quiet(): Promise<void>;
  stop(): Promise<void>;
}

/** A server under test in its own process. */
export interface Target {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startStandIns(script = 'dist/standins.js'): Promise<StandIns> {
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [first] = (await once(child, 'message')) as [StandInMessage];
  if (!('ports' in first)) throw new Error('stand-ins did not report their ports');
  const counts = async () => {
    child.send('count');
    for (;;) {
      const [m] = (await once(child, 'message')) as [StandInMessage];
      if ('counts' in m) return m.counts;
    }
  };
  const total = (c: StandInCounts) => c.slackPosts + c.connectorMessages + c.connectorTyping;
  return {
    slackApiUrl: `http://127.0.0.1:${first.ports.slack}/api/`,
    connectorUrl: `http://127.0.0.1:${first.ports.connector}/`,
    counts,
    reset: () => child.send('reset'),
    async quiet() {
      const deadline = Date.now() + 30_000;
      let last = total(await counts());
      while (Date.now() < deadline) {
        await sleep(300);
        const now = total(await counts());
        if (now === last) return;
        last = now;
      }
    },
    stop: () => stopChild(child),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(50);
  }
  throw new Error(`${name} did not listen on 127.0.0.1:${port} within 20 s`);
}

/** Starts `node script` with `env` (plus PORT and HOST) and waits until it listens. */
export async function startTarget(name: string, script: string, env: Record<string, string>): Promise<Target> {
  const port = await freePort();
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the servers under test.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await waitForPort(port, child, name);
  return { name, url: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child) };
}

/** The bot's server bundle; BENCH_SERVER names another build (e.g. an older commit's) to measure instead. */
const SERVER = process.env.BENCH_SERVER ?? 'dist/server.js';

/**
 * A fresh STORE_FILE for each server started: the default file outlives the run, and its delivery claims (an
 * hour) would make the next run's servers skip every event id they had answered before as a redelivery.
 */
const storeDir = mkdtempSync(join(tmpdir(), 'compliance-bot-bench-'));
process.once('exit', () => rmSync(storeDir, { recursive: true, force: true }));
let stores = 0;
const freshStore = () => join(storeDir, `store-${++stores}.sqlite`);

/** The servers the bench compares, started against the stand-ins. */
export function slackBot(standIns: StandIns): Promise<Target> {
  return startTarget('compliance-bot (Slack)', SERVER, {
    STORE_FILE: freshStore(),
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: standIns.slackApiUrl,
    LOG_LEVEL: 'silent',
  });
}
export function bareBolt(standIns: StandIns): Promise<Target> {
  return startTarget('bare Bolt app', 'dist/bare-bolt.js', { SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: standIns.slackApiUrl });
}
export function teamsBot(): Promise<Target> {
  return startTarget('compliance-bot (Teams)', SERVER, { STORE_FILE: freshStore(), TEAMS_LOCAL_MODE: 'true', LOG_LEVEL: 'silent' });
}
export function echoBot(): Promise<Target> {
  return startTarget('botbuilder echo bot', 'dist/echo-bot.js', {});
}

/** The kinds of request the bench sends. */
export type LoadKind = 'mention' | 'command' | 'teams';

/** Channels (and Teams conversations) the load is spread over, as a workspace's many users would ask. */
const CONVERSATIONS = 50;
/** Numbers every request of the run (warm-ups included), so that no activity id is sent twice. */
let sequence = 0;

/**
 * Requests for autocannon, built as each is sent: Slack ones signed, with a fresh event_id and ts; Teams
 * ones with a fresh activity id (the bot answers an activity id once). Spread over {@link CONVERSATIONS}
 * channels or conversations: the bot posts one channel's replies in order (one queue per channel).
 */
export function requestsFor(kind: LoadKind, standIns: StandIns): AutocannonOptions['requests'] {
  if (kind === 'teams') {
    return [
      {
        setupRequest: (req) => {
          const i = sequence++;
          const body = JSON.stringify({
            type: 'message',
            id: `bench-${process.pid}-${i}`,
            timestamp: '2024-05-02T09:00:00.000Z',
            serviceUrl: standIns.connectorUrl,
            channelId: 'msteams',
            from: { id: '29:bench-user', name: 'Bench User' },
            conversation: { conversationType: 'personal', tenantId: '00000000-0000-4000-8000-00000000feed', id: `a:bench-conversation-${i % CONVERSATIONS}` },
            recipient: { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Compliance Bot' },
            textFormat: 'plain',
            text: LOAD_QUESTIONS[i % LOAD_QUESTIONS.length]!,
          });
          return { ...req, method: 'POST', path: '/api/messages', body, headers: { ...req.headers, 'content-type': 'application/json' } };
        },
      },
    ];
  }
  const responseUrl = `${standIns.slackApiUrl.replace(/api\/$/, '')}response/bench`;
  return [
    {
      setupRequest: (req) => {
        const i = sequence++;
        const question = LOAD_QUESTIONS[i % LOAD_QUESTIONS.length]!;
        const channel = `C0BENCH${String(i % CONVERSATIONS).padStart(3, '0')}`;
        // Event ids unique across runs too (the helper's counter restarts with every process).
        const eventId = `EvBENCH${process.pid.toString(36).toUpperCase()}X${i.toString(36).toUpperCase()}`;
        const body = kind === 'mention' ? { json: eventCallback(appMention(`<@${STANDIN_BOT.userId}> ${question}`, { channel }), eventId).json } : slashCommand(question, responseUrl);
        const { raw, contentType } = encodeSlackBody(body);
        return { ...req, method: 'POST', path: '/slack/events', body: raw, headers: { ...req.headers, 'content-type': contentType, ...slackSignatureHeaders(raw) } };
      },
    },
  ];
}

/** How long, or how many requests; and at how many connections. */
export interface LoadShape {
  connections: number;
  durationSeconds?: number;
  amount?: number;
}

/**
 * One measured run against `target`: autocannon for the duration (or amount), then waits for replies still
 * being posted, and charges the target's CPU over the whole of it to the requests answered.
 */
export async function measure(target: Target, kind: LoadKind, standIns: StandIns, shape: LoadShape): Promise<LoadStats> {
  await standIns.quiet();
  standIns.reset();
  const cpuBefore = cpuMs(target.pid);
  const result = await autocannon({
    url: target.url,
    connections: shape.connections,
    ...(shape.amount ? { amount: shape.amount } : { duration: shape.durationSeconds ?? 5 }),
    requests: requestsFor(kind, standIns),
  });
  await standIns.quiet();
  const cpu = cpuMs(target.pid) - cpuBefore;
  const received = await standIns.counts();
  // The unit of work is a question answered: for a mention or a Teams message, a reply the stand-in got
  // (requests still in flight when autocannon stops may be answered too, or dropped with their connection);
  // for a slash command, whose answer is the HTTP response, a request sent.
  const replies = kind === 'mention' ? received.slackPosts : kind === 'teams' ? received.connectorMessages : undefined;
  const requests = replies ?? result.requests.sent ?? result.requests.total;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    cpuUsPerRequest: requests > 0 ? (cpu * 1000) / requests : 0,
    requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    received,
  };
}

/** An unmeasured warm-up, so the JIT and connection pools are warm before the measured runs. */
export async function warmUp(target: Target, kind: LoadKind, standIns: StandIns, seconds: number): Promise<void> {
  if (seconds > 0) await autocannon({ url: target.url, connections: 10, duration: seconds, requests: requestsFor(kind, standIns) });
}

export { rssMiB };
