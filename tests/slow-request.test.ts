/**
 * A client that sends well-formed headers and then trickles its body is cut off at the request deadline with
 * 408, and the server goes on answering others. Before, Node's default (300 s) let 3,000 such connections sit
 * for five minutes each on the Slack endpoint, before any signature could be checked.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../src/index.js';
import { createLogger } from '../adapters/logger.js';
import { startServer, type RunningServer } from '../adapters/server.js';
import { TEST_SIGNING_SECRET } from './support/slack-signing.js';
import { startSlackStandIn, type SlackStandIn } from './support/slack-standin.js';

describe('a request whose body never finishes', () => {
  let standIn: SlackStandIn;
  let server: RunningServer;

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    server = await startServer(
      { port: 0, host: '127.0.0.1', logLevel: 'silent', slack: { botToken: 'xoxb-test-token', signingSecret: TEST_SIGNING_SECRET, apiUrl: standIn.apiUrl, command: '/compliance' } },
      { engine: createEngine(loadDefaultReport()), logger: createLogger('silent'), requestTimeoutMs: 400 },
    );
  });
  afterAll(async () => {
    await server?.close();
    await standIn?.close();
  });

  it('is answered 408 at the request deadline, its connection closed, and the server answers the next request', async () => {
    const socket = connect(server.port, '127.0.0.1');
    const timestamp = Math.floor(Date.now() / 1000);
    socket.write(
      'POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n' +
        `X-Slack-Request-Timestamp: ${timestamp}\r\nX-Slack-Signature: v0=${'0'.repeat(64)}\r\n\r\n{"type":`,
    );
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    // Waits for the server to end the connection (no sleep: the close is the event).
    await new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
  });
});
