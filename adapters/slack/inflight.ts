/**
 * Work still running after Slack got its ack: Bolt acknowledges an event before the listener posts the
 * reply (https://docs.slack.dev/apis/events-api/#responding: ack within 3 s, work after), so closing the
 * HTTP server alone would cut replies short on SIGTERM. `drain` waits for them, up to a bound.
 */
export class InFlight {
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `work` and remembers it until it settles; returns its promise. */
  track<T>(work: Promise<T>): Promise<T> {
    this.pending.add(work);
    const forget = () => this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** How many are still running. */
  get size(): number {
    return this.pending.size;
  }

  /** Resolves when all tracked work has settled, or after `timeoutMs`, whichever is first. Never rejects. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.pending.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    await Promise.race([Promise.allSettled([...this.pending]).then(() => undefined), timeout]);
    clearTimeout(timer);
  }
}
