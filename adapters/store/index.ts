/**
 * The store as the server runs it: opened and migrated at start, purged at start and daily, and the two
 * services built on it that the adapters use: delivery claims (claims.ts) and the audit recorder
 * (audit.ts). A store that cannot be used at start (DATABASE_URL naming a host that does not answer, a
 * missing database or schema; a STORE_FILE that cannot be created) stops the start with one line naming
 * the variable, as a wrong SLACK_API_URL does: it is a configuration to fix, and a replica that started
 * without the shared claims would answer its neighbours' deliveries again. Once running, a store that goes
 * down costs a warning: claims fall back to memory, records are lost, and the replies never wait for it.
 */
import { ConfigError, type AuditConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { AuditRecorder } from './audit.js';
import { createStoreClaims, type DeliveryClaims } from './claims.js';
import { openStore, type StoreConfig } from './open.js';
import type { Store, StoreKind } from './store.js';

export { AuditRecorder, type AnsweredTurn, type Vote } from './audit.js';
export { createStoreClaims, type DeliveryClaims } from './claims.js';
export type { ChannelKind, Store, StoreKind } from './store.js';

/** What the server holds while running. */
export interface StoreServices {
  /** `sqlite`, `postgres`, or `none` (a config built in code without a store). */
  readonly kind: StoreKind | 'none';
  readonly claims: DeliveryClaims;
  readonly audit: AuditRecorder;
  /** Resolves once the store is migrated and the first purge has run (at once without a store). */
  readonly ready: Promise<void>;
  /**
   * Stops the timers, waits for writes in flight, closes the connections; at most STORE_CLOSE_MS, then
   * logs how many records were still waiting (lost) and resolves, so a hung database cannot hold a shutdown.
   */
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * How long closing waits for the store, in milliseconds: past PostgreSQL's query deadline (5 s, open.ts), so
 * writes in flight have finished or failed by then; what is left is a pool ending its connections to a
 * server that no longer answers (pg waits for the server to close them), which nothing should wait for.
 */
export const STORE_CLOSE_MS = 6_000;

/** Options for {@link startStore}. */
export interface StartStoreOptions {
  store?: StoreConfig;
  audit?: AuditConfig;
  logger: Logger;
}

/**
 * Opens and migrates the configured store and starts its services. Rejects with a ConfigError (one line
 * naming STORE_FILE or DATABASE_URL, no password) when the store cannot be opened or migrated; once it has
 * started, nothing it does rejects.
 */
export async function startStore({ store: storeConfig, audit, logger }: StartStoreOptions): Promise<StoreServices> {
  const log = logger.child({ component: 'store' });
  const policy = audit ?? { userIds: 'hash' as const, retentionDays: 365 };
  let store: Store | undefined;
  if (storeConfig) {
    try {
      store = await openStore(storeConfig);
      await store.migrate();
    } catch (error) {
      await store?.close().catch(() => undefined);
      throw new ConfigError(storeStartLine(storeConfig, error), storeConfig.kind === 'postgres' ? 'DATABASE_URL' : 'STORE_FILE');
    }
    log.info({ store: store.kind }, 'store ready');
  }
  const claims = createStoreClaims({ store, logger: log });
  const recorder = new AuditRecorder({ store, logger: log, userIds: policy.userIds, salt: policy.salt });
  const timers: NodeJS.Timeout[] = [];

  const purge = async () => {
    if (!store) return;
    const before = new Date(Date.now() - policy.retentionDays * DAY_MS);
    try {
      const removed = await store.purge(before);
      log.info({ removed, before: before.toISOString(), retentionDays: policy.retentionDays }, 'store: purged rows past AUDIT_RETENTION_DAYS');
    } catch (error) {
      log.warn({ err: error }, 'store: the purge failed; it runs again in a day');
    }
  };
  const ready = purge();
  // Daily purge; unref'd so that it never keeps the process alive.
  const daily = setInterval(() => void purge(), DAY_MS);
  daily.unref();
  timers.push(daily);

  return {
    kind: store?.kind ?? 'none',
    claims,
    audit: recorder,
    ready,
    async close() {
      for (const t of timers) clearInterval(t);
      const closed = (async () => {
        await ready;
        await recorder.flush();
        await store?.close().catch((error: unknown) => log.warn({ err: error }, 'store: error while closing'));
      })();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), STORE_CLOSE_MS);
        timer.unref();
      });
      if ((await Promise.race([closed, late])) === 'late') {
        log.warn({ store: store?.kind, waiting: recorder.waiting, afterMs: STORE_CLOSE_MS }, 'store: did not close in time; records still waiting for it are lost');
      }
      clearTimeout(timer);
    },
  };
}

/**
 * The one line for a store that cannot be used at start: the variable, where it points (a URL without its
 * password), and the driver's reason (`connect ECONNREFUSED 127.0.0.1:5432`, `database "x" does not exist`).
 */
export function storeStartLine(config: StoreConfig, error: unknown): string {
  const reason = reasonOf(error);
  if (config.kind === 'sqlite') return `Cannot use the store at STORE_FILE ${config.file}: ${reason}. Check STORE_FILE (a writable file in a folder that exists or can be created).`;
  return `Cannot use the store at DATABASE_URL ${displayUrl(config.url)}: ${reason}. Check DATABASE_URL (host, port, database, search_path schema) and that PostgreSQL is running.`;
}

/** A PostgreSQL URL as it may be shown: the password replaced, the rest as given. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return decodeURIComponent(u.toString());
  } catch {
    return 'postgres://…';
  }
}

function reasonOf(error: unknown): string {
  // Connecting to a name with several addresses fails as an AggregateError with no message of its own.
  const e = (error instanceof AggregateError && error.errors.length > 0 ? error.errors[0] : error) as { message?: unknown; code?: unknown; cause?: unknown };
  const message = typeof e?.message === 'string' && e.message.trim() !== '' ? e.message : typeof e?.code === 'string' ? e.code : String(error);
  return message.split('\n')[0]!.replace(/\.$/u, '');
}
