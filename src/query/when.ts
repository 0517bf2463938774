/**
 * Times a question names, as calendar spans: "2017-06-30", "June 30, 2017", "30 June 2017", "March 2017",
 * "Q4 2016", "4Q16", "the second half of 2017", "H1 2017", "2017", "last year", "this year", and AWS's
 * report seasons ("Spring 2017": the report issued that spring). Read from the raw question, so each span
 * also gives where it stands (to take it out of the question before a single report answers the rest).
 *
 * The same spans as the single-report date reader (intent.ts, readDates) for what both read: a day is one
 * day, a month its first to last day, a year (`yearOnly`) January 1 to December 31.
 */

import { formatDate, formatPeriod } from '../present/words.js';

/** A time the question names. Dates are ISO `YYYY-MM-DD`, both ends included. */
export interface TimeSpan {
  /** As a person would write it back: "March 2017", "Q4 2016", "the second half of 2017", "2016". */
  text: string;
  start: string;
  end: string;
  /** `season`: a report's name ("Spring 2017"), not a time to cover (see `reportsOfSeason`). */
  unit: 'day' | 'month' | 'quarter' | 'half' | 'year' | 'season';
  /** Character offsets in the question of what was read, with a preposition before it ("in", "as of"). */
  from: number;
  to: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const YEAR = "((?:19|20)\\d\\d)";
const ORDINAL: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4 };
/** Before a time: "in", "during", "for", "as of", "on", "from", "of", "by", "since" is not (it asks for history). */
const PREP = '(?:(?:in|during|for|as\\s+of|as\\s+at|on|at|from|of|by|throughout|over)\\s+(?:the\\s+)?)?';

const REPORT_TAIL = /^(?:'s)?(?:\s+(?:soc\s*[123]\s+)?reports?\b)?/i;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m: 1-12
const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const monthIndex = (word: string) => MONTHS.findIndex((m) => m.startsWith(word.toLowerCase().replace(/\.$/, '').slice(0, 3)));
const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

function monthSpan(y: number, m1: number, m2: number): { start: string; end: string } {
  return { start: `${y}-${pad(m1)}-01`, end: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` };
}

/** The season's months as AWS names its reports by the season they are issued in (Spring: March to May). */
function seasonSpan(season: string, y: number): { start: string; end: string } {
  switch (season) {
    case 'spring':
      return monthSpan(y, 3, 5);
    case 'summer':
      return monthSpan(y, 6, 8);
    case 'winter':
      return { start: `${y}-12-01`, end: `${y + 1}-02-${pad(lastDay(y + 1, 2))}` };
    default:
      return monthSpan(y, 9, 11);
  }
}

interface Rule {
  re: RegExp;
  read(m: RegExpExecArray, now: Date): Omit<TimeSpan, 'from' | 'to'> | undefined;
}

const RULES: Rule[] = [
  {
    // "May to August 2017", "from April through June 2017", "between May and August 2017", "May–Aug 2017":
    // one span, the first month taking the year of the second (as the single-report reader, period.ts, does).
    re: new RegExp(`\\b${PREP}(?:between\\s+)?${MONTH}\\s*(?:to|through|thru|until|till|and|-|–|—)\\s*${MONTH},?\\s+${YEAR}\\b`, 'gi'),
    read: (m) => {
      const [a, b, y] = [monthIndex(m[1]!) + 1, monthIndex(m[2]!) + 1, Number(m[3])];
      if (a > b) return undefined;
      return { text: `${cap(MONTHS[a - 1]!)} – ${cap(MONTHS[b - 1]!)} ${y}`, start: monthSpan(y, a, a).start, end: monthSpan(y, b, b).end, unit: 'month' };
    },
  },
  {
    re: new RegExp(`\\b${PREP}${YEAR}-(\\d\\d)-(\\d\\d)\\b`, 'gi'),
    read: (m) => {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return undefined;
      const day = `${y}-${pad(mo)}-${pad(d)}`;
      return { text: formatDate(day), start: day, end: day, unit: 'day' };
    },
  },
  {
    // "June 30, 2017", "June 30th 2017"
    re: new RegExp(`\\b${PREP}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}\\b`, 'gi'),
    read: (m) => dayOf(Number(m[3]), monthIndex(m[1]!) + 1, Number(m[2])),
  },
  {
    // "30 June 2017"
    re: new RegExp(`\\b${PREP}(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'gi'),
    read: (m) => dayOf(Number(m[3]), monthIndex(m[2]!) + 1, Number(m[1])),
  },
  {
    // "Q4 2016", "Q4 of 2016", "Q4 '16", "Q4-2016", "Q 4 2016"
    re: new RegExp(`\\b${PREP}q\\s?([1-4])\\s*(?:of\\s+|-\\s*)?(?:${YEAR}|'(\\d\\d))\\b`, 'gi'),
    read: (m) => quarterOf(Number(m[1]), fullYear(m[2] ?? m[3]!)),
  },
  {
    // "4Q16", "4Q 2016"
    re: /\b(?:(?:in|during|for|of)\s+)?([1-4])q\s*((?:19|20)\d\d|\d\d)\b/gi,
    read: (m) => quarterOf(Number(m[1]), fullYear(m[2]!)),
  },
  {
    // "the fourth quarter of 2016", "last quarter of 2016"
    re: new RegExp(`\\b${PREP}(first|1st|second|2nd|third|3rd|fourth|4th|last)\\s+quarter\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    read: (m) => quarterOf(ORDINAL[m[1]!.toLowerCase()]!, Number(m[2])),
  },
  {
    // "H2 2017", "2H 2017"
    re: new RegExp(`\\b${PREP}(?:h([12])|([12])h)\\s*(?:of\\s+)?${YEAR}\\b`, 'gi'),
    read: (m) => halfOf(Number(m[1] ?? m[2]), Number(m[3])),
  },
  {
    // "the second half of 2017"
    re: new RegExp(`\\b${PREP}(first|1st|second|2nd|last)\\s+half\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    read: (m) => halfOf(m[1]!.toLowerCase().startsWith('f') || m[1] === '1st' ? 1 : 2, Number(m[2])),
  },
  {
    // "Spring 2017 report", "the Fall 2016 SOC 3": AWS names its reports by the season they are issued in.
    re: new RegExp(`\\b${PREP}(spring|summer|fall|autumn|winter)\\s+(?:of\\s+)?${YEAR}(?:'s)?(?:\\s+(?:soc\\s*[123]\\s+)?reports?)?\\b`, 'gi'),
    read: (m) => {
      const season = m[1]!.toLowerCase() === 'autumn' ? 'fall' : m[1]!.toLowerCase();
      return { text: `${cap(m[1]!.toLowerCase())} ${m[2]}`, ...seasonSpan(season, Number(m[2])), unit: 'season' };
    },
  },
  {
    // "March 2017", "in Mar 2017"; "may" needs its year here, so "may I ask" is no date.
    re: new RegExp(`\\b${PREP}${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    read: (m) => {
      const mo = monthIndex(m[1]!) + 1;
      const y = Number(m[2]);
      return { text: `${cap(MONTHS[mo - 1]!)} ${y}`, ...monthSpan(y, mo, mo), unit: 'month' };
    },
  },
  {
    // "last year's report", "in the previous year"
    re: /\b(?:(?:in|during|for|from|of)\s+)?(?:the\s+)?(last|previous|past|this)\s+year(?:'s)?\b/gi,
    read: (m, now) => {
      const y = now.getUTCFullYear() - (m[1]!.toLowerCase() === 'this' ? 0 : 1);
      return { text: String(y), start: `${y}-01-01`, end: `${y}-12-31`, unit: 'year' };
    },
  },
  {
    // "2016", "the 2016 report", "in fiscal year 2016"
    re: new RegExp(`\\b${PREP}(?:(?:calendar|fiscal)\\s+year\\s+|cy\\s*|fy\\s*)?${YEAR}(?:'s)?\\b(?!-\\d)`, 'gi'),
    read: (m) => ({ text: m[1]!, start: `${m[1]}-01-01`, end: `${m[1]}-12-31`, unit: 'year' }),
  },
];

function dayOf(y: number, mo: number, d: number): Omit<TimeSpan, 'from' | 'to'> | undefined {
  if (mo < 1 || d < 1 || d > lastDay(y, mo)) return undefined;
  const day = `${y}-${pad(mo)}-${pad(d)}`;
  // Named as every answer names a day ("30 Jun 2017", src/present/words.ts), however it was typed.
  return { text: formatDate(day), start: day, end: day, unit: 'day' };
}

function quarterOf(q: number, y: number): Omit<TimeSpan, 'from' | 'to'> {
  return { text: `Q${q} ${y}`, ...monthSpan(y, q * 3 - 2, q * 3), unit: 'quarter' };
}

function halfOf(h: number, y: number): Omit<TimeSpan, 'from' | 'to'> {
  return { text: `the ${h === 1 ? 'first' : 'second'} half of ${y}`, ...monthSpan(y, h === 1 ? 1 : 7, h === 1 ? 6 : 12), unit: 'half' };
}

/**
 * Every time the question names, in the order it names them; the longest reading wins where two overlap
 * ("June 30, 2017" is one day, not a month and a year). `now` places "last year" and "this year".
 */
export function readTimes(question: string, now: Date): TimeSpan[] {
  // Every rule needs a digit, or "year" ("last year"): most questions have neither, and skip the thirteen passes.
  if (!/\d|year/i.test(question)) return [];
  const found: TimeSpan[] = [];
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(question); m; m = rule.re.exec(question)) {
      const from = m.index;
      const to = from + m[0].length;
      if (!free(from, to)) continue;
      const span = rule.read(m, now);
      if (!span) continue;
      // "the 2016 report", "last year's SOC 3 report": the words naming the report go with the time.
      const tail = REPORT_TAIL.exec(question.slice(to));
      const end = to + (tail ? tail[0].length : 0);
      found.push({ ...span, from, to: end });
      taken.push([from, end]);
    }
  }
  return joinRanges(question, found.sort((a, b) => a.from - b.from));
}

/** What joins two times into one range: "to", "through", "until", a dash, or "and" after "between". */
const RANGE_JOIN = /^\s*(?:to|through|thru|until|till|-|–|—)\s*$/iu;

/**
 * Two times joined as a range ("between 1 March 2017 and 30 June 2017", "from 2017-03-01 to 2017-06-30") are one
 * span, first day to last, as the single-report reader reads them (period.ts): read apart, the range was two
 * days and no report covered "both".
 */
function joinRanges(question: string, spans: TimeSpan[]): TimeSpan[] {
  const out: TimeSpan[] = [];
  for (const span of spans) {
    const prev = out.at(-1);
    const gap = prev ? question.slice(prev.to, span.from) : '';
    const between = prev !== undefined && /\bbetween\s+(?:the\s+)?$/iu.test(question.slice(0, prev.from)) && /^\s*and\s*$/iu.test(gap);
    if (prev && prev.unit !== 'season' && span.unit !== 'season' && prev.start <= span.end && (RANGE_JOIN.test(gap) || between)) {
      const text = prev.unit === 'day' && span.unit === 'day' ? formatPeriod(prev.start, span.end) : `${prev.text} – ${span.text}`;
      out[out.length - 1] = { text, start: prev.start, end: span.end, unit: 'day', from: prev.from, to: span.to };
    } else out.push(span);
  }
  return out;
}

/** Whole days from `a` to `b` (ISO dates; negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The ISO day after / before `iso`. */
export function nextDay(iso: string, delta = 1): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}

/** Days a span shares with a period (0 when they do not meet). */
export function overlapDays(span: { start: string; end: string }, period: { start: string; end: string }): number {
  const start = span.start > period.start ? span.start : period.start;
  const end = span.end < period.end ? span.end : period.end;
  return end < start ? 0 : daysBetween(start, end) + 1;
}

/** Whether a period holds every day of a span. */
export function covers(period: { start: string; end: string }, span: { start: string; end: string }): boolean {
  return period.start <= span.start && span.end <= period.end;
}

/**
 * Whole calendar months from `from` to `to` (dates), for "how long ago": 2017-09-30 to 2026-12-01 is 110.
 * A month counts once its day of the month is reached.
 */
export function monthsBetween(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  return to.getUTCDate() >= from.getUTCDate() ? months : months - 1;
}

/** "14 months", "2 years", "9 years and 2 months": an age in months for prose. */
export function ageText(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (years < 2) return unit(months, 'month');
  return rest ? `${unit(years, 'year')} and ${unit(rest, 'month')}` : unit(years, 'year');
}
