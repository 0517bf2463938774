import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connector-standin.js';
import { createTestSchema, PG_SKIP_REASON, TEST_DATABASE_URL, type TestSchema } from './support/pg-schema.js';
import { appMention, eventCallback } from './support/slack-payloads.js';
import { postSigned } from './support/slack-signing.js';
import { startSlackStandIn, type SlackStandIn } from './support/slack-standin.js';
import { standInAdapters, startServerProcess, type ServerProcess } from './support/server-process.js';

/**
 * Two replicas (two `dist/server.js` processes on their own ports) on one PostgreSQL schema: a delivery
 * given to both is answered once, a retry after a restart is still answered once, and both write to the
 * one audit log. Against the real server on TEST_DATABASE_URL, never a mock.
 */
type Replica = ServerProcess;

/** A replica: dist/server.js with `vars`, as the shared helper starts it (15 s to listen: both migrate at once). */
const startReplica = (vars: Record<string, string>) => startServerProcess(vars, 15_000);
const stop = (r: Replica | undefined) => r?.stop() ?? Promise.resolve();

const activity = (serviceUrl: string, id: string) => ({
  type: 'message',
  id,
  channelId: 'msteams',
  serviceUrl,
  from: { id: '29:user', name: 'User' },
  recipient: { id: '28:bot', name: 'Compliance Bot' },
  conversation: { id: 'a:replicas', conversationType: 'personal' },
  text: 'is S3 in scope?',
});

describe.skipIf(!TEST_DATABASE_URL)('two replicas on one PostgreSQL', () => {
  let schema: TestSchema;
  let slack: SlackStandIn;
  let connector: ConnectorStandIn;
  let a: Replica | undefined;
  let b: Replica | undefined;
  let vars: Record<string, string>;

  beforeAll(async () => {
    schema = await createTestSchema();
    slack = await startSlackStandIn();
    connector = await startConnectorStandIn();
    vars = { DATABASE_URL: schema.url, ...standInAdapters(slack.apiUrl) };
    // Started together: both apply the migrations at once.
    [a, b] = await Promise.all([startReplica(vars), startReplica(vars)]);
  }, 40_000);
  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    await slack?.close();
    await connector?.close();
    await schema?.drop();
  });

  it('names the store on /healthz', async () => {
    const health = (await fetch(`http://127.0.0.1:${a!.port}/healthz`).then((r) => r.json())) as { store: string };
    expect(health.store).toBe('postgres');
  });

  it('answers a Slack event delivered to both once, and a retry after a restart once', async () => {
    const delivery = eventCallback(appMention('<@UBOT0001> is S3 in scope?'));
    const [ra, rb] = await Promise.all([postSigned(`http://127.0.0.1:${a!.port}/slack/events`, delivery), postSigned(`http://127.0.0.1:${b!.port}/slack/events`, delivery)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'), 10_000);

    await stop(a);
    a = await startReplica(vars);
    const retry = await postSigned(`http://127.0.0.1:${a.port}/slack/events`, delivery, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    // The skip is logged once the claim has lost; by then a second reply would have been queued.
    await waitFor(() => a!.output().includes('skipped an event already answered'));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('answers a Teams activity delivered to both once', async () => {
    const body = JSON.stringify(activity(connector.url, 'act-replicas-1'));
    const post = (r: Replica) => fetch(`http://127.0.0.1:${r.port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const [ra, rb] = await Promise.all([post(a!), post(b!)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    await connector.waitForCalls(1);
    await waitFor(() => `${a!.output()}${b!.output()}`.includes('skipped an activity already answered'));
    // Messages only: a turn slowed by a busy machine also sends one typing activity (typing.ts).
    expect(connector.calls.filter((c) => c.replyToId === 'act-replicas-1' && c.activity.type === 'message')).toHaveLength(1);
  });

  it('writes one audit log from both replicas', async () => {
    await waitFor(async () => (await schema.query(`select count(*)::int as n from ${schema.name}.audit_answer`))[0]!.n >= 2);
    const rows = await schema.query<{ platform: string; n: number }>(`select platform, count(*)::int as n from ${schema.name}.audit_answer group by platform order by platform`);
    expect(rows).toEqual([
      { platform: 'slack', n: 1 },
      { platform: 'teams', n: 1 },
    ]);
  });
});

if (!TEST_DATABASE_URL) {
  describe('two replicas on one PostgreSQL', () => it.skip(PG_SKIP_REASON, () => undefined));
  console.warn(PG_SKIP_REASON);
}

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
