import { loadAliasData } from '../data/aliases.js';
import { byNewest, type LibraryReport, type ReportLibrary } from '../report/library.js';
import type { Report } from '../report/schema.js';
import type { Answer, ReportRef } from './answer.js';
import { citeSource, joinAnd, longDate } from './cite.js';
import { composeCoverage, composeDiff, composeHistory, composeReportList, reportLabel, type AcrossQuote, type AcrossReply } from './compose/across.js';
import { ANSWER_CACHE_SIZE, createEngine, finish, type Engine, type EngineOptions, type ReportEngine } from './engine.js';
import type { Reply, ReplyNote } from './reply.js';
import { readLibraryQuestion, type LibraryReading } from './across.js';
import { LruCache } from './cache.js';
import { MAX_QUESTION_LENGTH } from './limits.js';
import { ageText, covers, monthsBetween, overlapDays, type TimeSpan } from './when.js';
import { rewriteQuestion } from './rewrite.js';

/**
 * The engine over a library of reports (README, "A library of reports"). Which report answers:
 * - a question that names a report ("in the SOC 2", "in the previous report", "the Spring 2017 report", an id)
 *   is answered from it;
 * - one that names a time ("in March 2017", "Q4 2016", "last year's report", "as of 2017-06-30") from the report
 *   whose period covers it (the most recent, when several do); a time only partly covered, from the report that
 *   covers most of it, saying so; a time no report covers gets `unknown`, naming the nearest reports;
 * - otherwise the newest period answers; every answer names its report and period (`report`).
 * Across reports: the list of reports, the history of a service or place (oldest first), and what changed
 * between two reports. When the newest period ended more than 12 months before `now`, every answer carries one
 * `stale` note citing the accountants' caveat about projecting to future periods.
 */

/** An engine over a library: `report` is the newest report; `library` all of them, newest first. */
export interface LibraryEngine extends Engine {
  readonly report: Report;
  readonly library: ReportLibrary;
}

/** How long after its period's end the newest report makes every answer carry a `stale` note. */
export const STALE_AFTER_MONTHS = 12;

type Ref = ReportRef;
const refOf = (r: LibraryReport): Ref => ({ id: r.id, title: r.title, periodStart: r.period.start, periodEnd: r.period.end });
/** The words of "which reports do you have?" and its variants: with nothing else, the question is for the list. */
const LIST_WORDS = /\b(?:which|what|list|show|me|all|the|of|reports?|do|does|you|have|got|are|there|available|in|library|loaded|know|can|answer|from|is|it|bot|your|tell|give|how|many|please|us)\b|[^\p{L}\p{N}]+/giu;
/** What a history is about: a service, place or criterion asked about as in scope. */
const SUBJECT_INTENTS = new Set<Answer['intent']>(['service_scope', 'location_scope', 'criteria_scope']);
/** Words of a question about periods only ("is March 2017 covered?", "which report covers Q4 2016?"). */
const PERIOD_QUESTION_WORDS =
  /\b(?:is|are|was|were|does|do|did|the|a|an|any|library|you|we|your|our|this|that|it|soc\s*\d?|reports?|which|what|one|period|periods|time|covered|cover|covers|in\s+scope|included|audited|examined|by|within|part\s+of|have|has)\b|[^\p{L}\p{N}]+/giu;
const SCOPE_WORDS = /\b(?:in\s+scope|covered|included|listed|audited|part\s+of)\b/i;

/** A reply and the report it is from (the one `Answer.report` names unless it cites several). */
interface Routed {
  reply: Reply;
  from: LibraryReport;
}

/**
 * Builds the engine for `library` (at least one report). The per-report indexes are built on first use, so a
 * library of many reports starts as fast as one. `options.now` is the clock (default: the system's).
 * @throws Error for an empty library.
 */
export function createLibraryEngine(library: ReportLibrary, options: EngineOptions = {}): LibraryEngine {
  const reports = library.reports;
  if (reports.length === 0) throw new Error('a report library needs at least one report');
  const newest = reports[0]!;
  const oldestFirst = [...reports].reverse();
  const data = options.data ?? loadAliasData();
  const engines = new Map<LibraryReport, ReportEngine>();
  const engineOf = (r: LibraryReport): ReportEngine => {
    let e = engines.get(r);
    if (!e) engines.set(r, (e = createEngine(r.report, { ...options, data })));
    return e;
  };
  const clock = options.now ?? (() => new Date());
  const cacheSize = options.answerCache ?? ANSWER_CACHE_SIZE;
  /** Finished Answers by day and question (read-only: a repeated question gets the same object). */
  const answers = cacheSize > 0 ? new LruCache<string, Answer>(cacheSize) : undefined;
  const byId = new Map(reports.map((r) => [r.id, r]));

  /** The report for a time: the one covering it, else the one covering most of it, else none (with the nearest). */
  const placeTime = (t: TimeSpan) => {
    const covering = reports.filter((r) => covers(r.period, t));
    if (covering.length) return { how: 'covers' as const, report: covering[0]!, also: covering.slice(1) };
    const overlapping = reports.filter((r) => overlapDays(t, r.period) > 0).sort((a, b) => overlapDays(t, b.period) - overlapDays(t, a.period) || byNewest(a, b));
    if (overlapping.length) return { how: 'overlaps' as const, report: overlapping[0]!, also: overlapping.slice(1) };
    const before = reports.find((r) => r.period.end < t.start);
    const after = oldestFirst.find((r) => r.period.start > t.end);
    return { how: 'none' as const, nearest: [before, after].filter((r): r is LibraryReport => r !== undefined) };
  };

  /** One report's reply to a question; its quotes name no report, and are from `from` (finish tags them). */
  // (The question is as answerAt rewrote it: the report's core does not rewrite it again.)
  const from = (r: LibraryReport, question: string): Routed => ({ reply: engineOf(r).reply(question, true), from: r });
  const across = (reply: AcrossReply): Routed => ({ reply, from: reply.reports[0]! });
  const periodQuote = (r: LibraryReport) => quoteOf(r, r.report.period.source);

  const route = (question: string, now: Date): Routed => {
    if (question.length > MAX_QUESTION_LENGTH) return from(newest, question);
    const reading = readLibraryQuestion(question, reports, now);
    if (reading.across === 'diff') return diff(question, reading);
    if (reading.across === 'history' || reading.aboutReports) {
      const history = historyOf(reading);
      if (history) return history;
      if (reading.aboutReports) return across(composeReportList(reports));
    }
    const rest = reading.rest || question;
    if (reading.named.length) {
      const r = reading.named[0]!;
      // A library of one: the report line names the only report there is; "as asked" says nothing more.
      if (reports.length === 1) return from(r, rest);
      return withNotes(from(r, rest), [note('period', `Answered from ${reportLabel(r)}, as asked`, periodQuote(r))]);
    }
    const season = reading.missing.find((m) => /^(?:spring|summer|fall|autumn|winter) \d{4}$/i.test(m));
    if (reading.missing.length && !season) {
      const what = joinAnd(reading.missing.map((m) => `“${m}”`));
      // A kind of report the library lacks: the newest answers the question as asked (it says what it is).
      if (reading.missing.some((m) => /^SOC /.test(m))) {
        const answered = from(newest, question);
        // One report, whose core has said it does not address that programme: the report line names the rest.
        if (reports.length === 1 && answered.reply.notes.some((n) => n.kind === 'other_programme')) return answered;
        return withNotes(answered, [note('period', `The library holds no ${what} report; it holds ${libraryBrief(reports)}`)]);
      }
      return withNotes(from(newest, rest), [note('period', `The library has no ${what}: it holds ${libraryBrief(reports)}. What ${reportLabel(newest)} says`, periodQuote(newest))], { unknown: true });
    }
    const times = reading.times;
    if (season) {
      const span = readLibraryQuestion(season, [], now).times[0];
      return uncovered(rest, season, span ? placeTime(span) : { how: 'none', nearest: [newest] });
    }
    if (times.length === 0) return from(newest, question);
    // "is March 2017 covered?", "which report covers Q4 2016?": a question about the periods themselves. One
    // report answers it as it does alone (its own period check); a library says which reports cover what.
    if (!rest.replace(PERIOD_QUESTION_WORDS, ' ').trim()) {
      return reports.length === 1 ? from(newest, question) : across(composeCoverage(times, reports));
    }
    // One report covering every time asked, else the first time decides.
    const all = reports.find((r) => times.every((t) => covers(r.period, t)));
    const t = times[0]!;
    const placed = all ? { how: 'covers' as const, report: all, also: [] as LibraryReport[] } : placeTime(t);
    // The chosen report's core reads the times itself (src/query/period.ts): the whole question goes to it, so that
    // it compares each asked span with its own period (inside: as asked; partly: partial, naming the part; outside:
    // no for a period question, unknown for anything else).
    if (placed.how === 'none') return uncovered(question, joinAnd(times.map((x) => x.text)), placed, true);
    const r = placed.report;
    const verb = placed.how === 'covers' ? 'cover' : 'overlap';
    const others = placed.also.length ? `; ${joinAnd(placed.also.map(reportLabel))} also ${placed.also.length > 1 ? verb : `${verb}s`} it` : '';
    if (placed.how === 'covers') {
      // A library of one: the core has compared each time with the period, and the report line names the report.
      if (reports.length === 1 && times.length > 1) return from(r, question);
      // Only the times it holds: the core says what it makes of the others ("was S3 in scope in June 2017 and Q4 2016?").
      const held = times.filter((x) => covers(r.period, x));
      return withNotes(from(r, question), [note('period', `Answered from ${reportLabel(r)}, whose period holds ${joinAnd(held.map((x) => x.text))}${others}`, periodQuote(r))]);
    }
    // Partly covered: a year that holds the report's period is that year's report; any other part-time is not
    // one a report can speak for as a whole, so no yes or no.
    const part = `${t.text} is only partly within ${reportLabel(r)}${others}`;
    // Whatever the core made of the time, a yes holds for the part only ("on September 31, 2017": the core reads
    // no such day, this reads the year).
    // A library of one: its core has compared each time with its own period, as it reads them ("Q3 of fiscal year
    // 2017 (Jul-Sep 2017)" is the asker's own days, inside the period: the library's reading of "2017" made the
    // core's "falls within the period" a "Partly").
    if (reports.length === 1) return from(r, question);
    const answered = from(r, question);
    // The core has said which part of the time its report covers; with no other report to name, once is enough.
    if (!others && answered.reply.notes.some((n) => n.kind === 'period')) return withNotes(answered, [], { partly: true });
    if (t.unit === 'year') return withNotes(answered, [note('period', part, periodQuote(r))], { partly: true });
    return withNotes(answered, [note('period', `No single report covers all of ${t.text}: ${part}. What it says for its own period`, periodQuote(r))], { partly: true });
  };

  /** A time no report covers: `unknown`, naming the nearest reports, with what the nearest says for its own period. */
  const uncovered = (rest: string, what: string, placed: { how: 'none'; nearest: LibraryReport[] } | { how: 'covers' | 'overlaps'; report: LibraryReport }, coreReadsTimes = false): Routed => {
    const nearest = placed.how === 'none' ? placed.nearest : [placed.report];
    const r = nearest[0] ?? newest;
    const text = `No report in the library covers ${what}; the nearest ${nearest.length > 1 ? 'are' : 'is'} ${joinAnd(nearest.map(reportLabel))}. What ${reportLabel(r)} says for its own period`;
    const answered = from(r, rest);
    // A library of one report whose core read the time itself has said it ("This report covers … only; it cannot
    // speak for …"): once is enough (it was said twice, and a one-service answer took 5 lines before its evidence).
    if (coreReadsTimes && reports.length === 1 && answered.reply.notes.some((n) => n.kind === 'period')) return answered;
    // Nor when the day asked is the day it was signed ("did EY sign it on October 26, 2017?"): the core compared it
    // with the report's date, and "No report covers 26 Oct 2017" led a Yes (break-it round 11).
    if (coreReadsTimes && reports.length === 1 && engineOf(r).ruleFor(rest) === 'attestation_at_time') return answered;
    return withNotes(answered, [note('period', text, ...nearest.map(periodQuote))], { unknown: !coreReadsTimes, lead: true });
  };

  const historyOf = (reading: LibraryReading): Routed | undefined => {
    const rest = reading.rest.replace(/[?.!\s]+$/, '');
    // "which reports do you have?" names nothing but reports.
    if (!rest || (reading.across !== 'history' && !rest.replace(LIST_WORDS, ' ').trim())) return undefined;
    const core = SCOPE_WORDS.test(rest) ? `${rest}?` : `is ${rest.replace(/^(?:is|was|were|are|has|have|had|did|does)\s+/i, '')} in scope?`;
    // Only a question that names something a report lists or could list has a history.
    const probe = engineOf(newest).reply(core, true);
    if (!SUBJECT_INTENTS.has(probe.intent) || !probe.items.some((i) => i.kind !== 'category')) return undefined;
    const findings = oldestFirst.map((r) => ({ report: r, reply: r === newest ? probe : engineOf(r).reply(core, true) }));
    const reply = composeHistory(findings, reading.across === 'history' ? reading.ordinal : undefined);
    return reply ? across(reply) : undefined;
  };

  const diff = (question: string, reading: LibraryReading): Routed => {
    const comparison = (text: string, cited: LibraryReport[]): Routed =>
      across({ intent: 'report_comparison', verdict: 'unknown', items: [], notes: [note('comparison', text, ...cited.map(periodQuote))], suggestions: [], citations: [], reports: cited });
    if (reports.length < 2) return comparison(`The library holds one report, ${reportLabel(newest)}; there is no other to compare it with`, [newest]);
    if (reading.missing.length) return comparison(`The library has no ${joinAnd(reading.missing.map((m) => `“${m}”`))} report to compare; it holds ${libraryBrief(reports)}`, [...reports]);
    const refs = [...reading.named];
    for (const t of reading.times) {
      const placed = placeTime(t);
      if (placed.how !== 'none' && !refs.includes(placed.report)) refs.push(placed.report);
    }
    let pair: LibraryReport[];
    if (refs.length >= 2 && !reading.lastTwo) pair = refs.slice(0, 2);
    else if (refs.length === 1 && !reading.lastTwo) {
      // "what's new since the Spring 2017 report?": that one and the newest; "what changed in it?": it and the one before.
      const i = reports.indexOf(refs[0]!);
      pair = /\bsince\b/i.test(question) && i > 0 ? [refs[0]!, newest] : [refs[0]!, reports[i + 1] ?? reports[i - 1]!];
    } else pair = [reports[0]!, reports[1]!];
    const [newer, older] = [...pair].sort(byNewest) as [LibraryReport, LibraryReport];
    return across(composeDiff(older, newer, data));
  };

  // The stale note depends on the (UTC) day and the report answering only: made once per day for each report,
  // not per question (its dates, age and text were 3% of a question's time on a library of 20).
  let staleDay = NaN;
  const stales = new Map<LibraryReport, ReplyNote | undefined>();
  const staleOn = (now: Date, answering: LibraryReport): ReplyNote | undefined => {
    const day = Math.floor(now.getTime() / 86_400_000);
    if (day !== staleDay) (stales.clear(), (staleDay = day));
    if (!stales.has(answering)) stales.set(answering, staleNote(newest, now, answering));
    return stales.get(answering);
  };

  /** The Answer to `q` at `now`, uncached. */
  const answerAt = (q: string, now: Date): Answer => {
    let routed: Routed;
    // "06/30/2017" as "2017-06-30", "in the past 12 months" as its days (rewrite.ts), which every time reader
    // reads; the core then finds nothing to rewrite, so the reading notes are this engine's.
    const rewritten = rewriteQuestion(q, now);
    try {
      routed = route(rewritten.text, now);
    } catch (error) {
      // The core answers every string; a fault in reading the library falls back to the newest report.
      options.onError?.(error, q);
      routed = from(newest, rewritten.text);
    }
    if (rewritten.readings.length) routed = withNotes(routed, rewritten.readings);
    const stale = routed.reply.notes.some((n) => n.kind === 'stale') ? undefined : staleOn(now, routed.from);
    // An answer that already quotes the caveat (one about whether the report is current) has said it.
    const reply = stale && !quotesCaveat(routed.reply, stale) ? { ...routed.reply, notes: [...routed.reply.notes, stale] } : routed.reply;
    return withReports(finish(q.trim(), reply, refOf(routed.from), routed.from.id), byId);
  };

  return {
    report: newest.report,
    library,
    answer(question: string): Answer {
      const q = typeof question === 'string' ? question : String(question);
      const now = clock();
      // The finished Answer for the same words on the same (UTC) day, as the per-report engines key their
      // replies: routing, finishing and the Markdown text were most of a repeated question's time.
      const key = answers && q.length <= MAX_QUESTION_LENGTH ? `${now.toISOString().slice(0, 10)}\u0000${q}` : undefined;
      const cached = key === undefined ? undefined : answers!.get(key);
      if (cached) return cached;
      const answer = answerAt(q, now);
      if (key !== undefined) answers!.set(key, answer);
      return answer;
    },
  };
}

const quoteOf = (r: LibraryReport, s: { quote: string; path: string[] }): AcrossQuote => ({ ...citeSource(s), report: r.id });
const note = (kind: ReplyNote['kind'], text: string, ...quotes: AcrossQuote[]): ReplyNote => (quotes.length ? { kind, text, citations: quotes } : { kind, text });

/** "the SOC 3 for April 1, 2017 – September 30, 2017 (aws-soc3-2017) and 2 others": the library in a clause. */
function libraryBrief(reports: readonly LibraryReport[]): string {
  return reports.length <= 3 ? joinAnd(reports.map(reportLabel)) : `${reports.length} reports, the newest ${reportLabel(reports[0]!)}`;
}

/**
 * When the newest period ended more than {@link STALE_AFTER_MONTHS} months before `now`: one `stale` note, with
 * the end date and how long ago, citing the accountants' caveat about projections to future periods (quoted
 * from `answering`, the report the answer is from, which carries the same caveat, else from the newest).
 */
export function staleNote(newest: LibraryReport, now: Date, answering: LibraryReport = newest): ReplyNote | undefined {
  const end = new Date(`${newest.period.end}T00:00:00Z`);
  // The period's last day counts in full: stale from the day after it, 12 months on.
  if (now.getTime() < addMonths(new Date(end.getTime() + 86_400_000), STALE_AFTER_MONTHS).getTime()) return undefined;
  const source = answering.report.futurePeriodsCaveat ? answering : newest;
  const caveat = source.report.futurePeriodsCaveat;
  const text = `The newest report's period ended ${longDate(newest.period.end)}, ${ageText(monthsBetween(end, now))} ago; the accountants caution that projecting their evaluation to later periods is subject to risk`;
  return note('stale', text, quoteOf(source, caveat ?? newest.report.period.source));
}

/** True when a note of `reply` already cites the quote `stale` rests on. */
function quotesCaveat(reply: Reply, stale: ReplyNote): boolean {
  const caveat = stale.citations?.[0]?.quote;
  return caveat !== undefined && reply.notes.some((n) => n.citations?.some((c) => c.quote === caveat));
}

const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));

/**
 * Adds notes: after the reply's own, or, with `unknown`, first (they lead) and a yes, no or partly becomes `unknown`;
 * with `partly` (the time asked is only partly within the report answering), a yes becomes partial.
 */
function withNotes(routed: Routed, notes: ReplyNote[], o: { unknown?: boolean; lead?: boolean; partly?: boolean } = {}): Routed {
  const r = routed.reply;
  const decided = r.verdict === 'yes' || r.verdict === 'no' || r.verdict === 'partial';
  const verdict = o.unknown && decided ? 'unknown' : o.partly && r.verdict === 'yes' ? 'partial' : r.verdict;
  return { ...routed, reply: { ...r, verdict, notes: o.unknown || o.lead ? [...notes, ...r.notes] : [...r.notes, ...notes] } };
}

/** Sets `report` (the newest cited) and `reports` (each report cited, newest first) when an answer cites several. */
function withReports(a: Answer, byId: ReadonlyMap<string, LibraryReport>): Answer {
  const cited = [...new Set(a.citations.map((c) => c.report))].map((id) => (id ? byId.get(id) : undefined)).filter((r): r is LibraryReport => !!r);
  if (cited.length <= 1) return a;
  const refs = cited.sort(byNewest).map(refOf);
  return { ...a, report: refs[0]!, reports: refs };
}
