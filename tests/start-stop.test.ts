/**
 * Starting and stopping the real server process: configuration refused at start with one line naming the
 * variable, Slack's Web API unreachable at start, and `npm start` stopped by SIGTERM under load (every
 * accepted reply sent or logged as abandoned, and no orphan left listening). Everything on 127.0.0.1.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopbackPeer } from '../adapters/teams/loopback.js';
import { postSigned, TEST_SIGNING_SECRET } from './support/slack-signing.js';
import { appMention, eventCallback } from './support/slack-payloads.js';
import { startSlackStandIn, STANDIN_BOT } from './support/slack-standin.js';

// Each process gets its own store: the default SQLite file would remember delivery claims across runs, and a
// rerun's event ids would be skipped as already answered.
const storeDir = mkdtempSync(join(tmpdir(), 'cb-start-store-'));
afterAll(() => rmSync(storeDir, { recursive: true, force: true }));
let stores = 0;
const env = (vars: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
  STORE_FILE: join(storeDir, `store-${++stores}.sqlite`),
  ...vars,
});
const run = (vars: Record<string, string>) => spawnSync(process.execPath, ['dist/server.js'], { env: env(vars), timeout: 30_000 });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-start-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a report refused at start', () => {
  it('REPORT_FILE that is a directory or not a report: exit 1, one line naming REPORT_FILE and the file', () => {
    const junk = join(dir, 'junk.txt');
    const folder = join(dir, 'folder');
    writeFileSync(junk, 'hello, this is not an audit report\n');
    mkdirSync(folder);
    // Each spawn costs a start of the server: two cases here, the four kinds are the library's own tests.
    for (const file of [folder, junk]) {
      const r = run({ TEAMS_LOCAL_MODE: 'true', REPORT_FILE: file });
      const stderr = r.stderr.toString();
      expect(r.status, file).toBe(1);
      expect(stderr.trim().split('\n'), file).toEqual([expect.stringMatching(new RegExp(`^Cannot serve REPORT_FILE: ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `))]);
      expect(stderr + r.stdout.toString(), file).not.toMatch(/"level"|\n\s+at /);
    }
  });
});

describe("Slack's Web API unreachable at start", () => {
  let silent: Server;
  let silentPort: number;
  beforeAll(async () => {
    // Accepts connections and never answers, as a wrong SLACK_API_URL or a hung proxy would.
    silent = createServer(() => {});
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    silentPort = (silent.address() as AddressInfo).port;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('one line naming SLACK_API_URL, exit 1, whether nothing listens or nothing answers', () => {
    for (const [apiUrl, reason] of [
      [`http://127.0.0.1:${silentPort}/api/`, 'no answer within 300 ms'],
      ['http://127.0.0.1:1/api/', 'ECONNREFUSED'],
    ] as const) {
      const r = run({ SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_SIGNING_SECRET: 'sig-s3cr3t', SLACK_API_URL: apiUrl, SLACK_API_TIMEOUT_MS: '300' });
      const stderr = r.stderr.toString();
      expect(r.status, apiUrl).toBe(1);
      expect(stderr.trim().split('\n'), apiUrl).toEqual([`Cannot reach Slack's Web API at ${apiUrl} (auth.test: ${reason}). Check SLACK_API_URL and the network.`]);
      expect(r.stdout.toString()).not.toMatch(/"level":60|listening/);
    }
  });
});

describe('SLACK_API_URL that answers, but not as Slack', () => {
  it('an HTML page (a proxy, a captive portal) at auth.test: one line naming SLACK_API_URL, not the token, and no page echoed', async () => {
    const portal = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>'));
    portal.listen(0, '127.0.0.1');
    await once(portal, 'listening');
    const apiUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/api/`;
    try {
      const child = spawn(process.execPath, ['dist/server.js'], { env: env({ SLACK_BOT_TOKEN: 'xoxb-1-test', SLACK_SIGNING_SECRET: 'sig-s3cr3t', SLACK_API_URL: apiUrl }), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([`SLACK_API_URL ${apiUrl} did not answer as Slack's Web API at start (auth.test). Check SLACK_API_URL and any proxy.`]);
    } finally {
      portal.closeAllConnections();
      await new Promise<void>((resolve) => portal.close(() => resolve()));
    }
  });
});

describe('Teams local mode on every interface', () => {
  it('says at start that it answers this machine only, and tells loopback peers from others', async () => {
    const child = spawn(process.execPath, ['dist/server.js'], { env: env({ TEAMS_LOCAL_MODE: 'true', HOST: '0.0.0.0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => out.includes('compliance-bot listening') && resolve());
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    child.kill('SIGTERM');
    await once(child, 'exit');
    expect(out).toContain('accepts unauthenticated requests from this machine only (other peers get 403, whatever HOST is)');
    for (const peer of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopbackPeer(peer), peer).toBe(true);
    for (const peer of [undefined, '10.0.0.5', '::ffff:10.0.0.5', '192.168.1.2', '::2', 'fe80::1', '128.0.0.1']) expect(isLoopbackPeer(peer), String(peer)).toBe(false);
  });
});

describe('npm start and SIGTERM under load', () => {
  it('npm start stops on SIGTERM: accepted replies are sent or logged as abandoned with their ids, the total logged, no orphan', async () => {
    const standIn = await startSlackStandIn();
    const HUNG = 'C0HUNG0002';
    standIn.hangChannel(HUNG);
    const npm = process.env.npm_execpath;
    const [command, args] = npm ? [process.execPath, [npm, 'start']] : ['npm', ['start']];
    const child = spawn(command, args, {
      env: env({
        SLACK_BOT_TOKEN: 'xoxb-1-test',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: standIn.apiUrl,
        SHUTDOWN_GRACE_MS: '300',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', () => {
          const line = out.split('\n').find((l) => l.includes('compliance-bot listening'));
          if (line) resolve(JSON.parse(line).port as number);
        });
        child.once('exit', (code) => reject(new Error(`npm start exited ${code}: ${out}`)));
      });
      const url = `http://127.0.0.1:${port}/slack/events`;
      const BOT = `<@${STANDIN_BOT.userId}>`;
      const hung = Array.from({ length: 20 }, () => eventCallback(appMention(`${BOT} is S3 in scope?`, { channel: HUNG })));
      const answered = Array.from({ length: 10 }, (_, i) => eventCallback(appMention(`${BOT} is S3 in scope?`, { channel: `C0ANSWER${i}` })));
      const acks = await Promise.all([...hung, ...answered].map((e) => postSigned(url, { json: e.json })));
      expect(acks.map((r) => r.status)).toEqual(acks.map(() => 200));
      await standIn.waitFor((calls) => calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel !== HUNG).length === 10, 10_000);

      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
      const abandoned = lines.filter((l) => l.msg === 'reply abandoned at shutdown').map((l) => l.eventId);
      expect([...abandoned].sort()).toEqual(hung.map((e) => e.eventId).sort());
      expect(lines.some((l) => l.msg === `shutdown: ${hung.length} accepted replies abandoned in all`)).toBe(true);
      // Nothing listens on the port any more: the server did not outlive npm.
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await standIn.close();
    }
  }, 60_000);
});
