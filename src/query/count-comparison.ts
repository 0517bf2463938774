import { COUNT_COMPARISONS } from './vocabulary.js';

/** What a count is compared with, and of what ("more than 10 regions": `>`, 10, `region`). */
export interface CountComparison {
  op: '>' | '>=' | '<' | '<=' | '=';
  /** The number asked, as written in digits. */
  n: number;
  /** What is counted: the report's lists (services in scope, regions, edge locations, criteria covered, categories). */
  kind: CountedKind;
  /** The token indexes of the comparison, the number and the kind's words. */
  tokens: number[];
  /** The whole a stated count is part of ("3 of the 5 TSC": 5), when the question names one. */
  of?: number;
}

/** The lists of a report whose length a question may compare. */
export type CountedKind = 'service' | 'region' | 'edge' | 'criterion' | 'category';

// The report's own names of its lists, plural as counted (data/vocabulary/question-words.json `kinds` holds more, such
// as "AZs" and "data centers", which the report never counts: those are no comparison here).
const KIND_AFTER: Record<string, CountedKind> = {
  services: 'service', products: 'service', offerings: 'service',
  regions: 'region',
  edges: 'edge', pops: 'edge',
  criteria: 'criterion', principles: 'criterion', tsc: 'criterion', tscs: 'criterion', tsps: 'criterion',
  categories: 'category',
};

/**
 * The comparison of a count a question makes, from its folded words: a comparison phrase (data/vocabulary/
 * question-words.json `phrases.countComparisons`), a number in digits, then a kind's word ("does the report cover more
 * than 10 regions?", "exactly 51 services?"); or a count stated to confirm ("does India have 2 edge locations?", `=`).
 * Undefined when there is none. Pure.
 */
export function readCountComparison(words: readonly string[]): CountComparison | undefined {
  return comparedCount(words) ?? statedCount(words);
}

/**
 * A count stated as a fact to confirm ("does India have 2 edge locations?", "does the report list 5 US regions?",
 * "are there 15 regions?", "does it cover 3 of the 5 TSC?"): `=` the number, after a verb of having or listing. Up to
 * two words of a place may stand between the number and the kind ("5 US regions"); they are among `tokens`.
 */
function statedCount(words: readonly string[]): CountComparison | undefined {
  for (let i = 0; i < words.length; i++) {
    // ("are 15 regions covered?": the number right after the question's verb.)
    const opening = i === 0 && (words[i] === 'are' || words[i] === 'were');
    if (!STATING.has(words[i]!) && !opening && !(words[i] === 'there' && (words[i - 1] === 'are' || words[i + 1] === 'are'))) continue;
    const at = words[i] === 'there' && words[i + 1] === 'are' ? i + 2 : i + 1;
    const number = words[at];
    if (!number || !/^\d{1,6}$/u.test(number)) continue;
    // "3 of the 5 TSC": the first number is the count asked.
    let next = at + 1;
    const of = words[next] === 'of' && words[next + 1] === 'the' && /^\d{1,6}$/u.test(words[next + 2] ?? '') ? Number(words[next + 2]) : undefined;
    if (of !== undefined) next += 3;
    // ("5 US regions", "15 US edge locations": up to two words of a place before the kind.)
    for (let skip = 0; skip <= 2; skip++) {
      const kind = kindAt(words, next + skip);
      if (kind) return { op: '=', n: Number(number), kind: kind.kind, tokens: Array.from({ length: kind.end - i }, (_, k) => i + k), ...(of !== undefined ? { of } : {}) };
    }
  }
  return undefined;
}
/** Verbs before a count stated as a fact ("have 2 edge locations", "list 5 regions", "cover 3 of the 5 TSC"). */
const STATING = new Set(['have', 'has', 'list', 'lists', 'cover', 'covers', 'include', 'includes', 'name', 'names']);

function comparedCount(words: readonly string[]): CountComparison | undefined {
  for (let i = 0; i < words.length; i++) {
    const c = COUNT_COMPARISONS.find((p) => p.words.every((w, j) => words[i + j] === w));
    if (!c) continue;
    const at = i + c.words.length;
    const number = words[at];
    if (!number || !/^\d{1,6}$/u.test(number)) continue;
    const kind = kindAt(words, at + 1);
    if (!kind) continue;
    return { op: c.op, n: Number(number), kind: kind.kind, tokens: Array.from({ length: kind.end - i }, (_, k) => i + k) };
  }
  return undefined;
}

/** The kind named by the words from `at` ("edge locations", "services", "trust services criteria"), and where it ends. */
function kindAt(words: readonly string[], at: number): { kind: CountedKind; end: number } | undefined {
  // ("AWS services", "service categories", "trust services criteria", "edge locations", "points of presence".)
  let from = words[at] === 'aws' || words[at] === 'amazon' ? at + 1 : at;
  if (words[from] === 'trust' && words[from + 1] === 'services') from += 2;
  if (words[from] === 'service' && words[from + 1] === 'categories') return { kind: 'category', end: from + 2 };
  if (words[from] === 'edge' && (words[from + 1] === 'locations' || words[from + 1] === 'location')) return { kind: 'edge', end: from + 2 };
  if (words[from] === 'points' && words[from + 1] === 'of' && words[from + 2] === 'presence') return { kind: 'edge', end: from + 3 };
  const kind = KIND_AFTER[words[from] ?? ''];
  return kind ? { kind, end: from + 1 } : undefined;
}

/** The comparison that ends right before token `at` ("longer than" of "longer than 6 months"), else `=`. */
export function comparisonBefore(words: readonly string[], at: number): CountComparison['op'] {
  if (at < 0) return '=';
  return COUNT_COMPARISONS.find((p) => p.words.every((w, j) => words[at - p.words.length + j] === w))?.op ?? '=';
}

/** Whether `count` compares as asked with `n`. */
export function compares(count: number, op: CountComparison['op'], n: number): boolean {
  return op === '>' ? count > n : op === '>=' ? count >= n : op === '<' ? count < n : op === '<=' ? count <= n : count === n;
}
