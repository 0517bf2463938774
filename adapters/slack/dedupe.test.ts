import { describe, expect, it } from 'vitest';
import { TtlSet } from './dedupe.js';

describe('TtlSet', () => {
  it('reports a key as new once, then as seen while it lives', () => {
    const set = new TtlSet({ ttlMs: 1000, maxSize: 10, now: () => 0 });
    expect(set.add('Ev1')).toBe(true);
    expect(set.add('Ev1')).toBe(false);
    expect(set.has('Ev1')).toBe(true);
  });

  it('forgets a key after its time to live', () => {
    let now = 0;
    const set = new TtlSet({ ttlMs: 1000, maxSize: 10, now: () => now });
    set.add('Ev1');
    now = 1001;
    expect(set.has('Ev1')).toBe(false);
    expect(set.add('Ev1')).toBe(true);
  });

  it('never holds more than maxSize keys, dropping the oldest first', () => {
    const set = new TtlSet({ ttlMs: 60_000, maxSize: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) set.add(id);
    expect(set.size).toBe(3);
    expect(set.has('a')).toBe(false);
    expect(set.has('d')).toBe(true);
  });

  it('evicts expired keys as new ones arrive', () => {
    let now = 0;
    const set = new TtlSet({ ttlMs: 10, maxSize: 100, now: () => now });
    for (let i = 0; i < 50; i++) set.add(`old${i}`);
    now = 100;
    set.add('new');
    expect(set.size).toBe(1);
  });

  it('rejects a non-positive ttl or size', () => {
    expect(() => new TtlSet({ ttlMs: 0, maxSize: 1 })).toThrow(RangeError);
    expect(() => new TtlSet({ ttlMs: 1, maxSize: 0 })).toThrow(RangeError);
  });
});
