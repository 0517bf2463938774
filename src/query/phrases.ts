/**
 * Word phrases looked up by their first word. Reading a question tried every chat filler phrase (and every
 * other provider's name) at every word, a closure per phrase per word: a quarter of the memory a question
 * allocated, by the sampling heap profiler. A phrase can only start where its first word stands, so each
 * word now tries only the phrases that begin with it, in the order of the list: the same phrase is found.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, { item: T; words: readonly string[] }[]>();

  /** `items` in their order (the first that matches wins), each with its words (folded, at least one). */
  constructor(items: readonly T[], wordsOf: (item: T) => readonly string[]) {
    for (const item of items) {
      const words = wordsOf(item);
      if (words.length === 0) continue;
      const group = this.byFirst.get(words[0]!);
      if (group) group.push({ item, words });
      else this.byFirst.set(words[0]!, [{ item, words }]);
    }
  }

  /**
   * The first item of the list whose words stand in `words` from position `at`, with `free(position)` true at
   * each of its positions (default: all free); undefined when none does.
   */
  at(words: readonly string[], at: number, free?: (position: number) => boolean): T | undefined {
    const group = this.byFirst.get(words[at] ?? '');
    if (!group) return undefined;
    for (const { item, words: phrase } of group) {
      let j = 0;
      while (j < phrase.length && words[at + j] === phrase[j] && (!free || free(at + j))) j++;
      if (j === phrase.length) return item;
    }
    return undefined;
  }

  /** Calls `visit` with every item whose words stand in `words` and where they start, left to right, in list order at each start. */
  forEachIn(words: readonly string[], visit: (item: T, at: number) => void): void {
    for (let at = 0; at < words.length; at++) {
      const group = this.byFirst.get(words[at]!);
      if (!group) continue;
      for (const { item, words: phrase } of group) {
        let j = 0;
        while (j < phrase.length && words[at + j] === phrase[j]) j++;
        if (j === phrase.length) visit(item, at);
      }
    }
  }

  /** Whether the words of some item stand in `words`. */
  occursIn(words: readonly string[]): boolean {
    for (let at = 0; at < words.length; at++) if (this.at(words, at) !== undefined) return true;
    return false;
  }
}

const ofLists = new WeakMap<readonly (readonly string[])[], PhraseIndex<readonly string[]>>();

/** The index of a constant list of phrases (word lists), built on its first use and kept for the list. */
/** {@link phraseListIndex} of phrases written as words one space apart ("kind regards"). */
export const phraseIndexOf = (phrases: readonly string[]) => phraseListIndex(phrases.map((p) => p.split(' ')));

export function phraseListIndex(phrases: readonly (readonly string[])[]): PhraseIndex<readonly string[]> {
  let index = ofLists.get(phrases);
  if (!index) ofLists.set(phrases, (index = new PhraseIndex(phrases, (p) => p)));
  return index;
}

/**
 * Whether `phrase` (folded words, one space apart) stands in `padded` (folded words with a space before and after
 * each) as whole words: `padded.includes(\` ${phrase} \`)` without building that string (the routing rules ask
 * this hundreds of times per question).
 */
export function holdsPhrase(padded: string, phrase: string): boolean {
  if (!phrase) return false;
  for (let at = padded.indexOf(phrase); at >= 0; at = padded.indexOf(phrase, at + 1)) {
    if (padded.charCodeAt(at - 1) === 32 && padded.charCodeAt(at + phrase.length) === 32) return true;
  }
  return false;
}
