/**
 * Schema changes as Kysely migrations (https://kysely.dev/docs/migrations), applied at start by
 * {@link migrateToLatest}. They live in code, not in a folder read at run time, because the server is one
 * esbuild bundle. Add a migration by appending an entry with a later name; never edit one that has shipped.
 *
 * Two replicas starting together: Kysely's Migrator takes a PostgreSQL advisory lock (`pg_advisory_lock`)
 * around the pending migrations and runs them in one transaction, so one replica migrates and the other
 * then finds nothing to do; creating its own bookkeeping tables it tolerates losing the race. SQLite runs
 * them in one transaction too (a second process waits on the file lock).
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** The migrations, by name; names sort in the order they run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '2026-12-01-001-audit-feedback-claims': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('audit_answer')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('workspace', 'text')
        .addColumn('channel_kind', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('question', 'text', (c) => c.notNull())
        .addColumn('question_norm', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('intent', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('not_listed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('report_id', 'text')
        .addColumn('period_start', 'text')
        .addColumn('period_end', 'text')
        .addColumn('latency_ms', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_answer_at').on('audit_answer').column('at').execute();
      await db.schema.createIndex('audit_answer_norm').on('audit_answer').columns(['question_norm', 'at']).execute();

      await db.schema
        .createTable('feedback')
        .addColumn('answer_id', 'text', (c) => c.notNull())
        .addColumn('voter', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('vote', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_pk', ['answer_id', 'voter'])
        .execute();
      await db.schema.createIndex('feedback_at').on('feedback').column('at').execute();

      await db.schema
        .createTable('delivery_claim')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('claimed_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('delivery_claim_expires').on('delivery_claim').column('expires_at').execute();

      await db.schema
        .createTable('store_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const table of ['store_meta', 'delivery_claim', 'feedback', 'audit_answer']) await db.schema.dropTable(table).execute();
    },
  },
  // Whether the platform took the reply: a Slack post refused or timed out, a Teams reply the connector
  // refused. Rows from before this migration were all delivered (only delivered turns were kept).
  '2026-12-02-002-audit-delivered': {
    async up(db: Kysely<any>) {
      await db.schema.alterTable('audit_answer').addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.alterTable('audit_answer').dropColumn('delivered').execute();
    },
  },
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/**
 * Applies every pending migration. `schema`: PostgreSQL's schema for Kysely's own bookkeeping tables (the
 * current schema; without it Kysely would look for them in every schema of the database). Throws the
 * migration's error, naming the migration.
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`store migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`.replace('  ', ' '), { cause: error });
  }
}
