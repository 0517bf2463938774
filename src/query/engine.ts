import { loadAliasData, type AliasData } from '../data/aliases.js';
import type { Report } from '../report/schema.js';
import type { Answer, Citation, Intent, Match, Suggestion, Verdict } from './answer.js';
import { FuzzyIndex } from './fuzzy.js';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { MAX_QUESTION_LENGTH } from './limits.js';
import { cleanQuestion, fold, tokenize, type Token } from './normalize.js';
import { CONTENT_WORDS } from './vocabulary.js';
import { resolve } from './resolve.js';
import { readSignals, type Signals } from './intent.js';
import { TopicIndex } from './topics.js';
import { notCertain, composePeriodCheck, outsidePeriod, composeNotMentioned, composeOtherProgramOnly, withPeriodCaveat, otherProgram, composeFacts, composeHelp, composeList, composeDescription, composeScope, composeTopic, composeTooLong, composeUnknown, type Context } from './compose.js';

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

/**
 * Builds the indexes for a report (lexicon of names, fuzzy index, topic index) once; answering is then
 * a few map lookups per question. `data` defaults to the project's reviewed alias tables.
 */
const categories0 = (subjects: { type: string }[]) => !subjects.some((s) => s.type === 'category');

/** Options for {@link createEngine}. */
export interface EngineOptions {
  /** Alias tables to use instead of the project's own (data/aliases). */
  data?: AliasData;
  /** Told of any internal fault (the question still gets an `unknown` Answer). Tests use it to fail loudly. */
  onError?: (error: unknown, question: string) => void;
}

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

  const reply = (raw: string): Reply => {
    if (raw.length > MAX_QUESTION_LENGTH) return composeTooLong(ctx, raw.length);
    const tokens = tokenize(cleanQuestion(raw));
    const signals = readSignals(tokens);
    const r = route(tokens, signals);
    // "is S3 covered today?": the report speaks of its period only, and says so.
    return signals.now && r.verdict !== 'unknown' && (r.intent.endsWith('_scope') || r.intent === 'report_fact') ? withPeriodCaveat(ctx, r) : r;
  };

  /** Decides what a question asks, from its words and the names in it, and composes the reply. */
  const route = (tokens: Token[], signals: Signals): Reply => {
    const { subjects, spans, strays } = resolve(tokens, lexicon, fuzzy, { allowUnknown: signals.scope || signals.describe });
    // A yes/no question about something we recognise is a scope question even without scope words ("is S3?").
    const asksScope = signals.scope || (signals.yesNo && subjects.some((s) => s.type !== 'unknown'));

    const named = subjects.filter((s) => s.type !== 'category' && s.type !== 'criterion');
    const hasNames = named.length > 0;
    // Names we recognised (an unknown word is not enough to turn a question about the report into a scope question).
    const recognised = named.filter((s) => s.type !== 'unknown');
    if (spans.length === 0 && signals.help && subjects.length === 0) return composeHelp(ctx);
    // "is Amazon Web Services covered?": the service organization or its system, named as a whole.
    if (recognised.length === 0 && organizationKeys.some((k) => ` ${tokens.map((t) => t.norm).join(' ')} `.includes(` ${k} `))) return composeFacts(ctx, ['organization']);
    if (signals.programs.length > 0 && recognised.length === 0 && !subjects.some((s) => s.type === 'criterion')) return composeOtherProgramOnly(ctx, signals.programs);
    // "what about physical security of data centers?": a topic, even though it names a kind of place.
    if (signals.topical && recognised.length === 0) {
      const topic = composeTopic(ctx, tokens.map((t) => t.norm));
      if (topic) return topic;
    }
    // Places named in a question that is not about scope and carries other words ("what's the weather in
    // Paris?"): not a question about the report.
    if (!asksScope && !signals.count && signals.kinds.size === 0 && strays.length > 0 && named.length > 0 && named.every((s) => s.type === 'location')) {
      return composeUnknown(ctx);
    }
    // "were there exceptions for S3?": the opinion, the auditor and the dates are the whole report's.
    const wholeReportFacts = signals.facts.filter((f) => f === 'opinion' || f === 'auditor' || f === 'report_date' || f === 'assertion');
    if (wholeReportFacts.length > 0 && recognised.length > 0) return composeFacts(ctx, wholeReportFacts);
    if (signals.facts.length > 0 && recognised.length === 0 && !(signals.describe && subjects.some((s) => s.type === 'criterion') && !signals.facts.includes('criteria'))) {
      return composeFacts(ctx, signals.facts);
    }
    // "is June 2017 covered?": a question about the period itself.
    if (signals.dates.length > 0 && recognised.length === 0 && !subjects.some((s) => s.type === 'criterion') && (asksScope || signals.yesNo)) {
      return composePeriodCheck(ctx, signals.dates);
    }
    if (signals.count && recognised.length === 0 && categories0(subjects) && [...signals.kinds].every((k) => k === 'service')) {
      return composeFacts(ctx, ['counts']);
    }
    if (signals.describe && recognised.length > 0 && named.every((s) => s.type === 'service' || s.type === 'unlisted' || s.type === 'unknown_variant' || s.type === 'ambiguous' || s.type === 'unknown')) {
      return composeDescription(ctx, named);
    }
    const categories = subjects.filter((s) => s.type === 'category');
    // "which security services are covered?": a criterion's word that also names a category, asked as a list.
    if ((signals.list || signals.count) && signals.kinds.has('service') && categories.length === 0) {
      for (const s of subjects) {
        if (s.type !== 'criterion') continue;
        const category = report.categories.find((c) => c.toLowerCase().split(/\W+/).includes(s.name.toLowerCase()));
        if (category) categories.push({ type: 'category', name: category, typed: s.typed });
      }
    }
    const listKinds = signals.kinds;
    const placesOnly = named.length > 0 && named.every((s) => s.type === 'location' && s.hits.some((h) => h.entity.type === 'country' || h.entity.type === 'group'));
    const listish = signals.list || signals.count || (placesOnly && (signals.kinds.has('edge') || signals.kinds.has('region')) && !signals.scope);
    if (listish && !named.some((s) => s.type !== 'location') && (categories.length > 0 || listKinds.size > 0)) {
      const listed = composeList(ctx, { categories: categories.map((c) => c.name), subjects: named, kinds: listKinds, count: signals.count });
      if (listed) return listed;
    }
    if (categories.length > 0 && !hasNames) {
      const listed = composeList(ctx, { categories: categories.map((c) => c.name), subjects: [], kinds: new Set(['service']), count: signals.count });
      if (listed) return listed;
    }
    if (subjects.some((s) => s.type === 'criterion') && !hasNames && signals.topical) {
      const topic = composeTopic(ctx, tokens.map((t) => t.norm));
      if (topic) return topic;
    }
    // Only words we do not know: a topic the report speaks of, else "not listed" when asked as a scope question.
    if (recognised.length === 0 && hasNames && !subjects.some((s) => s.type === 'criterion')) {
      const words = tokens.map((t) => t.norm);
      const plainWords = named.every((s) => s.type === 'unknown' && !s.nameLike);
      // Several plain lowercase words ("employees get background checks") are a sentence, not a name.
      const sentenceLike = plainWords && named.some((s) => s.type === 'unknown' && s.typed.split(' ').length >= 3);
      // A name-like word ("us-east-3", "Rome") is asked as a name: no topic sentence stands in for it.
      const nameLike = named.some((s) => s.type === 'unknown' && s.nameLike);
      const topic = nameLike && !signals.topical ? undefined : (composeTopic(ctx, words, { requireAll: asksScope }) ?? (plainWords ? composeTopic(ctx, words) : undefined));
      if (topic) return topic;
      if (!asksScope) return composeUnknown(ctx);
      // Plain lowercase words are things the report may speak of, not names of services: it does not mention them.
      if (plainWords || sentenceLike) return composeNotMentioned(ctx, named.map((s) => (s.type === 'unknown' ? s.typed : '')).filter(Boolean));
    }
    if (subjects.length > 0 && (hasNames || subjects.some((s) => s.type === 'criterion'))) {
      let scope = composeScope(ctx, subjects.filter((s) => s.type !== 'category'), signals.kinds, { negated: signals.negated });
      // Words the answer does not account for put a yes in doubt (never a yes on part of a question).
      const content = strays.filter((w) => CONTENT_WORDS.has(w.toLowerCase()));
      scope = notCertain(ctx, scope, { strays: strays.filter((w) => !CONTENT_WORDS.has(w.toLowerCase())), content, everywhere: signals.everywhere });
      // "what is us-east-1?", "what is Security?": asked for information; "is S3 excluded?": a bare yes
      // would read as "yes, excluded", so the answer is information, stated plainly.
      if ((signals.describe && !signals.yesNo) || signals.negated) scope = scope.verdict === 'unknown' ? scope : { ...scope, verdict: 'info' };
      if (signals.programs.length) return otherProgram(ctx, scope, signals.programs);
      return signals.dates.length ? outsidePeriod(ctx, scope, signals.dates) : scope;
    }
    if (signals.list && !signals.topical) {
      const listed = composeList(ctx, { categories: [], subjects: [], kinds: new Set(['service']), count: signals.count, whatIsInScope: true });
      if (listed && asksScope) return listed;
    }
    const topic = composeTopic(ctx, tokens.map((t) => t.norm));
    if (topic) return topic;
    return composeUnknown(ctx);
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
