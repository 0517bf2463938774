import type { AliasData } from '../../data/aliases.js';
import type { LibraryReport } from '../../report/library.js';
import type { Report, SourceQuote } from '../../report/schema.js';
import type { Answer, Citation, Match } from '../answer.js';
import { citation, citeSource, joinAnd, longDate, periodText } from '../cite.js';
import { fold } from '../normalize.js';
import { daysBetween, nextDay } from '../when.js';
import { bold } from './shared.js';

/**
 * Answers drawn from several reports of the library: the list of reports, the history of a service (or
 * place) across them, and what changed between two. Every citation carries the id of the report it quotes.
 */

/** A verbatim quote of one report, with the id of the report it quotes. */
export type AcrossQuote = Citation & { report: string };

/** One thing a cross-report answer is about: a service, region or edge location, with what happened to it. */
export interface AcrossItem {
  asked: string;
  kind: Match['kind'];
  name: string;
  /** In a history: `in_scope`/`not_listed` in the report the answer is about; in a comparison: `added`, `removed`, `renamed`. */
  status: 'in_scope' | 'not_listed' | 'covered' | 'not_covered' | 'added' | 'removed' | 'renamed';
  reading: 'exact';
  citations: AcrossQuote[];
}

/** A statement of a cross-report answer: `history` (a line of it), `comparison`, `library` (one report of the list). */
export interface AcrossNote {
  kind: 'history' | 'comparison' | 'library' | 'period' | 'stale';
  text: string;
  citations?: AcrossQuote[];
}

/** A reply across reports: what these composers decide (the engine turns it into an Answer). */
export interface AcrossReply {
  intent: Answer['intent'];
  verdict: Answer['verdict'];
  items: AcrossItem[];
  notes: AcrossNote[];
  /** Quotes besides those of the items and notes. */
  citations: AcrossQuote[];
  /** The reports cited, newest first. */
  reports: LibraryReport[];
}

/** "SOC 3, April 1, 2017 – September 30, 2017 (aws-soc3-2017)": a report as prose names it. */
export function reportLabel(r: LibraryReport): string {
  return `the ${r.kind === 'report' ? r.title : r.kind} for ${periodText(r.report)} (${r.id})`;
}

const cite = (r: LibraryReport, c: Citation) => ({ ...c, report: r.id });
const citeQuote = (r: LibraryReport, s: SourceQuote) => cite(r, citeSource(s));
const newestFirst = (reports: Iterable<LibraryReport>) => [...new Set(reports)].sort((a, b) => b.period.end.localeCompare(a.period.end) || b.period.start.localeCompare(a.period.start));

/** "which reports do you have?": the library, newest first, each with its kind, period, organization and auditor. */
export function composeReportList(library: readonly LibraryReport[]): AcrossReply {
  const n = library.length;
  const notes: AcrossNote[] = [{ kind: 'library', text: `The library holds ${n === 1 ? 'one report' : `${n} reports, newest first`}:` }];
  for (const r of library) {
    notes.push({
      kind: 'library',
      text:
        `${bold(r.id)}: ${r.kind === 'report' ? r.title : `${r.kind}, ${r.title}`} of ${r.serviceOrganization}, for ${periodText(r.report)}; ` +
        `${r.auditor.firm}, dated ${longDate(r.auditor.reportDate)}; ${r.counts.services} services, ${r.counts.regions} regions, ${r.counts.edgeLocations} edge locations`,
      citations: [citeQuote(r, r.report.period.source)],
    });
  }
  return { intent: 'report_list', verdict: 'info', items: [], notes, citations: [], reports: [...library] };
}

/** What one report says of the things asked about: its answer's matches, in the order asked, with the citations. */
export interface ReportFinding {
  report: LibraryReport;
  answer: Pick<Answer, 'verdict' | 'matches' | 'citations'>;
}

const SUBJECT_KINDS = new Set<Match['kind']>(['service', 'region', 'edge_location', 'criterion']);

/**
 * "since when is Connect in scope?", "when was Connect added?", "was Connect in scope in the previous report?":
 * each thing asked about, in every report, oldest first, with the first and last periods it is listed in and
 * any gap (a report in between that does not list it, or days no report covers). With `focus`, the verdict is
 * that report's yes or no; otherwise `info`. `findings` are oldest first, one per report; undefined when the
 * question names nothing a report lists or could list.
 */
export function composeHistory(findings: ReportFinding[], focus?: LibraryReport): AcrossReply | undefined {
  const newest = findings.at(-1)!;
  const width = Math.max(...findings.map((f) => f.answer.matches.length));
  const subjects: { name: string; kind: Match['kind']; listed: boolean[]; quotes: (AcrossQuote | undefined)[] }[] = [];
  for (let i = 0; i < width; i++) {
    const at = findings.map((f) => f.answer.matches[i]);
    const named = [...at].reverse().find((m) => m?.inScope) ?? newest.answer.matches[i] ?? at.find(Boolean);
    if (!named || !SUBJECT_KINDS.has(named.kind)) continue;
    // Each report's evidence for it: the quote naming it where listed, else the list it is not on.
    const quotes = findings.map((f, k) => {
      const m = at[k];
      const c = (m?.inScope ? f.answer.citations.find((x) => x.quote.includes(m.name)) : undefined) ?? f.answer.citations[0];
      return c ? cite(f.report, c) : undefined;
    });
    subjects.push({ name: named.name, kind: named.kind, listed: at.map((m) => Boolean(m?.inScope)), quotes });
  }
  if (subjects.length === 0) return undefined;
  const n = findings.length;
  const label = (i: number) => reportLabel(findings[i]!.report);
  const notes: AcrossNote[] = [];
  const focusAt = focus ? findings.findIndex((f) => f.report === focus) : -1;
  for (const s of subjects) {
    const first = s.listed.indexOf(true);
    const last = s.listed.lastIndexOf(true);
    const name = bold(s.name);
    if (first < 0) {
      notes.push({ kind: 'history', text: `${name} is not listed in any of the ${n} reports in the library` });
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
    notes.push({ kind: 'history', text });
  }
  // Days between consecutive periods that no report covers.
  const holes: string[] = [];
  for (let i = 1; i < n; i++) {
    const before = findings[i - 1]!.report.period.end;
    const after = findings[i]!.report.period.start;
    if (daysBetween(before, after) > 1) holes.push(`${longDate(nextDay(before))} – ${longDate(nextDay(after, -1))}`);
  }
  if (holes.length) notes.push({ kind: 'history', text: `No report covers ${joinAnd(holes)}` });
  notes.push({ kind: 'history', text: 'Oldest first:' });
  findings.forEach((_f, i) => {
    const quotes = subjects.map((s) => s.quotes[i]).filter((q): q is AcrossQuote => q !== undefined);
    notes.push({ kind: 'history', text: `${label(i)}: ${joinAnd(subjects.map((s) => `${s.name} ${s.listed[i] ? 'listed' : 'not listed'}`), ';')}`, citations: quotes });
  });

  let verdict: Answer['verdict'] = 'info';
  if (focus) {
    const listed = subjects.map((s) => s.listed[focusAt]!);
    verdict = listed.every(Boolean) ? 'yes' : listed.some(Boolean) ? 'partial' : 'no';
    const word = { yes: 'Yes', no: 'No', partial: 'Partly' }[verdict as 'yes' | 'no' | 'partial'];
    const what = joinAnd(subjects.map((s, k) => `${bold(s.name)} ${listed[k] ? (s.kind === 'service' ? 'is in scope' : 'is covered') : 'is not listed'}`));
    notes.unshift({ kind: 'history', text: `${word}: in ${label(focusAt)}, ${what}` });
  }
  const at = focus ? focusAt : n - 1;
  const status = (s: (typeof subjects)[number]): AcrossItem['status'] => (s.kind === 'service' ? (s.listed[at] ? 'in_scope' : 'not_listed') : s.listed[at] ? 'covered' : 'not_covered');
  return {
    intent: 'scope_history',
    verdict,
    items: subjects.map((s) => ({ asked: s.name, kind: s.kind, name: s.name, status: status(s), reading: 'exact', citations: s.quotes[at] ? [s.quotes[at]!] : [] })),
    notes,
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
 * removed and renamed, regions and edge locations added and removed, criteria and auditor changes; each
 * name cited in the report it comes from (added: the newer report's list; removed: the older one's).
 */
export function composeDiff(older: LibraryReport, newer: LibraryReport, data: AliasData): AcrossReply {
  const d = diffReports(older.report, newer.report, data);
  const o = older.report;
  const n = newer.report;
  const quote = (r: LibraryReport, source: SourceQuote | undefined, name: string): AcrossQuote[] => (source ? [cite(r, citation(source.path, name))] : []);
  const items: AcrossItem[] = [];
  const item = (kind: Match['kind'], name: string, status: AcrossItem['status'], citations: AcrossQuote[]) => items.push({ asked: name, kind, name, status, reading: 'exact', citations });
  for (const x of d.services.added) item('service', x, 'added', quote(newer, n.servicesSource, x));
  for (const x of d.services.removed) item('service', x, 'removed', quote(older, o.servicesSource, x));
  for (const x of d.services.renamed) item('service', x.to, 'renamed', [...quote(older, o.servicesSource, x.from), ...quote(newer, n.servicesSource, x.to)]);
  for (const x of d.regions.added) item('region', x, 'added', quote(newer, n.regionsSource, x));
  for (const x of d.regions.removed) item('region', x, 'removed', quote(older, o.regionsSource, x));
  for (const x of d.edgeLocations.added) item('edge_location', x, 'added', quote(newer, n.edgeLocationsSource, x));
  for (const x of d.edgeLocations.removed) item('edge_location', x, 'removed', quote(older, o.edgeLocationsSource, x));

  const notes: AcrossNote[] = [{ kind: 'comparison', text: `From ${reportLabel(older)} to ${reportLabel(newer)}`, citations: [cite(older, citeSource(o.period.source)), cite(newer, citeSource(n.period.source))] }];
  const list = (what: string, added: string[], removed: string[]) => {
    const parts = [added.length ? `added ${joinAnd(added.map(bold))}` : '', removed.length ? `removed ${joinAnd(removed.map(bold))}` : ''].filter(Boolean);
    if (parts.length) notes.push({ kind: 'comparison', text: `${what}: ${parts.join('; ')}` });
  };
  list('Services', d.services.added, d.services.removed);
  if (d.services.renamed.length) notes.push({ kind: 'comparison', text: `Renamed: ${joinAnd(d.services.renamed.map((x) => `${bold(x.from)} is now ${bold(x.to)}`))}` });
  list('Regions', d.regions.added, d.regions.removed);
  list('Edge locations', d.edgeLocations.added, d.edgeLocations.removed);
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
  return { intent: 'report_comparison', verdict: 'info', items, notes, citations: [], reports: [newer, older] };
}
