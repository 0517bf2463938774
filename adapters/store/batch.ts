/**
 * Writes that arrive together go to the database together: every record handed to `add` in the same turn
 * of the event loop (or within `delayMs` of the first) is written by one call of `writeMany` (one multi-row INSERT, so one statement and one
 * commit), at most `maxBatch` records per call. A commit per row was a fifth of the server's CPU per
 * answered question under load (SQLite in WAL mode appends every page the row touched, its indexes' pages
 * included, once per commit; `npm run bench`, issue 10).
 *
 * Nothing is lost to a neighbour: when a batch of several fails, each of its records is written alone
 * (`writeOne`), so only a record that fails by itself rejects. A write may give a result per record (a
 * claim's outcome): `writeMany` returns them in the order of its records.
 */

/** Options for {@link Batcher}. */
export interface BatcherOptions<T, R = void> {
  /** Writes several records in one statement, resolving with each one's result in order; rejects when none was written. */
  writeMany(records: T[]): Promise<R[]>;
  /** Writes one record (the fallback when its batch failed). */
  writeOne(record: T): Promise<R>;
  /** Most records per `writeMany` call (default 100: 16 columns a row stays far below SQLite's 32,766 parameters). */
  maxBatch?: number;
  /**
   * How long the first record of a batch waits for others, in milliseconds (default 0: the records of one
   * event-loop turn). For writes nobody waits on (the audit log): under load a turn holds a few records, and
   * a statement and a commit for each few were most of what recording an answer cost (issue 10). A batch
   * that reaches `maxBatch` is written at once.
   */
  delayMs?: number;
}

interface Queued<T, R> {
  record: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Groups the records added in one event-loop turn into multi-row writes. */
export class Batcher<T, R = void> {
  private queue: Queued<T, R>[] = [];
  private scheduled = false;
  /** Flushes scheduled or running, so that `settled` can wait for them. */
  private readonly flushing = new Set<Promise<void>>();
  private readonly maxBatch: number;
  private readonly delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: BatcherOptions<T, R>) {
    this.maxBatch = options.maxBatch ?? 100;
    this.delayMs = options.delayMs ?? 0;
    if (!(this.maxBatch >= 1)) throw new RangeError('Batcher needs maxBatch >= 1');
  }

  /** Queues `record`; resolves with its result once it is written, rejects when it could not be (alone). */
  add(record: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        const done = new Promise<void>((resolve) => {
          const run = () => {
            this.timer = undefined;
            this.wake = undefined;
            void this.flush().finally(resolve);
          };
          // setImmediate, not a microtask: the turns answered in this loop iteration all join the batch.
          if (this.delayMs > 0) {
            this.timer = setTimeout(run, this.delayMs);
            this.wake = run;
          } else setImmediate(run);
        });
        this.flushing.add(done);
        void done.then(() => this.flushing.delete(done));
      } else if (this.wake && this.queue.length >= this.maxBatch) {
        // A full batch does not wait for the rest of the delay.
        clearTimeout(this.timer);
        this.wake();
      }
    });
  }

  /** Records queued and not yet handed to the database. */
  get size(): number {
    return this.queue.length;
  }

  /** Resolves when every record added so far has been written or given up on (close waits for it, without the delay). */
  async settled(): Promise<void> {
    if (this.wake) {
      clearTimeout(this.timer);
      this.wake();
    }
    while (this.flushing.size > 0) await Promise.all([...this.flushing]);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const queued = this.queue;
    this.queue = [];
    const writes: Promise<void>[] = [];
    for (let i = 0; i < queued.length; i += this.maxBatch) writes.push(this.write(queued.slice(i, i + this.maxBatch)));
    await Promise.all(writes);
  }

  private async write(batch: Queued<T, R>[]): Promise<void> {
    try {
      const results = await this.options.writeMany(batch.map((q) => q.record));
      batch.forEach((q, i) => q.resolve(results[i]!));
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
    }
    // One bad record must not take the others with it: each alone, in order.
    for (const q of batch) {
      try {
        q.resolve(await this.options.writeOne(q.record));
      } catch (error) {
        q.reject(error);
      }
    }
  }
}
