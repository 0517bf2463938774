import MiniSearch, { type SearchResult } from 'minisearch';
import type { AliasData } from '../data/aliases.js';
import type { Report, Section } from '../report/schema.js';
import { flatten, sentences } from '../report/parser.js';
import { stemmer as porter } from 'stemmer';
import { fold } from './normalize.js';
import { plainText } from './cite.js';
import { STOPWORDS, SCOPE_WORDS, KIND_WORDS, LIST_WORDS, TOPIC_FILLER, TOPIC_SOFT, TOPIC_WRAPPERS, COMPOUND_HEADS, ENGAGEMENT_WORDS, BRITISH_SPELLINGS } from './vocabulary.js';

/**
 * Topic questions ("how are employees trained?", "what happens to failed disks?"): passage retrieval over the
 * report's running text. Each sentence is a document with its heading path; MiniSearch ranks them by BM25,
 * with the heading path boosted (a sentence under "Availability" is about availability). The reviewed topic
 * synonyms of data/aliases/topics.json map users' words to the report's, at a lower weight than the words asked.
 * MiniSearch: https://lucaong.github.io/minisearch/ (BM25+ scoring, field boosts, per-term boosts).
 */

/** One sentence found for a question: where it stands, its words verbatim, and its BM25 score. */
export interface TopicHit {
  path: string[];
  quote: string;
  score: number;
  /** The sentence's place in the report's prose (0-based), for quoting two sentences in report order. */
  order: number;
}

interface Passage {
  id: number;
  path: string[];
  quote: string;
  /** The heading path as one field: searched with a boost. */
  heading: string;
  /** The section path as one key, to tell whether two passages share a section. */
  section: string;
  /** The quote folded and padded with spaces (` … `), for `containing`; folded on first use. */
  folded?: string;
  /** The quote's index terms in order (see `terms`), for compounds; made on first use. */
  stems?: string[];
  /** Under the accountants' report or management's assertion: about the examination, not a practice. */
  engagement?: boolean;
}

/** Whether a passage holds the stem `of` right before the stem `head` ("access review"), stop words aside. */
const holdsCompound = (p: Passage, of: string, head: string) => {
  const stems = (p.stems ??= terms(p.quote));
  for (let j = 0; j + 1 < stems.length; j++) if (stems[j] === of && stems[j + 1] === head) return true;
  return false;
};

/** A passage's quote folded and padded, folded once per passage. */
const foldedQuote = (p: Passage) => (p.folded ??= ` ${fold(p.quote)} `);

/** Stems already made: a question's words are stemmed several times over (each search, each phrase key). */
const stems = new Map<string, string>();
/** A bound on {@link stems}: questions bring new words without end; the map starts over past it. */
const STEMS_KEPT = 20_000;

/**
 * The Porter stem of a folded word: "trained" and "training" meet at "train". A British spelling is stemmed as the
 * American one the report writes ("programme" as "program": data/vocabulary/british-spellings.json).
 */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= STEMS_KEPT) stems.clear();
    stems.set(word, (s = porter(BRITISH_SPELLINGS.get(word) ?? word)));
  }
  return s;
}

/** Words never searched for: filler, scope and list words, and how a topic question is asked (data/vocabulary). */
const IGNORED = new Set([...STOPWORDS, ...SCOPE_WORDS, ...LIST_WORDS, ...KIND_WORDS.service, ...TOPIC_FILLER].filter((w) => !TOPIC_SOFT.has(w)));

/** Field boosts: a word of the heading path counts this many times a word of the sentence. */
const BOOST = { heading: 2, text: 1 } as const;
/** Weight of a reviewed synonym against a word of the question itself. */
const SYNONYM_WEIGHT = 0.6;
/** Weight of a soft word (a scope word that a topic sentence may use, "tested"), and of its synonyms. */
const SOFT_WEIGHT = 0.5;
/** Weight of a questionnaire verb ("maintain", "documented"), which only ranks. */
const WRAPPER_WEIGHT = 0.2;
/** A second sentence is given only from the same section, and only when it scores at least this share of the best. */
const SECOND_SHARE = 0.6;
/** A sentence that opens by pointing back to the one before ("This program ...", "These plans ..."). */
const ANAPHOR = /^(?:This|These|Such|That|Those)\s+\p{L}+/u;
/** BM25 result lists a topic index keeps, most recent first out last (see `TopicIndex.recent`). */
const RECENT_SEARCHES = 4;

/** A folded text's words as index terms: not ignored, stemmed. */
function terms(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((w) => w && !IGNORED.has(w))
    .map(stem);
}

/** A user's word or phrase as the synonym table's key: folded words, each stemmed ("data centers" -> "data center"). */
const phraseKey = (text: string) => fold(text).split(' ').map(stem).join(' ');

/**
 * {@link phraseKey} of two words: of two plain folded words (the question's words mostly are), their stems, without
 * folding the pair again (a regex per pair of words, a twentieth of a topic question's time).
 */
const pairKey = (a: string, b: string) => (PLAIN_WORD.test(a) && PLAIN_WORD.test(b) ? `${stem(a)} ${stem(b)}` : phraseKey(`${a} ${b}`));
const PLAIN_WORD = /^[a-z0-9]+$/;

/** The report's prose as a BM25 passage index; built once per report, searched per topic question. */
export class TopicIndex {
  private readonly passages: Passage[] = [];
  private readonly search_: MiniSearch<Passage>;
  /**
   * The services' descriptions, sentence by sentence, in an index of their own (built on first use): searched
   * only for the words a question shares with the report that the prose does not answer ("hardware security
   * modules" stands only in AWS KMS's and AWS CloudHSM's descriptions). Apart, so that the prose's BM25
   * statistics, and so its answers, stay as they are.
   */
  private servicePassages_: Passage[] | undefined;
  private serviceSearch_: MiniSearch<Passage> | undefined;
  /**
   * The sections the services' descriptions stand in, kept to split into passages on the first search of them: a
   * 10,000-service report has 10,000 descriptions, and most questions (every one the prose answers) never ask them.
   */
  private readonly serviceSections: Section[] = [];
  /** Stem of a user's word (or folded phrase) -> stems of the report's words for it. */
  private readonly synonyms = new Map<string, string[]>();
  /**
   * The last few BM25 result lists by query: the router asks one question's words with several options in a row
   * (`requireAll`, then not), and those share one search. A handful, so that memory stays flat.
   */
  private readonly recent = new Map<string, SearchResult[]>();

  private remember(key: string, results: SearchResult[]): SearchResult[] {
    if (this.recent.size >= RECENT_SEARCHES) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, results);
    return results;
  }

  constructor(report: Report, data: AliasData) {
    // Service descriptions are answered as services, not topics; the scope lists are not prose.
    const servicePaths = new Set(report.services.map((s) => s.path.join(' > ')));
    // The accountants' report and management's assertion speak of the examination, by the sections their
    // opinion and assertion stand in.
    const engagement = new Set([report.opinion.source.path[0], report.assertion?.path[0]].filter((x) => x !== undefined));
    for (const section of flatten(report.sections)) {
      if (servicePaths.has(section.path.join(' > '))) this.serviceSections.push(section);
      else addPassages(this.passages, section, engagement.has(section.path[0]!));
    }
    this.search_ = passageIndex(this.passages);
    // A user's word may stand in several groups ("fail": disks that fail, a data center that fails): the union.
    for (const group of data.topics.synonyms) {
      const reportStems = group.reportTerms.flatMap(terms);
      for (const term of group.terms) {
        const key = phraseKey(term);
        this.synonyms.set(key, [...new Set([...(this.synonyms.get(key) ?? []), ...reportStems])]);
      }
    }
  }

  /** Stem -> how many passages hold it, of the prose and of the services' descriptions; counted on first use. */
  private readonly frequencies: Partial<Record<'prose' | 'services', Map<string, number>>> = {};

  private documentFrequency(passages: Passage[], services: boolean): Map<string, number> {
    const key = services ? 'services' : 'prose';
    let df = this.frequencies[key];
    if (!df) {
      df = new Map();
      for (const p of passages) for (const t of new Set((p.stems ??= terms(p.quote)))) df.set(t, (df.get(t) ?? 0) + 1);
      this.frequencies[key] = df;
    }
    return df;
  }

  /** The services' descriptions as passages, split on first use (see `serviceSections`). */
  private get servicePassages(): Passage[] {
    if (!this.servicePassages_) {
      this.servicePassages_ = [];
      for (const section of this.serviceSections) addPassages(this.servicePassages_, section);
    }
    return this.servicePassages_;
  }

  /**
   * The best one or two sentences for the question's folded words, best first; empty when no sentence speaks of
   * enough of what was asked. A sentence must speak (itself, in its heading, or by a synonym) of two thirds of
   * the words asked, all of them for one or two words or with `requireAll` (used when the words were asked as
   * if they were a name, so "Storage Lens" never lands on a sentence about storage).
   */
  search(words: string[], options: TopicSearchOptions = {}): TopicHit[] {
    const limit = options.limit ?? 2;
    // Each word asked, with its synonyms; a two-word phrase with synonyms of its own ("data center", "stay up")
    // is one group of those synonyms (its words alone would find "Contact Center"). Soft words ("tested",
    // "controls") make groups of their own: they rank sentences, but are not required of them.
    const groups: string[][] = [];
    const soft: string[][] = [];
    // Questionnaire verbs ("maintain", "documented"): searched at a low weight, never counted as asked.
    const wrappers: string[] = [];
    // A word before a compound head ("access" of "access reviews"): the group's index -> its stem and the head's.
    const compounds = new Map<number, { of: string; head: string }>();
    // The "s" of a possessive ("the customer's responsibilities") parts no phrase; nor does any other letter alone
    // ("e", "g" of "e.g.").
    words = words.filter((w) => w.length > 1 || /\d/u.test(w));
    for (let i = 0; i < words.length; i++) {
      const pair = i + 1 < words.length ? this.synonyms.get(pairKey(words[i]!, words[i + 1]!)) : undefined;
      if (pair) {
        groups.push(pair);
        i++;
        continue;
      }
      const w = words[i]!;
      if (!w || IGNORED.has(w)) continue;
      const s = stem(w);
      if (TOPIC_WRAPPERS.has(w)) {
        wrappers.push(s);
        continue;
      }
      const head = words[i + 1];
      if (head && COMPOUND_HEADS.has(head) && !COMPOUND_HEADS.has(w) && !TOPIC_SOFT.has(w)) compounds.set(groups.length, { of: s, head: stem(head) });
      (TOPIC_SOFT.has(w) ? soft : groups).push([s, ...(this.synonyms.get(s) ?? []).filter((t) => t !== s)]);
    }
    // Asked only in soft words ("how was the examination performed?", "are compliance audits performed?"): they
    // are what was asked.
    if (groups.length === 0) groups.push(...soft.splice(0));
    if (groups.length === 0) return [];
    const weight = new Map<string, number>();
    const weigh = (g: string[], own: number, synonym: number) => g.forEach((t, j) => weight.set(t, Math.max(weight.get(t) ?? 0, j === 0 ? own : synonym)));
    for (const g of groups) weigh(g, 1, SYNONYM_WEIGHT);
    for (const g of soft) weigh(g, SOFT_WEIGHT, SOFT_WEIGHT * SYNONYM_WEIGHT);
    for (const t of wrappers) if (!weight.has(t)) weight.set(t, WRAPPER_WEIGHT);
    // Only sentences that use one of the phrases asked for, word for word, when some are ("hardware security").
    const containing = options.containing?.map((p) => ` ${fold(p)} `);
    const passages = options.services ? this.servicePassages : this.passages;
    const index = options.services ? (this.serviceSearch_ ??= passageIndex(this.servicePassages)) : this.search_;
    // The same query with other options (`requireAll`, `limit`, `containing`) gives the same BM25 results (a
    // filter leaves the scores as they are): searched once, filtered here. The words asked make the key: the
    // weights are a function of them (the term/weight pairs as a string, number to text for each of a hundred
    // synonyms, were a fifth of a topic question's time, by `node --cpu-prof`).
    const rawKey = `${options.services ? 's' : 'p'}\u0000${words.join(' ')}`;
    const all =
      this.recent.get(rawKey) ??
      this.remember(
        rawKey,
        index.search([...weight.keys()].join(' '), {
          boost: BOOST,
          combineWith: 'OR',
          // The query is already terms: no tokenising or stemming again.
          tokenize: (q) => q.split(' '),
          processTerm: (t) => t,
          boostTerm: (term) => weight.get(term) ?? 1,
        }),
      );
    // A practice is never answered from the examination's own sections ("How often are internal systems scanned
    // for vulnerabilities?" quoted an inherent limitation); a question about the examination may be.
    const aboutEngagement = words.some((w) => ENGAGEMENT_WORDS.has(w));
    const open = aboutEngagement ? all : all.filter((r) => !passages[r.id as number]!.engagement);
    // A sentence holds a phrase only if it matched each of the phrase's words that were searched for: asked of the
    // matched terms first, the sentence's text only then (every sentence matching any word was read through).
    const needed = containing?.map((p) => terms(p).filter((t) => weight.has(t)));
    const results = containing ? open.filter((r) => containing.some((p, k) => needed![k]!.every((t) => r.terms.includes(t)) && foldedQuote(passages[r.id as number]!).includes(p))) : open;
    // Two thirds of the words asked; half, of a sentence that holds a phrase of the question word for word.
    const half = !!options.containing && options.share !== 'two_thirds';
    const share = options.requireAll || groups.length <= 2 ? groups.length : Math.ceil(((half ? 1 : 2) * groups.length) / (half ? 2 : 3));
    const need = Math.max(share, options.minCovered ?? 0);
    const hits: (TopicHit & { id: number; section: string; covered: number })[] = [];
    // A compound's first word counts only where the passage holds the compound ("access review").
    // One word of a sentence speaks of one thing asked: "security" (a word of encryption's synonym "secure content
    // in transit or at rest") covered "encryption", "keys" and "security" at once. Each group's own word first.
    // By weight too, when three or more things were asked: the things covered must carry their share of what the
    // words asked weigh (inverse document frequency), so that "management" and "program" of the accountants'
    // "cybersecurity risk management program" do not answer "do you have a vendor management program?".
    const df = this.documentFrequency(passages, options.services === true);
    // A group weighs as its commonest word the passages hold; one they never hold weighs nothing here (the count
    // above already asks for the share of words asked).
    const idf = (g: string[]) => {
      const most = Math.max(0, ...g.map((t) => df.get(t) ?? 0));
      return most === 0 ? 0 : Math.log(1 + passages.length / most);
    };
    const weighed = !options.requireAll && groups.length >= 3;
    const idfs = weighed ? groups.map(idf) : [];
    const totalWeight = idfs.reduce((sum, w) => sum + w, 0);
    // (A little under the count's share: one heavy word missed of four, "obligations" of "How are confidentiality
    // obligations communicated internally?", still leaves the sentence that answers.)
    const shareAsked = half ? 0.45 : 0.6;
    const coveredBy = (matched: Set<string>, ids: number[]) => {
      const done = groupsCovered(matched, ids);
      const n = done.filter(Boolean).length;
      if (!weighed || n < need) return n;
      const weight = idfs.reduce((sum, w, k) => sum + (done[k] ? w : 0), 0);
      return weight + 1e-9 >= shareAsked * totalWeight ? n : need - 1;
    };
    /** Which groups the matched terms cover, each term one group's. */
    const groupsCovered = (matched: Set<string>, ids: number[]): boolean[] => {
      const fits = (k: number) => {
        const c = compounds.get(k);
        return !c || ids.some((id) => holdsCompound(passages[id]!, c.of, c.head));
      };
      const used = new Set<string>();
      const done = groups.map((g, k) => matched.has(g[0]!) && fits(k));
      for (const [k, g] of groups.entries()) if (done[k]) used.add(g[0]!);
      for (const [k, g] of groups.entries()) {
        if (done[k]) continue;
        const t = g.find((t) => matched.has(t) && !used.has(t));
        if (t !== undefined && fits(k)) {
          used.add(t);
          done[k] = true;
        }
      }
      return done;
    };
    // With `requireAll`, a word may be spoken of by the sentence before, in the same section: a passage reads on
    // ("Contingency plans ... continuity risks ..." then "Plans are tested ... annually reviewed"), and "is the
    // business continuity plan reviewed annually?" found only a sentence that says nothing of how often.
    // (MiniSearch gives ids back as it stored them: numbers here, made sure of.)
    // So may any sentence that itself speaks of something asked: "how frequently are contingency plans tested?" is
    // answered by "Plans are tested and updated ... annually reviewed" after "Contingency plans ... are maintained".
    const termsOf = new Map(results.map((r) => [Number(r.id), r.terms]));
    for (const r of results) {
      const id = Number(r.id);
      // Each group asked is covered by a term of its own: fewer terms than needed, with the sentence before, cannot do.
      if (r.terms.length + (termsOf.get(id - 1)?.length ?? 0) < need) continue;
      const own = new Set(r.terms);
      const readsOn = (options.requireAll || groupsCovered(own, [id]).some(Boolean)) && passages[id - 1]?.section === passages[id]?.section;
      const before = readsOn ? (termsOf.get(id - 1) ?? []) : [];
      const matched = before.length > 0 ? new Set([...r.terms, ...before]) : own;
      const covered = coveredBy(matched, before.length > 0 ? [id - 1, id] : [id]);
      if (covered < need) continue;
      // (Of the sentence itself: "procedures" of the sentence before does not make the next one say "tested".)
      const softCovered = soft.filter((g) => g.some((t) => own.has(t))).length;
      // A service's description says what customers can do with it, not what is done: of it, what was asked to be
      // done ("reviewed", "tested", "performed") must be said too ("are user access rights reviewed?" quoted IAM's).
      if (options.services && softCovered < soft.length) continue;
      const p = passages[r.id as number]!;
      hits.push({ id: p.id, order: p.id, path: p.path, section: p.section, quote: p.quote, score: r.score, covered: covered + softCovered });
    }
    // No sentence alone speaks of enough: two that follow each other in a section may, as one passage ("...
    // business continuity and disaster recovery plans ..." then "Plans are tested and updated ... annually ...").
    if (hits.length === 0 && limit > 1 && !options.requireAll) return this.pairFor(results, passages, coveredBy, need);
    // The sentence that speaks of most of what was asked first, then by BM25 score.
    hits.sort((a, b) => b.covered - a.covered || b.score - a.score);
    const best = hits[0];
    if (!best) return [];
    // The second sentence: the one right after the best, when it also answers (a passage reads on: "... end of its
    // useful life ..." then "... NIST 800-88 ..."); else the next best of the same section, when nearly as good.
    const next = hits.find((h) => h.id === best.id + 1 && h.section === best.section);
    const second = next ?? hits.find((h) => h !== best && h.section === best.section && h.score >= best.score * SECOND_SHARE);
    // A sentence that opens by pointing back ("This program builds upon ...") is quoted after the one it points to,
    // of the same section: "this program" alone does not say which (the AWS Resiliency Program).
    const readBack = limit > 1 ? pointedBack(passages, passages[best.id]!, best.score) : undefined;
    if (readBack) return readBack;
    const out = [best, ...(second && limit > 1 ? [second] : [])];
    return out.map((h) => ({ path: h.path, quote: h.quote, score: h.score, order: h.id }));
  }

  /**
   * The best two sentences in a row, of one section, that together speak of `need` of the groups asked (by their
   * summed BM25 scores); none when no two do. Each must speak of something asked (both are among `results`).
   */
  private pairFor(results: { id: unknown; terms: string[]; score: number }[], passages: Passage[], coveredBy: (m: Set<string>, ids: number[]) => number, need: number): TopicHit[] {
    const byId = new Map(results.map((r) => [r.id as number, r]));
    let best: { first: Passage; second: Passage; a: number; b: number; covered: number } | undefined;
    for (const r of results) {
      const id = r.id as number;
      const after = byId.get(id + 1);
      const [first, second] = [passages[id]!, passages[id + 1]];
      if (!after || !second || second.section !== first.section) continue;
      const covered = coveredBy(new Set([...r.terms, ...after.terms]), [id, id + 1]);
      if (covered < need) continue;
      if (!best || covered > best.covered || (covered === best.covered && r.score + after.score > best.a + best.b)) best = { first, second, a: r.score, b: after.score, covered };
    }
    if (!best) return [];
    // (A first sentence that points back is read after the one it points to, as a single best sentence is.)
    const readBack = pointedBack(passages, best.first, best.a);
    if (readBack) return readBack;
    return [
      { path: best.first.path, quote: best.first.quote, score: best.a, order: best.first.id },
      { path: best.second.path, quote: best.second.quote, score: best.b, order: best.second.id },
    ];
  }
}

/**
 * A passage that opens by pointing back ("This program builds upon ..."), after the one it points to in the same
 * section, both with `score`; undefined when it does not point back or nothing of its section stands before it.
 */
function pointedBack(passages: Passage[], p: Passage, score: number): TopicHit[] | undefined {
  const before = passages[p.id - 1];
  if (!ANAPHOR.test(p.quote) || !before || before.section !== p.section) return undefined;
  return [
    { path: before.path, quote: before.quote, score, order: before.id },
    { path: p.path, quote: p.quote, score, order: p.id },
  ];
}

/** Options of {@link TopicIndex.search}. */
export interface TopicSearchOptions {
  /** How many sentences at most (default 2). */
  limit?: number;
  /** Every word asked must be spoken of (the words were asked as if they were a name). */
  requireAll?: boolean;
  /** Search the services' descriptions instead of the prose. */
  services?: boolean;
  /** With `containing`: how many of the words asked a sentence must speak of (default half; else two thirds, as always). */
  share?: 'half' | 'two_thirds';
  /** At least this many of the words asked must be spoken of (none found when fewer were asked). */
  minCovered?: number;
  /** Only sentences holding one of these phrases word for word (folded), e.g. the terms a question shares with the report. */
  containing?: string[];
}

/**
 * Appends a section's sentences to `into` as passages, numbered on from its length: each paragraph's, but for
 * bullet lists and short one-line paragraphs (labels, not prose).
 */
function addPassages(into: Passage[], section: Section, engagement = false): void {
  for (const para of section.text.split('\n\n')) {
    if (para.trimStart().startsWith('- ') || (para.split('\n').length === 1 && para.length < 60)) continue;
    for (const quote of sentences(plainText(para.replace(/\s+/g, ' ').trim()))) {
      into.push({ id: into.length, path: section.path, quote, heading: section.path.join(' '), section: section.path.join(' > '), ...(engagement ? { engagement } : {}) });
    }
  }
}

/** A BM25 index over passages: their sentence and, boosted at search time, their heading path. */
function passageIndex(passages: Passage[]): MiniSearch<Passage> {
  const index = new MiniSearch<Passage>({
    fields: ['text', 'heading'],
    extractField: (doc, field) => (field === 'text' ? doc.quote : field === 'heading' ? doc.heading : String((doc as unknown as Record<string, unknown>)[field])),
    // Our own tokenising: folded words, filler dropped, Porter stems (the same on both sides).
    tokenize: (text) => terms(text),
    processTerm: (term) => term,
  });
  index.addAll(passages);
  return index;
}
