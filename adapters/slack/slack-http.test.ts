/**
 * The Slack adapter end to end over real HTTP on 127.0.0.1: the real server and core, requests signed as
 * Slack signs them, and a local stand-in for Slack's Web API and response_urls that records where each
 * reply went.
 */
import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server.js';
import { createLogger } from '../logger.js';
import { createEngine, loadDefaultReport, type Engine } from '../../src/index.js';
import { headlineLine, renderAnswer, SHARE_ACTION_ID, slackLayout } from './blocks.js';
import { startSlackStandIn, STANDIN_BOT, type RecordedCall, type SlackStandIn } from '../../tests/support/slack-standin.js';
import { postSigned, TEST_SIGNING_SECRET } from '../../tests/support/slack-signing.js';
import { appMention, buttonClick, CHANNEL, directMessage, DM_CHANNEL, eventCallback, OTHER_USER, slashCommand, USER } from '../../tests/support/slack-payloads.js';

const BOT_TOKEN = 'xoxb-test-token';
const BOT = `<@${STANDIN_BOT.userId}>`;

let standIn: SlackStandIn;
let server: RunningServer;
let engine: Engine;
let url: string;
const logLines: string[] = [];
const logs = () => logLines.map((l) => JSON.parse(l) as Record<string, unknown>);

beforeAll(async () => {
  standIn = await startSlackStandIn();
  engine = createEngine(loadDefaultReport());
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  server = await startServer(
    { port: 0, host: '127.0.0.1', logLevel: 'debug', slack: { botToken: BOT_TOKEN, signingSecret: TEST_SIGNING_SECRET, apiUrl: standIn.apiUrl, command: '/compliance' } },
    { engine, logger: createLogger('debug', sink) },
  );
  url = `http://127.0.0.1:${server.port}/slack/events`;
});

afterAll(async () => {
  await server?.close();
  await standIn?.close();
});

beforeEach(() => standIn.reset());


const BARRIER_CHANNEL = 'D0BARRIER1';
const isBarrier = (c: RecordedCall) => c.method === 'chat.postMessage' && c.args.channel === BARRIER_CHANNEL;

/** Sends a DM in its own channel as a barrier and waits for its answer: what earlier requests would post has been posted by then. */
async function settle(): Promise<void> {
  await postSigned(url, { json: eventCallback(directMessage('is S3 in scope?', { channel: BARRIER_CHANNEL })).json });
  await standIn.waitFor((calls) => calls.some(isBarrier));
}
const postsExceptBarrier = () => standIn.callsTo('chat.postMessage').filter((c) => !isBarrier(c));

describe('the Slack adapter over HTTP', () => {
  it('checks the bot token with auth.test through SLACK_API_URL and reports itself on /healthz', async () => {
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`).then((r) => r.json() as Promise<{ adapters: string[] }>);
    expect(health.adapters).toContain('slack');
  });

  it('answers a slash command privately in the ack, with the answer, the question and a share button', async () => {
    const response = await postSigned(url, slashCommand('is Connect in scope?', standIn.responseUrl('cmd1')));
    expect(response.status).toBe(200);
    const expected = renderAnswer(engine.answer('is Connect in scope?'), { echoQuestion: true, shareButton: true });
    expect(response.json()).toEqual({ response_type: 'ephemeral', ...expected });
    const body = response.json() as { blocks: Array<Record<string, unknown>> };
    expect(body.blocks[0]).toEqual({ type: 'section', expand: true, text: { type: 'mrkdwn', text: headlineLine(slackLayout(engine.answer('is Connect in scope?'))), verbatim: true } });
    expect(JSON.stringify(body.blocks.at(-1))).toContain(SHARE_ACTION_ID);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
    expect(standIn.callsTo('response_url')).toEqual([]);
  });

  it('shows the core help for the command alone and for "help"', async () => {
    for (const text of ['', 'help', '  HELP  ']) {
      const response = await postSigned(url, slashCommand(text, standIn.responseUrl('help')));
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ response_type: 'ephemeral', ...renderAnswer(engine.answer(text), { echoQuestion: true, shareButton: true, command: '/compliance' }) });
      expect(JSON.stringify(response.json())).toContain('compliance_ask_0');
      expect(JSON.stringify(response.json())).toContain('Ask with `/compliance …`');
    }
  });

  it('answers a help example button privately, as if the question had been asked', async () => {
    const response = await postSigned(url, buttonClick('compliance_ask_2', 'is us-east-1 covered?', standIn.responseUrl('ask1')));
    expect(response.status).toBe(200);
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'response_url'));
    const [answered] = standIn.callsTo('response_url');
    expect(answered!.args).toEqual({ response_type: 'ephemeral', replace_original: false, ...renderAnswer(engine.answer('is us-east-1 covered?'), { echoQuestion: true, shareButton: true }) });
  });

  it('posts the same answer to the channel for everyone when the share button is clicked, then removes the private copy', async () => {
    const response = await postSigned(url, buttonClick(SHARE_ACTION_ID, 'is Connect in scope?', standIn.responseUrl('share1')));
    expect(response.status).toBe(200);
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'response_url').length === 2);
    const [shared, removed] = standIn.callsTo('response_url');
    expect(shared!.responseId).toBe('share1');
    expect(shared!.args).toEqual({
      response_type: 'in_channel',
      replace_original: false,
      ...renderAnswer(engine.answer('is Connect in scope?'), { echoQuestion: true, sharedBy: USER }),
    });
    expect(JSON.stringify(shared!.args.blocks)).toContain(`Shared by <@${USER}>`);
    expect(removed!.args).toEqual({ delete_original: true });
  });

  it('posts a Share click replayed three times (same trigger_id and action_ts) once, and logs each replay as skipped', async () => {
    // Before the click was claimed by its own ids, each replay posted the answer to the channel again.
    const click = buttonClick(SHARE_ACTION_ID, 'is S3 in scope?', standIn.responseUrl('replayed'));
    const before = logLines.length;
    for (let i = 0; i < 4; i += 1) expect((await postSigned(url, click)).status).toBe(200);
    const skipped = () => logs().slice(before).filter((l) => l.msg === 'skipped a Share click already handled');
    await standIn.waitFor((calls) => calls.filter((c) => c.method === 'response_url').length >= 2 && skipped().length === 3);
    expect(standIn.callsTo('response_url').map((c) => [c.responseId, c.args.response_type ?? 'delete'])).toEqual([
      ['replayed', 'in_channel'],
      ['replayed', 'delete'],
    ]);
    expect(skipped()).toHaveLength(3);
  });

  it('answers an app_mention in a thread under the question', async () => {
    const mention = appMention(`${BOT} is S3 in scope?`);
    const response = await postSigned(url, { json: eventCallback(mention).json });
    expect(response.status).toBe(200);
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    const [post] = standIn.callsTo('chat.postMessage');
    expect(post!.token).toBe(BOT_TOKEN);
    expect(post!.args).toMatchObject({ channel: CHANNEL, thread_ts: mention.ts, ...renderAnswer(engine.answer('is S3 in scope?')) });
  });

  it('answers a mention inside a thread in that same thread', async () => {
    const mention = appMention(`is Athena covered? ${BOT}`, { thread_ts: '1700000000.000001' });
    await postSigned(url, { json: eventCallback(mention).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    expect(standIn.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: CHANNEL, thread_ts: '1700000000.000001', ...renderAnswer(engine.answer('is Athena covered?')) });
  });

  it('answers a direct message in the DM, not in a thread', async () => {
    await postSigned(url, { json: eventCallback(directMessage('which regions are covered?')).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    const [post] = standIn.callsTo('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: DM_CHANNEL, ...renderAnswer(engine.answer('which regions are covered?')) });
    expect(post!.args.thread_ts).toBeUndefined();
  });

  it('shows help for a bare mention', async () => {
    await postSigned(url, { json: eventCallback(appMention(BOT)).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    expect(standIn.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: CHANNEL, ...renderAnswer(engine.answer(''), { command: '/compliance' }) });
  });

  it('answers a delivery once: a retry (X-Slack-Retry-Num) and a repeated event_id get no second answer', async () => {
    const event = eventCallback(appMention(`${BOT} is Amazon Connect in scope?`));
    expect((await postSigned(url, { json: event.json })).status).toBe(200);
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    const retry = await postSigned(url, { json: event.json }, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    const again = await postSigned(url, { json: event.json });
    expect(again.status).toBe(200);
    await settle();
    expect(postsExceptBarrier()).toHaveLength(1);
  });

  it('answers the first delivery it sees of an event, whatever its retry header, and logs the skips at info', async () => {
    // Five concurrent deliveries of one event, each a retry after a timeout: all five used to be dropped.
    const event = eventCallback(appMention(`${BOT} is S3 in scope?`));
    const headers = { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' };
    const responses = await Promise.all(Array.from({ length: 5 }, () => postSigned(url, { json: event.json }, { headers })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const lost = eventCallback(appMention(`${BOT} is EC2 in scope?`));
    await postSigned(url, { json: lost.json }, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'connection_failed' } });
    await settle();
    const posts = postsExceptBarrier();
    expect(posts.map((p) => p.args.thread_ts).sort()).toEqual([(event.json.event as { ts: string }).ts, (lost.json.event as { ts: string }).ts].sort());
    const skips = logs().filter((l) => l.msg === 'skipped an event already answered' && l.eventId === event.eventId);
    expect(skips).toHaveLength(4);
    expect(skips.every((l) => l.level === 30)).toBe(true);
  });

  it("ignores the bot's own messages and other bots' messages", async () => {
    const own = [
      directMessage('is S3 in scope?', { user: STANDIN_BOT.userId }),
      directMessage('is S3 in scope?', { subtype: 'bot_message', bot_id: STANDIN_BOT.botId }),
      directMessage('is S3 in scope?', { bot_id: 'B0OTHERBOT', user: 'U0OTHERBOT' }),
      directMessage('is S3 in scope?', { subtype: 'message_changed' }),
      appMention(`${BOT} is S3 in scope?`, { bot_id: 'B0OTHERBOT', user: 'U0OTHERBOT' }),
      appMention(`${BOT} is S3 in scope?`, { user: STANDIN_BOT.userId }),
    ];
    for (const event of own) expect((await postSigned(url, { json: eventCallback(event).json })).status).toBe(200);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
  });

  it("makes no live ping from a mention carrying <!channel>, and other people's mentions do not reach the core", async () => {
    const mention = appMention(`<!channel> ${BOT} <@${OTHER_USER}> is S3 in scope? <!here>`);
    await postSigned(url, { json: eventCallback(mention).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    const [post] = standIn.callsTo('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: CHANNEL, thread_ts: mention.ts, ...renderAnswer(engine.answer('is S3 in scope?')) });
    expect(JSON.stringify(post!.args)).not.toMatch(/<[!@#]/);
  });

  it('escapes what the user typed when it is echoed back', async () => {
    const response = await postSigned(url, slashCommand('is <!everyone> &lt;S3&gt; in scope? @here', standIn.responseUrl('esc')));
    // The share button's value is sent back to us, never displayed.
    const text = JSON.stringify(response.json()).replace(/"value":"(?:[^"\\]|\\.)*"/g, '');
    expect(text).toContain('&lt;S3&gt;');
    expect(text).not.toMatch(/<[!@#]/);
    expect(text).not.toMatch(/@here/);
  });

  it('rejects a forged signature with 401 and answers nothing', async () => {
    const response = await postSigned(url, { json: eventCallback(appMention(`${BOT} is S3 in scope?`)).json }, { secret: 'not-the-signing-secret' });
    expect(response.status).toBe(401);
    const unsigned = await postSigned(url, slashCommand('is S3 in scope?', standIn.responseUrl('x')), { unsigned: true });
    expect(unsigned.status).toBe(401);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
  });

  it('logs wrongly signed requests once per interval with a count, not one line each', async () => {
    const before = logLines.length;
    for (let i = 0; i < 5; i++) {
      const response = await postSigned(url, { json: eventCallback(appMention(`${BOT} is S3 in scope? ${i}`)).json }, { secret: 'not-the-signing-secret' });
      expect(response.status).toBe(401);
    }
    const lines = logs().slice(before).filter((l) => String(l.msg).includes('Request verification failed'));
    // The first line of the interval at most (an earlier test may have opened it): never one per request.
    expect(lines.length).toBeLessThanOrEqual(1);
  });

  it('rejects a timestamp older than five minutes with 401 and answers nothing', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await postSigned(url, slashCommand('is S3 in scope?', standIn.responseUrl('stale')), { timestamp: stale });
    expect(response.status).toBe(401);
    expect(response.text).toBe('');
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
  });

  it('rejects a timestamp more than five minutes in the future with 401 and answers nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const future of [now + 99_999_999, now + 6 * 60]) {
      const command = await postSigned(url, slashCommand('is S3 in scope?', standIn.responseUrl('future')), { timestamp: future });
      expect(command.status).toBe(401);
      expect(command.text).toBe('');
      const mention = await postSigned(url, { json: eventCallback(appMention(`${BOT} is S3 in scope?`)).json }, { timestamp: future });
      expect(mention.status).toBe(401);
      // Refused before Bolt answers URL verification, too.
      const challenge = await postSigned(url, { json: { type: 'url_verification', token: 'x', challenge: 'c' } }, { timestamp: future });
      expect(challenge.status).toBe(401);
    }
    // A clock a little ahead of ours is still fine.
    const ahead = await postSigned(url, slashCommand('help', standIn.responseUrl('ahead')), { timestamp: now + 60 });
    expect(ahead.status).toBe(200);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
    expect(standIn.callsTo('response_url')).toEqual([]);
  });

  it('refuses a request with no signature headers before reading its body: 401 while the body is still unsent', async () => {
    // Headers promise 4 MB and no byte of it is sent: a server that reads the body first never answers.
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1');
    socket.write(`POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`);
    const [head] = (await once(socket, 'data')) as [Buffer];
    socket.destroy();
    expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('refuses timestamps that are not plain digits, even correctly signed, and a body over 1 MB', async () => {
    const now = Math.floor(Date.now() / 1000);
    const raw = JSON.stringify(eventCallback(appMention(`${BOT} is S3 in scope?`)).json);
    for (const timestamp of [`${now}.0`, `+${now}`, `0x${now.toString(16)}`, `${(now / 1e9).toFixed(9)}e9`]) {
      const signature = createHmac('sha256', TEST_SIGNING_SECRET).update(`v0:${timestamp}:${raw}`).digest('hex');
      const headers = { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signature}` };
      const response = await postSigned(url, { raw, contentType: 'application/json' }, { unsigned: true, headers });
      expect(response.status, timestamp).toBe(401);
    }
    const big = JSON.stringify({ ...eventCallback(appMention(`${BOT} is S3 in scope?`)).json, padding: 'x'.repeat(1024 * 1024) });
    expect((await postSigned(url, { raw: big, contentType: 'application/json' })).status).toBe(413);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
  });

  it('acknowledges a share click with no user at once, posts nothing and warns, without a 5xx or an ack timeout', async () => {
    const raw = JSON.parse((buttonClick(SHARE_ACTION_ID, 'is S3 in scope?', standIn.responseUrl('nouser')) as { form: { payload: string } }).form.payload) as Record<string, unknown>;
    delete raw.user;
    const before = logLines.length;
    const response = await postSigned(url, { form: { payload: JSON.stringify(raw) } });
    expect(response.status).toBe(200);
    await settle();
    expect(standIn.callsTo('response_url')).toEqual([]);
    const lines = logs().slice(before);
    expect(lines.some((l) => l.level === 40 && typeof l.msg === 'string' && l.msg.startsWith('Ignored a malformed Slack payload (block_actions): user: '))).toBe(true);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('acknowledges an app_mention with no text, a numeric text or no channel, posts nothing and warns', async () => {
    const before = logLines.length;
    const malformed = [appMention(BOT, { text: undefined }), appMention(BOT, { text: 42 }), appMention(`${BOT} is S3 in scope?`, { channel: undefined }), directMessage('x', { text: { not: 'text' } })];
    for (const event of malformed) expect((await postSigned(url, { json: eventCallback(event).json })).status).toBe(200);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
    const lines = logs().slice(before);
    expect(lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Ignored a malformed Slack payload (event '))).toHaveLength(malformed.length);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('acknowledges app_home_opened with user null and an interactive_message without actions at once, with one warning each', async () => {
    const before = logLines.length;
    const home = eventCallback({ type: 'app_home_opened', user: null, channel: 'D0HOME0001', tab: 'home', event_ts: '1700000000.1' });
    const legacy = { type: 'interactive_message', callback_id: 'old_button', team: { id: 'T0TEST01' }, channel: { id: CHANNEL }, user: { id: USER }, response_url: standIn.responseUrl('legacy') };
    expect((await postSigned(url, { json: home.json })).status).toBe(200);
    // Bolt waited 3 s for an ack that no listener gives, then answered 404.
    expect((await postSigned(url, { form: { payload: JSON.stringify(legacy) } })).status).toBe(200);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
    expect(standIn.callsTo('response_url')).toEqual([]);
    const lines = logs().slice(before);
    const warnings = lines.filter((l) => l.level === 40 && typeof l.msg === 'string' && l.msg.startsWith('Ignored a malformed Slack payload'));
    expect(warnings.map((l) => l.msg)).toEqual([
      expect.stringContaining('(event app_home_opened): event.user'),
      expect.stringContaining('(interactive_message): actions'),
    ]);
    expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });

  it('acknowledges a slash command whose text is not a string and answers nothing', async () => {
    const response = await postSigned(url, { raw: JSON.stringify({ command: '/compliance', text: 5, response_url: standIn.responseUrl('num') }), contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });

  it('answers a malformed body with 400 at once, and the server goes on', async () => {
    for (const raw of ['{not json', '{}', '[]', 'null', '{"event":"x"}']) {
      const response = await postSigned(url, { raw, contentType: 'application/json' });
      expect(response.status, raw).toBe(400);
    }
    const form = await postSigned(url, { raw: 'payload=%7Bbroken', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    await settle();
  });

  it('acknowledges unknown event types and ignores them', async () => {
    const reaction = eventCallback({ type: 'reaction_added', user: USER, reaction: 'thumbsup', item: { type: 'message', channel: CHANNEL, ts: '1.2' }, event_ts: '1.3' });
    expect((await postSigned(url, { json: reaction.json })).status).toBe(200);
    expect((await postSigned(url, { json: { type: 'app_rate_limited', team_id: 'T1', minute_rate_limited: 1, api_app_id: 'A1' } })).status).toBe(200);
    const otherButton = await postSigned(url, buttonClick('some_other_button', 'x', standIn.responseUrl('other')));
    expect(otherButton.status).toBe(200);
    await settle();
    expect(postsExceptBarrier()).toEqual([]);
    expect(standIn.callsTo('response_url')).toEqual([]);
  });

  it('answers Slack URL verification with the challenge', async () => {
    const response = await postSigned(url, { json: { type: 'url_verification', token: 'x', challenge: 'challenge-123' } });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ challenge: 'challenge-123' });
  });

  it('logs a failed chat.postMessage with the Slack error and goes on answering', async () => {
    standIn.failNext('chat.postMessage', 'channel_not_found');
    await postSigned(url, { json: eventCallback(appMention(`${BOT} is S3 in scope?`)).json });
    await standIn.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    await settle();
    expect(logs().some((l) => l.slackError === 'channel_not_found' && l.msg === 'could not post the reply: Slack refused it')).toBe(true);
    expect(standIn.calls.some(isBarrier)).toBe(true);
  });

  it('never logs the bot token or the signing secret', () => {
    const all = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(TEST_SIGNING_SECRET);
  });
});
