import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { loadAliasData } from '../data/aliases.js';
import { loadDefaultReport } from '../report/loader.js';
import { editDistance, FUZZY, FuzzyIndex } from './fuzzy.js';
import { buildLexicon } from './lexicon.js';
import { compact, fold } from './normalize.js';

const lexicon = buildLexicon(loadDefaultReport(), loadAliasData());
const index = new FuzzyIndex(lexicon);

/**
 * What the fuzzy fallback proposed before it had a candidate filter: fuse.js over every name of each
 * near length, the best five kept of each. The filter must change nothing of it, only its cost.
 */
const vendors = [...lexicon.vendorWords];
const core = (t: string) => {
  const words = fold(t).split(' ');
  if (words.length > 1 && vendors.includes(words[0]!)) words.shift();
  return compact(words.join(' '));
};
const byCore = new Map<string, string>();
for (const p of lexicon.phrases) {
  // (As the index does: a criterion's shorthand, "priv", is never a guess.)
  if (p.hits.every((h) => h.via === 'shorthand')) continue;
  const key = core(p.key);
  if (key.length >= FUZZY.minLength - 1 && !byCore.has(key)) byCore.set(key, p.phrase);
}
const wholeBuckets = new Map<number, Fuse<string>>();
for (const key of byCore.keys()) {
  if (wholeBuckets.has(key.length)) continue;
  const keys = [...byCore.keys()].filter((k) => k.length === key.length);
  wholeBuckets.set(key.length, new Fuse(keys, { includeScore: true, threshold: FUZZY.fuseThreshold, ignoreLocation: true, isCaseSensitive: true }));
}
function fuseOverWholeBuckets(text: string): string[] {
  const found: { phrase: string; similarity: number }[] = [];
  const typed = core(text);
  if (typed.length < FUZZY.minLength || typed.length > 40) return [];
  for (let len = typed.length - FUZZY.lengthWindow; len <= typed.length + FUZZY.lengthWindow; len++) {
    let kept = 0;
    for (const r of wholeBuckets.get(len)?.search(typed) ?? []) {
      const similarity = 1 - editDistance(typed, r.item) / Math.max(typed.length, r.item.length);
      if (r.item.replace(/\D+/g, '') !== typed.replace(/\D+/g, '') || similarity < FUZZY.suggest.minSimilarity) continue;
      found.push({ phrase: byCore.get(r.item)!, similarity });
      if (++kept === 5) break;
    }
  }
  return found.sort((a, b) => b.similarity - a.similarity).map((f) => f.phrase);
}

/** A name with up to three random edits (substitution, deletion, insertion, transposition). */
const typo = fc
  .tuple(
    fc.constantFrom(...lexicon.phrases.map((p) => p.phrase)),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), fc.constantFrom(...'abcdeilmnorst2 ')), { maxLength: 3 }),
  )
  .map(([name, edits]) => {
    let s = name;
    for (const [kind, at, ch] of edits) {
      const i = s.length ? at % s.length : 0;
      if (kind === 0) s = s.slice(0, i) + ch + s.slice(i + 1);
      else if (kind === 1) s = s.slice(0, i) + s.slice(i + 1);
      else if (kind === 2) s = s.slice(0, i) + ch + s.slice(i);
      else if (i + 1 < s.length) s = s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    }
    return s;
  });

describe('the fuzzy fallback with its candidate filter', () => {
  it('proposes the same names as fuse.js over every near-length name, for typos of every kind', () => {
    fc.assert(
      fc.property(typo, (typed) => {
        expect(index.search(typed).map((c) => c.phrase), typed).toEqual(fuseOverWholeBuckets(typed));
      }),
      { numRuns: 500, seed: 10 },
    );
  });

  it('still finds what a typo means', () => {
    expect(index.search('Amazon Conect')[0]?.phrase).toBe('Amazon Connect');
    expect(index.search('Cloudtrial')[0]?.phrase).toBe('AWS CloudTrail');
  });
});

describe('the edit distance with a bound', () => {
  const word = fc.string({ unit: fc.constantFrom(...'abcde'), maxLength: 9 });
  it('is the exact distance when that is within the bound, and above the bound otherwise', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const exact = editDistance(a, b);
        const bounded = editDistance(a, b, max);
        if (exact <= max) expect(bounded).toBe(exact);
        else expect(bounded).toBeGreaterThan(max);
      }),
      { numRuns: 2000, seed: 12 },
    );
  });
});
