import type { AliasData } from '../data/aliases.js';
import type { Report } from '../report/schema.js';
import { flatten, sentences } from '../report/parser.js';
import { stemmer as porter } from 'stemmer';
import { fold } from './normalize.js';
import { plainText } from './cite.js';
import { STOPWORDS, SCOPE_WORDS, KIND_WORDS, LIST_WORDS } from './vocabulary.js';

/**
 * Topic questions ("how are employees trained?", "how is media disposed of?"): the report's running text
 * as sentences, scored against the question's words by inverse document frequency, with the reviewed
 * topic synonyms of data/aliases/topics.json mapping users' words to the report's.
 */

export interface TopicHit {
  path: string[];
  quote: string;
  score: number;
}

interface Sentence {
  path: string[];
  quote: string;
  stems: Set<string>;
  titleStems: Set<string>;
  /** Bonus per word of the question found in the section's title: a short title that is the topic counts most. */
  titleWeight: number;
}

/** The Porter stem of a folded word: "trained" and "training" meet at "train". */
export function stem(word: string): string {
  return porter(word);
}

const IGNORED = new Set([...STOPWORDS, ...SCOPE_WORDS, ...LIST_WORDS, ...KIND_WORDS.service, 'aws', 'say', 'says', 'handle', 'handles', 'handled', 'handling', 'managed', 'manage', 'manages', 'done', 'work', 'works', 'working', 'happen', 'happens', 'often', 'much', 'really', 'does', 'do', 'ensure', 'ensures', 'regarding', 'related', 'relating', 'process', 'processes', 'policy', 'policies', 'customer', 'customers', 'data']);

/** The minimum score for an answer: below it the question is "unknown", not a weak guess. */
export const TOPIC_MIN_SCORE = 2.0;

/** The report's prose as scored sentences; built once per report, searched per topic question. */
export class TopicIndex {
  private readonly sentences: Sentence[] = [];
  private readonly idf = new Map<string, number>();
  private readonly synonyms: Map<string, string[]>;

  constructor(report: Report, data: AliasData) {
    // Service descriptions are answered as services, not topics; the scope lists are not prose.
    const servicePaths = new Set(report.services.map((s) => s.path.join(' > ')));
    for (const section of flatten(report.sections)) {
      if (servicePaths.has(section.path.join(' > '))) continue;
      const titleWords = fold(section.title).split(' ');
      const titleStems = new Set(titleWords.map(stem));
      const titleWeight = 3 / titleWords.length;
      for (const para of section.text.split('\n\n')) {
        if (para.trimStart().startsWith('- ') || para.split('\n').length === 1 && para.length < 60) continue;
        for (const quote of sentences(plainText(para.replace(/\s+/g, ' ').trim()))) {
          const stems = new Set(fold(quote).split(' ').filter((w) => !IGNORED.has(w)).map(stem));
          this.sentences.push({ path: section.path, quote, stems, titleStems, titleWeight });
        }
      }
    }
    const df = new Map<string, number>();
    for (const s of this.sentences) for (const t of s.stems) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, n] of df) this.idf.set(t, Math.log((this.sentences.length + 1) / n));
    this.synonyms = new Map();
    for (const group of data.topics.synonyms) {
      const report = group.reportTerms.flatMap((t) => fold(t).split(' ')).map(stem);
      for (const term of group.terms) this.synonyms.set(stem(fold(term)), report);
    }
  }

  /**
   * The best sentences for the question's words, best first; empty when nothing reaches TOPIC_MIN_SCORE.
   * With `requireAll`, a sentence must also speak of every word asked about (itself or a synonym): used
   * when the words were asked as if they were a name, so "Storage Lens" never lands on a sentence about storage.
   */
  search(words: string[], options: { limit?: number; requireAll?: boolean } = {}): TopicHit[] {
    const limit = options.limit ?? 2;
    const weights = new Map<string, number>();
    const groups: string[][] = [];
    for (const w of words) {
      if (IGNORED.has(w)) continue;
      const s = stem(w);
      weights.set(s, 1);
      const synonyms = this.synonyms.get(s) ?? [];
      groups.push([s, ...synonyms]);
      for (const syn of synonyms) if (!weights.has(syn)) weights.set(syn, 0.8);
    }
    if (weights.size === 0) return [];
    const scored: TopicHit[] = [];
    for (const s of this.sentences) {
      // A sentence must speak of two thirds of what was asked (all of it for one or two words, or with
      // requireAll): one shared word such as "cloud" does not make "write me a poem about clouds" a question
      // about the report.
      let covered = 0;
      for (const g of groups) if (g.some((t) => s.stems.has(t) || s.titleStems.has(t))) covered++;
      if (covered < (options.requireAll || groups.length <= 2 ? groups.length : Math.ceil((2 * groups.length) / 3))) continue;
      let score = 0;
      for (const [term, weight] of weights) {
        const idf = this.idf.get(term) ?? 0;
        if (s.stems.has(term)) score += weight * idf;
        if (s.titleStems.has(term)) score += weight * s.titleWeight;
      }
      // More of the question's words first, then the rarer words: the sentence most about the question.
      if (score >= TOPIC_MIN_SCORE) scored.push({ path: s.path, quote: s.quote, score: covered * 100 + score });
    }
    scored.sort((a, b) => b.score - a.score);
    const best = scored[0];
    if (!best) return [];
    // A second sentence only from the same section, and only when nearly as good.
    const second = scored.find((h) => h !== best && h.path.join('>') === best.path.join('>') && h.score >= best.score * 0.6);
    return [best, ...(second && limit > 1 ? [second] : [])];
  }
}
