import Fuse from 'fuse.js';
import type { Hit, Lexicon } from './lexicon.js';
import { fold } from './normalize.js';

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

/**
 * Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions). With `max`, it stops as
 * soon as the distance must exceed `max`: a result above `max` then only means "more than `max`" (the exact
 * distance is returned whenever it is at most `max`). Callers that only ask "within k edits?" pass k.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > 8) return Math.max(m, n);
  if (Math.abs(m - n) > max) return Math.abs(m - n);
  // Three rows, reused from call to call (the fuzzy fallback asks for many distances per question; fresh arrays
  // were a twentieth of the memory a question allocated, by the sampling heap profiler).
  if (rows[0]!.length < n + 1) rows = [0, 1, 2].map(() => new Int32Array(2 * (n + 1)));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  prev2.fill(0, 0, n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later cell comes from this row or the one before (a transposition, +1): past `max` in both, the
    // distance is too.
    if (rowMin > max && prevMin > max) return rowMin;
    prevMin = rowMin;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[n]!;
}

/** {@link editDistance}'s rows (grown to the longest string asked so far). */
let rows: Int32Array[] = [0, 1, 2].map(() => new Int32Array(64));

/** One name of the fuzzy index: its core, what it names, and its letters for the candidate filter. */
interface FuzzyEntry {
  key: string;
  phrase: string;
  hits: Hit[];
  letters: LetterCounts;
  /** The key's digits ("ec2" -> "2"): a candidate must keep them. */
  digits: string;
}

/** How often each letter and digit occurs in a string (other characters are not counted), and a bit per letter present. */
interface LetterCounts {
  counts: Uint8Array;
  mask: number;
}

const SYMBOLS = 36;
/** a-z -> 0..25, 0-9 -> 26..35, anything else -> -1. */
const symbol = (code: number) => (code >= 97 && code <= 122 ? code - 97 : code >= 48 && code <= 57 ? code - 22 : -1);

function letterCounts(text: string): LetterCounts {
  const counts = new Uint8Array(SYMBOLS);
  let mask = 0;
  for (let i = 0; i < text.length; i++) {
    const k = symbol(text.charCodeAt(i));
    if (k < 0) continue;
    if (counts[k]! < 255) counts[k]!++;
    if (k < 26) mask |= 1 << k;
  }
  return { counts, mask };
}

/**
 * The fewest edits that can turn `typed` into some part of a name with these letters: each letter of `typed`
 * that the name lacks (counted with repeats) needs one. A lower bound of the errors fuse.js's bitap search
 * allows (insertions, deletions and substitutions against a substring), so a name whose bound is above
 * the threshold is one fuse.js would not return either.
 */
function missingLetters(typed: LetterCounts, name: LetterCounts, stopAbove: number): number {
  let missing = 0;
  for (let k = 0; k < SYMBOLS; k++) {
    const want = typed.counts[k]!;
    if (want === 0) continue;
    const have = name.counts[k]!;
    if (want > have && (missing += want - have) > stopAbove) return missing;
  }
  return missing;
}

/** How many bits are set in a 32-bit mask. */
function bits(mask: number): number {
  let n = 0;
  for (let m = mask >>> 0; m !== 0; m &= m - 1) n++;
  return n;
}

/**
 * A fuzzy index over the lexicon's phrases, bucketed by length so a search looks at near-length names only.
 * Within a bucket, a letter filter (`missingLetters`) drops the names fuse.js could not return before
 * fuse.js scores the rest: the candidates and their order are what fuse.js over the whole bucket gives, at
 * the cost of the few names that share enough letters with what was typed.
 */
export class FuzzyIndex {
  /** Per length of the core name, the names of that length in lexicon order. */
  private readonly buckets = new Map<number, FuzzyEntry[]>();
  private readonly vendors: string[];

  constructor(lexicon: Lexicon) {
    this.vendors = [...lexicon.vendorWords];
    // One entry per core name: "Amazon EC2", "AWS EC2" and "EC2" are one string to compare against.
    const byCore = new Map<string, FuzzyEntry>();
    for (const p of lexicon.phrases) {
      // A criterion's shorthand ("conf") is a name only beside another criterion, never a guess.
      if (p.hits.every((h) => h.via === 'shorthand')) continue;
      // The lexicon's keys are folded already (fold is idempotent): only the vendor word and spaces go.
      const key = this.coreOfFolded(p.key);
      if (key.length < FUZZY.minLength - 1) continue;
      const entry = byCore.get(key);
      if (!entry) byCore.set(key, { key, phrase: p.phrase, hits: [...p.hits], letters: letterCounts(key), digits: digitsOf(key) });
      else for (const h of p.hits) if (!entry.hits.some((x) => x.entity.type === h.entity.type && x.entity.name === h.entity.name)) entry.hits.push(h);
    }
    // push, not a spread per name: building the buckets stays linear in the number of names.
    for (const entry of byCore.values()) {
      const bucket = this.buckets.get(entry.key.length);
      if (bucket) bucket.push(entry);
      else this.buckets.set(entry.key.length, [entry]);
    }
  }

  /** A name without its vendor word and spaces: "Amazon Conect" and "Amazon Connect" compare as "conect"/"connect". */
  private core(text: string): string {
    return this.coreOfFolded(fold(text));
  }

  /** `core` of text that `fold` has made already. */
  private coreOfFolded(folded: string): string {
    // Cut by indexOf, not split into words and joined: the index takes the core of every phrase of the lexicon.
    const space = folded.indexOf(' ');
    if (space < 0) return folded;
    const rest = this.vendors.includes(folded.slice(0, space)) ? folded.slice(space + 1) : folded;
    return rest.includes(' ') ? rest.replace(/ /g, '') : rest;
  }

  /** The bucket's names that fuse.js might return for `typed` (all of them for names over 32 characters). */
  private candidates(bucket: FuzzyEntry[], typed: string, letters: LetterCounts): FuzzyEntry[] {
    // fuse.js splits a pattern over 32 characters into chunks and matches on any chunk: no filter then.
    if (typed.length > 32) return bucket;
    // fuse.js returns a name only with errors / typed.length <= its threshold (ignoreLocation: no distance term).
    const fuseAllowed = Math.floor(FUZZY.fuseThreshold * typed.length + 1e-9);
    const out: FuzzyEntry[] = [];
    for (const entry of bucket) {
      // Letters of the typed name missing from a name are a lower bound of their edit distance, and a name more
      // edits away than a suggestion may be (similarity under FUZZY.suggest) is dropped after fuse.js anyway:
      // the tighter of the two bounds decides, before fuse.js spends its time on it.
      const ours = Math.floor((1 - FUZZY.suggest.minSimilarity) * Math.max(typed.length, entry.key.length) + 1e-9);
      const allowed = Math.min(fuseAllowed, ours);
      // Distinct letters missing from the name: a cheaper lower bound of the count, first.
      if (bits(letters.mask & ~entry.letters.mask) > allowed) continue;
      if (missingLetters(letters, entry.letters, allowed) > allowed) continue;
      out.push(entry);
    }
    return out;
  }

  /**
   * Candidates for a typed name, closest first, each with its edit distance and similarity. Only names of
   * similar length are considered (within `FUZZY.lengthWindow` characters); an empty list when the text
   * is too short.
   */
  search(text: string): FuzzyCandidate[] {
    const typed = this.core(text);
    if (typed.length < FUZZY.minLength || typed.length > 40) return [];
    const letters = letterCounts(typed);
    const digits = digitsOf(typed);
    const out: FuzzyCandidate[] = [];
    for (let len = typed.length - FUZZY.lengthWindow; len <= typed.length + FUZZY.lengthWindow; len++) {
      const bucket = this.buckets.get(len);
      if (!bucket) continue;
      const entries = this.candidates(bucket, typed, letters);
      // Every candidate kept below has the typed digits and a similarity of a suggestion at least: when none of the
      // bucket's does, fuse.js could only propose names that are dropped, and is not asked (most unknown words of a
      // question are no typo of any name, and fuse.js was most of their cost, by `node --cpu-prof`).
      const edits = new Map<FuzzyEntry, number>();
      for (const e of entries) if (e.digits === digits) edits.set(e, editDistance(typed, e.key, suggestEdits(typed, e.key)));
      if (![...edits].some(([e, d]) => similarityOf(typed, e.key, d) >= FUZZY.suggest.minSimilarity)) continue;
      // fuse.js over the candidates, in bucket order: the same results, scores and tie order as over the bucket.
      const fuse = new Fuse(
        entries.map((e) => e.key),
        { includeScore: true, threshold: FUZZY.fuseThreshold, ignoreLocation: true, isCaseSensitive: true },
      );
      // The best five of a bucket that are kept (not the best five, then those kept): a candidate the filter leaves
      // out can then never change which are shown, and the results are those of fuse.js over the whole bucket.
      let kept = 0;
      for (const r of fuse.search(typed)) {
        const entry = entries[r.refIndex]!;
        // Digits name different things (us-east-1 vs us-east-2, EC2): never change them by guessing.
        const d = edits.get(entry);
        if (d === undefined) continue;
        const similarity = similarityOf(typed, r.item, d);
        if (similarity < FUZZY.suggest.minSimilarity) continue;
        out.push({ phrase: entry.phrase, hits: entry.hits, edits: d, similarity, sameStart: typed[0] === r.item[0] });
        if (++kept === 5) break;
      }
    }
    return out.sort((a, b) => b.similarity - a.similarity || a.edits - b.edits);
  }
  /**
   * Names one letter away from a typed name too short for {@link search} (three characters, spaces removed:
   * "sxs" -> SQS, SNS, SES): same length, same first letter, same digits, one substitution or transposition.
   * Never a reading, only "did you mean": three letters leave too little to tell which name was meant.
   */
  near(text: string): FuzzyCandidate[] {
    const typed = this.core(text);
    if (typed.length !== FUZZY.minLength - 1) return [];
    const digits = digitsOf(typed);
    const out: FuzzyCandidate[] = [];
    for (const e of this.buckets.get(typed.length) ?? []) {
      if (e.key[0] !== typed[0] || e.digits !== digits || e.key === typed) continue;
      if (editDistance(typed, e.key, 1) === 1) out.push({ phrase: e.phrase, hits: e.hits, edits: 1, similarity: similarityOf(typed, e.key, 1), sameStart: true });
    }
    return out;
  }
}

/** The digits of a string, in order ("us-east-1" -> "1"). */
function digitsOf(s: string): string {
  return s.replace(/\D+/g, '');
}

/**
 * An edit count past which a name cannot be a suggestion for `typed` (similarity under `FUZZY.suggest`), with one
 * edit to spare against rounding: {@link editDistance} may stop there.
 */
function suggestEdits(typed: string, name: string): number {
  return Math.floor((1 - FUZZY.suggest.minSimilarity) * Math.max(typed.length, name.length)) + 1;
}

/** 1 - edits / the longer length: 1 for the same name, 0.8 for two edits in ten letters. */
function similarityOf(typed: string, name: string, edits: number): number {
  return 1 - edits / Math.max(typed.length, name.length);
}

/** Whether a candidate is close enough to be taken as what the user meant. */
export function accepted(c: FuzzyCandidate): boolean {
  return c.edits <= FUZZY.accept.maxEdits && c.similarity >= FUZZY.accept.minSimilarity && c.sameStart;
}
