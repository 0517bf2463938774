import { editDistance } from './fuzzy.js';
import { slipOfTheFinger } from './keyboard.js';
import type { Token } from './normalize.js';
import { CHAT_SPELLINGS, SPELLING_TARGETS, VOCABULARY_WORDS } from './vocabulary.js';

/**
 * Typos and chat spellings of question words ("is S3 in scpoe?", "does the reprot cover it?", "is lambda
 * covrd?"): read as the word meant, so that a plain question with a plain typo gets its plain answer, and a
 * `reading` note says how it was read. Names are not read here: their typos go through the fuzzy index
 * (src/query/fuzzy.ts), which knows the names.
 *
 * A word is read as another only when it is no word the engine knows (the question vocabulary, a word of a
 * name, a word of the report), and either
 * - a reviewed chat spelling (data/vocabulary/chat-spellings.json: "covrd" -> "covered"), or
 * - five letters or more, within one edit (optimal string alignment: a letter added, dropped, changed or two
 *   swapped; a letter changed only for a neighbouring key, src/query/keyboard.ts) of exactly one question word of
 *   scope or kind ({@link SPELLING_TARGETS}), or of several but only
 *   one that keeps its first and last letters, and of no word of a name (a typo that close to a name may be
 *   that name's, and the fuzzy index decides those).
 * Anything else is left as typed, and stays a word the answer must account for.
 */

/** One word read as another: its token's position, as typed, and as read. */
export interface Correction {
  index: number;
  typed: string;
  read: string;
}

/** What the engine knows besides the vocabulary: the words of its names, and whether the report uses a word. */
export interface KnownWords {
  /** Every word of every name and alias of the lexicon, folded. */
  nameWords: ReadonlySet<string>;
  /** True when the report's own text uses the folded word. */
  inReport(word: string): boolean;
}

/** Shortest typed word read by edit distance ("scpoe"); shorter ones only as reviewed chat spellings, or as below. */
const MIN_TYPO_LENGTH = 5;
/**
 * A word one letter shorter may be a letter dropped from the middle ("scpe", "scoe" for "scope"): read so when it
 * keeps the target's first and last letters ("over" is not "cover").
 */
const MIN_DROPPED_LENGTH = 4;

/**
 * The tokens with each typo of a question word replaced by the word (its `norm`; `surface` stays as typed),
 * and the corrections made, in order. Pure; tokens that need no reading are returned as they are.
 */
export function readSpelling(tokens: Token[], known: KnownWords): { tokens: Token[]; corrections: Correction[] } {
  const corrections: Correction[] = [];
  const out = tokens.map((t, index) => {
    const read = wordMeant(t, known);
    if (read === undefined) return t;
    corrections.push({ index, typed: t.surface, read });
    return { ...t, norm: read };
  });
  return { tokens: corrections.length ? out : tokens, corrections };
}

function wordMeant(t: Token, known: KnownWords): string | undefined {
  const w = t.norm;
  // A capitalised word inside the question is a name ("Amazon Scpoe"): not ours to read.
  if (t.digits || t.capitalised || VOCABULARY_WORDS.has(w) || known.nameWords.has(w)) return undefined;
  const spelled = CHAT_SPELLINGS.get(w);
  if (spelled !== undefined) return spelled;
  if (w.length < MIN_DROPPED_LENGTH || !/^\p{L}+$/u.test(w) || known.inReport(w)) return undefined;
  if (w.length < MIN_TYPO_LENGTH) {
    const dropped = SPELLING_TARGETS.filter((target) => target.length === w.length + 1 && target[0] === w[0] && target.at(-1) === w.at(-1) && editDistance(w, target, 1) === 1);
    return dropped.length === 1 ? dropped[0] : undefined;
  }
  // One edit (at the start: a letter changed, added, dropped, or the first two swapped) leaves one of these pairs
  // of letters equal: cheap to test before the distance.
  let close = SPELLING_TARGETS.filter(
    (target) =>
      Math.abs(target.length - w.length) <= 1 &&
      (target[0] === w[0] || target[1] === w[1] || target[0] === w[1] || target[1] === w[0]) &&
      editDistance(w, target, 1) === 1 &&
      // "scans" is a word of its own, not "spans" mistyped: a changed letter must be a neighbouring key.
      slipOfTheFinger(w, target),
  );
  // "coverd" is one edit from "covered" and from "covers": typos keep a word's first and last letters far more
  // often than they change them, so of several, the one word that keeps both is read.
  if (close.length > 1) close = close.filter((target) => target[0] === w[0] && target.at(-1) === w.at(-1));
  if (close.length !== 1) return undefined;
  for (const name of known.nameWords) if (Math.abs(name.length - w.length) <= 1 && editDistance(w, name, 1) <= 1) return undefined;
  return close[0];
}
