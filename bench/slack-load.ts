/**
 * Load run for the Slack adapter, on loopback only: signed `app_mention` events and slash commands at 50
 * connections for 10 s each, against the real app (server, adapter and core) and against a bare Bolt app
 * that acknowledges and does nothing, measured in the same run so the ratio compares like with like.
 * Both talk to the same local Slack stand-in (auth.test, chat.postMessage). Bounded by duration.
 */
import { createServer } from 'node:http';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import express from 'express';
import { App, ExpressReceiver } from '@slack/bolt';
import { startServer } from '../adapters/server.js';
import { createLogger } from '../adapters/logger.js';
import { createEngine, loadDefaultReport } from '../src/index.js';
import { STANDIN_BOT } from '../tests/support/slack-standin.js';
import { encodeSlackBody, slackSignatureHeaders, TEST_SIGNING_SECRET } from '../tests/support/slack-signing.js';
import { appMention, eventCallback, slashCommand } from '../tests/support/slack-payloads.js';
import { autocannon, type AutocannonOptions } from './autocannon.js';


/** One target under one load: requests per second (mean), p99 latency in ms, and failures. */
export interface LoadStats {
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  non2xx: number;
  errors: number;
}

/** The app against the bare Bolt app for one kind of request; `ratio` = app rps / bare rps. */
export interface LoadComparison {
  app: LoadStats;
  bare: LoadStats;
  ratio: number;
}

/** What `runSlackLoad` returns; `targets` restates the goals next to the numbers. */
export interface SlackLoadResult {
  connections: number;
  durationSeconds: number;
  appMention: LoadComparison;
  slashCommand: LoadComparison;
  targets: { p99MsBelow: number; ratioAtLeast: number };
  met: boolean;
}

/** Options; the defaults are the (50 connections, 10 s per run). */
export interface SlackLoadOptions {
  connections?: number;
  durationSeconds?: number;
  /** Unmeasured warm-up per target, in seconds. */
  warmupSeconds?: number;
}

const QUESTIONS = ['is Amazon Connect in scope?', 'is S3 in scope?', 'which regions are covered?', 'are S3 and Athena covered?', 'is Amazon SageMaker covered?'];

/** Requests built fresh for every send: a new event_id (so dedupe does not skip) and a current signature. */
function signedRequest(kind: 'mention' | 'command', responseUrl: string): AutocannonOptions['requests'] {
  let n = 0;
  return [
    {
      setupRequest: (req) => {
        const question = QUESTIONS[n++ % QUESTIONS.length]!;
        const body = kind === 'mention' ? { json: eventCallback(appMention(`<@${STANDIN_BOT.userId}> ${question}`)).json } : slashCommand(question, responseUrl);
        const { raw, contentType } = encodeSlackBody(body);
        return { ...req, method: 'POST', path: '/slack/events', body: raw, headers: { ...req.headers, 'content-type': contentType, ...slackSignatureHeaders(raw) } };
      },
    },
  ];
}

async function load(url: string, kind: 'mention' | 'command', responseUrl: string, connections: number, duration: number): Promise<LoadStats> {
  const result = await autocannon({ url, connections, duration, method: 'POST', requests: signedRequest(kind, responseUrl) });
  return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, p50Ms: result.latency.p50, non2xx: result.non2xx, errors: result.errors };
}

// The Web API stand-in runs on its own thread, as Slack runs on its own machines: its work (reading each
// chat.postMessage) must not be charged to the app under test. It records nothing and answers ok.
const STANDIN_WORKER = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const authTest = JSON.stringify({ ok: true, team_id: workerData.teamId, user_id: workerData.userId, bot_id: workerData.botId });
let served = 0;
const server = createServer((req, res) => {
  served++;
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/api/auth.test' ? authTest : '{"ok":true,"ts":"1700000000.000100"}');
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => (m === 'count' ? parentPort.postMessage(served) : server.close(() => process.exit(0))));
`;

async function startStandInThread(): Promise<{ apiUrl: string; responseUrl: string; quiet(): Promise<void>; close(): Promise<void> }> {
  const worker = new Worker(STANDIN_WORKER, { eval: true, workerData: STANDIN_BOT });
  const [port] = (await once(worker, 'message')) as [number];
  const base = `http://127.0.0.1:${port}`;
  const served = async () => {
    worker.postMessage('count');
    return ((await once(worker, 'message')) as [number])[0];
  };
  return {
    apiUrl: `${base}/api/`,
    responseUrl: `${base}/response/bench`,
    // Replies still queued after a run (the app acks before it posts) would eat into the next run: wait
    // until no post has arrived for 300 ms, at most 30 s.
    async quiet() {
      const deadline = Date.now() + 30_000;
      let last = await served();
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 300));
        const now = await served();
        if (now === last) return;
        last = now;
      }
    },
    async close() {
      worker.postMessage('stop');
      await once(worker, 'exit');
    },
  };
}

/** A Bolt app with the same transport and stand-in that acknowledges everything and does nothing else. */
async function startBareBolt(apiUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const expressApp = express();
  const receiver = new ExpressReceiver({ signingSecret: TEST_SIGNING_SECRET, app: expressApp, endpoints: '/slack/events' });
  const bolt = new App({ token: 'xoxb-test-token', receiver, clientOptions: { slackApiUrl: apiUrl }, deferInitialization: true, logLevel: undefined, logger: silentBoltLogger() });
  bolt.event('app_mention', async () => {});
  bolt.command('/compliance', async ({ ack }) => {
    await ack();
  });
  await bolt.init();
  const server = createServer(expressApp);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function silentBoltLogger() {
  const noop = () => {};
  return { debug: noop, info: noop, warn: noop, error: noop, setLevel: noop, setName: noop, getLevel: () => 'error' as never };
}

/**
 * Runs the load comparison (about 4 × (warm-up + duration) seconds) and returns the numbers. Starts and
 * stops everything it needs on 127.0.0.1; throws if a server cannot start.
 */
export async function runSlackLoad(options: SlackLoadOptions = {}): Promise<SlackLoadResult> {
  const connections = options.connections ?? 50;
  const durationSeconds = options.durationSeconds ?? 10;
  const warmupSeconds = options.warmupSeconds ?? 2;
  const standIn = await startStandInThread();
  const app = await startServer(
    { port: 0, host: '127.0.0.1', logLevel: 'silent', slack: { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, apiUrl: standIn.apiUrl, command: '/compliance' } },
    { engine: createEngine(loadDefaultReport()), logger: createLogger('silent') },
  );
  const bare = await startBareBolt(standIn.apiUrl);
  const appUrl = `http://127.0.0.1:${app.port}`;
  const responseUrl = standIn.responseUrl;
  try {
    const measure = async (url: string, kind: 'mention' | 'command') => {
      if (warmupSeconds > 0) await load(url, kind, responseUrl, connections, warmupSeconds);
      await standIn.quiet();
      const stats = await load(url, kind, responseUrl, connections, durationSeconds);
      await standIn.quiet();
      return stats;
    };
    const compare = async (kind: 'mention' | 'command'): Promise<LoadComparison> => {
      const appStats = await measure(appUrl, kind);
      const bareStats = await measure(bare.url, kind);
      return { app: appStats, bare: bareStats, ratio: bareStats.requestsPerSecond > 0 ? appStats.requestsPerSecond / bareStats.requestsPerSecond : 0 };
    };
    const appMentionResult = await compare('mention');
    const slashCommandResult = await compare('command');
    const targets = { p99MsBelow: 50, ratioAtLeast: 0.8 };
    const ok = (c: LoadComparison) => c.app.p99Ms < targets.p99MsBelow && c.ratio >= targets.ratioAtLeast && c.app.non2xx === 0 && c.app.errors === 0;
    return { connections, durationSeconds, appMention: appMentionResult, slashCommand: slashCommandResult, targets, met: ok(appMentionResult) && ok(slashCommandResult) };
  } finally {
    await bare.close();
    await app.close();
    await standIn.close();
  }
}
