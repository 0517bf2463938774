/**
 * Teams authentication hardening: the Authorization pre-check (auth-guard.ts) as a pure function, then the
 * endpoint over real HTTP with a local stand-in for the Bot Framework's OpenID metadata and signing keys.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createEngine, loadDefaultReport } from '../../src/index.js';
import type { AppConfig } from '../config.js';
import { startServer, type RunningServer } from '../server.js';
import { startConnectorStandIn, type ConnectorStandIn } from '../../tests/support/connector-standin.js';
import { signJwt, startOpenIdStandIn, type OpenIdStandIn } from '../../tests/support/openid-standin.js';
import { authorizationGuard, classifyAuthFailure, MAX_AUTHORIZATION_LENGTH } from './auth-guard.js';
import { generateKeyPairSync } from 'node:crypto';
import { capturedLogger } from '../../tests/support/logs.js';

const APP_ID = '00000000-0000-4000-8000-0000000000b0';
const TENANT = '00000000-0000-4000-8000-00000000feed';
const EMULATOR_TENANT = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
const key = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
const bearer = (claims: Record<string, unknown>) => `Bearer ${signJwt(claims, key, 'k1')}`;
const channelClaims = { iss: 'https://api.botframework.com', aud: APP_ID };

describe('the Authorization pre-check', () => {
  const multiTenant = authorizationGuard();
  const singleTenant = authorizationGuard({ tenantId: TENANT });

  test('lets through a Bot Framework channel token and an Emulator token of a known tenant', () => {
    expect(multiTenant(bearer(channelClaims))).toEqual({ ok: true });
    expect(multiTenant(bearer({ iss: `https://sts.windows.net/${EMULATOR_TENANT}/`, tid: EMULATOR_TENANT }))).toEqual({ ok: true });
    expect(singleTenant(bearer({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, tid: TENANT }))).toEqual({ ok: true });
  });

  test('refuses what no Bot Framework token is, each with its reason', () => {
    const header = (h: object, p: object) => `Bearer ${Buffer.from(JSON.stringify(h)).toString('base64url')}.${Buffer.from(JSON.stringify(p)).toString('base64url')}.c2ln`;
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'no Authorization header'],
      ['Bearer ' + 'a'.repeat(MAX_AUTHORIZATION_LENGTH), 'Authorization header too long'],
      ['Basic dXNlcjpwYXNz', 'not a bearer token'],
      ['Bearer not-a-token', 'not a JWT'],
      ['Bearer a.b', 'not a JWT'],
      ['Bearer a.b.c', 'not a JWT'],
      [header({ alg: 'none', kid: 'k' }, channelClaims), 'signing algorithm not allowed'],
      [header({ alg: 'HS256', kid: 'k' }, channelClaims), 'signing algorithm not allowed'],
      [header({ alg: 'RS256' }, channelClaims), 'no signing key id'],
      [bearer({ iss: 'https://evil.example/', aud: APP_ID }), 'issuer is not the Bot Framework'],
      [bearer({ aud: APP_ID }), 'issuer is not the Bot Framework'],
      [bearer({ ...channelClaims, tid: 'x'.repeat(2000) }), 'tid is not a GUID'],
      [bearer({ ...channelClaims, tid: 42 }), 'tid is not a GUID'],
      [bearer({ ...channelClaims, tid: '11111111-2222-4333-8444-555555555555' }), 'tid is not the configured tenant'],
      [bearer({ iss: 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/', tid: '11111111-2222-4333-8444-555555555555' }), 'issuer is not the Bot Framework'],
    ];
    for (const [value, reason] of cases) expect(multiTenant(value), String(value).slice(0, 80)).toEqual({ ok: false, reason });
    expect(multiTenant(bearer({ ...channelClaims, tid: TENANT }))).toEqual({ ok: false, reason: 'tid is not the configured tenant' });
    expect(singleTenant(bearer({ ...channelClaims, tid: TENANT }))).toEqual({ ok: true });
  });

  test('classifies validation failures: a bad token is 401, keys that cannot be fetched 503', () => {
    expect(classifyAuthFailure(Object.assign(new Error('invalid signature'), { name: 'JsonWebTokenError' }))).toBe('unauthorized');
    expect(classifyAuthFailure(Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' }))).toBe('unauthorized');
    expect(classifyAuthFailure(Object.assign(new Error('Signing Key could not be retrieved.'), { statusCode: 401 }))).toBe('unauthorized');
    expect(classifyAuthFailure(Object.assign(new Error('Failed to load openID config: 500'), { statusCode: 500 }))).toBe('unavailable');
    expect(classifyAuthFailure(Object.assign(new Error('request to x failed'), { name: 'FetchError', type: 'system' }))).toBe('unavailable');
    expect(classifyAuthFailure(new TypeError('boom'))).toBe('internal');
  });
});

describe('the Teams endpoint with MicrosoftAppId set, against a local OpenID metadata stand-in', () => {
  let openId: OpenIdStandIn;
  let connector: ConnectorStandIn;
  let server: RunningServer;
  let base: string;
  const logs: Array<Record<string, unknown>> = [];
  let sequence = 0;

  /** An activity that needs no reply (a reaction), so that no test needs Azure AD for an outgoing token. */
  const reaction = () => ({
    type: 'messageReaction',
    id: `reaction-${(sequence += 1)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: '29:1fake-user-id' },
    recipient: { id: `28:${APP_ID}` },
    conversation: { id: 'a:1fake-personal-conversation-id', conversationType: 'personal', tenantId: TENANT },
    reactionsAdded: [{ type: 'like' }],
  });
  const validToken = (serviceUrl = connector.url) =>
    openId.sign({ ...channelClaims, serviceurl: serviceUrl, nbf: Math.floor(Date.now() / 1000) - 60, exp: Math.floor(Date.now() / 1000) + 3600 });
  const post = (body: object, authorization: string) =>
    fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });

  beforeAll(async () => {
    openId = await startOpenIdStandIn();
    connector = await startConnectorStandIn();
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'info',
      teams: { mode: 'authenticated', appId: APP_ID, appPassword: 'fake-password-for-tests', appType: 'MultiTenant', openIdMetadataUrl: openId.metadataUrl },
    };
    const logger = capturedLogger('info', logs).logger;
    server = await startServer(config, { engine: createEngine(loadDefaultReport()), logger });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.close();
    await connector?.close();
    await openId?.close();
  });
  beforeEach(() => {
    logs.length = 0;
    openId.failWith(200);
  });

  test('a signed token is accepted, and the same activity id a second time is skipped', async () => {
    const activity = reaction();
    expect((await post(activity, `Bearer ${validToken()}`)).status).toBe(200);
    expect((await post(activity, `Bearer ${validToken()}`)).status).toBe(200);
    expect(logs.filter((l) => l.msg === 'Teams: skipped an activity already answered')).toMatchObject([{ activityId: activity.id, level: 30 }]);
    expect(connector.calls).toHaveLength(0);
  });

  test('a Bot Framework token with a forged signature or an unknown key gets 401 without internals', async () => {
    const claims = { ...channelClaims, serviceurl: connector.url, exp: Math.floor(Date.now() / 1000) + 3600 };
    for (const token of [openId.sign(claims, { forged: true }), openId.sign(claims, { kid: 'unknown-key' })]) {
      const res = await post(reaction(), `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    // botbuilder's own console.error output arrives as structured warnings, not as text on stderr.
    expect(logs.some((l) => l.component === 'botbuilder' && l.level === 40)).toBe(true);
    expect(connector.calls).toHaveLength(0);
  });

  test('a forged token gets 401 whatever the body, and a valid one learns what is wrong with its body (400)', async () => {
    const claims = { ...channelClaims, serviceurl: connector.url, exp: Math.floor(Date.now() / 1000) + 3600 };
    const forged = `Bearer ${openId.sign(claims, { forged: true })}`;
    const raw = (body: string, authorization: string) =>
      fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body });
    const { conversation: _dropped, ...malformed } = reaction();
    // Malformed JSON and a malformed activity: refused as unauthorized, not described (it was 400 for both).
    expect((await raw('{"type": "message",', forged)).status).toBe(401);
    expect((await post(malformed, forged)).status).toBe(401);
    expect((await post({ ...reaction(), attachments: 'x' }, forged)).status).toBe(401);
    // With a valid token, the body's fault is said.
    const bad = await post(malformed, `Bearer ${validToken()}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^malformed Bot Framework activity: conversation/);
    expect(connector.calls).toHaveLength(0);
  });

  test('signing keys that cannot be fetched give 503 without internals, logged once per interval', async () => {
    // A fresh metadata document each time (botbuilder caches the keys per URL for a day).
    const failing = await startOpenIdStandIn();
    failing.failWith(500);
    const config: AppConfig = {
      port: 0,
      host: '127.0.0.1',
      logLevel: 'info',
      teams: { mode: 'authenticated', appId: APP_ID, appPassword: 'fake-password-for-tests', appType: 'MultiTenant', openIdMetadataUrl: failing.metadataUrl },
    };
    const lines: Array<Record<string, unknown>> = [];
    const logger = capturedLogger('info', lines).logger;
    const other = await startServer(config, { engine: server.engine, logger });
    try {
      for (let i = 0; i < 3; i += 1) {
        const token = failing.sign({ ...channelClaims, serviceurl: connector.url, exp: Math.floor(Date.now() / 1000) + 3600 });
        const res = await fetch(`http://127.0.0.1:${other.port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(reaction()),
        });
        expect(res.status).toBe(503);
        expect(await res.json()).toEqual({ error: 'authentication temporarily unavailable' });
      }
      expect(failing.requests).toBeGreaterThanOrEqual(3);
      expect(lines.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('Teams: could not fetch the Bot Framework signing keys'))).toHaveLength(1);
    } finally {
      await other.close();
      await failing.close();
    }
  });

  test('crafted tokens are refused before botbuilder: 401, no key fetched, one warning per interval', async () => {
    const before = openId.requests;
    const crafted = [
      bearer({ ...channelClaims, tid: 'f'.repeat(4000) }),
      bearer({ ...channelClaims, tid: '11111111-2222-4333-8444-555555555555' }),
      bearer({ iss: 'https://sts.windows.net/11111111-2222-4333-8444-555555555555/', aud: APP_ID }),
      'Bearer x.y.z',
    ];
    for (const authorization of crafted) {
      const res = await post(reaction(), authorization);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized' });
    }
    expect(openId.requests).toBe(before);
    expect(logs.filter((l) => l.msg === 'Teams request refused: no Bot Framework token').length).toBeLessThanOrEqual(1);
  });
});
