import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRecorder } from './audit.js';
import { createStoreClaims } from './claims.js';
import { openStore } from './open.js';
import type { Store } from './store.js';
import { sampleAnswer } from '../../tests/support/answers.js';
import { capturedLogger } from '../../tests/support/logs.js';

/** A logger whose JSON lines are kept. */
function recordingLogger() {
  const { logger, lines } = capturedLogger('info');
  return { logger, lines, warnings: () => lines.filter((l) => l.level === 40) };
}

/** A TCP server on 127.0.0.1 that accepts connections and never says a word: a PostgreSQL that hangs. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => void sockets.add(s));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('delivery claims when the store is down or hangs', () => {
  let silent: Awaited<ReturnType<typeof silentServer>>;
  const stores: Store[] = [];
  beforeAll(async () => {
    silent = await silentServer();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close().catch(() => undefined)));
    await silent.close();
  });

  for (const kind of ['refuses connections', 'accepts and never answers'] as const) {
    it(`decide from memory when PostgreSQL ${kind}, saying so once`, async () => {
      const port = kind === 'refuses connections' ? await closedPort() : silent.port;
      const store = await openStore({ kind: 'postgres', url: `postgres://nobody@127.0.0.1:${port}/none` });
      stores.push(store);
      const { logger, warnings } = recordingLogger();
      const claims = createStoreClaims({ store, logger, timeoutMs: 100 });
      expect(await claims.claim('slack:event:Ev1')).toBe(true);
      expect(await claims.claim('slack:event:Ev1')).toBe(false);
      expect(await claims.claim('slack:event:Ev2')).toBe(true);
      expect(warnings().map((w) => w.msg)).toEqual([expect.stringContaining("deciding repeats from this process's memory")]);
    });
  }
});

describe('delivery claims during an outage', () => {
  it('stop waiting for the store once it has failed: memory decides at once, one claim at a time probes the store, and its answer ends the outage', async () => {
    // A store whose first claim fails and whose later ones hang until released: with a deadline of a minute,
    // a claim that still waited for it would time the test out.
    const pending: Array<(won: boolean) => void> = [];
    let calls = 0;
    const store = {
      kind: 'postgres' as const,
      claim: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) : new Promise<boolean>((resolve) => pending.push(resolve));
      },
    } as unknown as Store;
    const { logger, lines } = recordingLogger();
    const claims = createStoreClaims({ store, logger, timeoutMs: 60_000 });
    expect(await claims.claim('slack:event:Ev1')).toBe(true);
    expect(await claims.claim('slack:event:Ev2')).toBe(true);
    expect(await claims.claim('slack:event:Ev2')).toBe(false);
    expect(await claims.claim('slack:event:Ev3')).toBe(true);
    // The failed claim, then one probe (Ev2's) still on its way: no second probe while it is.
    expect(calls).toBe(2);
    pending[0]!(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => l.msg)).toEqual([expect.stringContaining("deciding repeats from this process's memory"), expect.stringContaining('the store answers again')]);
    // Back: the store decides again (and is waited for).
    const next = claims.claim('slack:event:Ev4');
    expect(calls).toBe(3);
    pending[1]!(false);
    expect(await next).toBe(false);
  });
});

describe('the audit recorder when the store fails', () => {
  it('turns six failed writes into one warning (at most one a minute), and never throws to the caller', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    await store.close(); // every write now fails: "The database connection is not open"
    const { logger, warnings } = recordingLogger();
    const recorder = new AuditRecorder({ store, logger, userIds: 'hash', salt: 'a-salt-of-sixteen-chars' });
    const turn = { answerId: '00000000-0000-4000-8000-000000000001', platform: 'slack' as const, channelKind: 'dm' as const, answer: sampleAnswer(), latencyMs: 1 };
    for (let i = 0; i < 5; i++) recorder.answered({ ...turn, answerId: `00000000-0000-4000-8000-00000000000${i}` });
    recorder.voted({ answerId: turn.answerId, vote: 'down', user: { platform: 'slack', user: 'U1' } });
    await recorder.flush();
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]!.msg).toMatch(/could not write to the store/);
  });
});
