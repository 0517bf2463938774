/**
 * The bench's stand-ins for Slack's Web API and the Bot Connector, in a process of their own (as Slack and
 * Microsoft run them on their own machines): their work reading each reply must not be charged to the
 * process under test. Started by bench.ts with `fork`; answers its messages over IPC:
 *   -> { ports: { slack, connector } } once listening;
 *   <- 'count' -> { slackPosts, connectorMessages, connectorTyping }; <- 'reset'; <- 'stop'.
 * Loopback only; records nothing but counts.
 *
 *   node dist/standins.js
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { STANDIN_BOT } from '../tests/support/slack-standin.js';

/** What the stand-ins have received since the last reset. */
export interface StandInCounts {
  /** chat.postMessage calls and response_url posts. */
  slackPosts: number;
  /** Activities of type message posted to the connector. */
  connectorMessages: number;
  /** Activities of type typing posted to the connector. */
  connectorTyping: number;
}

/** Messages the stand-ins process sends to its parent. */
export type StandInMessage = { ports: { slack: number; connector: number } } | { counts: StandInCounts };

const counts: StandInCounts = { slackPosts: 0, connectorMessages: 0, connectorTyping: 0 };
const AUTH_TEST = JSON.stringify({ ok: true, team_id: STANDIN_BOT.teamId, user_id: STANDIN_BOT.userId, bot_id: STANDIN_BOT.botId });
const POSTED = '{"ok":true,"channel":"C0GENERAL1","ts":"1700000000.000100"}';
const ACTIVITY = /^\/v3\/conversations\/[^/]+\/activities(?:\/[^/]+)?\/?$/;

function readBody(req: IncomingMessage, then: (body: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => then(Buffer.concat(chunks).toString('utf8')));
}

const slack = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  req.on('end', () => {
    const url = req.url ?? '/';
    if (url !== '/api/auth.test') counts.slackPosts++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(url === '/api/auth.test' ? AUTH_TEST : POSTED);
  });
});

const connector = createServer((req: IncomingMessage, res: ServerResponse) => {
  readBody(req, (body) => {
    if (req.method !== 'POST' || !ACTIVITY.test((req.url ?? '/').split('?')[0]!)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"code":"NotFound"}}');
      return;
    }
    // A substring test, not JSON.parse: the stand-in should cost as little as it can.
    if (body.includes('"type":"typing"')) counts.connectorTyping++;
    else counts.connectorMessages++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"id":"bench-${counts.connectorMessages + counts.connectorTyping}"}`);
  });
});

slack.listen(0, '127.0.0.1');
connector.listen(0, '127.0.0.1');
await Promise.all([once(slack, 'listening'), once(connector, 'listening')]);
const send = (m: StandInMessage) => process.send?.(m);
send({ ports: { slack: (slack.address() as AddressInfo).port, connector: (connector.address() as AddressInfo).port } });
process.on('message', (m) => {
  if (m === 'count') send({ counts: { ...counts } });
  else if (m === 'reset') Object.assign(counts, { slackPosts: 0, connectorMessages: 0, connectorTyping: 0 });
  else if (m === 'stop') process.exit(0);
});
// Never outlive the bench.
process.on('disconnect', () => process.exit(0));
