import type { Token } from './normalize.js';
import { EVERYWHERE_WORDS, OTHER_PROGRAMS, COUNT_PHRASES, DESCRIBE_PHRASES, HELP_PHRASES, HELP_WORDS, KIND_WORDS, LIST_WORDS, SCOPE_WORDS, STOPWORDS } from './vocabulary.js';

/** A fact about the report as a whole that a question may ask for. */
export type Fact = 'period' | 'auditor' | 'report_date' | 'opinion' | 'criteria' | 'organization' | 'report' | 'counts' | 'assertion';

/** What the words of a question say it asks, before looking at the names in it. */
export interface Signals {
  help: boolean;
  facts: Fact[];
  list: boolean;
  count: boolean;
  describe: boolean;
  /** Scope words: "in scope", "covered", "included", "audited", "SOC 3", ... */
  scope: boolean;
  /** Asked as a yes/no question ("is ...", "are ...", "does ..."). */
  yesNo: boolean;
  /** "how ...", "what does the report say about ...": a topic question. */
  topical: boolean;
  /** Other compliance programmes the question names ("HIPAA", "SOC 2"), longest first, without repeats. */
  programs: string[];
  /** Asked in the negative ("is S3 not in scope?", "is Athena excluded?"): a bare "Yes"/"No" would read wrongly. */
  negated: boolean;
  /** Asks about everywhere at once ("in all regions", "globally"). */
  everywhere: boolean;
  /** Months and years the question names ("June 2017", "2015"), each as the first and last ISO day it spans. */
  dates: { text: string; start: string; end: string }[];
  /** The question asks about now ("today", "still", "currently"): the report speaks of its period only. */
  now: boolean;
  /** Kind words present: "region", "edge location", "service", ... */
  kinds: Set<keyof typeof KIND_WORDS>;
}

const FACT_PHRASES: Record<Fact, string[]> = {
  period: ['period', 'current', 'still valid', 'up to date', 'outdated', 'latest report', 'newer report', 'how current', 'timeframe', 'time frame', 'date range', 'dates', 'which months', 'what months', 'how old', 'how recent', 'from when', 'what time', 'valid', 'validity', 'when was the audit', 'when was it audited', 'when was the examination', 'time period', 'audit window', 'expire', 'expiry', 'expires'],
  auditor: ['auditor', 'auditors', 'accountant', 'accountants', 'cpa', 'audit firm', 'firm', 'examiner', 'who audited', 'who audits', 'who examined', 'who performed', 'who signed', 'who did', 'audited by', 'examined by', 'ernst', 'ey', 'who wrote'],
  report_date: ['report date', 'date of the report', 'date of report', 'issued', 'issue date', 'dated', 'signed on', 'when was it signed', 'when was the report', 'when was it written', 'published', 'release date'],
  opinion: ['opinion', 'qualified', 'unqualified', 'unmodified', 'modified opinion', 'clean', 'fairly stated', 'exceptions', 'adverse', 'conclusion', 'pass', 'passed', 'result', 'outcome'],
  criteria: ['criteria', 'trust services', 'trust service', 'tsc', 'tsp', 'principles', 'trust principles', 'categories covered'],
  organization: ['service organization', 'service organisation', 'which company', 'what company', 'whose system', 'which organization', 'which organisation', 'the company', 'organization', 'organisation', 'the system'],
  report: ['soc 3 report', 'soc3 report', 'a soc 3', 'what report', 'which report', 'what kind of report', 'what type of report', 'report type', 'type of report', 'kind of report', 'what is this report', 'what is the report', 'report title', 'title', 'which soc', 'what soc', 'what is this'],
  counts: [],
  assertion: ['assertion', 'assert', 'asserted', 'asserts', 'management s assertion', 'management assertion'],
};

/** Single words of the fact phrases: never taken for the name of a service or place. */
export const FACT_WORDS = new Set(
  Object.values(FACT_PHRASES)
    .flat()
    .filter((p) => !p.includes(' ')),
);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS = MONTHS.map((m) => m.slice(0, 3));

/** A four-digit year of this era, the only numbers read as dates. */
export const isYear = (norm: string) => /^(19|20)\d\d$/.test(norm);
/** A month's name or its three-letter abbreviation ("jun"); "may" only when a year follows (see readDates). */
export const monthOf = (norm: string) => {
  const full = MONTHS.indexOf(norm);
  return full >= 0 ? full : MONTH_ABBREVIATIONS.indexOf(norm);
};

/** "june 2017" -> 2017-06-01..2017-06-30; "2015" -> 2015-01-01..2015-12-31. */
function readDates(norms: string[]): { text: string; start: string; end: string }[] {
  const out: { text: string; start: string; end: string }[] = [];
  for (let i = 0; i < norms.length; i++) {
    if (!isYear(norms[i]!)) continue;
    const year = Number(norms[i]);
    const m = i > 0 ? monthOf(norms[i - 1]!) : -1;
    if (m >= 0) {
      const last = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      const mm = String(m + 1).padStart(2, '0');
      out.push({ text: `${MONTHS[m]![0]!.toUpperCase()}${MONTHS[m]!.slice(1)} ${year}`, start: `${year}-${mm}-01`, end: `${year}-${mm}-${last}` });
    } else out.push({ text: String(year), start: `${year}-01-01`, end: `${year}-12-31` });
  }
  return out;
}

/** Reads the signals of a question from its folded words. */
export function readSignals(tokens: Token[]): Signals {
  const norms = tokens.map((t) => t.norm);
  const q = ` ${norms.join(' ')} `;
  const has = (phrase: string) => q.includes(` ${phrase} `);
  const kinds = new Set<keyof typeof KIND_WORDS>();
  for (const [kind, set] of Object.entries(KIND_WORDS) as [keyof typeof KIND_WORDS, Set<string>][]) {
    if (norms.some((n) => set.has(n) && n !== 'aws' && n !== 'amazon')) kinds.add(kind);
  }
  if (has('data center') || has('data centers')) kinds.add('region');
  if (has('point of presence') || has('points of presence')) kinds.add('edge');

  // Facts in the order the question asks them ("who audited it, and for which period?": auditor first).
  const firstAt = (f: Fact) => Math.min(...FACT_PHRASES[f].map((p) => q.indexOf(` ${p} `)).filter((i) => i >= 0));
  const facts = (Object.keys(FACT_PHRASES) as Fact[]).filter((f) => FACT_PHRASES[f].some(has)).sort((a, b) => firstAt(a) - firstAt(b));
  const count = COUNT_PHRASES.some(has);
  if (count && !kinds.size) facts.push('counts');

  const meaningful = norms.filter((n) => !STOPWORDS.has(n));
  const help = norms.length === 0 || HELP_PHRASES.some(has) || (meaningful.length > 0 && meaningful.every((n) => HELP_WORDS.has(n)));

  const programs: string[] = [];
  let rest = q;
  for (const phrase of Object.keys(OTHER_PROGRAMS).sort((a, b) => b.length - a.length)) {
    if (rest.includes(` ${phrase} `)) {
      if (!programs.includes(OTHER_PROGRAMS[phrase]!)) programs.push(OTHER_PROGRAMS[phrase]!);
      rest = rest.split(` ${phrase} `).join(' ');
    }
  }

  return {
    help,
    programs,
    negated: ['not', 'isn', 'aren', 'wasn', 'weren', 'doesn', 'don', 'excluded', 'exclude', 'excludes', 'outside', 'out of scope', 'never', 'false', 'untrue', 'wrong'].some(has),
    everywhere: norms.some((n) => EVERYWHERE_WORDS.has(n)) || ['all regions', 'every region', 'all locations', 'every location', 'all the regions', 'any region'].some(has),
    dates: readDates(norms),
    now: ['today', 'now', 'currently', 'still', 'anymore', 'nowadays', 'current', 'this year', 'right now', 'at present', 'presently'].some(has),
    facts,
    list: norms.some((n) => LIST_WORDS.has(n)) || has('what are') || count,
    count,
    describe: DESCRIBE_PHRASES.some(has),
    scope: norms.some((n) => SCOPE_WORDS.has(n)) || has('in scope'),
    yesNo: /^(is|are|does|do|was|were|can|has|have|will|and|or|what about|how about)\b/.test(norms.join(' ')),
    topical: (norms[0] === 'how' && !count) || has('say about') || has('says about') || has('tell me about') || has('explain') || has('what about') || has('anything about') || has('what does the report') || has('describe'),
    kinds,
  };
}
