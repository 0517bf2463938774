import type { AliasData } from '../../data/aliases.js';
import type { LibraryReport } from '../../report/library.js';
import type { Report, SourceQuote } from '../../report/schema.js';
import { COVERED_STATUSES, type Answer, type ItemStatus, type Match } from '../answer.js';
import { citation, citeSource, joinAnd, longDate, periodText } from '../cite.js';
import type { Quote, Reply, ReplyItem, ReplyNote } from '../reply.js';
import { fold } from '../normalize.js';
import { daysBetween, nextDay } from '../when.js';
import { formatPeriod } from '../../present/words.js';
import { bold } from './shared.js';
import { serviceNamed } from '../../report/lookup.js';

/**
 * Answers drawn from several reports of the library: the list of reports, the history of a service (or
 * place) across them, and what changed between two. Every citation carries the id of the report it quotes.
 */

/** A verbatim quote of one report, with the id of the report it quotes. */
export type AcrossQuote = Quote & { report: string };

/** A reply across reports: a Reply whose quotes each name their report, and the reports cited, newest first. */
export interface AcrossReply extends Reply {
  reports: LibraryReport[];
}

/** "SOC 3, April 1, 2017 – September 30, 2017 (aws-soc3-2017)": a report as prose names it. */
export function reportLabel(r: LibraryReport): string {
  return `the ${r.kind === 'report' ? r.title : r.kind} for ${periodText(r.report)} (${r.id})`;
}

const cite = (r: LibraryReport, c: Quote): AcrossQuote => ({ ...c, report: r.id });
const citeQuote = (r: LibraryReport, s: SourceQuote) => cite(r, citeSource(s));
const newestFirst = (reports: Iterable<LibraryReport>) => [...new Set(reports)].sort((a, b) => b.period.end.localeCompare(a.period.end) || b.period.start.localeCompare(a.period.start));

/** "which reports do you have?": the library, newest first, each with its kind, period, organization and auditor. */
export function composeReportList(library: readonly LibraryReport[]): AcrossReply {
  const n = library.length;
  const notes: ReplyNote[] = [{ kind: 'library', text: `The library holds ${n === 1 ? 'one report' : `${n} reports, newest first`}:` }];
  for (const r of library) {
    notes.push({
      kind: 'library',
      text:
        `${bold(r.id)}: ${r.kind === 'report' ? r.title : `${r.kind}, ${r.title}`} of ${r.serviceOrganization}, for ${periodText(r.report)}; ` +
        `${r.auditor.firm}, dated ${longDate(r.auditor.reportDate)}; ${r.counts.services} services, ${r.counts.regions} regions, ${r.counts.edgeLocations} edge locations`,
      citations: [citeQuote(r, r.report.period.source)],
    });
  }
  return { intent: 'report_list', verdict: 'info', items: [], notes, suggestions: [], citations: [], reports: [...library] };
}

/** What one report says of the things asked about (its Reply to the question as a scope question). */
export interface ReportFinding {
  report: LibraryReport;
  reply: Pick<Reply, 'items'>;
}

const SUBJECT_KINDS = new Set<Match['kind']>(['service', 'region', 'edge_location', 'criterion']);

/** The list a report would name a thing of this kind on: its evidence that the thing is not on it. */
function listOf(r: LibraryReport, kind: Match['kind']): AcrossQuote {
  const x = r.report;
  const source = kind === 'region' ? x.regionsSource : kind === 'edge_location' ? x.edgeLocationsSource : kind === 'criterion' ? x.criteriaSource.covered : x.servicesSource;
  return citeQuote(r, source ?? x.servicesSource);
}

/**
 * "since when is Connect in scope?", "when was Connect added?", "was Connect in scope in the previous report?":
 * each thing asked about (by the user's term, so a renamed service is one thing), in every report, oldest
 * first, with the first and last periods it is listed in and any gap (a report in between that does not list
 * it, or days no report covers). With `focus`, the verdict is that report's yes, no or partly; otherwise
 * `info`. `findings` are oldest first, one per report; undefined when the question names nothing a report
 * lists or could list.
 */
export function composeHistory(findings: ReportFinding[], focus?: LibraryReport): AcrossReply | undefined {
  const n = findings.length;
  const asked: string[] = [];
  for (const f of findings) for (const i of f.reply.items) if (SUBJECT_KINDS.has(i.kind) && i.status !== 'ambiguous' && !asked.includes(i.asked.toLowerCase())) asked.push(i.asked.toLowerCase());
  const subjects = asked.map((term) => {
    const at = findings.map((f) => f.reply.items.find((i) => i.asked.toLowerCase() === term && SUBJECT_KINDS.has(i.kind)));
    const listed = at.map((i) => !!i && COVERED_STATUSES.has(i.status));
    // Named as the newest report that lists it spells it, else as the newest report reads the term.
    const named = [...at].reverse().find((i, k) => i && listed[n - 1 - k]) ?? [...at].reverse().find(Boolean)!;
    const quotes = at.map((i, k) => (listed[k] && i?.citations[0] ? cite(findings[k]!.report, i.citations[0]) : listOf(findings[k]!.report, named.kind)));
    return { name: named.name, kind: named.kind, asked: named.asked, listed, quotes, names: at.map((i) => i?.name) };
  });
  if (subjects.length === 0) return undefined;
  const label = (i: number) => reportLabel(findings[i]!.report);
  const notes: ReplyNote[] = [];
  const focusAt = focus ? findings.findIndex((f) => f.report === focus) : -1;
  for (const s of subjects) {
    const first = s.listed.indexOf(true);
    const last = s.listed.lastIndexOf(true);
    const name = bold(s.name);
    if (first < 0) {
      notes.push({ kind: 'history', text: `${name} is not listed in any of the ${n} reports in the library`, citations: s.quotes });
      continue;
    }
    const count = s.listed.filter(Boolean).length;
    let text =
      count === n
        ? `${name} is listed in ${n === 1 ? 'the only report' : `all ${n} reports`} in the library, from ${label(0)}${n > 1 ? ` to ${label(n - 1)}` : ''}; the library holds no earlier report`
        : `${name} is listed in ${count} of the ${n} reports: first in ${label(first)}${first > 0 ? ` (not in ${label(first - 1)} before it)` : ', the earliest the library holds'}; last in ${label(last)}${last === n - 1 ? ', the newest' : ''}`;
    const gaps = s.listed.map((x, i) => (!x && i > first && i < last ? i : -1)).filter((i) => i >= 0);
    if (gaps.length) text += `. It is not listed in ${joinAnd(gaps.map(label))} in between`;
    if (last < n - 1) text += `. It is not listed in the newest report, ${label(n - 1)}`;
    notes.push({ kind: 'history', text, citations: [s.quotes[first]!, s.quotes[last]!, ...gaps.map((g) => s.quotes[g]!)] });
  }
  // Days between consecutive periods that no report covers.
  const holes: string[] = [];
  for (let i = 1; i < n; i++) {
    const before = findings[i - 1]!.report.period.end;
    const after = findings[i]!.report.period.start;
    if (daysBetween(before, after) > 1) holes.push(`${longDate(nextDay(before))} – ${longDate(nextDay(after, -1))}`);
  }
  if (holes.length) notes.push({ kind: 'history', text: `No report covers ${joinAnd(holes)}`, citations: findings.map((f) => citeQuote(f.report, f.report.report.period.source)) });
  if (n > 1) {
    notes.push({ kind: 'history', text: 'Oldest first:' });
    findings.forEach((_f, i) => {
      // A renamed service is listed under the name of its time ("as Amazon Kinesis Streams").
      const row = (s: (typeof subjects)[number]) => (s.listed[i] ? `${s.name} listed${s.names[i] && s.names[i] !== s.name ? ` (as ${s.names[i]})` : ''}` : `${s.name} not listed`);
      notes.push({ kind: 'history', text: `${label(i)}: ${joinAnd(subjects.map(row), ';')}`, citations: subjects.map((s) => s.quotes[i]!) });
    });
  }

  let verdict: Answer['verdict'] = 'info';
  if (focus) {
    const listed = subjects.map((s) => s.listed[focusAt]!);
    verdict = listed.every(Boolean) ? 'yes' : listed.some(Boolean) ? 'partial' : 'no';
    const what = joinAnd(subjects.map((s, k) => `${bold(s.name)} ${listed[k] ? (s.kind === 'service' ? 'is in scope' : 'is covered') : 'is not listed'}`));
    notes.unshift({ kind: 'history', text: `In ${label(focusAt)}, ${what}`, citations: subjects.map((s) => s.quotes[focusAt]!) });
  }
  const at = focus ? focusAt : n - 1;
  const status = (s: (typeof subjects)[number]): ItemStatus => (s.kind === 'service' ? (s.listed[at] ? 'in_scope' : 'not_listed') : s.listed[at] ? 'covered' : 'not_covered');
  return {
    intent: 'scope_history',
    verdict,
    items: subjects.map((s): ReplyItem => ({ asked: s.asked, kind: s.kind, name: s.name, status: status(s), reading: 'exact', citations: [s.quotes[at]!] })),
    notes,
    suggestions: [],
    citations: [],
    reports: newestFirst(findings.map((f) => f.report)),
  };
}

/** Two names of one service: the alias data says one is a later name or abbreviation of the other, or both end in the same abbreviation. */
export function sameService(a: string, b: string, data: AliasData): boolean {
  const vendors = data.services.vendorPrefixes.map((v) => fold(v));
  const bare = (s: string) => {
    const f = fold(s);
    const v = vendors.find((x) => f.startsWith(`${x} `));
    return v ? f.slice(v.length + 1) : f;
  };
  const forms = (s: string) => new Set([fold(s), bare(s), bare(s.replace(/\s*\([^)]*\)\s*$/, ''))]);
  const fa = forms(a);
  const fb = forms(b);
  const abbreviation = (s: string) => /\(([^)]+)\)\s*$/.exec(s)?.[1];
  if (abbreviation(a) && abbreviation(a) === abbreviation(b)) return true;
  return data.services.aliases.some((x) => {
    if (x.kind === 'concept') return false;
    const alias = forms(x.alias);
    const of = (set: Set<string>) => [...set].some((f) => alias.has(f));
    return (x.service === a && of(fb)) || (x.service === b && of(fa));
  });
}

/** What changed between two reports, as lists of names (as each report spells them). */
export interface ReportDiff {
  services: { added: string[]; removed: string[]; renamed: { from: string; to: string }[] };
  regions: { added: string[]; removed: string[] };
  edgeLocations: { added: string[]; removed: string[] };
  criteria: { added: string[]; removed: string[] };
  auditor: { firmChanged: boolean; dateChanged: boolean };
}

const minus = (a: string[], b: string[]) => {
  const bs = new Set(b);
  return a.filter((x) => !bs.has(x));
};

/** The differences from `older` to `newer`; renamed services are matched through the alias data. */
export function diffReports(older: Report, newer: Report, data: AliasData): ReportDiff {
  const oldNames = older.services.map((s) => s.name);
  const newNames = newer.services.map((s) => s.name);
  let removed = minus(oldNames, newNames);
  let added = minus(newNames, oldNames);
  const renamed: { from: string; to: string }[] = [];
  for (const from of removed) {
    const to = added.find((a) => sameService(from, a, data));
    if (to) renamed.push({ from, to });
  }
  removed = removed.filter((r) => !renamed.some((x) => x.from === r));
  added = added.filter((a) => !renamed.some((x) => x.to === a));
  const names = (xs: { name: string }[]) => xs.map((x) => x.name);
  const covered = (r: Report) => r.criteria.filter((c) => c.covered).map((c) => c.name);
  return {
    services: { added, removed, renamed },
    regions: { added: minus(names(newer.regions), names(older.regions)), removed: minus(names(older.regions), names(newer.regions)) },
    edgeLocations: { added: minus(names(newer.edgeLocations), names(older.edgeLocations)), removed: minus(names(older.edgeLocations), names(newer.edgeLocations)) },
    criteria: { added: minus(covered(newer), covered(older)), removed: minus(covered(older), covered(newer)) },
    auditor: { firmChanged: older.auditor.firm !== newer.auditor.firm, dateChanged: older.auditor.reportDate !== newer.auditor.reportDate },
  };
}

/**
 * "what changed between the last two reports?", "compare Spring 2017 with Fall 2016": services added,
 * removed and renamed, regions and edge locations added and removed (one item each), criteria and auditor
 * changes; each name cited in the report it comes from (added: the newer report's list; removed: the older's).
 */
export function composeDiff(older: LibraryReport, newer: LibraryReport, data: AliasData): AcrossReply {
  const d = diffReports(older.report, newer.report, data);
  const o = older.report;
  const n = newer.report;
  const quote = (r: LibraryReport, source: SourceQuote | undefined, name: string): AcrossQuote[] => (source ? [cite(r, citation(source.path, name))] : []);
  const items: ReplyItem[] = [];
  const item = (kind: Match['kind'], name: string, status: ItemStatus, citations: AcrossQuote[], category?: string) =>
    items.push({ asked: name, kind, name, status, reading: 'exact', citations, ...(category ? { category } : {}) });
  const category = (r: Report, name: string) => serviceNamed(r, name)?.category;
  for (const x of d.services.added) item('service', x, 'added', quote(newer, n.servicesSource, x), category(n, x));
  for (const x of d.services.removed) item('service', x, 'removed', quote(older, o.servicesSource, x), category(o, x));
  for (const x of d.services.renamed) item('service', x.to, 'renamed', [...quote(older, o.servicesSource, x.from), ...quote(newer, n.servicesSource, x.to)], category(n, x.to));
  for (const x of d.regions.added) item('region', x, 'added', quote(newer, n.regionsSource, x));
  for (const x of d.regions.removed) item('region', x, 'removed', quote(older, o.regionsSource, x));
  for (const x of d.edgeLocations.added) item('edge_location', x, 'added', quote(newer, n.edgeLocationsSource, x));
  for (const x of d.edgeLocations.removed) item('edge_location', x, 'removed', quote(older, o.edgeLocationsSource, x));

  const periods = [cite(older, citeSource(o.period.source)), cite(newer, citeSource(n.period.source))];
  const changes = items.length ? `${items.length} change${items.length === 1 ? '' : 's'}` : 'no change to services, regions or edge locations';
  const notes: ReplyNote[] = [{ kind: 'comparison', text: `From ${reportLabel(older)} to ${reportLabel(newer)}: ${changes}`, citations: periods }];
  if (d.services.renamed.length) notes.push({ kind: 'comparison', text: `Renamed: ${joinAnd(d.services.renamed.map((x) => `${bold(x.from)} is now ${bold(x.to)}`))}` });
  if (d.criteria.added.length || d.criteria.removed.length) {
    const parts = [d.criteria.added.length ? `added ${joinAnd(d.criteria.added.map(bold))}` : '', d.criteria.removed.length ? `removed ${joinAnd(d.criteria.removed.map(bold))}` : ''].filter(Boolean);
    notes.push({ kind: 'comparison', text: `Trust services criteria: ${parts.join('; ')}`, citations: [cite(older, citeSource(o.criteriaSource.covered)), cite(newer, citeSource(n.criteriaSource.covered))] });
  }
  const dated = [cite(newer, citeSource(n.auditor.dateSource ?? n.auditor.source)), cite(older, citeSource(o.auditor.dateSource ?? o.auditor.source))];
  if (d.auditor.firmChanged) notes.push({ kind: 'comparison', text: `Auditor: ${bold(n.auditor.firm)} (was ${o.auditor.firm}); the newer report is dated ${longDate(n.auditor.reportDate)}`, citations: [cite(newer, citeSource(n.auditor.source)), cite(older, citeSource(o.auditor.source)), ...dated] });
  else notes.push({ kind: 'comparison', text: `Auditor: ${o.auditor.firm} in both; the newer report is dated ${longDate(n.auditor.reportDate)}${d.auditor.dateChanged ? `, the older ${longDate(o.auditor.reportDate)}` : ', as the older'}`, citations: dated });
  const unchanged = [
    !d.services.added.length && !d.services.removed.length && !d.services.renamed.length ? `services (${n.services.length})` : '',
    !d.regions.added.length && !d.regions.removed.length ? `regions (${n.regions.length})` : '',
    !d.edgeLocations.added.length && !d.edgeLocations.removed.length ? `edge locations (${n.edgeLocations.length})` : '',
    !d.criteria.added.length && !d.criteria.removed.length ? 'trust services criteria' : '',
  ].filter(Boolean);
  if (unchanged.length) notes.push({ kind: 'comparison', text: `Unchanged: ${joinAnd(unchanged)}` });
  return { intent: 'report_comparison', verdict: 'info', items, notes, suggestions: [], citations: [], reports: [newer, older] };
}

/** A time asked about, as far as the library covers it: by one report, by several together, in part, or not. */
export interface TimeCoverage {
  text: string;
  start: string;
  end: string;
}

/**
 * "is March 2017 covered?", "which report covers Q4 2016?", "does the library cover 2016?": for each time,
 * the report whose period holds it (`yes`), the reports that cover it together (`yes`, each part named), the
 * part that is covered (`partial`), or none, naming the nearest reports (`no`). `newestFirst` is the library.
 */
export function composeCoverage(times: TimeCoverage[], newestFirst: readonly LibraryReport[]): AcrossReply {
  const notes: ReplyNote[] = [];
  const cited = new Set<LibraryReport>();
  const outcome: ('yes' | 'partial' | 'no')[] = [];
  const oldestFirst = [...newestFirst].reverse();
  for (const t of times) {
    const whole = newestFirst.find((r) => r.period.start <= t.start && t.end <= r.period.end);
    if (whole) {
      cited.add(whole);
      outcome.push('yes');
      notes.push({ kind: 'period', text: `${bold(t.text)} is within the period of ${reportLabel(whole)}`, citations: [citeQuote(whole, whole.report.period.source)] });
      continue;
    }
    // The parts of the time each report covers, in time order (a later report takes over where one ends).
    const parts: { r: LibraryReport; start: string; end: string }[] = [];
    let from = t.start;
    for (const r of oldestFirst) {
      if (r.period.end < from || r.period.start > t.end) continue;
      const start = r.period.start > from ? r.period.start : from;
      const end = r.period.end < t.end ? r.period.end : t.end;
      if (start <= end) parts.push({ r, start, end });
      if (end >= from) from = nextDay(end);
    }
    const covered = parts.reduce((n, p) => n + daysBetween(p.start, p.end) + 1, 0);
    const days = daysBetween(t.start, t.end) + 1;
    for (const p of parts) cited.add(p.r);
    const each = joinAnd(parts.map((p) => `${reportLabel(p.r)} (${formatPeriod(p.start, p.end)})`));
    const quotes = parts.map((p) => citeQuote(p.r, p.r.report.period.source));
    if (parts.length && covered >= days) {
      outcome.push('yes');
      notes.push({ kind: 'period', text: `${bold(t.text)} is covered by ${parts.length} reports together: ${each}`, citations: quotes });
    } else if (parts.length) {
      outcome.push('partial');
      notes.push({ kind: 'period', text: `Only part of ${bold(t.text)} is covered: ${each}`, citations: quotes });
    } else {
      outcome.push('no');
      const before = newestFirst.find((r) => r.period.end < t.start);
      const after = oldestFirst.find((r) => r.period.start > t.end);
      const nearest = [before, after].filter((r): r is LibraryReport => r !== undefined);
      for (const r of nearest) cited.add(r);
      notes.push({ kind: 'period', text: `${bold(t.text)} is not within any report's period; the nearest ${nearest.length > 1 ? 'are' : 'is'} ${joinAnd(nearest.map(reportLabel))}`, citations: nearest.map((r) => citeQuote(r, r.report.period.source)) });
    }
  }
  const verdict = outcome.every((o) => o === 'yes') ? 'yes' : outcome.every((o) => o === 'no') ? 'no' : 'partial';
  return { intent: 'report_fact', verdict, items: [], notes, suggestions: [], citations: [], reports: newestFirst.filter((r) => cited.has(r)) };
}
