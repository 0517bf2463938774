/**
 * A bounded least-recently-used map: at most `max` entries, the one unused longest dropped first. The
 * engine keeps its replies in one (answers are pure for a given report, so a question asked again is
 * answered from it); a Map keeps insertion order, and a hit is moved to the end.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** @throws RangeError when `max` is not a positive integer. */
  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`LruCache needs a positive integer size, not ${max}`);
  }

  /** The value for `key`, now the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Stores `value` under `key`, dropping the least recently used entry past `max`. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as K);
  }

  get size(): number {
    return this.entries.size;
  }
}
