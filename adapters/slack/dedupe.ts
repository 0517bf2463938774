/**
 * A small, bounded set of recently seen keys with a time to live: remembers Slack `event_id`s so that an
 * event delivered twice is answered once (https://docs.slack.dev/apis/events-api/#retries: Slack retries
 * up to three times, at once, after 1 minute and after 5 minutes, with the same `event_id`). Bounded in size so a flood of
 * events cannot grow memory; the oldest entries go first.
 */
export interface TtlSetOptions {
  /** How long a key is remembered, in milliseconds. */
  ttlMs: number;
  /** At most this many keys; past it the oldest is forgotten. */
  maxSize: number;
  /** The clock (tests pass a fake one). */
  now?: () => number;
}

/** Remembers keys for `ttlMs`, at most `maxSize` of them. */
export class TtlSet {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxSize: number;
  private readonly now: () => number;

  constructor({ ttlMs, maxSize, now = Date.now }: TtlSetOptions) {
    if (!(ttlMs > 0) || !(maxSize > 0)) throw new RangeError('TtlSet needs a positive ttlMs and maxSize');
    this.ttlMs = ttlMs;
    this.maxSize = maxSize;
    this.now = now;
  }

  /**
   * Records `key` and tells whether it was new: true the first time (and again once it has expired),
   * false while it is remembered.
   */
  add(key: string): boolean {
    const now = this.now();
    this.evictExpired(now);
    const expires = this.seen.get(key);
    if (expires !== undefined && expires > now) return false;
    this.seen.delete(key);
    this.seen.set(key, now + this.ttlMs);
    while (this.seen.size > this.maxSize) {
      const oldest = this.seen.keys().next().value as string;
      this.seen.delete(oldest);
    }
    return true;
  }

  /** Whether `key` is remembered now. */
  has(key: string): boolean {
    const expires = this.seen.get(key);
    return expires !== undefined && expires > this.now();
  }

  /** How many keys are remembered (expired ones may still count until the next `add`). */
  get size(): number {
    return this.seen.size;
  }

  // Insertion order is expiry order (one TTL for all), so expired keys are always at the front.
  private evictExpired(now: number): void {
    for (const [key, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(key);
    }
  }
}
