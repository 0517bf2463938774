/**
 * Delivery claims: "answer each delivery once". Slack redelivers an event with the same `event_id`
 * (https://docs.slack.dev/apis/events-api/#retries: at once, after 1 minute, after 5 minutes), Teams may
 * send the same `activity.id` twice, and a Share click can be replayed; the first claim of a key wins and
 * every later claim of it, while it is remembered, loses.
 *
 * This module is the seam shared by the Slack and Teams adapters. The in-memory claims below hold within
 * one process only (a restart forgets them, two replicas do not see each other's); the store
 * (adapters/store/) implements the same interface on its database so that a claim holds across restarts
 * and replicas.
 */
import type { Logger } from './logger.js';

/** Claims keys for a while; the first claim of a key is the one to act on. */
export interface DeliveryClaims {
  /**
   * Claims `key` for `ttlMs` (default: the implementation's own TTL). Resolves true when this caller is
   * the first to claim it (act on the delivery), false when it is claimed already (skip it). Rejects only
   * when the claim cannot be decided (e.g. the database is down); the caller then logs and answers,
   * preferring a rare duplicate to a lost reply.
   */
  claim(key: string, ttlMs?: number): Promise<boolean>;
}

/** Options for {@link MemoryClaims}. */
export interface MemoryClaimsOptions {
  /** How long a claim holds, in milliseconds (default one hour: well past Slack's last retry at 5 minutes). */
  ttlMs?: number;
  /** At most this many keys are remembered; past it the oldest claim is forgotten (default 10,000). */
  maxSize?: number;
  /** The clock, in epoch milliseconds (tests pass a fake one). */
  now?: () => number;
}

/** Claims kept in this process's memory, bounded in count; the oldest is dropped first. */
export class MemoryClaims implements DeliveryClaims {
  private readonly expiries = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxSize: number;
  private readonly now: () => number;

  constructor({ ttlMs = 60 * 60 * 1000, maxSize = 10_000, now = Date.now }: MemoryClaimsOptions = {}) {
    if (!(ttlMs > 0) || !(maxSize > 0)) throw new RangeError('MemoryClaims needs a positive ttlMs and maxSize');
    this.ttlMs = ttlMs;
    this.maxSize = maxSize;
    this.now = now;
  }

  /** Synchronous form of {@link claim}, for callers in the same process. */
  claimNow(key: string, ttlMs = this.ttlMs): boolean {
    const now = this.now();
    const expires = this.expiries.get(key);
    if (expires !== undefined && expires > now) return false;
    this.expiries.delete(key);
    this.expiries.set(key, now + ttlMs);
    this.evict(now);
    return true;
  }

  async claim(key: string, ttlMs?: number): Promise<boolean> {
    return this.claimNow(key, ttlMs);
  }

  /** How many keys are remembered (expired ones may count until the next claim). */
  get size(): number {
    return this.expiries.size;
  }

  // Oldest first in insertion order; with one TTL for all, expired keys are at the front.
  private evict(now: number): void {
    for (const [key, expires] of this.expiries) {
      if (this.expiries.size <= this.maxSize && expires > now) break;
      this.expiries.delete(key);
    }
  }
}

/** Key spaces, so that one platform's ids never collide with another's in a shared store. */
export const claimKey = {
  /** A Slack Events API delivery: `event_id` is unique per workspace event. */
  slackEvent: (eventId: string) => `slack:event:${eventId}`,
  /** A Slack button click: the click's own `trigger_id` and the action's `action_ts`. */
  slackAction: (triggerId: string, actionTs: string) => `slack:action:${triggerId}:${actionTs}`,
  /** A Teams activity: ids are unique within a conversation. */
  teamsActivity: (conversationId: string, activityId: string) => `teams:activity:${conversationId}:${activityId}`,
} as const;

/**
 * Claims `key`; when the claims cannot decide (their store is down), logs a warning and returns true: a
 * rare duplicate reply is better than a lost one.
 */
export async function claimOrProceed(claims: DeliveryClaims, key: string, logger: Logger): Promise<boolean> {
  try {
    return await claims.claim(key);
  } catch (error) {
    logger.warn({ err: error, key }, 'could not claim a delivery; answering it anyway');
    return true;
  }
}
