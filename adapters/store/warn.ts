import type { Logger } from '../logger.js';

/**
 * A warning that says what failed at most once per `intervalMs`, counting the failures it held back in
 * between, so a store that is down for an hour costs a handful of log lines, not one per question.
 */
export class RateLimitedWarning {
  private last = Number.NEGATIVE_INFINITY;
  private held = 0;

  constructor(
    private readonly logger: Logger,
    private readonly message: string,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs (or counts) one failure. */
  warn(error: unknown, fields: Record<string, unknown> = {}): void {
    const t = this.now();
    if (t - this.last < this.intervalMs) {
      this.held += 1;
      return;
    }
    this.logger.warn({ ...fields, err: error, suppressed: this.held }, this.message);
    this.last = t;
    this.held = 0;
  }
}
