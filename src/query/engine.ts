import { loadAliasData, type AliasData } from '../data/aliases.js';
import type { Report } from '../report/schema.js';
import { COVERED_STATUSES, type Answer, type Citation, type Item, type Match, type Note, type ReportRef } from './answer.js';
import type { Quote, Reply } from './reply.js';
import { answerMarkdown } from '../present/layout.js';
import { FuzzyIndex } from './fuzzy.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { MAX_QUESTION_LENGTH } from './limits.js';
import { cleanQuestion, fold, tokenize } from './normalize.js';
import { LruCache } from './cache.js';
import { readSignals } from './intent.js';
import { TopicIndex } from './topics.js';
import { organizationKey, SOC_LEVEL } from './vocabulary.js';
import { stemmer as porter } from 'stemmer';
import { flatten } from '../report/parser.js';
import { route, type RouterContext } from './route.js';
import { readSpelling, type Correction, type KnownWords } from './spelling.js';
import { rewriteQuestion } from './rewrite.js';
import { withoutContextSentences } from './context-sentences.js';
import { note } from './reply.js';
import { withPeriodCaveat, composeTooLong, composeUnknown, socLevelOf, type Context } from './compose.js';

/** A report with its indexes built, ready to answer questions. */
export interface Engine {
  readonly report: Report;
  /**
   * Answers one question (any string; chat mentions and Markdown are ignored). Pure and synchronous; never
   * throws: a question it cannot place gets an `unknown` Answer with a hint of what it can answer.
   * A question asked again is answered from the engine's cache, so Answers may share parts: read-only.
   */
  answer(question: string): Answer;
}

/**
 * One report's engine, with the composer's Reply before it becomes an Answer: the library engine
 * (src/query/library-engine.ts) adds its notes and the report of each quote, then finishes it.
 */
export interface ReportEngine extends Engine {
  /**
   * The Reply for a question (never throws; a fault gives the `unknown` reply, as `answer` does). `rewritten`: the
   * question is already as rewriteQuestion (rewrite.ts) leaves it, as the library engine passes it on: not again.
   */
  reply(question: string, rewritten?: boolean): Reply;
  /** The name of the routing rule (src/query/route.ts, RULES) that answers a question: for tests and debugging. */
  ruleFor(question: string): string;
}


/** Options for {@link createEngine}. */
export interface EngineOptions {
  /** Alias tables to use instead of the project's own (data/aliases). */
  data?: AliasData;
  /** Told of any internal fault (the question still gets an `unknown` Answer). Tests use it to fail loudly. */
  onError?: (error: unknown, question: string) => void;
  /**
   * How many replies to keep, keyed by the cleaned question and the clock's day (default
   * {@link ANSWER_CACHE_SIZE}; 0: none). A reply depends only on these and this engine's report, so a new
   * report means a new engine and an empty cache.
   */
  answerCache?: number;
  /**
   * The clock (default: the system's): how long ago a report's period ended, for "is it still current?" and
   * the library's `stale` note; "today" and "last year" are read against it. Tests pass a fixed date.
   */
  now?: () => Date;
}

/** Replies an engine keeps by default: the questions a team asks again and again, a few MB at most. */
export const ANSWER_CACHE_SIZE = 1_000;

/**
 * Builds the indexes for a report (lexicon of names, fuzzy index, topic index) once; answering is then
 * a few map lookups per question. `options.data` defaults to the project's reviewed alias tables.
 * @throws Error only if the alias tables are malformed (they are validated by the tests).
 */
export function createEngine(report: Report, options: EngineOptions = {}): ReportEngine {
  const data = options.data ?? loadAliasData();
  const lexicon: Lexicon = buildLexicon(report, data);
  // The report's own programme ("SOC 3" of a SOC 3 report), which a sentence of context may name.
  const ownLevel = socLevelOf(report.title);
  const ownProgrammes = new Set([...SOC_LEVEL].filter(([, level]) => level === ownLevel).map(([name]) => name));
  // The fuzzy and topic indexes are built on first use: most questions name something exactly, and a
  // one-question CLI run should not pay for them.
  let fuzzyIndex: FuzzyIndex | undefined;
  let topicIndex: TopicIndex | undefined;
  const index = () => (fuzzyIndex ??= new FuzzyIndex(lexicon));
  const fuzzy: Pick<FuzzyIndex, 'search' | 'near'> = { search: (text) => index().search(text), near: (text) => index().near(text) };
  const topics: Pick<TopicIndex, 'search'> = { search: (words, o) => (topicIndex ??= new TopicIndex(report, data)).search(words, o) };

  const ref = { id: report.id, title: report.title, periodStart: report.period.start, periodEnd: report.period.end };
  // The service organization and its system by name ("Amazon Web Services"), from the report; the organization
  // without its legal-entity suffix ("Inc.": data/vocabulary/corporate-suffixes.json).
  const organizationKeys = [...new Set([fold(report.system.replace(/\s+system$/i, '')), organizationKey(report.serviceOrganization)])].filter((k) => k.split(' ').length > 1);
  const ctx: Context = { report, lexicon, topics, regionCode: new RegExp(data.regions.codePattern), now: options.now ?? (() => new Date()) };
  const titleWords = new Set(fold(`${report.title} ${report.subtitle} ${report.system} ${report.criteriaSource.covered.quote}`).split(' '));
  let reportWords: string | undefined;
  let sectionWords: string[] | undefined;
  let wordCounts: Map<string, number> | undefined;
  let reportStems: Set<string> | undefined;
  let synonymWords: Set<string> | undefined;
  // Each section's title and text, folded once, on first use. Section by section: folding is per word, and a
  // section of plain ASCII takes fold's fast path (the report as one string never does).
  const foldedSections = () => (sectionWords ??= flatten(report.sections).map((x) => fold(`${x.title} ${x.text}`)));
  // The report's distinct words, with how often each occurs (as router.reportWordCount counts): each is stemmed
  // once, not once per occurrence (a 10,000-service report has about 40 times as many words as distinct ones).
  const reportWordCounts = () => (wordCounts ??= countWords(foldedSections()));
  const router: RouterContext = {
    ...ctx,
    fuzzy,
    organizationKeys,
    titleWords,
    // Joined on first use: only questions made of unknown words need it.
    get reportWords() {
      return (reportWords ??= ` ${foldedSections().filter(Boolean).join(' ')} `);
    },
    reportWordCount: (word) => reportWordCounts().get(word) ?? 0,
    reportHas(phrase) {
      const words = phrase.split(' ');
      if (!words.every((w) => reportWordCounts().has(w))) return false;
      return words.length === 1 || this.reportWords.includes(` ${phrase} `);
    },
    // Stems of the report's words (Porter, as the topic index uses), built on first use.
    usesWord: (word) => (reportStems ??= new Set(Array.from(reportWordCounts().keys(), porter))).has(porter(word)),
    topicSynonym: (word) => (synonymWords ??= new Set(data.topics.synonyms.flatMap((g) => g.terms.map(fold)))).has(word),
  };

  let known: KnownWords | undefined;
  const knownWords = (): KnownWords => {
    // The report's words only when a word is not one of ours or a name's: most questions never fold the report
    // (a fifth of a cold `ask` did, by `node --cpu-prof`).
    return (known ??= { nameWords: wordsOf(lexicon.exact.keys()), inReport: (w) => reportWordCounts().has(w) });
  };

  // Replies by cleaned question (mentions, Markdown and control characters gone) and the day of the clock:
  // "today" and "last year" are read against it, so a reply is only reused on the same (UTC) day. Anything
  // else a reply comes to depend on must join the key.
  const cacheSize = options.answerCache ?? ANSWER_CACHE_SIZE;
  const cache = cacheSize > 0 ? new LruCache<string, { reply: Reply; rule: string }>(cacheSize) : undefined;
  const clock = options.now ?? (() => new Date());
  const routed = (raw: string, already = false): { reply: Reply; rule: string } => {
    if (raw.length > MAX_QUESTION_LENGTH) return { reply: composeTooLong(raw.length), rule: 'too_long' };
    // "Q13: Is EC2 in scope?", "06/30/2017", "in the past 12 months": row labels off, dates as the readers read them.
    const rewritten = already ? { text: raw, readings: [] } : rewriteQuestion(raw, clock());
    const cleaned = cleanQuestion(rewritten.text);
    // Keyed by the question as asked, not as rewritten: two questions rewritten alike ("during the 12 months to 30
    // September 2017", "in the fiscal year ending September 2017") differ in their reading notes.
    const key = cache ? `${clock().toISOString().slice(0, 10)}\u0000${already ? '' : 'raw\u0000'}${cleanQuestion(raw)}` : '';
    const cached = cache?.get(key);
    if (cached) return cached;
    // Typos of question words ("scpoe") read as the word, before anything reads the words.
    const spelled = readSpelling(tokenize(cleaned), knownWords());
    const { corrections } = spelled;
    // "Does the SOC 3 cover Redshift? Filling out a vendor risk assessment.": a sentence of context asks nothing.
    const tokens = withoutContextSentences(spelled.tokens, lexicon, fuzzy, ownProgrammes);
    const signals = readSignals(tokens);
    let { reply: r, rule } = route(router, tokens, signals);
    if (corrections.length) r = withReadings(r, corrections);
    if (rewritten.readings.length) r = { ...r, notes: [...r.notes, ...rewritten.readings] };
    // "is S3 covered today?", "was it covered last week?", "is S3 in the next report?": the report speaks of its
    // period only, and says so.
    // (The signing day of a fact of the report is that fact: "what is the opinion date?".)
    if (signals.after && r.verdict !== 'unknown' && (r.intent.endsWith('_scope') || (r.intent === 'report_fact' && signals.after.kind !== 'signing'))) r = withPeriodCaveat(ctx, r, signals.after);
    cache?.set(key, { reply: r, rule });
    return { reply: r, rule };
  };
  const reply = (raw: string, already = false): Reply => routed(raw, already).reply;

  const safeReply = (q: string, already = false): Reply => {
    try {
      return reply(q, already);
    } catch (error) {
      // The core must answer every string; a fault here is a bug, and "unknown" is the safe answer.
      options.onError?.(error, q);
      return composeUnknown(ctx);
    }
  };

  return {
    report,
    reply: (question: string, rewritten = false) => safeReply(typeof question === 'string' ? question : String(question), rewritten),
    ruleFor: (question: string) => routed(typeof question === 'string' ? question : String(question)).rule,
    answer(question: string): Answer {
      const q = typeof question === 'string' ? question : String(question);
      return finish(q.trim(), safeReply(q), ref);
    },
  };
}

/**
 * The distinct words of folded texts (words one space apart): the report's, or its names'. Cut out by indexOf,
 * text by text: splitting the whole report's words into one list first took three times as long for a
 * 10,000-service report (300,000 words, 11,000 distinct).
 */
/**
 * The words of folded texts (`fold`'s output: single spaces, none at either end; empty ones skipped) read as if
 * joined by spaces into one text, each with how often ` word ` occurs in that text not overlapping (as
 * `text.split(' word ').length - 1` counts): a run of the same word n times in a row counts ceil(n/2), since one
 * occurrence's closing space is the next one's opening space. Pure; O(total length).
 */
function countWords(folded: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  let previous = '';
  let run = 0;
  for (const text of folded) {
    let from = 0;
    for (let space = text.indexOf(' '); ; space = text.indexOf(' ', from)) {
      const end = space < 0 ? text.length : space;
      if (end > from) {
        const word = text.slice(from, end);
        run = word === previous ? run + 1 : 1;
        previous = word;
        // The 1st, 3rd, 5th ... of a run each begin an occurrence; the others' opening space was taken.
        if (run % 2 === 1) counts.set(word, (counts.get(word) ?? 0) + 1);
      }
      if (space < 0) break;
      from = space + 1;
    }
  }
  return counts;
}

function wordsOf(folded: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const text of folded) {
    let from = 0;
    for (let space = text.indexOf(' '); ; space = text.indexOf(' ', from)) {
      const end = space < 0 ? text.length : space;
      if (end > from) words.add(text.slice(from, end));
      if (space < 0) break;
      from = space + 1;
    }
  }
  return words;
}

/**
 * The reply with one `reading` note for the question words read as others ("Reading “scpoe” as “scope”."),
 * after its own notes (the first of which heads a "not sure").
 */
function withReadings(r: Reply, corrections: Correction[]): Reply {
  const text = corrections.map((c) => `“${c.typed}” as “${c.read}”`).join(', ');
  return { ...r, notes: [...r.notes, note('reading', `Reading ${text}.`)] };
}

/**
 * A composer's Reply as an Answer: quotes under one heading merged into one citation (ids "c1", "c2", ... in
 * order of first use: items, then the answer's own quotes, then notes), items and notes pointing at them,
 * `matches` derived from the items (ambiguous ones left out; each kind and name once), `text` generated by
 * the shared layout (src/present/layout.ts). `quotesFrom`: the id of the report that quotes naming no report
 * are from (the library's answers from one report: tagging every quote of a 100-service list beforehand was a
 * copy of each item and quote per question).
 */
export function finish(question: string, r: Reply, report: ReportRef, quotesFrom?: string): Answer {
  const citations: Citation[] = [];
  const byHeading = new Map<string, Citation>();
  const quotesSeen = new Map<Citation, Set<string>>();
  const idOf = (q: Quote): string => {
    const from = q.report ?? quotesFrom;
    const key = `${from ?? ''}\u0000${q.path.join('\u0000')}`;
    const found = byHeading.get(key);
    if (!found) {
      const c: Citation = { id: `c${citations.length + 1}`, section: q.section, path: q.path, quote: q.quote, ...(from ? { report: from } : {}) };
      byHeading.set(key, c);
      citations.push(c);
      return c.id;
    }
    // A Set per heading: a list of all 10,000 services of a large report quotes 10,000 bullets under one heading.
    let seen = quotesSeen.get(found);
    if (!seen) quotesSeen.set(found, (seen = new Set([found.quote])));
    if (!seen.has(q.quote)) {
      seen.add(q.quote);
      if (found.quotes) found.quotes.push(q.quote);
      else found.quotes = [found.quote, q.quote];
    }
    return found.id;
  };
  const ids = (qs: Quote[] | undefined) => [...new Set((qs ?? []).map(idOf))];
  const seenItems = new Set<string>();
  const items: Item[] = [];
  for (const i of r.items) {
    const key = `${i.kind}:${i.name}`;
    if (seenItems.has(key)) continue;
    seenItems.add(key);
    items.push({ ...i, citations: ids(i.citations) });
  }
  r.citations.forEach(idOf);
  const notes: Note[] = r.notes.map((n) => (n.citations?.length ? { kind: n.kind, text: n.text, citations: ids(n.citations) } : { kind: n.kind, text: n.text }));
  const matches: Match[] = items.filter((i) => i.status !== 'ambiguous').map((i) => ({ kind: i.kind, name: i.name, inScope: COVERED_STATUSES.has(i.status) }));
  const taken = new Set(matches.map((m) => `${m.kind}:${m.name}`));
  const suggestions = r.suggestions.filter((s) => {
    const k = `${s.kind}:${s.name}`;
    return taken.has(k) ? false : (taken.add(k), true);
  });
  const data = { question, intent: r.intent, verdict: r.verdict, items, notes, suggestions, citations, report };
  return { question, intent: r.intent, verdict: r.verdict, matches, items, notes, suggestions, text: answerMarkdown(data), citations, report };
}
