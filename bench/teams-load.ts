/**
 * Load run for the Teams adapter, on loopback only: Teams message activities (a personal chat question)
 * POSTed to /api/messages in local mode at 50 connections for 10 s, each answered through the real server,
 * botbuilder's CloudAdapter and the core, with the replies (the answer cards) going to a local
 * Bot Connector stand-in. Bounded by duration. The target: p99 under 50 ms.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { startServer } from '../adapters/server.js';
import { createLogger } from '../adapters/logger.js';
import { createEngine, loadDefaultReport } from '../src/index.js';
import { autocannon, type AutocannonRequest } from './autocannon.js';


/** Options; the defaults are the (50 connections, 10 s). */
export interface TeamsLoadOptions {
  connections?: number;
  durationSeconds?: number;
  /** Unmeasured warm-up, in seconds. */
  warmupSeconds?: number;
}

/** What `runTeamsLoad` returns: requests per second (mean), latency percentiles in ms, failures, target. */
export interface TeamsLoadResult {
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Activities the connector stand-in received during the measured run (one card per question). */
  repliesReceived: number;
  targets: { p99MsBelow: number };
  met: boolean;
}

const QUESTIONS = ['is Amazon Connect in scope?', 'is S3 in scope?', 'which regions are covered?', 'are S3 and Athena covered?', 'is Amazon SageMaker covered?'];

/**
 * Personal-chat message activities as Teams sends them (fake ids), one per question; autocannon cycles
 * through them. Plain data, so that autocannon can run in a worker thread and leave the main thread (which
 * serves the bot and the stand-in) to the code under test.
 */
function messageRequests(serviceUrl: string): AutocannonRequest[] {
  return QUESTIONS.map((text, i) => ({
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      id: `1700000000${i}`,
      timestamp: '2024-05-02T09:00:00.000Z',
      serviceUrl,
      channelId: 'msteams',
      from: { id: '29:bench-user', name: 'Bench User' },
      conversation: { conversationType: 'personal', tenantId: '00000000-0000-4000-8000-00000000feed', id: 'a:bench-conversation' },
      recipient: { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Compliance Bot' },
      textFormat: 'plain',
      text,
    }),
  }));
}

// The Bot Connector stand-in runs on its own thread, as the connector runs on Microsoft's machines (and as
// the Slack bench's Web API stand-in does): its work (reading each activity the bot sends) must not be
// charged to the bot's thread. It answers each POST under /v3/conversations/ as the connector does, with
// the new activity's id, and counts what it received; it records nothing.
const CONNECTOR_WORKER = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const ROUTE = /^\\/v3\\/conversations\\/[^/]+\\/activities(?:\\/[^/]+)?\\/?$/;
let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method !== 'POST' || !ROUTE.test((req.url || '/').split('?')[0])) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    received++;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"bench-' + received + '"}');
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
parentPort.on('message', (m) => {
  if (m === 'count') parentPort.postMessage(received);
  else if (m === 'reset') received = 0;
  else server.close(() => process.exit(0));
});
`;

async function startConnectorThread(): Promise<{ url: string; reset(): void; received(): Promise<number>; close(): Promise<void> }> {
  const worker = new Worker(CONNECTOR_WORKER, { eval: true });
  const [port] = (await once(worker, 'message')) as [number];
  return {
    url: `http://127.0.0.1:${port}/`,
    reset: () => worker.postMessage('reset'),
    async received() {
      worker.postMessage('count');
      return ((await once(worker, 'message')) as [number])[0];
    },
    async close() {
      worker.postMessage('stop');
      await once(worker, 'exit');
    },
  };
}

/** Starts the server in Teams local mode with a connector stand-in, drives it with autocannon, stops both. */
export async function runTeamsLoad(options: TeamsLoadOptions = {}): Promise<TeamsLoadResult> {
  const connections = options.connections ?? 50;
  const durationSeconds = options.durationSeconds ?? 10;
  const warmupSeconds = options.warmupSeconds ?? 2;

  const connector = await startConnectorThread();
  const server = await startServer(
    { port: 0, host: '127.0.0.1', logLevel: 'silent', teams: { mode: 'local' } },
    { engine: createEngine(loadDefaultReport()), logger: createLogger('silent') },
  );
  const url = `http://127.0.0.1:${server.port}`;
  try {
    if (warmupSeconds > 0) await autocannon({ url, connections, duration: warmupSeconds, workers: 1, requests: messageRequests(connector.url) });
    connector.reset();
    const result = await autocannon({ url, connections, duration: durationSeconds, workers: 1, requests: messageRequests(connector.url) });
    const p99Ms = result.latency.p99;
    return {
      connections,
      durationSeconds,
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      repliesReceived: await connector.received(),
      targets: { p99MsBelow: 50 },
      met: p99Ms < 50 && result.non2xx === 0 && result.errors + result.timeouts === 0,
    };
  } finally {
    await server.close();
    await connector.close();
  }
}
