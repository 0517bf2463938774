/**
 * Opening the configured store: SQLite through better-sqlite3 (the default, a file under var/) or
 * PostgreSQL through pg when DATABASE_URL is set. Each driver is loaded only when chosen, so neither costs
 * anything to a start that uses the other. Opening does not touch the database yet: `migrate()` does, and
 * every query after it (a PostgreSQL that is down shows up there, as a rejected promise).
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { KyselyStore, type Store } from './store.js';

/** Where the store lives (from STORE_FILE or DATABASE_URL; see adapters/config.ts). */
export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The default STORE_FILE, relative to the working directory (var/ is git-ignored). */
export const DEFAULT_STORE_FILE = 'var/compliance-bot.sqlite';

/**
 * Deadlines for PostgreSQL, in milliseconds: the store is never on a reply's path, but a claim waits for
 * it, and a pool waiting forever on a dead server would pile up work.
 */
const PG_TIMEOUTS = { connectionTimeoutMillis: 2_000, query_timeout: 5_000, idleTimeoutMillis: 30_000 } as const;

/** How long SQLite waits for another process's write lock before failing a statement, in milliseconds. */
const SQLITE_BUSY_TIMEOUT_MS = 250;
/** How long a start waits for another connection's migration of the same file, in milliseconds. */
const SQLITE_MIGRATION_WAIT_MS = 10_000;

/** Opens the store (no I/O for PostgreSQL until the first query; SQLite opens or creates the file). */
export async function openStore(config: StoreConfig): Promise<Store> {
  if (config.kind === 'postgres') return openPostgres(config.url);
  return openSqlite(config.file);
}

/**
 * `mkdir -p`, one level at a time from the nearest folder that exists, so that a folder that cannot be made fails
 * at once with its error (ENOENT, ENOTDIR, EACCES). Node 20's recursive mkdirSync never returns under /proc
 * ("STORE_FILE=/proc/nope/x.sqlite" hung the start with no output).
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  // A file where the folder should be: mkdir says so (EEXIST), as it does for one on the way (ENOTDIR).
  if (missing.length === 0 && !statSync(dir).isDirectory()) mkdirSync(dir);
  for (const d of missing) mkdirSync(d);
}

async function openSqlite(file: string): Promise<Store> {
  const { default: SQLite } = await import('better-sqlite3');
  if (file !== ':memory:') makeFolders(dirname(file));
  const database = new SQLite(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  // WAL: readers (the audit CLI) never block the server's writes, and a write is one append
  // (https://www.sqlite.org/wal.html). A read-only file cannot switch modes: the store still opens, and its
  // writes fail (a warning each, rate-limited), which is what a read-only store should do.
  try {
    database.pragma('journal_mode = WAL');
  } catch {
    // read-only or locked: keep the file's mode
  }
  database.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  const usable = file === ':memory:' ? undefined : sameFile(file);
  // Kysely takes no lock for SQLite (it assumes one connection); two processes on one file (two starts, or
  // a start and `npm run audit`) would both create the tables. BEGIN IMMEDIATE takes the file's write lock
  // first, so the second waits, then finds the migrations applied. DDL is transactional in SQLite.
  return new KyselyStore('sqlite', db, async (d) => {
    await beginImmediate(d);
    try {
      await migrateToLatest(d);
      await sql`commit`.execute(d);
    } catch (error) {
      await sql`rollback`.execute(d).catch(() => undefined);
      throw error;
    }
  }, usable);
}

/**
 * A check that `file` is still the file this process opened. SQLite keeps writing to an open file that
 * was deleted or replaced (the data goes nowhere anyone can read, and nothing fails), so each statement
 * first compares the path's device and inode with the opened file's: one stat(2), microseconds. Throws
 * StoreFileGoneError once the path is missing or another file; the callers turn that into their warning.
 */
function sameFile(file: string): () => void {
  const opened = statSync(file);
  return () => {
    const now = statSync(file, { throwIfNoEntry: false });
    if (!now || now.ino !== opened.ino || now.dev !== opened.dev) throw new StoreFileGoneError(file, now ? 'replaced by another file' : 'deleted');
  };
}

/** STORE_FILE was deleted or replaced while the server had it open; restart the server to create it again. */
export class StoreFileGoneError extends Error {
  constructor(
    readonly file: string,
    how: string,
  ) {
    super(`STORE_FILE ${file} was ${how} while the server ran; nothing more is written until the server restarts`);
    this.name = 'StoreFileGoneError';
  }
}

/**
 * BEGIN IMMEDIATE, waiting for another connection's write lock by retrying (asynchronously: better-sqlite3
 * would otherwise block the event loop for the whole busy timeout) for up to SQLITE_MIGRATION_WAIT_MS.
 */
async function beginImmediate(db: Kysely<Database>): Promise<void> {
  const deadline = Date.now() + SQLITE_MIGRATION_WAIT_MS;
  for (;;) {
    try {
      await sql`begin immediate`.execute(db);
      return;
    } catch (error) {
      const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY';
      if (!busy || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

async function openPostgres(url: string): Promise<Store> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, ...PG_TIMEOUTS, max: 5 });
  // A client whose server went away emits 'error': on the pool while idle, on the client itself while it is
  // checked out (Kysely holds it between queries of a statement, and adds no listener). Unheard, either one
  // crashes the process. The query in flight rejects anyway (and is logged where it is made), and pg-pool
  // discards the broken client on release.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => void client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore('postgres', db, async (d) => {
    // The schema the tables go in: the connection's current schema (search_path; `public` unless the URL
    // says `?options=-c search_path=NAME`). Kysely's own tables go there too.
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(d);
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('DATABASE_URL: the search_path names no existing schema');
    await migrateToLatest(d, schema);
  });
}
