import MiniSearch from 'minisearch';
import type { AliasData } from '../data/aliases.js';
import type { Report } from '../report/schema.js';
import { flatten, sentences } from '../report/parser.js';
import { stemmer as porter } from 'stemmer';
import { fold } from './normalize.js';
import { plainText } from './cite.js';
import { STOPWORDS, SCOPE_WORDS, KIND_WORDS, LIST_WORDS, TOPIC_FILLER, TOPIC_SOFT } from './vocabulary.js';

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
}

/** The Porter stem of a folded word: "trained" and "training" meet at "train". */
export function stem(word: string): string {
  return porter(word);
}

/** Words never searched for: filler, scope and list words, and how a topic question is asked (data/vocabulary). */
const IGNORED = new Set([...STOPWORDS, ...SCOPE_WORDS, ...LIST_WORDS, ...KIND_WORDS.service, ...TOPIC_FILLER].filter((w) => !TOPIC_SOFT.has(w)));

/** Field boosts: a word of the heading path counts this many times a word of the sentence. */
const BOOST = { heading: 2, text: 1 } as const;
/** Weight of a reviewed synonym against a word of the question itself. */
const SYNONYM_WEIGHT = 0.6;
/** Weight of a soft word (a scope word that a topic sentence may use, "tested"), and of its synonyms. */
const SOFT_WEIGHT = 0.5;
/** A second sentence is given only from the same section, and only when it scores at least this share of the best. */
const SECOND_SHARE = 0.6;

/** A folded text's words as index terms: not ignored, stemmed. */
function terms(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((w) => w && !IGNORED.has(w))
    .map(stem);
}

/** A user's word or phrase as the synonym table's key: folded words, each stemmed ("data centers" -> "data center"). */
const phraseKey = (text: string) => fold(text).split(' ').map(stem).join(' ');

/** The report's prose as a BM25 passage index; built once per report, searched per topic question. */
export class TopicIndex {
  private readonly passages: Passage[] = [];
  private readonly search_: MiniSearch<Passage>;
  /** Stem of a user's word (or folded phrase) -> stems of the report's words for it. */
  private readonly synonyms = new Map<string, string[]>();

  constructor(report: Report, data: AliasData) {
    // Service descriptions are answered as services, not topics; the scope lists are not prose.
    const servicePaths = new Set(report.services.map((s) => s.path.join(' > ')));
    for (const section of flatten(report.sections)) {
      if (servicePaths.has(section.path.join(' > '))) continue;
      for (const para of section.text.split('\n\n')) {
        if (para.trimStart().startsWith('- ') || (para.split('\n').length === 1 && para.length < 60)) continue;
        for (const quote of sentences(plainText(para.replace(/\s+/g, ' ').trim()))) {
          this.passages.push({ id: this.passages.length, path: section.path, quote, heading: section.path.join(' ') });
        }
      }
    }
    this.search_ = new MiniSearch<Passage>({
      fields: ['text', 'heading'],
      extractField: (doc, field) => (field === 'text' ? doc.quote : field === 'heading' ? doc.heading : String((doc as unknown as Record<string, unknown>)[field])),
      // Our own tokenising: folded words, filler dropped, Porter stems (the same on both sides).
      tokenize: (text) => terms(text),
      processTerm: (term) => term,
    });
    this.search_.addAll(this.passages);
    // A user's word may stand in several groups ("fail": disks that fail, a data center that fails): the union.
    for (const group of data.topics.synonyms) {
      const reportStems = group.reportTerms.flatMap(terms);
      for (const term of group.terms) {
        const key = phraseKey(term);
        this.synonyms.set(key, [...new Set([...(this.synonyms.get(key) ?? []), ...reportStems])]);
      }
    }
  }

  /**
   * The best one or two sentences for the question's folded words, best first; empty when no sentence speaks of
   * enough of what was asked. A sentence must speak (itself, in its heading, or by a synonym) of two thirds of
   * the words asked, all of them for one or two words or with `requireAll` (used when the words were asked as
   * if they were a name, so "Storage Lens" never lands on a sentence about storage).
   */
  search(words: string[], options: { limit?: number; requireAll?: boolean } = {}): TopicHit[] {
    const limit = options.limit ?? 2;
    // Each word asked, with its synonyms; a two-word phrase with synonyms of its own ("data center", "stay up")
    // is one group of those synonyms (its words alone would find "Contact Center"). Soft words ("tested",
    // "controls") make groups of their own: they rank sentences, but are not required of them.
    const groups: string[][] = [];
    const soft: string[][] = [];
    // The "s" of a possessive ("the customer's responsibilities") parts no phrase.
    words = words.filter((w) => w !== 's');
    for (let i = 0; i < words.length; i++) {
      const pair = i + 1 < words.length ? this.synonyms.get(phraseKey(`${words[i]} ${words[i + 1]}`)) : undefined;
      if (pair) {
        groups.push(pair);
        i++;
        continue;
      }
      const w = words[i]!;
      if (!w || IGNORED.has(w)) continue;
      const s = stem(w);
      (TOPIC_SOFT.has(w) ? soft : groups).push([s, ...(this.synonyms.get(s) ?? []).filter((t) => t !== s)]);
    }
    if (groups.length === 0) return [];
    const weight = new Map<string, number>();
    const weigh = (g: string[], own: number, synonym: number) => g.forEach((t, j) => weight.set(t, Math.max(weight.get(t) ?? 0, j === 0 ? own : synonym)));
    for (const g of groups) weigh(g, 1, SYNONYM_WEIGHT);
    for (const g of soft) weigh(g, SOFT_WEIGHT, SOFT_WEIGHT * SYNONYM_WEIGHT);
    const results = this.search_.search([...weight.keys()].join(' '), {
      boost: BOOST,
      combineWith: 'OR',
      // The query is already terms: no tokenising or stemming again.
      tokenize: (q) => q.split(' '),
      processTerm: (t) => t,
      boostTerm: (term) => weight.get(term) ?? 1,
    });
    const need = options.requireAll || groups.length <= 2 ? groups.length : Math.ceil((2 * groups.length) / 3);
    const hits: (TopicHit & { id: number; covered: number })[] = [];
    for (const r of results) {
      const matched = new Set(r.terms);
      const covered = groups.filter((g) => g.some((t) => matched.has(t))).length;
      if (covered < need) continue;
      const p = this.passages[r.id as number]!;
      hits.push({ id: p.id, order: p.id, path: p.path, quote: p.quote, score: r.score, covered: covered + soft.filter((g) => g.some((t) => matched.has(t))).length });
    }
    // The sentence that speaks of most of what was asked first, then by BM25 score.
    hits.sort((a, b) => b.covered - a.covered || b.score - a.score);
    const best = hits[0];
    if (!best) return [];
    // The second sentence: the one right after the best, when it also answers (a passage reads on: "... end of its
    // useful life ..." then "... NIST 800-88 ..."); else the next best of the same section, when nearly as good.
    const next = hits.find((h) => h.id === best.id + 1 && h.path.join('>') === best.path.join('>'));
    const second = next ?? hits.find((h) => h !== best && h.path.join('>') === best.path.join('>') && h.score >= best.score * SECOND_SHARE);
    const out = [best, ...(second && limit > 1 ? [second] : [])];
    return out.map((h) => ({ path: h.path, quote: h.quote, score: h.score, order: h.id }));
  }
}
