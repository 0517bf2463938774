import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { startConnectorStandIn, type ConnectorStandIn } from '../../tests/support/connector-standin.js';
import { CachingBotFrameworkAuthentication } from './connector-cache.js';
import { connectorFailure } from './index.js';
import { BOUNDED_RETRY_POLICY, boundedRetryPolicy, CONNECTOR_RETRY, NO_RETRY, type RetrySettings } from './connector-retry.js';

/** A real botframework-connector ConnectorClient for `serviceUrl`, made as the adapter makes it. */
async function connectorClient(serviceUrl: string, retry?: RetrySettings) {
  const auth = new CachingBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
  if (retry) auth.retry = retry;
  const activity = { type: 'message', serviceUrl, channelId: 'msteams' } as Parameters<typeof auth.authenticateRequest>[0];
  const result = await auth.authenticateRequest(activity, '');
  return result.connectorFactory!.create(serviceUrl, result.audience);
}

const reply = { type: 'message', text: 'hi' } as Parameters<Awaited<ReturnType<typeof connectorClient>>['conversations']['replyToActivity']>[2];

describe('Bot Connector replies', () => {
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    connector = await startConnectorStandIn();
  });
  afterAll(async () => connector?.close());
  beforeEach(() => {
    connector.reset();
    connector.respondWith(200);
  });

  it("replace botbuilder's default retry policy with the bounded one", async () => {
    const client = await connectorClient(connector.url);
    const names = (client as unknown as { client: { pipeline: { getOrderedPolicies(): Array<{ name: string }> } } }).client.pipeline.getOrderedPolicies().map((p) => p.name);
    expect(names).toContain(BOUNDED_RETRY_POLICY);
    expect(names).not.toContain('defaultRetryPolicy');
  });

  it('retry a transient 503 from the real connector a few times, quickly, then give up', async () => {
    connector.respondWith(503);
    const client = await connectorClient(connector.url);
    await expect(client.conversations.replyToActivity('conv', 'act', reply)).rejects.toMatchObject({ statusCode: 503 });
    expect(connector.calls).toHaveLength(1 + CONNECTOR_RETRY.maxRetries);
  });

  it('do not retry a refusal (403)', async () => {
    connector.respondWith(403);
    const client = await connectorClient(connector.url);
    await expect(client.conversations.replyToActivity('conv', 'act', reply)).rejects.toMatchObject({ statusCode: 403 });
    expect(connector.calls).toHaveLength(1);
  });

  it('fail at once without retries in local mode, on a refused connection as on a 503', async () => {
    const dead = await connectorClient('http://127.0.0.1:1/', NO_RETRY);
    await expect(dead.conversations.replyToActivity('conv', 'act', reply)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    connector.respondWith(503);
    const client = await connectorClient(connector.url, NO_RETRY);
    await expect(client.conversations.replyToActivity('conv', 'act', reply)).rejects.toMatchObject({ statusCode: 503 });
    expect(connector.calls).toHaveLength(1);
  });
});

describe('the bounded retry policy', () => {
  const settings: RetrySettings = { maxRetries: 2, delayMs: 1, maxDelayMs: 50, timeoutMs: 0 };
  const response = (status: number, retryAfter?: string) => ({ status, headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } });

  it('retries connection resets, but not a name that does not resolve', async () => {
    let calls = 0;
    const reset = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    await expect(boundedRetryPolicy(settings).sendRequest({}, async () => (calls++, Promise.reject(reset)))).rejects.toBe(reset);
    expect(calls).toBe(3);
    calls = 0;
    const notFound = Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
    await expect(boundedRetryPolicy(settings).sendRequest({}, async () => (calls++, Promise.reject(notFound)))).rejects.toBe(notFound);
    expect(calls).toBe(1);
  });

  it('honours a short Retry-After on 429 and gives up on one longer than it may wait', async () => {
    const statuses: number[] = [];
    const answers = [response(429, '0'), response(200)];
    const ok = await boundedRetryPolicy(settings).sendRequest({}, async () => {
      const next = answers.shift()!;
      statuses.push(next.status);
      return next;
    });
    expect(ok.status).toBe(200);
    expect(statuses).toEqual([429, 200]);
    let calls = 0;
    const late = await boundedRetryPolicy(settings).sendRequest({}, async () => (calls++, response(429, '120')));
    expect(late.status).toBe(429);
    expect(calls).toBe(1);
  });
});

describe('a Bot Connector that takes a reply and never answers', () => {
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    connector = await startConnectorStandIn();
    connector.respondWith('hang');
  });
  afterAll(async () => connector?.close());

  it('ends the attempt at its deadline and does not retry a timeout', async () => {
    const client = await connectorClient(connector.url, { ...CONNECTOR_RETRY, timeoutMs: 200 });
    await expect(client.conversations.replyToActivity('conv', 'act', reply)).rejects.toMatchObject({ name: 'ConnectorDeadlineError', code: 'ETIMEDOUT', timeoutMs: 200 });
    expect(connector.calls).toHaveLength(1);
    expect(connectorFailure(await client.conversations.replyToActivity('conv', 'act', reply).catch((e: unknown) => e))).toEqual({ status: undefined, code: 'ETIMEDOUT' });
  });
});
