import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listenErrorMessage } from '../adapters/server.js';
import { startServerProcess } from './support/server-process.js';

/**
 * The environment of a start: nothing from this machine's own environment but PATH, so no variable leaks in,
 * and a store file of this run's own (the default under var/ would remember deliveries across runs).
 */
const storeDir = mkdtempSync(join(tmpdir(), 'cb-server-test-'));
afterAll(() => rmSync(storeDir, { recursive: true, force: true }));
const env = (vars: Record<string, string>) => ({ PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', STORE_FILE: join(storeDir, 'store.sqlite'), ...vars });

/** Starts dist/server.js with this file's environment (its own store file). */
const start = (vars: Record<string, string>) => startServerProcess({ LOG_LEVEL: 'info', STORE_FILE: join(storeDir, 'store.sqlite'), ...vars });

describe('npm start (dist/server.js)', () => {
  it('exits 1 with no adapter configured, listing the variables and pointing at npm run ask', () => {
    const r = spawnSync(process.execPath, ['dist/server.js'], { env: env({}), timeout: 10_000 });
    expect(r.status).toBe(1);
    const message = r.stderr.toString();
    for (const v of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'MicrosoftAppId', 'TEAMS_LOCAL_MODE', 'npm run ask']) expect(message).toContain(v);
  });

  it('exits 1 naming a malformed variable, without printing its value', () => {
    const r = spawnSync(process.execPath, ['dist/server.js'], { env: env({ SLACK_BOT_TOKEN: 'not-a-bot-token-s3cr3t', SLACK_SIGNING_SECRET: 'sig-s3cr3t' }), timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.toString()).toContain('SLACK_BOT_TOKEN');
    expect(r.stderr.toString() + r.stdout.toString()).not.toMatch(/s3cr3t/);
  });

  it('exits 1 naming PORT or HOST for a value that is no port or address, before trying to listen', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: '0x10' }, 'PORT'],
      [{ PORT: '1e3' }, 'PORT'],
      [{ HOST: '999.1.1.1' }, 'HOST'],
    ];
    for (const [vars, variable] of cases) {
      const r = spawnSync(process.execPath, ['dist/server.js'], { env: env({ TEAMS_LOCAL_MODE: 'true', ...vars }), timeout: 10_000 });
      const stderr = r.stderr.toString();
      expect(r.status, JSON.stringify(vars)).toBe(1);
      expect(stderr.trim().split('\n'), JSON.stringify(vars)).toEqual([expect.stringContaining(`Invalid configuration: ${variable} `)]);
      expect(stderr + r.stdout.toString()).not.toMatch(/getaddrinfo|listening/);
    }
  });

  it('exits 1 naming MicrosoftAppId when another Azure Bot variable is set without it, without printing a secret', () => {
    const r = spawnSync(process.execPath, ['dist/server.js'], { env: env({ TEAMS_LOCAL_MODE: 'true', MicrosoftAppPassword: 'app-password-s3cr3t' }), timeout: 10_000 });
    expect(r.status).toBe(1);
    expect(r.stderr.toString().trim()).toBe('MicrosoftAppPassword is set but MicrosoftAppId is missing.');
    expect(r.stderr.toString() + r.stdout.toString()).not.toMatch(/s3cr3t|listening/);
  });

  it('exits 1 with one line naming PORT when the port is already in use', async () => {
    const taken = createServer();
    taken.listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const port = (taken.address() as AddressInfo).port;
    try {
      const child = spawn(process.execPath, ['dist/server.js'], { env: env({ HOST: '127.0.0.1', PORT: String(port), TEAMS_LOCAL_MODE: 'true' }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const [code] = await once(child, 'exit');
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([`Cannot listen on 127.0.0.1:${port}: PORT ${port} is already in use. Stop what is using it or set another PORT.`]);
    } finally {
      taken.close();
    }
  });

  it('turns each listen failure an operator can fix into one line naming PORT or HOST', () => {
    const cases: Array<[string, string]> = [
      ['EADDRINUSE', 'PORT 3978'],
      ['EACCES', 'PORT 80'],
      ['EADDRNOTAVAIL', 'HOST 192.0.2.1'],
      ['ENOTFOUND', 'HOST no-such-host.invalid'],
    ];
    for (const [code, names] of cases) {
      const [host, port] = code === 'EACCES' ? ['0.0.0.0', 80] : code === 'EADDRNOTAVAIL' ? ['192.0.2.1', 3978] : code === 'ENOTFOUND' ? ['no-such-host.invalid', 3978] : ['0.0.0.0', 3978];
      const message = listenErrorMessage(Object.assign(new Error(`listen ${code}`), { code }), host!, port as number);
      expect(message, code).toContain(names);
      expect(message, code).not.toContain('\n');
    }
    expect(listenErrorMessage(new Error('something else'), '0.0.0.0', 3978)).toBeUndefined();
  });

  it('serves /healthz naming the report and the adapters, and stops cleanly on SIGTERM', async () => {
    const { child, port, output: logs } = await start({ TEAMS_LOCAL_MODE: 'true' });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      report: { id: 'aws-soc3-2017', title: 'Service Organization Controls 3 Report', periodStart: '2017-04-01', periodEnd: '2017-09-30' },
      reports: ['aws-soc3-2017'],
      adapters: ['teams-local'],
      store: 'sqlite',
    });
    const missing = await fetch(`http://127.0.0.1:${port}/nowhere`);
    expect(missing.status).toBe(404);
    expect(logs()).toMatch(/local/i);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('finishes a request in flight when SIGTERM arrives', async () => {
    // A Bot Connector stand-in that takes its time, so the Teams request is still in flight (the bot is
    // posting its reply) when SIGTERM arrives.
    let calls = 0;
    let firstCall!: () => void;
    const called = new Promise<void>((resolve) => (firstCall = resolve));
    const connector = createServer((req, res) => {
      calls++;
      firstCall();
      req.resume();
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"reply-1"}'), 400);
    });
    connector.listen(0, '127.0.0.1');
    await once(connector, 'listening');
    const serviceUrl = `http://127.0.0.1:${(connector.address() as AddressInfo).port}/`;
    const { child, port } = await start({ TEAMS_LOCAL_MODE: 'true' });
    const inFlight = fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'activity-1',
        channelId: 'msteams',
        serviceUrl,
        from: { id: '29:user', name: 'User' },
        recipient: { id: '28:bot', name: 'Compliance Bot' },
        conversation: { id: 'a:conversation', conversationType: 'personal' },
        text: 'is S3 in scope?',
      }),
    });
    await called;
    child.kill('SIGTERM');
    expect((await inFlight).status).toBe(200);
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(calls).toBeGreaterThanOrEqual(1);
    connector.close();
  });
});
