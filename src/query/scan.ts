import type { Hit, Lexicon } from './lexicon.js';
import type { Token } from './normalize.js';
import { STOPWORDS } from './vocabulary.js';

/** A run of question tokens that names something in the lexicon: tokens [start, end). No hits: an ordinary word. */
export interface Span {
  start: number;
  end: number;
  hits: Hit[];
  /** What the user typed, e.g. "ec2". */
  surface: string;
  /** Found only with its spaces changed ("directconnect", "cloud watch logs"): a reading the answer should state. */
  joined?: boolean;
}

/**
 * Finds the names in a question: left to right, the longest phrase of the lexicon at each position
 * (so "AWS Direct Connect" is never read as "Connect", nor "Kinesis Firehose" as "Kinesis"). A phrase
 * matches with its spaces or without them ("Cloud Front", "route53").
 */
/** The particles of phrasal verbs ("back up", "log in", "sign out"): a word run together with one is no name. */
const PARTICLES = new Set(['up', 'in', 'out', 'on', 'off', 'down', 'over']);

/** The kinds of place, whose names may hold a comma ("Montréal, Canada"). */
export const PLACE_TYPES: ReadonlySet<string> = new Set(['region', 'edge', 'country', 'group']);

export function scan(tokens: Token[], lexicon: Lexicon): Span[] {
  const spans: Span[] = [];
  const starts = startsOf(lexicon);
  let i = 0;
  while (i < tokens.length) {
    let found: Span | undefined;
    // n words can name something only when their first n - 1 begin a name, with spaces (the exact and plural
    // lookups) or run together (the compact one): longer runs are not looked up (they would find nothing).
    const most = Math.min(lexicon.maxTokens + 1, tokens.length - i);
    let longest = 1;
    for (let spaced = tokens[i]!.norm, joined = spaced; longest < most && (starts.spaced.has(spaced) || starts.joined.has(joined)); longest++) {
      spaced += ` ${tokens[i + longest]!.norm}`;
      joined += tokens[i + longest]!.norm;
    }
    for (let n = longest; n >= 1 && !found; n--) {
      const words = tokens.slice(i, i + n).map((t) => t.norm);
      let hits = lexicon.exact.get(words.join(' '));
      // (Not a phrasal verb run together, "back up": "Does AWS back up customer data?" read "AWS Backup", not listed.)
      const phrasal = n > 1 && PARTICLES.has(words.at(-1)!) && !tokens[i + n - 1]!.capitalised;
      // (Nor ordinary words run together, "I am reviewing": "IAM" only when typed in capitals, "I AM".)
      const ordinary = n > 1 && words.every((w) => STOPWORDS.has(w)) && !tokens.slice(i, i + n).every((t) => t.surface === t.surface.toUpperCase());
      const joined = hits || phrasal || ordinary ? undefined : lexicon.compact.get(words.join(''));
      if (joined) hits = joined;
      // "EC2s", "VPCs": a plural of a name is that name.
      const last = words.at(-1)!;
      // Only for names typed as names ("EC2s", "VPCs"), not for ordinary plurals ("backups").
      const typedAsName = /[\p{Lu}\p{N}]/u.test(tokens[i + n - 1]!.surface);
      if (!hits && typedAsName && last.length > 2 && last.endsWith('s')) hits = lexicon.exact.get([...words.slice(0, -1), last.slice(0, -1)].join(' '));
      // "S3, Glacier and EBS" lists three services, not "S3 Glacier" and EBS: a comma inside a name is a place's
      // ("Montréal, Canada"), never a service's (a slash may be: "VM Import/Export").
      if (hits && n > 1 && tokens.slice(i + 1, i + n).some((t) => t.afterComma && !t.afterSlash) && hits.some((h) => !PLACE_TYPES.has(h.entity.type))) hits = undefined;
      if (hits) found = { start: i, end: i + n, hits, surface: surfaceOf(tokens, i, i + n), ...(joined && hits === joined ? { joined: true } : {}) };
    }
    const sensitive = found ? undefined : (lexicon.caseSensitive.get(tokens[i]!.surface) ?? lowercaseInContext(tokens, i, lexicon));
    if (sensitive) found = { start: i, end: i + 1, hits: sensitive, surface: tokens[i]!.surface };
    // "connect to Redshift": a short name that is also an ordinary word, used as one, is not a name.
    // It is kept as a span without hits, so that it is neither a name nor an unknown word.
    if (found && found.end - found.start === 1 && ordinaryWordAt(tokens, i, lexicon)) found = { ...found, hits: [] };
    if (found) {
      spans.push(found);
      i = found.end;
    } else i++;
  }
  return spans;
}

/**
 * Whether token `i` is a short name that is also an ordinary word (data/aliases/services.json `commonWords`), used as
 * that word: typed in lower case, before one of its `notBefore` words ("connect to Redshift") or after one of its
 * `verbAfter` patterns ("what period does the audit comprehend?"). Such a word names nothing, exactly or by a typo.
 */
export function ordinaryWordAt(tokens: Token[], i: number, lexicon: Lexicon): boolean {
  const common = lexicon.commonWords.get(tokens[i]!.norm);
  if (!common || tokens[i]!.capitalised) return false;
  const next = tokens[i + 1];
  return (next !== undefined && common.notBefore.has(next.norm)) || common.verbAfter.some((p) => endsWithPattern(tokens, i, p));
}

/** Whether the words right before token `i` are `pattern`'s (folded words, `*` any one word). */
function endsWithPattern(tokens: Token[], i: number, pattern: string[]): boolean {
  if (i < pattern.length) return false;
  return pattern.every((w, k) => w === '*' || tokens[i - pattern.length + k]!.norm === w);
}

/**
 * A case-sensitive alias typed in lower case, read as the place only in its declared context (data/aliases/places.json,
 * `lowercaseWhen`): "which edge locations in the us?", "us regions"; never "tell us" or "covered for us".
 */
function lowercaseInContext(tokens: Token[], i: number, lexicon: Lexicon): Hit[] | undefined {
  const t = tokens[i]!;
  const ctx = lexicon.lowercaseContexts.get(t.norm);
  if (!ctx || t.surface !== t.surface.toLowerCase()) return undefined;
  const before = i > 0 ? tokens[i - 1]!.norm : undefined;
  const after = tokens[i + 1]?.norm;
  return (before !== undefined && ctx.after.has(before)) || (after !== undefined && ctx.before.has(after)) ? ctx.hits : undefined;
}

/** The beginnings of a lexicon's names: what {@link scan} needs to know that a longer run can name nothing. */
interface NameStarts {
  /** Each name's first words, up to all but its last ("amazon", "amazon elastic" of "amazon elastic transcoder"). */
  spaced: Set<string>;
  /**
   * Whether some run-together name begins with these letters and goes on past them ("r", "ro", ... "route5" of
   * "route53").
   */
  joined: { has(letters: string): boolean };
}

/**
 * The run-together names, sorted, asked by binary search whether one of them goes on past given letters: the
 * names that begin with them are a run of the sorted list that starts where the letters would stand. A set of
 * every name's every beginning (about 15 strings a name) was a sixth of indexing a 10,000-service report, by
 * `node --cpu-prof`.
 */
function longerNames(keys: Iterable<string>): { has(letters: string): boolean } {
  const sorted = [...keys].sort();
  return {
    has(letters: string): boolean {
      if (!letters) return false;
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid]! < letters) lo = mid + 1;
        else hi = mid;
      }
      // The letters themselves sort first among the names that begin with them.
      if (sorted[lo] === letters) lo++;
      return lo < sorted.length && sorted[lo]!.startsWith(letters);
    },
  };
}

const startsByLexicon = new WeakMap<Lexicon, NameStarts>();

/**
 * The {@link NameStarts} of a lexicon, built on its first scan and kept with it (a lexicon is not changed once
 * built). Every position of every question looked up runs of up to eight words, each sliced and joined twice:
 * the first cost of reading a question, by `node --cpu-prof`.
 */
function startsOf(lexicon: Lexicon): NameStarts {
  let starts = startsByLexicon.get(lexicon);
  if (starts) return starts;
  const spaced = new Set<string>();
  for (const key of lexicon.exact.keys()) for (let at = key.indexOf(' '); at !== -1; at = key.indexOf(' ', at + 1)) spaced.add(key.slice(0, at));
  starts = { spaced, joined: longerNames(lexicon.compact.keys()) };
  startsByLexicon.set(lexicon, starts);
  return starts;
}

/** The user's own words for tokens [start, end), de-duplicated where one surface word gave several tokens. */
export function surfaceOf(tokens: Token[], start: number, end: number): string {
  const out: string[] = [];
  for (let k = start; k < end; k++) {
    const s = tokens[k]!.surface;
    if (k > start && tokens[k - 1]!.surface === s && out.at(-1) === s) continue;
    out.push(s);
  }
  return out.join(' ');
}
