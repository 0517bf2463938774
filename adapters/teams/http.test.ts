import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { createEngine, loadDefaultReport, type Engine } from '../../src/index.js';
import type { AppConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { startServer, type RunningServer } from '../server.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../../tests/support/connector-standin.js';
import { answerMessage } from './card.js';
import { capturedLogger } from '../../tests/support/logs.js';

// Activities shaped as Teams sends them (fake ids throughout): a channel post, a personal chat, the bot
// added to a team. https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/channel-and-group-conversations
const TENANT = '00000000-0000-4000-8000-00000000feed';
const BOT = { id: '28:00000000-0000-4000-8000-0000000000b0', name: 'Compliance Bot' };
const USER = { id: '29:1fake-user-id', aadObjectId: '00000000-0000-4000-8000-0000000000a1', name: 'Alex Example' };
const CHANNEL_THREAD = '19:fakechannel0000@thread.tacv2';
const TEAM = '19:faketeam0000@thread.tacv2';
const CLIENT_INFO = { type: 'clientInfo', locale: 'en-US', country: 'US', platform: 'Web', timezone: 'Europe/Berlin' };

let sequence = 1_700_000_000_000;
const nextId = () => String((sequence += 1));

function botMention(text: string | undefined = `<at>${BOT.name}</at>`) {
  return { type: 'mention', ...(text === undefined ? {} : { text }), mentioned: { id: BOT.id, name: BOT.name } };
}

function channelMessage(serviceUrl: string, text: string, entities: unknown[] = [botMention(), CLIENT_INFO]) {
  const id = nextId();
  return {
    type: 'message',
    id,
    timestamp: '2024-05-02T09:00:00.000Z',
    localTimestamp: '2024-05-02T11:00:00.000+02:00',
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: `${CHANNEL_THREAD};messageid=${id}` },
    recipient: BOT,
    textFormat: 'plain',
    locale: 'en-US',
    text,
    entities,
    channelData: { teamsChannelId: CHANNEL_THREAD, teamsTeamId: TEAM, channel: { id: CHANNEL_THREAD }, team: { id: TEAM }, tenant: { id: TENANT } },
  };
}

function personalMessage(serviceUrl: string, text: string) {
  return {
    type: 'message',
    id: nextId(),
    timestamp: '2024-05-02T09:00:00.000Z',
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: { conversationType: 'personal', tenantId: TENANT, id: 'a:1fake-personal-conversation-id' },
    recipient: BOT,
    textFormat: 'plain',
    locale: 'en-US',
    text,
    entities: [CLIENT_INFO],
    channelData: { tenant: { id: TENANT } },
  };
}

function botAddedToTeam(serviceUrl: string, membersAdded: { id: string }[]) {
  return {
    type: 'conversationUpdate',
    id: nextId(),
    timestamp: '2024-05-02T09:00:00.000Z',
    serviceUrl,
    channelId: 'msteams',
    from: USER,
    conversation: { isGroup: true, conversationType: 'channel', tenantId: TENANT, id: TEAM },
    recipient: BOT,
    membersAdded,
    channelData: { team: { id: TEAM, name: 'Sales' }, eventType: 'teamMemberAdded', tenant: { id: TENANT } },
  };
}

const post = (base: string, body: string | object, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The log line of a reply the connector did not take. */
const LOST = 'Teams turn failed: the reply was not delivered';

/** Local mode, with a short connector deadline so that a hung connector's test ends quickly. */
const localConfig: AppConfig = { port: 0, host: '127.0.0.1', logLevel: 'warn', teams: { mode: 'local', connectorTimeoutMs: 300 } };

describe('the Teams endpoint in local mode', () => {
  let engine: Engine;
  let connector: ConnectorStandIn;
  let server: RunningServer;
  let base: string;
  const logs: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    engine = createEngine(loadDefaultReport());
    connector = await startConnectorStandIn();
    const logger = capturedLogger('warn', logs).logger;
    server = await startServer(localConfig, { engine, logger });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });
  beforeEach(() => {
    connector.reset();
    connector.respondWith(200);
    logs.length = 0;
  });

  /** The answer card as the one reply to the activity (no typing indicator: the answer is immediate). */
  async function expectAnswer(activity: { id: string; conversation: { id: string } }, question: string) {
    const calls = await connector.waitForCalls(1);
    expect(calls).toHaveLength(1);
    for (const call of calls) {
      expect(call.method).toBe('POST');
      expect(call.conversationId).toBe(activity.conversation.id);
      expect(call.replyToId).toBe(activity.id);
    }
    const expected = answerMessage(engine.answer(question));
    const sent = calls[0]!.activity;
    expect(sent.type).toBe('message');
    expect(sent.summary).toBe(expected.summary);
    expect(sent.attachments).toEqual(expected.attachments);
    const card = expected.attachments[0].content;
    expect(card.version).toBe('1.4');
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'emphasis' });
    expect(card.body.at(-1)).toMatchObject({ type: 'TextBlock', text: `${engine.report.title} · 1 Apr – 30 Sep 2017` });
    return card;
  }

  test('a channel @mention is answered in its thread with the Answer as an Adaptive Card', async () => {
    const activity = channelMessage(connector.url, `<at>${BOT.name}</at> is Connect in scope?`);
    const res = await post(base, activity);
    expect(res.status).toBe(200);
    const card = await expectAnswer(activity, 'is Connect in scope?');
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'emphasis', items: [{ text: '✅ **Yes**: **Amazon Connect** (Contact Center) is in scope.' }] });
    expect(JSON.stringify(card.body)).toContain('Amazon Connect');
  });

  test('a personal chat message without any mention is answered', async () => {
    const activity = personalMessage(connector.url, 'Is Amazon SageMaker in scope?');
    expect((await post(base, activity)).status).toBe(200);
    await expectAnswer(activity, 'Is Amazon SageMaker in scope?');
  });

  test('the mention is removed when line breaks surround it', async () => {
    const activity = channelMessage(connector.url, `\n<at>${BOT.name}</at>\n\nis Connect in scope?\n`);
    expect((await post(base, activity)).status).toBe(200);
    await expectAnswer(activity, 'is Connect in scope?');
  });

  test('the mention is removed when the mention entity carries no text', async () => {
    const activity = channelMessage(connector.url, `<at>${BOT.name}</at> is Connect in scope?`, [botMention(undefined), CLIENT_INFO]);
    expect((await post(base, activity)).status).toBe(200);
    await expectAnswer(activity, 'is Connect in scope?');
  });

  test('"help" gets what the bot can answer, with example questions, and no typing indicator', async () => {
    const activity = channelMessage(connector.url, `<at>${BOT.name}</at> help`);
    expect((await post(base, activity)).status).toBe(200);
    const calls = await connector.waitForCalls(1);
    expect(calls).toHaveLength(1);
    const expected = answerMessage(engine.answer('help'), { botName: BOT.name });
    expect(calls[0]!.activity.attachments).toEqual(expected.attachments);
    const card = expected.attachments[0].content;
    expect(card.body[0]).toMatchObject({ items: [{ text: expect.stringMatching(/^❔ \*\*Help\*\*/) }] });
    expect(card.actions?.map((a) => a.title)).toContain('is Connect in scope?');
    expect(JSON.stringify(card.body)).toContain('@Compliance Bot is Amazon S3 in scope?');
  });

  test('a mention with nothing after it gets the help card', async () => {
    const activity = channelMessage(connector.url, `<at>${BOT.name}</at>&nbsp;`);
    expect((await post(base, activity)).status).toBe(200);
    const calls = await connector.waitForCalls(1);
    expect(calls[0]!.activity.attachments).toEqual(answerMessage(engine.answer(''), { botName: BOT.name }).attachments);
  });

  test('the bot introduces itself once when it is added to a team together with others', async () => {
    const activity = botAddedToTeam(connector.url, [{ id: BOT.id }, { id: USER.id }]);
    expect((await post(base, activity)).status).toBe(200);
    const calls = await connector.waitForCalls(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.conversationId).toBe(TEAM);
    const expected = answerMessage(engine.answer('help'), { botName: BOT.name, welcome: true });
    expect(calls[0]!.activity.attachments).toEqual(expected.attachments);
    expect(expected.attachments[0].content.body[0]).toMatchObject({ items: [{ text: 'Hello! I answer compliance questions from an audit report.' }, {}] });
  });

  test('a user joining a team the bot is in gets no message', async () => {
    const res = await post(base, botAddedToTeam(connector.url, [{ id: '29:someone-else' }]));
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(0);
  });

  test('malformed JSON and a body without a type get 400, and the server goes on answering', async () => {
    const broken = await post(base, '{"type": "message", "text": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: 'malformed JSON' });
    const untyped = await post(base, { text: 'is Connect in scope?', serviceUrl: connector.url });
    expect(untyped.status).toBe(400);
    const notAnObject = await post(base, '[1, 2]');
    expect(notAnObject.status).toBe(400);
    const notJson = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(notJson.status).toBe(415);
    expect(connector.calls).toHaveLength(0);

    const activity = personalMessage(connector.url, 'is Connect in scope?');
    expect((await post(base, activity)).status).toBe(200);
    await expectAnswer(activity, 'is Connect in scope?');
  });

  test('an activity type the bot does not handle gets 200 and no reply', async () => {
    for (const type of ['messageReaction', 'typing', 'installationUpdate', 'invoke']) {
      const res = await post(base, { ...personalMessage(connector.url, ''), type, name: type === 'invoke' ? 'adaptiveCard/action' : undefined });
      expect(res.status, type).toBe(200);
    }
    expect(connector.calls).toHaveLength(0);
  });

  test('a reply the connector refuses is logged and the next message is answered', async () => {
    connector.respondWith(403);
    const refused = personalMessage(connector.url, 'is Connect in scope?');
    expect((await post(base, refused)).status).toBe(200);
    // Logged once; no apology, which would go to the same connector and be refused the same way.
    expect(logs.filter((l) => l.msg === LOST)).toMatchObject([{ connectorStatus: 403, activityId: refused.id, conversationId: refused.conversation.id }]);
    expect(connector.calls).toHaveLength(1);

    connector.reset();
    connector.respondWith(200);
    const activity = personalMessage(connector.url, 'is Connect in scope?');
    expect((await post(base, activity)).status).toBe(200);
    await expectAnswer(activity, 'is Connect in scope?');
  });

  test('a malformed activity gets 400 with a short JSON error and a warning, and nothing is sent', async () => {
    const message = personalMessage(connector.url, 'is Connect in scope?');
    const { conversation: _dropped, ...withoutConversation } = message;
    const cases: Array<[string, object, string]> = [
      ['a message with no conversation', withoutConversation, 'conversation'],
      ['a message whose entities are not a list', { ...message, entities: 'bad' }, 'entities'],
      ['a message whose entities hold a non-object', { ...message, entities: [1] }, 'entities.0'],
      ['a message whose text is a number', { ...message, text: 42 }, 'text'],
      ['a message whose attachments are not a list', { ...message, attachments: 'file.xlsx' }, 'attachments'],
      ['a message whose attachment has a numeric name', { ...message, attachments: [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 7 }] }, 'attachments.0.name'],
      ['a message with no from', { ...message, from: undefined }, 'from'],
      ['a message whose recipient has no id', { ...message, recipient: { name: BOT.name } }, 'recipient.id'],
      ['a message whose serviceUrl is not a string', { ...message, serviceUrl: 7 }, 'serviceUrl'],
      ['a message whose locale is an object', { ...message, locale: {} }, 'locale'],
      ['a message whose conversationType is a number', { ...message, conversation: { ...message.conversation, conversationType: 5 } }, 'conversation.conversationType'],
      ['a conversationUpdate whose membersAdded is a string', { ...botAddedToTeam(connector.url, []), membersAdded: 'x' }, 'membersAdded'],
      ['a conversationUpdate member with no id', botAddedToTeam(connector.url, [{} as { id: string }]), 'membersAdded.0.id'],
    ];
    for (const [what, body, field] of cases) {
      const res = await post(base, body);
      expect(res.status, what).toBe(400);
      const error = ((await res.json()) as { error: string }).error;
      expect(error, what).toMatch(new RegExp(`^malformed Bot Framework activity: ${field.replace(/\./g, '\\.')}: `));
      expect(error.length, what).toBeLessThan(240);
    }
    const warnings = logs.filter((l) => l.msg === 'Teams request refused: malformed activity');
    expect(warnings).toHaveLength(cases.length);
    expect(warnings.every((l) => l.level === 40)).toBe(true);
    expect(logs.filter((l) => (l.level as number) >= 50)).toEqual([]);

    // Nothing was sent for any of them: the next good message is the connector's first call.
    const good = personalMessage(connector.url, 'is Connect in scope?');
    expect((await post(base, good)).status).toBe(200);
    await expectAnswer(good, 'is Connect in scope?');
  });

  test('the same activity delivered twice is answered once, the second skipped at info', async () => {
    const activity = personalMessage(connector.url, 'is Connect in scope?');
    expect((await post(base, activity)).status).toBe(200);
    expect((await post(base, activity)).status).toBe(200);
    const barrier = personalMessage(connector.url, 'is S3 in scope?');
    expect((await post(base, barrier)).status).toBe(200);
    const calls = await connector.waitForCalls(2);
    expect(calls.map((c) => c.replyToId)).toEqual([activity.id, barrier.id]);
  });

  test("the bot's own activity (from.id equal to recipient.id) gets 200 and no reply", async () => {
    const own = { ...personalMessage(connector.url, 'is Connect in scope?'), from: BOT };
    expect((await post(base, own)).status).toBe(200);
    const ownUpdate = { ...botAddedToTeam(connector.url, [{ id: BOT.id }]), from: BOT };
    expect((await post(base, ownUpdate)).status).toBe(200);
    const good = personalMessage(connector.url, 'is S3 in scope?');
    expect((await post(base, good)).status).toBe(200);
    await expectAnswer(good, 'is S3 in scope?');
  });

  test('a reply to a dead loopback serviceUrl fails at once and is logged once, with no apology', async () => {
    // Nothing listens on port 1: botbuilder's default retry policy used to hold this request ~12.5 s.
    const res = await post(base, personalMessage('http://127.0.0.1:1/', 'is Connect in scope?'));
    expect(res.status).toBe(200);
    const errors = logs.filter((l) => (l.level as number) >= 40);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: LOST, connectorCode: 'ECONNREFUSED', level: 50 });
  });

  test('a connector answering 503 is not retried in local mode', async () => {
    connector.respondWith(503);
    expect((await post(base, personalMessage(connector.url, 'is Connect in scope?'))).status).toBe(200);
    expect(connector.calls).toHaveLength(1);
    expect(logs.filter((l) => l.msg === LOST)).toMatchObject([{ connectorStatus: 503 }]);
  });

  test('a connector that takes the reply and never answers: the request is answered at the deadline, the reply logged as lost with its ids, no apology', async () => {
    // Before connector-retry.ts set a deadline, this request was held for as long as the connector hung (40 s+).
    connector.respondWith('hang');
    const activity = personalMessage(connector.url, 'is Connect in scope?');
    expect((await post(base, activity)).status).toBe(200);
    // Messages only: a turn slowed past 500 ms by a busy machine also sends one typing activity (typing.ts).
    expect(connector.calls.filter((c) => c.activity.type === 'message')).toHaveLength(1);
    expect(logs.filter((l) => l.msg === LOST)).toMatchObject([
      { connectorCode: 'ETIMEDOUT', activityId: activity.id, conversationId: activity.conversation.id, level: 50 },
    ]);
    // The server goes on: the next conversation gets its answer.
    connector.reset();
    connector.respondWith(200);
    const next = personalMessage(connector.url, 'is S3 in scope?');
    expect((await post(base, next)).status).toBe(200);
    await expectAnswer(next, 'is S3 in scope?');
  });

  test('an IPv6 loopback serviceUrl is refused with 403 and a reason, since botbuilder cannot reach it', async () => {
    const res = await post(base, personalMessage(`http://[::1]:${connector.port}/`, 'is Connect in scope?'));
    expect(res.status).toBe(403);
    expect(logs.some((l) => typeof l.reason === 'string' && l.reason.includes('[::1]') && l.reason.includes('127.0.0.1'))).toBe(true);
    expect(connector.calls).toHaveLength(0);
  });

  test('a serviceUrl that is not loopback is refused before any connection, and logged', async () => {
    // Both hosts would reach this machine if botbuilder were allowed to connect, so a failing guard shows
    // up as a call on the stand-in rather than as traffic anywhere else.
    for (const serviceUrl of [`http://0.0.0.0:${connector.port}/`, `http://[::ffff:127.0.0.1]:${connector.port}/`]) {
      const res = await post(base, personalMessage(serviceUrl, 'is Connect in scope?'));
      expect(res.status, serviceUrl).toBe(403);
    }
    // The 403 is sent before botbuilder runs the turn, so no connector call can still be on its way.
    expect(connector.calls).toHaveLength(0);
    expect(logs.filter((l) => typeof l.msg === 'string' && l.msg.includes('not loopback'))).toHaveLength(2);
  });
});

describe('the Teams endpoint with MicrosoftAppId set', () => {
  let connector: ConnectorStandIn;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    connector = await startConnectorStandIn();
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      teams: { mode: 'authenticated', appId: '00000000-0000-4000-8000-0000000000b0', appPassword: 'fake-password-for-tests', appType: 'MultiTenant' },
    };
    server = await startServer(config, { engine: createEngine(loadDefaultReport()), logger: createLogger('silent') });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
  });

  test('a request without an Authorization header gets 401 and nothing is sent', async () => {
    const res = await post(base, personalMessage(connector.url, 'is Connect in scope?'));
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  // Not JWT-shaped on purpose: botbuilder refuses it locally, whereas a JWT would make it fetch signing keys.
  test('a bearer value that is not a token gets 401 and nothing is sent', async () => {
    // botbuilder prints the AuthenticationError with console.error; keep it out of the test output.
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await post(base, personalMessage(connector.url, 'is Connect in scope?'), { authorization: 'Bearer not-a-token' });
    printed.mockRestore();
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });
});
