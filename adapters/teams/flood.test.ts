/**
 * A flood of crafted bearer tokens against the built server (dist/server.js, as `npm start` runs it) with
 * MicrosoftAppId set: each token is JWT-shaped with a fresh `tid`, which used to make botbuilder keep four
 * issuer strings per request, for ever (4,186 such requests killed a process capped at 192 MB). The
 * server's resident memory, read from /proc, must stay within 50 MB of its size once warm.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Pool } from 'undici';

const TOKENS = 20_000;
const WARM_UP = 500;
const CONCURRENCY = 32;

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
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    child = spawn(process.execPath, ['dist/server.js'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'info',
        MicrosoftAppId: '00000000-0000-4000-8000-0000000000b0',
        MicrosoftAppPassword: 'fake-password-for-tests',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    port = await new Promise<number>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n').find((l) => l.includes('compliance-bot listening'));
        if (line) resolve(JSON.parse(line).port as number);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  test(`${TOKENS} requests, each with a fresh tid: all 401, RSS within 50 MB of its warm size`, async () => {
    const pool = new Pool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY, pipelining: 1 });
    const statuses = new Map<number, number>();
    const send = async (from: number, to: number) => {
      let next = from;
      const worker = async () => {
        while (next < to) {
          const i = next++;
          const res = await pool.request({
            path: '/api/messages',
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: craftedToken(i) },
            body: ACTIVITY,
          });
          await res.body.dump();
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    try {
      await send(0, WARM_UP);
      const idle = rssBytes(child.pid!);
      await send(WARM_UP, WARM_UP + TOKENS);
      const after = rssBytes(child.pid!);
      expect(Object.fromEntries(statuses)).toEqual({ 401: WARM_UP + TOKENS });
      console.info(`flood: RSS ${(idle / 2 ** 20).toFixed(1)} MB warm, ${(after / 2 ** 20).toFixed(1)} MB after ${TOKENS} tokens`);
      expect(after - idle).toBeLessThan(50 * 2 ** 20);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
