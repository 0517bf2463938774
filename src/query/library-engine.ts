import { loadAliasData } from '../data/aliases.js';
import { byNewest, type LibraryReport, type ReportLibrary } from '../report/library.js';
import type { Report } from '../report/schema.js';
import type { Answer, Citation, ReportRef } from './answer.js';
import { citeSource, joinAnd, longDate } from './cite.js';
import { composeDiff, composeHistory, composeReportList, reportLabel, type AcrossNote, type AcrossQuote, type AcrossReply } from './compose/across.js';
import { createEngine, type Engine, type EngineOptions } from './engine.js';
import { readLibraryQuestion, type LibraryReading } from './across.js';
import { MAX_QUESTION_LENGTH } from './limits.js';
import { ageText, covers, monthsBetween, overlapDays, type TimeSpan } from './when.js';

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
const SCOPE_WORDS = /\b(?:in\s+scope|covered|included|listed|audited|part\s+of)\b/i;

/**
 * Builds the engine for `library` (at least one report). The per-report indexes are built on first use, so a
 * library of many reports starts as fast as one. `options.now` is the clock (default: the system's).
 */
export function createLibraryEngine(library: ReportLibrary, options: EngineOptions = {}): LibraryEngine {
  const reports = library.reports;
  if (reports.length === 0) throw new Error('a report library needs at least one report');
  const newest = reports[0]!;
  const oldestFirst = [...reports].reverse();
  const data = options.data ?? loadAliasData();
  const engines = new Map<LibraryReport, Engine>();
  const engineOf = (r: LibraryReport): Engine => {
    let e = engines.get(r);
    if (!e) engines.set(r, (e = createEngine(r.report, { ...options, data })));
    return e;
  };
  const clock = options.now ?? (() => new Date());
  const refs: Refs = new Map(reports.map((r) => [r.id, refOf(r)]));
  const withNotes = (a: Answer, notes: AcrossNote[], o: { unknown?: boolean } = {}) => addNotes(a, notes, refs, o);

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

  /** A single report's answer, its citations tagged with the report's id. */
  const from = (r: LibraryReport, question: string): Answer => {
    const a = engineOf(r).answer(question);
    return { ...a, citations: a.citations.map((c) => ({ ...c, report: r.id })) };
  };

  const across = (question: string, reply: AcrossReply): Answer => fromAcross(question, reply, refs);

  const route = (question: string, now: Date): Answer => {
    if (question.length > MAX_QUESTION_LENGTH) return from(newest, question);
    const reading = readLibraryQuestion(question, reports, now);
    if (reading.across === 'diff') return diff(question, reading);
    if (reading.across === 'history' || reading.aboutReports) {
      const history = historyOf(question, reading);
      if (history) return history;
      if (reading.aboutReports) return across(question, composeReportList(reports));
    }
    if (reading.named.length) {
      const r = reading.named[0]!;
      return withNotes(from(r, reading.rest || question), [{ kind: 'period', text: `Answered from ${reportLabel(r)}, as asked`, citations: [quoteOf(r, r.report.period.source)] }]);
    }
    const season = reading.missing.find((m) => /^(?:spring|summer|fall|autumn|winter) \d{4}$/i.test(m));
    if (reading.missing.length && !season) {
      const what = joinAnd(reading.missing.map((m) => `“${m}”`));
      // A kind of report the library lacks: the newest answers the question as asked (it says what it is).
      if (reading.missing.some((m) => /^SOC /.test(m))) return withNotes(from(newest, question), [{ kind: 'period', text: `The library holds no ${what} report; it holds ${libraryBrief(reports)}` }]);
      return withNotes(from(newest, reading.rest || question), [{ kind: 'period', text: `The library has no ${what}: it holds ${libraryBrief(reports)}. What ${reportLabel(newest)} says`, citations: [quoteOf(newest, newest.report.period.source)] }], { unknown: true });
    }
    const times = reading.times.filter((t) => t.start && t.end);
    if (times.length === 0 && !season) return from(newest, question);
    if (season) {
      const span = readLibraryQuestion(season, [], now).times[0];
      return uncovered(reading, season, span ? placeTime(span) : { how: 'none' as const, nearest: [newest] });
    }
    // One report covering every time asked, else the first time decides.
    const all = reports.find((r) => times.every((t) => covers(r.period, t)));
    const t = times[0]!;
    const placed = all ? { how: 'covers' as const, report: all, also: [] as LibraryReport[] } : placeTime(t);
    if (placed.how === 'none') return uncovered(reading, joinAnd(times.map((x) => x.text)), placed);
    const r = placed.report;
    const verb = placed.how === 'covers' ? 'cover' : 'overlap';
    const others = placed.also.length ? `; ${joinAnd(placed.also.map(reportLabel))} also ${placed.also.length > 1 ? verb : `${verb}s`} it` : '';
    if (placed.how === 'covers') {
      // Only the newest report answers without saying which: any other is named with why it was chosen.
      const a = from(r, reading.rest || question);
      return withNotes(a, [{ kind: 'period', text: `Answered from ${reportLabel(r)}, whose period holds ${joinAnd(times.map((x) => x.text))}${others}`, citations: [quoteOf(r, r.report.period.source)] }]);
    }
    // Partly covered: a year that holds the report's period is that year's report; any other part-time is
    // not one the report can speak for as a whole, so no yes or no.
    const partText = `${t.text} is only partly within ${reportLabel(r)}${others}`;
    if (t.unit === 'year') return withNotes(from(r, reading.rest || question), [{ kind: 'period', text: partText, citations: [quoteOf(r, r.report.period.source)] }]);
    return withNotes(from(r, reading.rest || question), [{ kind: 'period', text: `No single report covers all of ${t.text}: ${partText}. What it says for its own period`, citations: [quoteOf(r, r.report.period.source)] }], { unknown: true });
  };

  /** A time no report covers: `unknown`, naming the nearest reports, with what the nearest says for its own period. */
  const uncovered = (reading: LibraryReading, what: string, placed: { how: 'none'; nearest: LibraryReport[] } | { how: 'covers' | 'overlaps'; report: LibraryReport }) => {
    const nearest = placed.how === 'none' ? placed.nearest : [placed.report];
    const r = nearest[0] ?? newest;
    const text = `No report in the library covers ${what}; the nearest ${nearest.length > 1 ? 'are' : 'is'} ${joinAnd(nearest.map(reportLabel))}. What ${reportLabel(r)} says for its own period`;
    return withNotes(from(r, reading.rest), [{ kind: 'period', text, citations: nearest.map((x) => quoteOf(x, x.report.period.source)) }], { unknown: true });
  };

  const historyOf = (question: string, reading: LibraryReading): Answer | undefined => {
    const rest = reading.rest.replace(/[?.!\s]+$/, '');
    // "which reports do you have?" names nothing but reports.
    if (!rest || (reading.across !== 'history' && !rest.replace(LIST_WORDS, ' ').trim())) return undefined;
    const core = SCOPE_WORDS.test(rest) ? `${rest}?` : `is ${rest.replace(/^(?:is|was|were|are|has|have|had|did|does)\s+/i, '')} in scope?`;
    // Only a question that names something a report lists or could list has a history.
    const probe = from(newest, core);
    if (!SUBJECT_INTENTS.has(probe.intent) || !probe.matches.some((m) => m.kind !== 'category')) return undefined;
    const findings = oldestFirst.map((r) => ({ report: r, answer: r === newest ? probe : from(r, core) }));
    const reply = composeHistory(findings, reading.across === 'history' ? reading.ordinal : undefined);
    return reply ? across(question, reply) : undefined;
  };

  const diff = (question: string, reading: LibraryReading): Answer => {
    if (reports.length < 2) {
      return across(question, { intent: 'report_comparison', verdict: 'unknown', items: [], notes: [{ kind: 'comparison', text: `The library holds one report, ${reportLabel(newest)}; there is no other to compare it with`, citations: [quoteOf(newest, newest.report.period.source)] }], citations: [], reports: [newest] });
    }
    if (reading.missing.length) {
      return across(question, { intent: 'report_comparison', verdict: 'unknown', items: [], notes: [{ kind: 'comparison', text: `The library has no ${joinAnd(reading.missing.map((m) => `“${m}”`))} report to compare; it holds ${libraryBrief(reports)}`, citations: reports.map((r) => quoteOf(r, r.report.period.source)) }], citations: [], reports: [...reports] });
    }
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
    return across(question, composeDiff(older, newer, data));
  };

  return {
    report: newest.report,
    library,
    answer(question: string): Answer {
      const q = typeof question === 'string' ? question : String(question);
      const now = clock();
      let a: Answer;
      try {
        a = route(q, now);
      } catch (error) {
        // The core answers every string; a fault in reading the library falls back to the newest report.
        options.onError?.(error, q);
        a = from(newest, q);
      }
      return withStale({ ...a, question: q.trim() }, reports, now, refs);
    },
  };
}

const quoteOf = (r: LibraryReport, s: { quote: string; path: string[] }): AcrossQuote => ({ ...citeSource(s), report: r.id });

/** "the SOC 3 for April 1, 2017 – September 30, 2017 (aws-soc3-2017) and 2 others": the library in a clause. */
function libraryBrief(reports: readonly LibraryReport[]): string {
  return reports.length <= 3 ? joinAnd(reports.map(reportLabel)) : `${reports.length} reports, the newest ${reportLabel(reports[0]!)}`;
}

/**
 * When the newest period ended more than {@link STALE_AFTER_MONTHS} months before `now`: one `stale` note,
 * with the end date and how long ago, citing the accountants' caveat about projections to future periods.
 */
export function staleNote(newest: LibraryReport, now: Date, answering: LibraryReport = newest): AcrossNote | undefined {
  const end = new Date(`${newest.period.end}T00:00:00Z`);
  const months = monthsBetween(end, now);
  if (months < STALE_AFTER_MONTHS || (months === STALE_AFTER_MONTHS && now.getTime() <= addMonths(end, STALE_AFTER_MONTHS).getTime())) return undefined;
  // Every report carries the caveat; quoting the one that answered keeps the answer on that report.
  const source = answering.report.futurePeriodsCaveat ? answering : newest;
  const caveat = source.report.futurePeriodsCaveat;
  return {
    kind: 'stale',
    text: `The newest report's period ended ${longDate(newest.period.end)}, ${ageText(months)} ago; the accountants caution that projecting their evaluation to later periods is subject to risk`,
    citations: [quoteOf(source, caveat ?? newest.report.period.source)],
  };
}

const addMonths = (d: Date, n: number) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, d.getUTCDate()));

// ---- Answer assembly (the Answer shape of src/query/answer.ts) ----

type Tagged = Citation & { report?: string };
type LibraryAnswer = Answer & { notes?: { kind: string; text: string }[]; reports?: Ref[] };
/** Every report of the library by id, to name the reports an answer cites. */
type Refs = ReadonlyMap<string, Ref>;

const key = (c: Tagged) => `${c.report ?? ''}|${c.path.join('>')}|${c.quote}`;
function merge(citations: Tagged[]): Tagged[] {
  const seen = new Set<string>();
  return citations.filter((c) => !seen.has(key(c)) && seen.add(key(c)));
}

/** Sets `report` (the newest cited) and `reports` (each report cited, newest first, when more than one). */
function withReports(a: LibraryAnswer, refs: Refs): LibraryAnswer {
  const ids = new Set((a.citations as Tagged[]).map((c) => c.report).filter((id): id is string => !!id));
  const cited = [...ids].map((id) => refs.get(id)).filter((r): r is Ref => !!r);
  cited.sort((x, y) => y.periodEnd.localeCompare(x.periodEnd) || y.periodStart.localeCompare(x.periodStart));
  if (cited.length <= 1) return a;
  return { ...a, report: cited[0]!, reports: cited };
}

const sentence = (s: string) => (/[.?!:]$/.test(s) ? s : `${s}.`);

/** Adds notes to an answer; `unknown` makes a yes, no or partly `unknown` and puts the notes first. */
function addNotes(a: LibraryAnswer, notes: AcrossNote[], refs: Refs, o: { unknown?: boolean } = {}): LibraryAnswer {
  const decided = a.verdict === 'yes' || a.verdict === 'no' || a.verdict === 'partial';
  const verdict = o.unknown && decided ? 'unknown' : a.verdict;
  const lines = notes.map((n) => sentence(n.text)).join(' ');
  const body = o.unknown && decided ? a.text.replace(/^(Yes|No|Partly)\.\s*/, '') : a.text;
  const text = o.unknown ? `${lines}\n${body}` : `${body}\n${lines}`;
  const citations = merge([...(a.citations as Tagged[]), ...notes.flatMap((n) => n.citations ?? [])]);
  const all = [...(a.notes ?? []), ...notes.map((n) => ({ kind: n.kind, text: n.text }))];
  return withReports({ ...a, verdict, text, citations, notes: all }, refs);
}

function fromAcross(question: string, r: AcrossReply, refs: Refs): LibraryAnswer {
  const citations = merge([...r.items.flatMap((i) => i.citations), ...r.notes.flatMap((n) => n.citations ?? []), ...r.citations]);
  const lines = r.notes.map((n) => sentence(n.text));
  const items = r.items.map((i) => `- ${i.name}: ${i.status.replace('_', ' ')}`);
  const answer: LibraryAnswer = {
    question: question.trim(),
    intent: r.intent,
    verdict: r.verdict,
    matches: r.items.map((i) => ({ kind: i.kind, name: i.name, inScope: i.status === 'in_scope' || i.status === 'covered' || i.status === 'added' || i.status === 'renamed' })),
    suggestions: [],
    text: [...lines, ...items].join('\n'),
    citations,
    report: refOf(r.reports[0]!),
    notes: r.notes.map((n) => ({ kind: n.kind, text: n.text })),
  };
  return withReports(answer, refs);
}

function withStale(a: LibraryAnswer, library: readonly LibraryReport[], now: Date, refs: Refs): LibraryAnswer {
  if (a.notes?.some((n) => n.kind === 'stale')) return a;
  const note = staleNote(library[0]!, now, library.find((r) => r.id === a.report.id));
  return note ? addNotes(a, [note], refs) : a;
}
