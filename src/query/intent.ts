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
  /** Dates the question names ("June 2017", "October 1, 2017", "2015", "March 1"). */
  dates: AskedDate[];
  /** Asks about a whole span ("all of 2017", "the entire year"): a year that merely holds the period is not it. */
  whole: boolean;
  /** The question asks about now ("today", "still", "currently"): the report speaks of its period only. */
  now: boolean;
  /** Kind words present: "region", "edge location", "service", ... */
  kinds: Set<keyof typeof KIND_WORDS>;
}

const FACT_PHRASES: Record<Fact, string[]> = {
  period: ['period', 'current', 'still valid', 'up to date', 'outdated', 'latest report', 'newer report', 'how current', 'timeframe', 'time frame', 'date range', 'dates', 'which months', 'what months', 'how old', 'how recent', 'from when', 'what time', 'valid', 'validity', 'when was the audit', 'when was it audited', 'when was the examination', 'time period', 'audit window', 'expire', 'expiry', 'expires'],
  auditor: ['auditor', 'auditors', 'accountant', 'accountants', 'cpa', 'audit firm', 'firm', 'examiner', 'who audited', 'who audits', 'who examined', 'who performed', 'who signed', 'who did', 'audited by', 'examined by', 'ernst', 'ey', 'who wrote'],
  report_date: ['report date', 'date of the report', 'date of report', 'issued', 'issue date', 'dated', 'signed on', 'when was it signed', 'when was the report', 'when was it written', 'published', 'release date'],
  opinion: ['opinion', 'qualified', 'unqualified', 'unmodified', 'modified opinion', 'clean opinion', 'clean report', 'fairly stated', 'exceptions', 'adverse', 'conclusion', 'pass', 'passed', 'result', 'outcome'],
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

/** A date a question names, as the ISO days it spans, and the question's tokens it was read from. */
export interface AskedDate {
  text: string;
  /** ISO first and last day; absent when the question gives no year ("on March 1"). */
  start?: string;
  end?: string;
  /** A bare year ("2017"), which may hold the period without being it. */
  yearOnly: boolean;
  tokens: number[];
}

const cap = (m: number) => `${MONTHS[m]![0]!.toUpperCase()}${MONTHS[m]!.slice(1)}`;
const pad = (n: number) => String(n).padStart(2, '0');
const isDay = (norm: string | undefined) => !!norm && /^\d{1,2}$/.test(norm) && Number(norm) >= 1 && Number(norm) <= 31;

/**
 * Dates in a question: "October 1, 2017", "1 October 2017", "2017-06-15", "June 2017", "2015", and dates
 * without a year ("March 1", "in March"), which cannot be placed in the period.
 */
function readDates(norms: string[]): AskedDate[] {
  const out: AskedDate[] = [];
  const used = new Set<number>();
  const push = (d: AskedDate) => {
    out.push(d);
    for (const k of d.tokens) used.add(k);
  };
  for (let i = 0; i < norms.length; i++) {
    if (used.has(i)) continue;
    const n = norms[i]!;
    // ISO: 2017 06 15 (tokenised from 2017-06-15).
    if (isYear(n) && /^\d{1,2}$/.test(norms[i + 1] ?? '') && isDay(norms[i + 2]) && Number(norms[i + 1]) <= 12) {
      const day = `${n}-${pad(Number(norms[i + 1]))}-${pad(Number(norms[i + 2]))}`;
      push({ text: day, start: day, end: day, yearOnly: false, tokens: [i, i + 1, i + 2] });
      continue;
    }
    const m = monthOf(n);
    if (m >= 0 && n !== 'may') {
      // Month [day] [year], or day month [year].
      const dayBefore = isDay(norms[i - 1]) && !used.has(i - 1) ? i - 1 : -1;
      const dayAfter = isDay(norms[i + 1]) ? i + 1 : -1;
      const yearAt = isYear(norms[(dayAfter >= 0 ? dayAfter : i) + 1] ?? '') ? (dayAfter >= 0 ? dayAfter : i) + 1 : -1;
      const dayAt = dayAfter >= 0 ? dayAfter : dayBefore;
      const tokens = [i, ...(dayAt >= 0 ? [dayAt] : []), ...(yearAt >= 0 ? [yearAt] : [])];
      if (yearAt < 0) {
        push({ text: dayAt >= 0 ? `${cap(m)} ${Number(norms[dayAt])}` : cap(m), yearOnly: false, tokens });
        continue;
      }
      const year = Number(norms[yearAt]);
      const last = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      if (dayAt >= 0) {
        const day = `${year}-${pad(m + 1)}-${pad(Math.min(Number(norms[dayAt]), last))}`;
        push({ text: `${cap(m)} ${Number(norms[dayAt])}, ${year}`, start: day, end: day, yearOnly: false, tokens });
      } else push({ text: `${cap(m)} ${year}`, start: `${year}-${pad(m + 1)}-01`, end: `${year}-${pad(m + 1)}-${last}`, yearOnly: false, tokens });
      continue;
    }
    if (isYear(n)) push({ text: n, start: `${n}-01-01`, end: `${n}-12-31`, yearOnly: true, tokens: [i] });
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

  // "covered or not", "in or out of scope": a plain question, not a negative one.
  const plain = q.replace(/ or not /g, ' ').replace(/ in or out of scope /g, ' in scope ').replace(/ or out of scope /g, ' ');
  const hasPlain = (phrase: string) => plain.includes(` ${phrase} `);
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
    negated: ['not', 'isn', 'aren', 'wasn', 'weren', 'doesn', 'don', 'excluded', 'exclude', 'excludes', 'outside', 'out of scope', 'never', 'false', 'untrue', 'wrong'].some(hasPlain),
    everywhere: norms.some((n) => EVERYWHERE_WORDS.has(n)) || / (all|every|any|each)( \S+){0,2} (regions?|locations?|data ?centers?|countries|places)\b/.test(q),
    dates: readDates(norms),
    whole: ['all of', 'entire', 'whole', 'full year', 'throughout'].some(has),
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
