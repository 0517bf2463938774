import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A PostgreSQL schema of this test run's own on TEST_DATABASE_URL (several people test against the same
 * database at once, so nothing goes in `public`): created on {@link createTestSchema}, dropped with
 * everything in it by `drop()`. `url` is TEST_DATABASE_URL with the schema as its search_path, which is
 * how the store is told where its tables go.
 */
export interface TestSchema {
  name: string;
  url: string;
  /** Runs one statement on the test database (outside the store), e.g. to look at rows or break things. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** TEST_DATABASE_URL, or undefined when PostgreSQL tests cannot run here. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;

/** Why PostgreSQL tests were skipped, for the test's name and the log. */
export const PG_SKIP_REASON = 'PostgreSQL tests NOT RUN: TEST_DATABASE_URL is unset (set it to postgres://postgres@127.0.0.1:5432/test)';

/** The schema-qualified URL for `base` and `schema` (search_path through the startup `options`). */
export function withSearchPath(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Creates a fresh schema `cb_<pid>_<random>` on TEST_DATABASE_URL. */
export async function createTestSchema(base = TEST_DATABASE_URL): Promise<TestSchema> {
  if (!base) throw new Error(PG_SKIP_REASON);
  const name = `cb_${process.pid}_${randomBytes(4).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: base, max: 2 });
  pool.on('error', () => undefined);
  await pool.query(`create schema ${name}`);
  return {
    name,
    url: withSearchPath(base, name),
    async query(text, values) {
      return (await pool.query(text, values)).rows;
    },
    async drop() {
      try {
        await pool.query(`drop schema if exists ${name} cascade`);
      } finally {
        await pool.end();
      }
    },
  };
}
