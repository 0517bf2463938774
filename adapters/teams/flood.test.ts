/**
 * A flood of crafted bearer tokens against the built server (dist/server.js, as `npm start` runs it) with
 * MicrosoftAppId set: each token is JWT-shaped with a fresh `tid`, which used to make botbuilder keep four
 * issuer strings per request, for ever (4,186 such requests killed a process capped at 192 MB). The
 * server, capped at HEAP_CAP_MB of old space, must answer every one 401 and keep its resident memory, read
 * from /proc, within 50 MB of its size once warm.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServerProcess, type ServerProcess } from '../../tests/support/server-process.js';

const storeDir = mkdtempSync(join(tmpdir(), 'cb-flood-test-'));

const TOKENS = 20_000;
const WARM_UP = 1_000;
/** Kept-alive connections, each carrying its share of the requests pipelined, a batch at a time. */
const CONNECTIONS = 8;
const BATCH = 50;
/**
 * The server's old-space cap. With the leak, 6,000 requests with 8 KB tids kept 255 MB for ever, so a capped
 * process dies of it; without, the cap makes V8 collect the flood's garbage instead of growing into free
 * memory, which on a busy machine (CI runs every test file at once) made RSS alone a measure of GC timing.
 */
const HEAP_CAP_MB = 64;

const rssBytes = (pid: number) => Number(/VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Token `i`: a Bot Framework issuer and a `tid` no one has sent before, 8 KB long for every other one. */
function craftedToken(i: number): string {
  const tid = i % 2 === 0 ? `${i}-`.padEnd(8000, 'x') : `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  return `Bearer ${b64({ alg: 'RS256', kid: 'k' })}.${b64({ iss: 'https://api.botframework.com', aud: 'x', tid })}.c2ln`;
}

const ACTIVITY = JSON.stringify({
  type: 'message',
  id: 'flood',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/teams/',
  from: { id: '29:attacker' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:conversation' },
  text: 'hi',
});

describe('a flood of crafted Teams tokens', () => {
  let server: ServerProcess;
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    const vars = { MicrosoftAppId: '00000000-0000-4000-8000-0000000000b0', MicrosoftAppPassword: 'fake-password-for-tests' };
    server = await startServerProcess({ ...vars, STORE_FILE: join(storeDir, 'store.sqlite') }, 15_000, [`--max-old-space-size=${HEAP_CAP_MB}`]);
    ({ child, port } = server);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(storeDir, { recursive: true, force: true });
  });

  /**
   * Sends requests `from` to `to` over CONNECTIONS sockets, BATCH pipelined requests per write, and counts
   * the answers by status. Raw HTTP/1.1 keeps the client's own CPU out of the way of the server's.
   */
  async function flood(from: number, to: number, statuses: Map<string, number>): Promise<void> {
    const lanes = Array.from({ length: CONNECTIONS }, (_, lane) => async () => {
      const socket = connect(port, '127.0.0.1');
      socket.setNoDelay(true);
      let received = 0;
      let tail = '';
      let wake: (() => void) | undefined;
      let lost: Error | undefined;
      // A server that dies of the flood (as it did before the guard, out of heap) fails the test at once.
      const fail = (error: Error) => {
        lost ??= error;
        wake?.();
      };
      socket.on('error', fail);
      socket.on('close', () => fail(new Error(`the server closed the connection after ${received} answers (exit code ${child.exitCode})`)));
      socket.on('data', (chunk: Buffer) => {
        const text = tail + chunk.toString('latin1');
        for (const match of text.matchAll(/HTTP\/1\.1 (\d{3}) /gu)) {
          statuses.set(match[1]!, (statuses.get(match[1]!) ?? 0) + 1);
          received += 1;
        }
        tail = text.slice(-16);
        wake?.();
      });
      const mine = [];
      for (let i = from + lane; i < to; i += CONNECTIONS) mine.push(i);
      for (let start = 0; start < mine.length; start += BATCH) {
        const batch = mine.slice(start, start + BATCH);
        socket.write(batch.map(rawRequest).join(''));
        const expected = start + batch.length;
        while (received < expected) {
          if (lost) throw lost;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      }
      socket.destroy();
    });
    await Promise.all(lanes.map((run) => run()));
  }

  test(`${TOKENS} requests, each with a fresh tid: all 401, RSS within 50 MB of its warm size`, async () => {
    const statuses = new Map<string, number>();
    await flood(0, WARM_UP, statuses);
    const warm = rssBytes(child.pid!);
    await flood(WARM_UP, WARM_UP + TOKENS, statuses);
    const after = rssBytes(child.pid!);
    expect(Object.fromEntries(statuses)).toEqual({ 401: WARM_UP + TOKENS });
    console.info(`flood: RSS ${(warm / 2 ** 20).toFixed(1)} MB warm, ${(after / 2 ** 20).toFixed(1)} MB after ${TOKENS} crafted tokens`);
    expect(after - warm).toBeLessThan(50 * 2 ** 20);
  }, 120_000);
});

/** One request of the flood, as bytes on the wire. */
function rawRequest(i: number): string {
  return (
    `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
    `Authorization: ${craftedToken(i)}\r\nContent-Length: ${Buffer.byteLength(ACTIVITY)}\r\n\r\n${ACTIVITY}`
  );
}
