/**
 * The store as the server runs it: opened and migrated at start, purged at start and daily, and the two
 * services built on it that the adapters use: delivery claims (claims.ts) and the audit recorder
 * (audit.ts). A store that cannot be reached at start does not stop the server: it logs a warning, keeps
 * trying to migrate in the background, and meanwhile claims fall back to memory and records are lost
 * with a warning. The replies never wait for any of it.
 */
import type { AuditConfig } from '../config.js';
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
  /** Resolves once the first migration attempt has finished (succeeded or not). */
  readonly ready: Promise<void>;
  /** Stops the timers, waits for writes in flight, closes the connections. */
  close(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often to retry a migration that failed at start. */
const MIGRATE_RETRY_MS = 30_000;

/** Options for {@link startStore}. */
export interface StartStoreOptions {
  store?: StoreConfig;
  audit?: AuditConfig;
  logger: Logger;
}

/** Opens the configured store and starts its services; never rejects for a store that is down. */
export async function startStore({ store: storeConfig, audit, logger }: StartStoreOptions): Promise<StoreServices> {
  const log = logger.child({ component: 'store' });
  const policy = audit ?? { userIds: 'hash' as const, retentionDays: 365 };
  let store: Store | undefined;
  if (storeConfig) {
    try {
      store = await openStore(storeConfig);
    } catch (error) {
      // e.g. STORE_FILE in a folder that cannot be created: answer anyway, remembering nothing.
      log.error({ err: error, store: storeConfig.kind }, 'could not open the store; running without one (nothing is recorded, claims stay in memory)');
    }
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

  const migrate = async (): Promise<boolean> => {
    if (!store) return false;
    try {
      await store.migrate();
      return true;
    } catch (error) {
      log.warn({ err: error, store: store.kind }, `store: migrations could not be applied; answering anyway and retrying every ${MIGRATE_RETRY_MS / 1000} s`);
      return false;
    }
  };

  const ready = (async () => {
    if (!store) return;
    if (await migrate()) {
      log.info({ store: store.kind }, 'store ready');
      await purge();
      return;
    }
    const retry = setInterval(() => {
      void migrate().then(async (ok) => {
        if (!ok) return;
        clearInterval(retry);
        log.info({ store: store!.kind }, 'store ready (after a retry)');
        await purge();
      });
    }, MIGRATE_RETRY_MS);
    retry.unref();
    timers.push(retry);
  })();
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
      await ready;
      await recorder.flush();
      await store?.close().catch((error: unknown) => log.warn({ err: error }, 'store: error while closing'));
    },
  };
}
