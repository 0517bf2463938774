/** The undici transport under WebClient, against a local server on 127.0.0.1: what WebClient relies on, and deadlines. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { createSlackTransport, isTimeout } from './transport.js';

let server: Server;
let base: string;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url === '/api/ratelimited') {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
      } else if (req.url === '/api/redirect') {
        res.writeHead(302, { location: '/api/elsewhere' }).end();
      } else if (req.url === '/api/slow') {
        setTimeout(() => res.end('{}'), 2000).unref();
      } else if (req.url === '/api/hang') {
        // Never answers: only the transport's deadline ends the call.
      } else if (req.url === '/api/broken') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('boom');
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write, commands' }).end('{"ok":true,"ts":"1.2","note":"é"}');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the Slack transport', () => {
  const transport = createSlackTransport({ timeoutMs: 5_000, connections: 4 });
  const fetch = transport.fetch;
  afterAll(() => transport.destroy());

  it('posts the body with its headers and reads status, headers and text', async () => {
    const response = await fetch(`${base}/api/chat.postMessage`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'channel=C1&text=%C3%A9' });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.url).toBe(`${base}/api/chat.postMessage`);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'x-oauth-scopes': 'chat:write, commands' });
    expect(await response.json()).toEqual({ ok: true, ts: '1.2', note: 'é' });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', body: 'channel=C1&text=%C3%A9' });
    expect(last.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength('channel=C1&text=%C3%A9')));
  });

  it('reuses kept-alive connections', async () => {
    await fetch(`${base}/api/a`, { method: 'POST', body: 'x' });
    await fetch(`${base}/api/b`, { method: 'POST', body: 'x' });
    expect(seen.at(-1)!.headers.connection).toBe('keep-alive');
  });

  it('refuses a redirect when told to, and hands it to the built-in fetch otherwise', async () => {
    await expect(fetch(`${base}/api/redirect`, { method: 'POST', body: 'x', redirect: 'error' })).rejects.toThrow(TypeError);
    const followed = await fetch(`${base}/api/redirect`, { method: 'POST', body: 'x' });
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${base}/api/elsewhere`);
  });

  it('rejects with a TypeError when the server cannot be reached, and with the reason on abort', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const address = closed.address();
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const port = typeof address === 'object' && address ? address.port : 0;
    await expect(fetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'x' })).rejects.toThrow(TypeError);
    await expect(fetch(`${base}/api/slow`, { method: 'POST', body: 'x', signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('ends a call the server accepts and never answers at the deadline, as a timeout', async () => {
    const short = createSlackTransport({ timeoutMs: 200 });
    try {
      const error = await short.fetch(`${base}/api/hang`, { method: 'POST', body: 'x' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect(isTimeout(error)).toBe(true);
      const client = new webApi.WebClient('xoxb-test', { slackApiUrl: `${base}/api/`, fetch: short.fetch, retryConfig: { retries: 1, minTimeout: 1, maxTimeout: 1 } });
      await expect(client.apiCall('hang')).rejects.toMatchObject({ code: webApi.ErrorCode.RequestError });
      expect(seen.filter((s) => s.url === '/api/hang')).toHaveLength(3);
    } finally {
      await short.destroy();
    }
  });

  it('serves WebClient: results, Slack errors, HTTP errors and rate limits as with the built-in fetch', async () => {
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: `${base}/api/`, fetch, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    const result = await client.apiCall('chat.postMessage', { channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }] });
    expect(result).toMatchObject({ ok: true, ts: '1.2', response_metadata: { scopes: ['chat:write', 'commands'] } });
    expect(new URLSearchParams(seen.at(-1)!.body).get('blocks')).toBe('[{"type":"divider"}]');
    await expect(client.apiCall('broken')).rejects.toMatchObject({ code: webApi.ErrorCode.HTTPError, statusCode: 500, body: 'boom' });
    await expect(client.apiCall('ratelimited')).rejects.toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 1 });
  });
});
