import { describe, expect, it } from 'vitest';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { CachingBotFrameworkAuthentication } from './connector-cache.js';

describe('CachingBotFrameworkAuthentication', () => {
  it('hands out one connector client per serviceUrl and audience, across requests', async () => {
    const auth = new CachingBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
    const activity = { type: 'message', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams' } as Parameters<typeof auth.authenticateRequest>[0];
    const first = await auth.authenticateRequest(activity, '');
    const second = await auth.authenticateRequest(activity, '');
    const a = await first.connectorFactory!.create('http://127.0.0.1:1/', first.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:1/', second.audience);
    expect(b).toBe(a);
    const other = await second.connectorFactory!.create('http://127.0.0.1:2/', second.audience);
    expect(other).not.toBe(a);
    expect(auth.createConnectorFactory(first.claimsIdentity)).toBeDefined();
    expect(await auth.createConnectorFactory(first.claimsIdentity).create('http://127.0.0.1:1/', first.audience)).toBe(a);
    expect(auth.cachedClients).toBe(2);
  });
});
