import { describe, expect, it } from 'vitest';
import { createEngine, loadDefaultReport } from '../index.js';
import { loadLibrary } from '../report/library.js';
import { LruCache } from './cache.js';
import { createLibraryEngine } from './library-engine.js';

describe('the bounded reply cache', () => {
  it('keeps at most its size, dropping the entry unused longest', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });

  it('answers a question asked again, or with another mention, exactly as the first time', () => {
    const cached = createEngine(loadDefaultReport());
    const uncached = createEngine(loadDefaultReport(), { answerCache: 0 });
    for (const q of ['is Conect in scope?', '<@U0BOT> is Conect in scope?', 'is Conect in scope?', 'which regions are covered?']) {
      expect(cached.answer(q)).toEqual(uncached.answer(q));
    }
  });

  it('is per engine: an engine over a changed report answers from that report', () => {
    const report = loadDefaultReport();
    const before = createEngine(report);
    expect(before.answer('is Amazon Connect in scope?').verdict).toBe('yes');
    const changed = structuredClone(report);
    changed.services = changed.services.filter((s) => s.name !== 'Amazon Connect');
    const after = createEngine(changed);
    expect(after.answer('is Amazon Connect in scope?').verdict).not.toBe('yes');
  });
});

describe('the reply cache and the clock', () => {
  it('reuses a reply on the same day only', () => {
    let today = new Date('2026-03-01T10:00:00Z');
    const engine = createEngine(loadDefaultReport(), { now: () => today });
    const first = engine.reply('is S3 covered today?');
    expect(engine.reply('is S3 covered today?')).toBe(first);
    today = new Date('2026-03-02T10:00:00Z');
    expect(engine.reply('is S3 covered today?')).not.toBe(first);
  });
});

describe('the library engine\'s answer cache', () => {
  it('gives a repeated question the same Answer on the same day, and a fresh one the next day', () => {
    let today = new Date('2026-03-01T10:00:00Z');
    const engine = createLibraryEngine(loadLibrary(), { now: () => today });
    const uncached = createLibraryEngine(loadLibrary(), { now: () => today, answerCache: 0 });
    const first = engine.answer('is S3 in scope?');
    expect(engine.answer('is S3 in scope?')).toBe(first);
    expect(first).toEqual(uncached.answer('is S3 in scope?'));
    today = new Date('2027-06-01T10:00:00Z');
    const later = engine.answer('is S3 in scope?');
    expect(later).not.toBe(first);
    // The stale note counts the time since the period's end from the day asked.
    expect(later).toEqual(uncached.answer('is S3 in scope?'));
  });

  it('keeps at most answerCache answers', () => {
    const engine = createLibraryEngine(loadLibrary(), { answerCache: 2 });
    const a = engine.answer('is S3 in scope?');
    engine.answer('is Amazon Connect in scope?');
    engine.answer('which regions are covered?');
    // 'is S3 in scope?' was the least recently used of three: no longer the same object.
    expect(engine.answer('is S3 in scope?')).not.toBe(a);
    expect(engine.answer('is S3 in scope?')).toEqual(a);
  });
});
