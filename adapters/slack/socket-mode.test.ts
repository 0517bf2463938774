/**
 * Socket Mode end to end on 127.0.0.1: the real server with SLACK_APP_TOKEN set, Slack's Web API played by
 * the stand-in (`apps.connections.open` hands out a ws:// URL) and Slack's WebSocket played by a `ws`
 * server that sends hello, envelopes of each kind, malformed envelopes and a disconnect, and records the
 * acks (https://docs.slack.dev/apis/events-api/using-socket-mode).
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createEngine, loadDefaultReport, type Engine } from '../../src/index.js';
import { startServer, type RunningServer } from '../server.js';
import { startSlackStandIn, STANDIN_BOT, type SlackStandIn } from '../../tests/support/slack-standin.js';
import { TEST_SIGNING_SECRET } from '../../tests/support/slack-signing.js';
import { appMention, buttonClick, eventCallback, slashCommand } from '../../tests/support/slack-payloads.js';
import { renderAnswer, SHARE_ACTION_ID } from './blocks.js';
import { checkEnvelope } from './socket-guard.js';
import { capturedLogger } from '../../tests/support/logs.js';

const BOT = `<@${STANDIN_BOT.userId}>`;

describe('the Socket Mode envelope check', () => {
  it('passes well-formed envelopes and the control messages', () => {
    for (const message of [
      { type: 'hello', num_connections: 1 },
      { type: 'disconnect', reason: 'refresh_requested' },
      { type: 'events_api', envelope_id: 'e1', payload: { event: { type: 'app_mention' } } },
      { type: 'slash_commands', envelope_id: 'e2', payload: { command: '/compliance' } },
      { type: 'interactive', envelope_id: 'e3', payload: { type: 'block_actions' } },
    ]) {
      expect(checkEnvelope(JSON.stringify(message)), message.type).toEqual({ pass: true });
    }
  });

  it('drops malformed ones, acking those with an envelope id', () => {
    const cases: Array<[string, string | undefined]> = [
      ['not json', undefined],
      ['[]', undefined],
      [JSON.stringify({ envelope_id: 'e1' }), 'e1'],
      [JSON.stringify({ type: 'events_api', envelope_id: 'e2', payload: {} }), 'e2'],
      [JSON.stringify({ type: 'events_api', envelope_id: 'e3', payload: { event: null } }), 'e3'],
      [JSON.stringify({ type: 'events_api', envelope_id: 'e4', payload: { event: { type: 7 } } }), 'e4'],
      [JSON.stringify({ type: 'events_api', payload: { event: { type: 'app_mention' } } }), undefined],
      [JSON.stringify({ type: 'slash_commands', envelope_id: 'e5', payload: null }), 'e5'],
      [JSON.stringify({ type: 'interactive', envelope_id: 'e6' }), 'e6'],
    ];
    for (const [text, ackId] of cases) {
      const verdict = checkEnvelope(text);
      expect(verdict.pass, text).toBe(false);
      expect(verdict.pass === false && verdict.ackId, text).toBe(ackId ?? undefined);
    }
  });
});

describe('the Slack adapter in Socket Mode, against a local WebSocket stand-in', () => {
  let standIn: SlackStandIn;
  let wss: WebSocketServer;
  let server: RunningServer;
  let engine: Engine;
  const sockets: WebSocket[] = [];
  const acks: Array<Record<string, unknown>> = [];
  const lines: Array<Record<string, unknown>> = [];
  let connections = 0;

  const current = () => sockets.at(-1)!;
  const send = (message: unknown) => current().send(typeof message === 'string' ? message : JSON.stringify(message));
  async function until(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const ackFor = (id: string) => acks.find((a) => a.envelope_id === id);

  beforeAll(async () => {
    standIn = await startSlackStandIn();
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    standIn.socketUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
    wss.on('connection', (socket) => {
      connections += 1;
      sockets.push(socket);
      socket.on('message', (data) => acks.push(JSON.parse(data.toString()) as Record<string, unknown>));
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'standin' }, connection_info: { app_id: 'A0TESTAPP1' } }));
    });
    engine = createEngine(loadDefaultReport());
    server = await startServer(
      {
        port: 0,
        host: '127.0.0.1',
        logLevel: 'info',
        slack: { botToken: 'xoxb-1-test', signingSecret: TEST_SIGNING_SECRET, appToken: 'xapp-1-test', apiUrl: standIn.apiUrl, command: '/compliance', timeoutMs: 2000 },
      },
      { engine, logger: capturedLogger('info', lines).logger, shutdownGraceMs: 1000 },
    );
    await until(() => connections === 1, 'the first connection');
  });
  afterAll(async () => {
    await server?.close();
    for (const client of wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
    await standIn?.close();
  });

  it('opens the connection through apps.connections.open with the app token', () => {
    expect(standIn.callsTo('apps.connections.open')).toMatchObject([{ token: 'xapp-1-test' }]);
  });

  it('acks an events_api envelope and answers the mention in its thread', async () => {
    const event = eventCallback(appMention(`${BOT} is S3 in scope?`));
    send({ envelope_id: 'ev-1', type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '', payload: event.json });
    await until(() => ackFor('ev-1') !== undefined, 'the ack');
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'), 10_000);
    expect(standIn.callsTo('chat.postMessage')[0]!.args).toMatchObject({ thread_ts: (event.json.event as { ts: string }).ts, ...renderAnswer(engine.answer('is S3 in scope?')) });
  });

  it('answers a slash command in its ack, privately', async () => {
    const { form } = slashCommand('is Connect in scope?', standIn.responseUrl('sm-cmd')) as { form: Record<string, string> };
    send({ envelope_id: 'cmd-1', type: 'slash_commands', accepts_response_payload: true, payload: form });
    await until(() => ackFor('cmd-1') !== undefined, 'the ack');
    expect(ackFor('cmd-1')!.payload).toMatchObject({ response_type: 'ephemeral', ...renderAnswer(engine.answer('is Connect in scope?'), { echoQuestion: true, shareButton: true }) });
  });

  it('acks a Share click and shares the answer through its response_url', async () => {
    const click = JSON.parse((buttonClick(SHARE_ACTION_ID, 'is Connect in scope?', standIn.responseUrl('sm-share')) as { form: { payload: string } }).form.payload) as unknown;
    send({ envelope_id: 'int-1', type: 'interactive', accepts_response_payload: false, payload: click });
    await until(() => ackFor('int-1') !== undefined, 'the ack');
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'response_url' && c.responseId === 'sm-share').length === 2, 10_000);
  });

  it('survives malformed envelopes: each with an id is acked, each is one warning, nothing is posted, the next event is answered', async () => {
    standIn.reset();
    const before = lines.length;
    const malformed: unknown[] = [
      { envelope_id: 'bad-1', type: 'events_api', accepts_response_payload: false, payload: {} }, // crashed the process before
      { envelope_id: 'bad-2', type: 'events_api', payload: { event: null } },
      { envelope_id: 'bad-3', type: 'slash_commands', payload: null },
      { envelope_id: 'bad-4', type: 'interactive' },
      { type: 'events_api', payload: { event: { type: 'app_mention' } } },
      '{not json',
      { envelope_id: 'bad-5', type: 'events_api', payload: { event: { type: 'app_mention', channel: 'C1', ts: '1.2' } } }, // no text
      { envelope_id: 'bad-6', type: 'interactive', payload: { type: 'interactive_message', callback_id: 'x' } },
    ];
    for (const message of malformed) send(message);
    const good = eventCallback(appMention(`${BOT} is EC2 in scope?`));
    send({ envelope_id: 'ev-after', type: 'events_api', payload: good.json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'), 10_000);
    for (const id of ['bad-1', 'bad-2', 'bad-3', 'bad-4', 'bad-5', 'bad-6']) expect(ackFor(id), id).toBeDefined();
    expect(standIn.callsTo('chat.postMessage')).toHaveLength(1);
    const warnings = lines.slice(before).filter((l) => l.level === 40);
    expect(warnings.length).toBeGreaterThanOrEqual(7);
    expect(lines.slice(before).filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('reconnects after a disconnect through apps.connections.open again, and answers on the new connection', async () => {
    standIn.reset();
    send({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'standin' } });
    await until(() => connections === 2, 'the reconnection');
    expect(standIn.callsTo('apps.connections.open')).toHaveLength(1);
    // Give the client the hello it waits for (sent on connection), then an event on the new socket.
    await until(() => current().readyState === current().OPEN, 'the new socket');
    const event = eventCallback(appMention(`${BOT} is Athena in scope?`));
    send({ envelope_id: 'ev-2', type: 'events_api', payload: event.json });
    await until(() => ackFor('ev-2') !== undefined, 'the ack on the new connection');
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'), 10_000);
  });
});
