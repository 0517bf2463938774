/**
 * Delivery claims backed by the store (the interface is adapters/dedupe.ts): which replica answers a
 * delivery (Slack `event_id`, Teams `activity.id`, a Share click). The database decides, atomically
 * (store.ts `claim`: an insert that conflicts loses), so two replicas given the same event answer it once,
 * and a replica that restarted still knows what was answered. The store is asked with a deadline; when
 * it is down or slow, this process's memory decides instead (said once in the log, and once again when
 * the store is back), so a reply is never lost for the store's sake. Once the store has failed, claims stop
 * waiting for it: memory decides at once, and one claim at a time is still sent to the store in the
 * background, to notice when it is back; so an outage delays at most the one delivery that found it (by the
 * deadline), not every delivery during it. These claims never reject.
 */
import { MemoryClaims, type DeliveryClaims } from '../dedupe.js';
import type { Logger } from '../logger.js';
import type { Store } from './store.js';

export type { DeliveryClaims } from '../dedupe.js';

/** Options for {@link createStoreClaims}. */
export interface StoreClaimsOptions {
  /** The store; absent: memory only. */
  store?: Store;
  logger: Logger;
  /** How long a key is remembered by default, in milliseconds (Slack retries for about 6 minutes). */
  ttlMs?: number;
  /** How long a claim waits for the store before memory decides, in milliseconds. */
  timeoutMs?: number;
  /** At most this many keys in memory. */
  maxMemoryKeys?: number;
  now?: () => number;
}

const DEFAULT_TTL_MS = 60 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 1_000;

/** Claims through the store, falling back to (and always remembered in) bounded process memory. */
export function createStoreClaims(options: StoreClaimsOptions): DeliveryClaims {
  const { store, logger, ttlMs: defaultTtl = DEFAULT_TTL_MS, timeoutMs = DEFAULT_TIMEOUT_MS, now = Date.now } = options;
  // Remembers what this process claimed or saw claimed: repeats are refused without asking the store, and
  // it decides alone while the store is unavailable.
  const memory = new MemoryClaims({ ttlMs: defaultTtl, maxSize: options.maxMemoryKeys ?? 10_000, now });
  if (!store) return memory;
  let degraded = false;
  /** The background claim sent while degraded, if one is on its way. */
  let probe: Promise<unknown> | undefined;

  /** The store's claim, rejecting after the deadline. */
  const ask = async (key: string, ttl: number, t: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        store.claim(key, ttl, new Date(t)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
          timer.unref();
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  const back = () => {
    if (!degraded) return;
    degraded = false;
    logger.info({ store: store.kind }, 'delivery claims: the store answers again; claims are shared with the other replicas again');
  };

  return {
    async claim(key, ttl = defaultTtl) {
      const t = now();
      if (degraded) {
        // Memory decides now; the store hears of the claim in the background (so other replicas may still
        // see it), and its first answer ends the outage. Its verdict comes too late to act on.
        probe ??= ask(key, ttl, t).then(back, () => undefined).finally(() => (probe = undefined));
        return memory.claimNow(key, ttl);
      }
      try {
        const won = await ask(key, ttl, t);
        // Keep the outcome locally too, so a repeat during a later outage is still refused here.
        memory.claimNow(key, ttl);
        return won;
      } catch (error) {
        if (!degraded) {
          degraded = true;
          logger.warn(
            { err: error, store: store.kind },
            "delivery claims: the store is unavailable; deciding repeats from this process's memory until it is back (another replica may answer a repeat)",
          );
        }
        return memory.claimNow(key, ttl);
      }
    },
  };
}
