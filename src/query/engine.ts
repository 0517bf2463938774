import { loadAliasData, type AliasData } from '../data/aliases.js';
import type { Report } from '../report/schema.js';
import type { Answer, Citation, Intent, Match, Suggestion, Verdict } from './answer.js';
import { FuzzyIndex } from './fuzzy.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { MAX_QUESTION_LENGTH } from './limits.js';
import { cleanQuestion, fold, tokenize } from './normalize.js';
import { readSignals } from './intent.js';
import { TopicIndex } from './topics.js';
import { flatten } from '../report/parser.js';
import { route, type RouterContext } from './route.js';
import { withPeriodCaveat, composeTooLong, composeUnknown, type Context } from './compose.js';

/** A report with its indexes built, ready to answer questions. */
export interface Engine {
  readonly report: Report;
  /**
   * Answers one question (any string; chat mentions and Markdown are ignored). Pure and synchronous; never
   * throws: a question it cannot place gets an `unknown` Answer with a hint of what it can answer.
   */
  answer(question: string): Answer;
}

/** The parts of an Answer a composer decides; the engine adds the question and the report. */
export interface Reply {
  intent: Intent;
  verdict: Verdict;
  matches: Match[];
  suggestions: Suggestion[];
  text: string;
  citations: Citation[];
}

/** Options for {@link createEngine}. */
export interface EngineOptions {
  /** Alias tables to use instead of the project's own (data/aliases). */
  data?: AliasData;
  /** Told of any internal fault (the question still gets an `unknown` Answer). Tests use it to fail loudly. */
  onError?: (error: unknown, question: string) => void;
}

/**
 * Builds the indexes for a report (lexicon of names, fuzzy index, topic index) once; answering is then
 * a few map lookups per question. `options.data` defaults to the project's reviewed alias tables.
 * @throws Error only if the alias tables are malformed (they are validated by the tests).
 */
export function createEngine(report: Report, options: EngineOptions = {}): Engine {
  const data = options.data ?? loadAliasData();
  const lexicon: Lexicon = buildLexicon(report, data);
  // The fuzzy and topic indexes are built on first use: most questions name something exactly, and a
  // one-question CLI run should not pay for them.
  let fuzzyIndex: FuzzyIndex | undefined;
  let topicIndex: TopicIndex | undefined;
  const fuzzy: Pick<FuzzyIndex, 'search'> = { search: (text) => (fuzzyIndex ??= new FuzzyIndex(lexicon)).search(text) };
  const topics: Pick<TopicIndex, 'search'> = { search: (words, o) => (topicIndex ??= new TopicIndex(report, data)).search(words, o) };
  const ref = { id: report.id, title: report.title, periodStart: report.period.start, periodEnd: report.period.end };
  // The service organization and its system by name ("Amazon Web Services"), from the report.
  const organizationKeys = [...new Set([fold(report.system.replace(/\s+system$/i, '')), fold(report.serviceOrganization.replace(/,?\s*(?:inc|ltd|llc|corp|co)\.?$/i, ''))])].filter((k) => k.split(' ').length > 1);
  const ctx: Context = { report, lexicon, topics, regionCode: new RegExp(data.regions.codePattern) };
  const titleWords = new Set(fold(`${report.title} ${report.subtitle} ${report.system} ${report.criteriaSource.covered.quote}`).split(' '));
  let reportWords: string | undefined;
  const router: RouterContext = {
    ...ctx,
    fuzzy,
    organizationKeys,
    titleWords,
    // Folded once, on first use: only questions made of unknown words need it.
    get reportWords() {
      return (reportWords ??= ` ${fold(flatten(report.sections).map((x) => `${x.title} ${x.text}`).join(' '))} `);
    },
  };

  const reply = (raw: string): Reply => {
    if (raw.length > MAX_QUESTION_LENGTH) return composeTooLong(raw.length);
    const tokens = tokenize(cleanQuestion(raw));
    const signals = readSignals(tokens);
    const r = route(router, tokens, signals);
    // "is S3 covered today?": the report speaks of its period only, and says so.
    return signals.now && r.verdict !== 'unknown' && (r.intent.endsWith('_scope') || r.intent === 'report_fact') ? withPeriodCaveat(ctx, r) : r;
  };

  return {
    report,
    answer(question: string): Answer {
      const q = typeof question === 'string' ? question : String(question);
      let r: Reply;
      try {
        r = reply(q);
      } catch (error) {
        // The core must answer every string; a fault here is a bug, and "unknown" is the safe answer.
        options.onError?.(error, q);
        r = composeUnknown(ctx);
      }
      return { question: q.trim(), intent: r.intent, verdict: r.verdict, matches: r.matches, suggestions: r.suggestions, text: r.text, citations: r.citations, report: ref };
    },
  };
}
