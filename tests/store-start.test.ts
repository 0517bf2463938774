/**
 * A store that cannot be used at start stops the start with one line naming the variable (README, "The audit
 * log and several replicas"): a DATABASE_URL whose host refuses or never answers, whose database or schema
 * does not exist, a STORE_FILE that cannot be created. Exit 1, no stack, no JSON log, no password, and
 * nothing listening. Once running, a store that dies costs a warning instead (tests/store-outage.test.ts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PG_SKIP_REASON, TEST_DATABASE_URL, withSearchPath } from './support/pg-schema.js';

/** Runs the server to its exit (asynchronously: the silent host below lives in this process). */
async function run(vars: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const env = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', TEAMS_LOCAL_MODE: 'true', ...vars };
  const child = spawn(process.execPath, ['dist/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  // A start that went wrong the other way (it listens) is stopped, and the test then fails on the code.
  child.stdout.on('data', () => stdout.includes('compliance-bot listening') && child.kill('SIGTERM'));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr, stdout };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function expectOneLine(r: { code: number | null; stderr: string; stdout: string }, start: string, reason: RegExp): void {
  expect(r.code, r.stderr + r.stdout).toBe(1);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${escape(start)}: `))]);
  expect(r.stderr).toMatch(reason);
  expect(r.stderr + r.stdout).not.toMatch(/\n\s+at |"level":[56]0|listening/);
}

describe('DATABASE_URL that cannot be used at start', () => {
  let silent: Server;
  let silentPort: number;
  const held = new Set<Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers, as a host behind a dropped route or a hung proxy would.
    silent = createServer((socket) => void held.add(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of held) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('nothing listening at its host and port: exit 1, one line naming DATABASE_URL, the password hidden', async () => {
    const r = await run({ DATABASE_URL: 'postgres://bot:s3cret-pw@127.0.0.1:1/test' });
    expectOneLine(r, 'Cannot use the store at DATABASE_URL postgres://bot:***@127.0.0.1:1/test', /ECONNREFUSED 127\.0\.0\.1:1\. Check DATABASE_URL/);
    expect(r.stderr + r.stdout).not.toContain('s3cret-pw');
  });

  it('a host that accepts and never answers: exit 1 after the connection deadline, one line naming DATABASE_URL', async () => {
    const r = await run({ DATABASE_URL: `postgres://bot@127.0.0.1:${silentPort}/test` });
    expectOneLine(r, `Cannot use the store at DATABASE_URL postgres://bot@127.0.0.1:${silentPort}/test`, /timeout/i);
  });

  it.skipIf(!TEST_DATABASE_URL)('a database that does not exist, or a search_path schema that does not: exit 1, one line each', async () => {
    const missingDb = new URL(TEST_DATABASE_URL!);
    missingDb.pathname = '/cb_no_such_database';
    const r1 = await run({ DATABASE_URL: missingDb.toString() });
    expectOneLine(r1, `Cannot use the store at DATABASE_URL ${missingDb.toString()}`, /database "cb_no_such_database" does not exist/);

    const missingSchema = withSearchPath(TEST_DATABASE_URL!, 'cb_no_such_schema');
    const r2 = await run({ DATABASE_URL: missingSchema });
    expectOneLine(r2, `Cannot use the store at DATABASE_URL ${decodeURIComponent(missingSchema)}`, /search_path names no existing schema/);
  });
  if (!TEST_DATABASE_URL) console.warn(PG_SKIP_REASON);
});

describe('STORE_FILE that cannot be used at start', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-store-start-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('in a folder that cannot be created (a file is in the way): exit 1, one line naming STORE_FILE', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const file = join(dir, 'a-file', 'store.sqlite');
    const r = await run({ STORE_FILE: file });
    expectOneLine(r, `Cannot use the store at STORE_FILE ${file}`, /EEXIST|ENOTDIR/);
  });

  it('in a folder that cannot be made under /proc: exit 1, one line naming STORE_FILE (it hung, with no output)', async () => {
    const file = '/proc/compliance-bot-nope/store.sqlite';
    const r = await run({ STORE_FILE: file });
    expectOneLine(r, `Cannot use the store at STORE_FILE ${file}`, /ENOENT|EACCES|EPERM/);
  });

  it('a file that is not a database: exit 1, one line naming STORE_FILE', async () => {
    const file = join(dir, 'not-a-database.sqlite');
    writeFileSync(file, 'this is not an SQLite database, just some text that is long enough to have a header\n'.repeat(10));
    const r = await run({ STORE_FILE: file });
    expectOneLine(r, `Cannot use the store at STORE_FILE ${file}`, /not a database/);
  });
});
