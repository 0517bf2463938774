import Fuse from 'fuse.js';
import type { Hit, Lexicon } from './lexicon.js';
import { compact, fold } from './normalize.js';

/**
 * The fuzzy fallback, used only for words no exact name or reviewed alias matched. fuse.js proposes
 * candidates; our own cut-off decides, on the edit distance between the two names with spaces removed:
 * a candidate is taken only when it is within `ACCEPT` of what was typed and no other candidate is as
 * close. Anything looser is at most a "did you mean" suggestion.
 */
export const FUZZY = {
  /** Shortest typed name (characters, spaces removed) the fallback looks at: "ec" must not become "ECS". */
  minLength: 4,
  /** Taken as a match: at most this many edits, and at least this similarity (1 - edits / longer length). */
  accept: { maxEdits: 2, minSimilarity: 0.8 },
  /** Offered as "did you mean": at least this similarity. */
  suggest: { minSimilarity: 0.7 },
  /** Names this many characters longer or shorter than the typed one are compared (enough for "did you mean"). */
  lengthWindow: 2,
  /** fuse.js's own threshold for proposing candidates (0 exact, 1 anything). */
  fuseThreshold: 0.45,
} as const;

/** A name the fallback found for typed words: the phrase, what it names, and how close it is. */
export interface FuzzyCandidate {
  phrase: string;
  hits: Hit[];
  edits: number;
  similarity: number;
  /** Typed and candidate names start with the same letter: a typo rarely changes the first one. */
  sameStart: boolean;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 8) return Math.max(m, n);
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** A fuzzy index over the lexicon's phrases, bucketed by length so a search looks at near-length names only. */
export class FuzzyIndex {
  /** Per length of the core name: a fuse.js index over the core names, and what each one names. */
  private readonly buckets = new Map<number, { fuse: Fuse<string>; entries: { phrase: string; hits: Hit[] }[] }>();
  private readonly vendors: string[];

  constructor(lexicon: Lexicon) {
    this.vendors = [...lexicon.vendorWords];
    // One entry per core name: "Amazon EC2", "AWS EC2" and "EC2" are one string to compare against.
    const byCore = new Map<string, { phrase: string; hits: Hit[] }>();
    for (const p of lexicon.phrases) {
      const key = this.core(p.key);
      if (key.length < FUZZY.minLength - 1) continue;
      const entry = byCore.get(key);
      if (!entry) byCore.set(key, { phrase: p.phrase, hits: [...p.hits] });
      else for (const h of p.hits) if (!entry.hits.some((x) => x.entity.type === h.entity.type && x.entity.name === h.entity.name)) entry.hits.push(h);
    }
    const byLength = new Map<number, [string, { phrase: string; hits: Hit[] }][]>();
    for (const [key, entry] of byCore) byLength.set(key.length, [...(byLength.get(key.length) ?? []), [key, entry]]);
    for (const [len, items] of byLength) {
      const fuse = new Fuse(
        items.map(([key]) => key),
        { includeScore: true, threshold: FUZZY.fuseThreshold, ignoreLocation: true, isCaseSensitive: true },
      );
      this.buckets.set(len, { fuse, entries: items.map(([, e]) => e) });
    }
  }

  /** A name without its vendor word and spaces: "Amazon Conect" and "Amazon Connect" compare as "conect"/"connect". */
  private core(text: string): string {
    const words = fold(text).split(' ');
    if (words.length > 1 && this.vendors.includes(words[0]!)) words.shift();
    return compact(words.join(' '));
  }

  /**
   * Candidates for a typed name, closest first, each with its edit distance and similarity. Only names of
   * similar length are considered (within `FUZZY.lengthWindow` characters); an empty list when the text
   * is too short.
   */
  search(text: string): FuzzyCandidate[] {
    const typed = this.core(text);
    if (typed.length < FUZZY.minLength || typed.length > 40) return [];
    const out: FuzzyCandidate[] = [];
    for (let len = typed.length - FUZZY.lengthWindow; len <= typed.length + FUZZY.lengthWindow; len++) {
      const bucket = this.buckets.get(len);
      if (!bucket) continue;
      for (const r of bucket.fuse.search(typed, { limit: 5 })) {
        // Digits name different things (us-east-1 vs us-east-2, EC2): never change them by guessing.
        if (digitsOf(r.item) !== digitsOf(typed)) continue;
        const edits = editDistance(typed, r.item);
        const similarity = 1 - edits / Math.max(typed.length, r.item.length);
        const entry = bucket.entries[r.refIndex]!;
        if (similarity >= FUZZY.suggest.minSimilarity) out.push({ phrase: entry.phrase, hits: entry.hits, edits, similarity, sameStart: typed[0] === r.item[0] });
      }
    }
    return out.sort((a, b) => b.similarity - a.similarity || a.edits - b.edits);
  }
}

const digitsOf = (s: string) => s.replace(/\D+/g, '');

/** Whether a candidate is close enough to be taken as what the user meant. */
export function accepted(c: FuzzyCandidate): boolean {
  return c.edits <= FUZZY.accept.maxEdits && c.similarity >= FUZZY.accept.minSimilarity && c.sameStart;
}
