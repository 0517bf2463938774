import { describe, expect, it } from 'vitest';
import { claimKey, MemoryClaims } from './dedupe.js';

describe('MemoryClaims', () => {
  it('grants the first claim of a key and refuses the others while it holds', async () => {
    const claims = new MemoryClaims({ ttlMs: 1000, maxSize: 10, now: () => 0 });
    expect(await claims.claim('Ev1')).toBe(true);
    expect(await claims.claim('Ev1')).toBe(false);
    expect(await claims.claim('Ev2')).toBe(true);
  });

  it('grants five concurrent claims of one key exactly once', async () => {
    const claims = new MemoryClaims();
    const results = await Promise.all(Array.from({ length: 5 }, () => claims.claim(claimKey.slackEvent('Ev1'))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('grants a key again once its claim has expired', async () => {
    let now = 0;
    const claims = new MemoryClaims({ ttlMs: 1000, maxSize: 10, now: () => now });
    await claims.claim('Ev1');
    now = 1001;
    expect(await claims.claim('Ev1')).toBe(true);
  });

  it('honours a per-claim time to live', async () => {
    let now = 0;
    const claims = new MemoryClaims({ ttlMs: 60_000, maxSize: 10, now: () => now });
    await claims.claim('short', 10);
    now = 11;
    expect(await claims.claim('short')).toBe(true);
  });

  it('stays bounded: past maxSize the oldest claim is forgotten', async () => {
    const claims = new MemoryClaims({ ttlMs: 60_000, maxSize: 3, now: () => 0 });
    for (const key of ['a', 'b', 'c', 'd']) await claims.claim(key);
    expect(claims.size).toBe(3);
    expect(await claims.claim('a')).toBe(true);
    expect(await claims.claim('d')).toBe(false);
  });

  it('refuses a zero ttl or size', () => {
    expect(() => new MemoryClaims({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => new MemoryClaims({ maxSize: 0 })).toThrow(RangeError);
  });

  it('keeps the key spaces of the platforms apart', () => {
    expect(new Set([claimKey.slackEvent('x'), claimKey.slackAction('x', 'y'), claimKey.teamsActivity('x', 'y')]).size).toBe(3);
  });
});
