/**
 * Killing the store mid-run loses no reply (issue 11, "Done when"). The built server runs against the Slack
 * Web API and Bot Connector stand-ins; Slack events and Teams activities go to it before the store dies,
 * while it dies, after the server has noticed, and (where the store can come back) after it is back. Every
 * one gets exactly its reply; the store's failure is one warning, and dedupe falling back to memory is one
 * line. The store dies four ways:
 * - PostgreSQL stopped: a TCP proxy between the bot and the real server (which is shared, so never stopped
 *   itself) is destroyed with all its sockets, as a stopped server looks to the bot, then started again;
 * - PostgreSQL hung: the proxy keeps every connection open and forwards nothing more (a server that is stuck,
 *   or a network that drops packets), so the store is slow, not down;
 * - PostgreSQL's schema dropped under the bot (the test's own schema);
 * - SQLite's STORE_FILE, its -wal and its folder made immutable (`chattr +i`: a read-only store that the
 *   running process feels too; permissions are checked only at open, and not at all for root), then
 *   writable again. Not the -shm: SQLite maps it into memory, and the kernel kills a process that writes to
 *   a mapping whose file became immutable (SIGBUS), which no program can catch;
 * - SQLite's STORE_FILE deleted (with its -wal and -shm).
 * The exact counts hold because the server is stopped with SIGTERM before they are read: it drains every
 * reply it accepted first, so nothing can arrive later.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startConnectorStandIn, type ConnectorStandIn } from './support/connector-standin.js';
import { createTestSchema, PG_SKIP_REASON, TEST_DATABASE_URL, type TestSchema } from './support/pg-schema.js';
import { appMention, eventCallback } from './support/slack-payloads.js';
import { postSigned } from './support/slack-signing.js';
import { startSlackStandIn, STANDIN_BOT, type SlackStandIn } from './support/slack-standin.js';
import { standInAdapters, startServerProcess, type LogLine, type ServerProcess } from './support/server-process.js';
import { personalMessage } from './support/teams-activity.js';

/** Deliveries of each platform per round; four or five rounds per case. */
const PER_ROUND = 4;
const AUDIT_WARNING = 'audit: could not write to the store (the reply was sent; this record is lost)';
const CLAIMS_FALLBACK = "delivery claims: the store is unavailable; deciding repeats from this process's memory until it is back (another replica may answer a repeat)";
const CLAIMS_BACK = 'delivery claims: the store answers again; claims are shared with the other replicas again';

let slack: SlackStandIn;
let connector: ConnectorStandIn;
let server: ServerProcess | undefined;

beforeAll(async () => {
  slack = await startSlackStandIn();
  connector = await startConnectorStandIn();
});
afterAll(async () => {
  await slack?.close();
  await connector?.close();
});
afterEach(async () => {
  await server?.stop();
  server = undefined;
  slack.reset();
  connector.reset();
});

const serverVars = (store: Record<string, string>) => ({ ...store, ...standInAdapters(slack.apiUrl) });

/** What one round sent: the Slack messages' ts (a mention's reply is threaded under it) and the Teams ids. */
interface Sent {
  slackTs: string[];
  teamsIds: string[];
}

let teamsCounter = 0;

/**
 * Sends PER_ROUND mentions and PER_ROUND Teams messages, alternating; `midway` runs after the first half
 * (to kill the store while deliveries are in flight). Resolves when every request has been answered (Slack
 * acks at once; a Teams request is held until its reply is sent).
 */
async function round(s: ServerProcess, label: string, midway?: () => Promise<void> | void): Promise<Sent> {
  const sent: Sent = { slackTs: [], teamsIds: [] };
  const requests: Promise<void>[] = [];
  for (let i = 0; i < PER_ROUND; i += 1) {
    if (i === PER_ROUND / 2 && midway) await midway();
    const mention = appMention(`<@${STANDIN_BOT.userId}> is S3 in scope? (${label} ${i})`);
    sent.slackTs.push(mention.ts as string);
    requests.push(
      postSigned(`http://127.0.0.1:${s.port}/slack/events`, { json: eventCallback(mention).json }).then((r) => {
        expect(r.status, `${label} Slack ${i}`).toBe(200);
      }),
    );
    const id = `act-outage-${++teamsCounter}`;
    sent.teamsIds.push(id);
    requests.push(
      fetch(`http://127.0.0.1:${s.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.url, `is S3 in scope? (${label} ${i})`, id)),
      }).then(async (r) => {
        expect(r.status, `${label} Teams ${i}: ${await r.text()}`).toBe(200);
      }),
    );
  }
  try {
    await Promise.all(requests);
  } catch (error) {
    throw new Error(`${label}: ${String(error)}; the server's output:\n${s.output().slice(-3000)}`, { cause: error });
  }
  return sent;
}

/** The same Slack event delivered twice (Slack's retry): answered once, the second logged as skipped. */
async function repeated(s: ServerProcess): Promise<string> {
  const mention = appMention(`<@${STANDIN_BOT.userId}> is Amazon Connect in scope? (repeat)`);
  const delivery = eventCallback(mention);
  const url = `http://127.0.0.1:${s.port}/slack/events`;
  expect((await postSigned(url, { json: delivery.json })).status).toBe(200);
  await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.args.thread_ts === mention.ts), 10_000);
  const retry = await postSigned(url, { json: delivery.json }, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
  expect(retry.status).toBe(200);
  await s.waitForLine((l) => l.msg === 'skipped an event already answered' && l.eventId === delivery.eventId);
  return mention.ts as string;
}

/**
 * Stops the server (SIGTERM drains every accepted reply) and checks that each delivery got exactly one
 * reply, and that the server said what happened to the store once: one warning for the lost audit records,
 * one line for the claims' fallback to memory, nothing at error level.
 */
async function expectEveryReplyOnce(s: ServerProcess, rounds: Sent[], repeatTs: string[]): Promise<LogLine[]> {
  await s.stop();
  const posts = slack.callsTo('chat.postMessage');
  for (const ts of [...rounds.flatMap((r) => r.slackTs), ...repeatTs]) {
    expect(posts.filter((c) => c.args.thread_ts === ts).length, `Slack replies to ${ts}`).toBe(1);
  }
  for (const id of rounds.flatMap((r) => r.teamsIds)) {
    expect(connector.calls.filter((c) => c.replyToId === id && c.activity.type === 'message').length, `Teams replies to ${id}`).toBe(1);
  }
  expect(posts).toHaveLength(rounds.length * PER_ROUND + repeatTs.length);
  const lines = s.lines();
  expect(lines.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  expect(lines.filter((l) => l.msg === AUDIT_WARNING)).toHaveLength(1);
  expect(lines.filter((l) => l.msg === CLAIMS_FALLBACK)).toHaveLength(1);
  return lines;
}

/** Until the server has noticed: its first audit write after the kill failed, and a claim fell back. */
async function noticed(s: ServerProcess): Promise<void> {
  await s.waitForLine((l) => l.msg === AUDIT_WARNING && l.level === 40);
  await s.waitForLine((l) => l.msg === CLAIMS_FALLBACK && l.level === 40);
}

/**
 * A TCP proxy on 127.0.0.1 to `target`: `kill()` closes it and destroys every socket (the bot sees a
 * PostgreSQL that stopped: connections cut, new ones refused); `revive()` listens again on the same port;
 * `freeze()` keeps every connection, and accepts new ones, but forwards nothing more (a PostgreSQL that hangs).
 */
interface TcpProxy {
  port: number;
  kill(): Promise<void>;
  revive(): Promise<void>;
  freeze(): void;
}

async function startProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let server: Server;
  let frozen = false;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.on('data', (chunk) => void (frozen || upstream.write(chunk)));
        upstream.on('data', (chunk) => void (frozen || client.write(chunk)));
        client.on('end', () => upstream.end());
        upstream.on('end', () => client.end());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  const port = await listen(0);
  return {
    port,
    async kill() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async revive() {
      await listen(port);
    },
    freeze() {
      frozen = true;
    },
  };
}

/** A proxy in front of the schema's PostgreSQL, and the server started on it (the proxy is what the tests kill). */
async function serverBehindProxy(on: TestSchema): Promise<{ proxy: Awaited<ReturnType<typeof startProxy>>; s: ServerProcess }> {
  const pgUrl = new URL(on.url);
  const proxy = await startProxy({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  pgUrl.host = `127.0.0.1:${proxy.port}`;
  server = await startServerProcess(serverVars({ DATABASE_URL: pgUrl.toString() }));
  return { proxy, s: server };
}

describe.skipIf(!TEST_DATABASE_URL)('PostgreSQL dying mid-run loses no reply', () => {
  let schema: TestSchema | undefined;
  afterEach(async () => {
    await schema?.drop();
    schema = undefined;
  });

  it('stopped (its connections cut, new ones refused), then back: every reply once, one warning, dedupe in memory meanwhile', async () => {
    schema = await createTestSchema();
    const { proxy, s } = await serverBehindProxy(schema);
    try {
      const before = await round(s, 'before');
      // The first round's records are written before the store dies (they are after the reply, not with it).
      await waitFor(async () => (await schema!.query(`select count(*)::int as n from ${schema!.name}.audit_answer`))[0]!.n === 2 * PER_ROUND);
      const during = await round(s, 'during', () => proxy.kill());
      await noticed(s);
      const down = await round(s, 'down');
      const repeat = await repeated(s);
      await proxy.revive();
      const back = await round(s, 'back');
      await s.waitForLine((l) => l.msg === CLAIMS_BACK);
      // Records are written again once the store is back.
      await waitFor(async () => (await schema!.query(`select count(*)::int as n from ${schema!.name}.audit_answer where question like '%(back %'`))[0]!.n === 2 * PER_ROUND);
      await expectEveryReplyOnce(s, [before, during, down, back], [repeat]);
    } finally {
      await proxy.kill().catch(() => undefined);
    }
  }, 60_000);

  it('hung (connections open, nothing forwarded): every reply once, one warning, dedupe in memory meanwhile', async () => {
    schema = await createTestSchema();
    const { proxy, s } = await serverBehindProxy(schema);
    try {
      const before = await round(s, 'before');
      const during = await round(s, 'during', () => proxy.freeze());
      // The audit's write gives up at pg's query deadline (5 s); a claim at its own (1 s), once.
      await noticed(s);
      const down = await round(s, 'down');
      const repeat = await repeated(s);
      await expectEveryReplyOnce(s, [before, during, down], [repeat]);
    } finally {
      await proxy.kill();
    }
  }, 60_000);

  it("its schema dropped mid-run: every reply once, one warning, dedupe in memory", async () => {
    schema = await createTestSchema();
    server = await startServerProcess(serverVars({ DATABASE_URL: schema.url }));
    const s = server;
    const before = await round(s, 'before');
    const during = await round(s, 'during', async () => void (await schema!.query(`drop schema ${schema!.name} cascade`)));
    await noticed(s);
    const down = await round(s, 'down');
    const repeat = await repeated(s);
    await expectEveryReplyOnce(s, [before, during, down], [repeat]);
  }, 60_000);
});

if (!TEST_DATABASE_URL) {
  describe('PostgreSQL dying mid-run loses no reply', () => it.skip(PG_SKIP_REASON, () => undefined));
  console.warn(PG_SKIP_REASON);
}

/** Whether `chattr +i` works here (root, and a file system with the immutable flag, e.g. ext4, not tmpfs). */
function immutableWorks(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'cb-outage-probe-'));
  const probe = join(dir, 'probe');
  writeFileSync(probe, '');
  const set = spawnSync('chattr', ['+i', probe]);
  spawnSync('chattr', ['-i', probe]);
  rmSync(dir, { recursive: true, force: true });
  return set.status === 0;
}

describe('SQLite dying mid-run loses no reply', () => {
  const canFreeze = immutableWorks();
  const frozen: string[] = [];
  // Made when the cases run (not when the file is collected, which a filtered run does too).
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-outage-'));
  });
  const chattr = (flag: '+i' | '-i', paths: string[]) => {
    const r = spawnSync('chattr', [flag, ...paths]);
    if (r.status !== 0) throw new Error(`chattr ${flag}: ${r.stderr.toString()}`);
  };
  afterAll(() => {
    if (frozen.length > 0) chattr('-i', frozen);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!canFreeze)('STORE_FILE, its -wal and its folder made read-only (immutable), then writable: every reply once, one warning', async () => {
    const folder = mkdtempSync(join(dir, 'frozen-'));
    const file = join(folder, 'store.sqlite');
    server = await startServerProcess(serverVars({ STORE_FILE: file }));
    const s = server;
    const before = await round(s, 'before');
    const during = await round(s, 'during', () => {
      const paths = [file, `${file}-wal`].filter(existsSync);
      chattr('+i', [...paths, folder]);
      frozen.push(...paths, folder);
    });
    await noticed(s);
    const down = await round(s, 'down');
    const repeat = await repeated(s);
    chattr('-i', frozen.splice(0));
    const back = await round(s, 'back');
    await s.waitForLine((l) => l.msg === CLAIMS_BACK);
    await expectEveryReplyOnce(s, [before, during, down, back], [repeat]);
  }, 60_000);
  if (!canFreeze) console.warn(`SQLite read-only case NOT RUN: chattr +i does not work in ${tmpdir()} (needs root and a file system such as ext4)`);

  it('STORE_FILE deleted mid-run (with its -wal and -shm): every reply once, one warning, dedupe in memory', async () => {
    const folder = mkdtempSync(join(dir, 'deleted-'));
    const file = join(folder, 'store.sqlite');
    server = await startServerProcess(serverVars({ STORE_FILE: file }));
    const s = server;
    const before = await round(s, 'before');
    const during = await round(s, 'during', () => {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    });
    await noticed(s);
    const down = await round(s, 'down');
    const repeat = await repeated(s);
    await expectEveryReplyOnce(s, [before, during, down], [repeat]);
  }, 60_000);
});

async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
