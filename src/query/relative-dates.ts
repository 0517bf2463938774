/**
 * Times written relative to today or to a year ("in the past 12 months", "within the last year", "over the last
 * 90 days", "the last 6 months of 2017"), as questionnaires ask them ("Has the service been independently audited
 * in the past 12 months?"), rewritten as an ISO day range ("from 2025-12-03 to 2026-12-02") before the time
 * readers (period.ts, when.ts) read the question: both read day ranges, and neither read these. Read apart, the
 * words "past 12" were asked about as a name ("No: past 12 is not listed"), and "in the last 12 months" was
 * filler, so "was S3 in scope in the last 12 months?" was a yes from a report of 2017.
 *
 * - Rolling spans need a count or "the": "the past 12 months", "last 90 days", "in the last year". "last year" and
 *   "last year's report" stay the calendar year before this one (when.ts reads them).
 * - "last quarter", "the previous month", "this quarter": the whole calendar unit before today's (or today's own),
 *   as a questionnaire means them; "Q4 names no year" was the answer to "was last quarter covered?".
 * - A span ends today (the injected clock's UTC day) and starts the day after the same day N units before.
 * - "the first / last N months of 2017": the months from the year's start or to its end.
 * - A season as a time ("was RDS covered in fall 2017?"): its meteorological months in both hemispheres, as two
 *   ranges ("fall 2017": September to November 2017 in the north, March to May 2017 in the south), so that no
 *   answer holds for one hemisphere's reading only; "summer 2017" was "No report covers Summer 2017" and "fall
 *   2017" a yes from the Fall 2017 report. A season that names a report is left to the library (when.ts,
 *   across.ts): one followed by "report" or "SOC", or any season in a question that compares reports or asks
 *   what changed ("compare Spring 2017 with Fall 2016").
 */

import { formatPeriod } from '../present/words.js';
import { monthOf } from './period.js';
import { note, type ReplyNote } from './reply.js';

/** One relative time read: as typed, and the ISO days it spans (both included). */
export interface RelativeSpan {
  typed: string;
  start: string;
  end: string;
}

/** A season read as a time: as typed, and its months in the northern and the southern hemisphere. */
export interface SeasonSpan {
  typed: string;
  north: { start: string; end: string };
  south: { start: string; end: string };
}

/** Number words a questionnaire writes for a count of days, weeks, months or years. */
const COUNTS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, eighteen: 18, twenty: 20, thirty: 30, 'twenty-four': 24, 'thirty-six': 36,
  sixty: 60, ninety: 90,
};
const COUNT = `(\\d{1,3}|${Object.keys(COUNTS).filter((w) => w.length > 2).join('|')})`;
const UNIT = '(day|week|month|quarter|year)s?';
const BACK = '(?:past|last|previous|preceding|prior|trailing)';
const LEAD = '(?:(?:in|within|during|over|for|from)\\s+)?(?:the\\s+)?';

/** "the past 12 months", "last 90 days", "within the last two years": a count of units back from today. */
const ROLLING_COUNTED = new RegExp(`\\b${LEAD}${BACK}\\s+${COUNT}\\s+${UNIT}\\b`, 'giu');
/** "in the past year", "within the last month", "over the past quarter": one unit back, with "the" required. */
// (Not of a year or of the period named: "in the last quarter of 2017" is Q4 2017, which when.ts reads, and "the last
// month of the period" is the period's own; both were read back from today, break-it round 10.)
const ROLLING_ONE = new RegExp(`\\b(?:in|within|during|over|for)\\s+the\\s+${BACK}\\s+${UNIT}\\b(?!['’]s|\\s+(?:report|soc)|\\s+of\\s+(?:19|20)\\d\\d|\\s+of\\s+(?:the|its|this)\\s+(?:period|audit|report|examination|review))`, 'giu');
/** "within a year", "within 12 months": back from today. */
// (Not "within 30 days of period end", "within 60 days after it": a span from another day, not back from today.)
const WITHIN = new RegExp(`\\bwithin\\s+(?:the\\s+)?${COUNT}\\s+${UNIT}\\b(?!\\s+(?:of|after|from|before|following|since)\\b)`, 'giu');
/** "the last 6 months of 2017", "the first three months of 2017". */
// (Quarters too: "the last two quarters of 2017" was read back from today.)
const PART_OF_YEAR = new RegExp(`\\b(?:(?:in|during|for|over)\\s+)?(?:the\\s+)?(first|last|final)\\s+${COUNT}\\s+(months|quarters)\\s+of\\s+((?:19|20)\\d\\d)\\b`, 'giu');

/**
 * "last quarter", "the previous month", "this quarter": a calendar unit named from today's, with no year. The one
 * before today's (or today's own, for "this"/"current"), whole; not "last quarter of 2016" (when.ts and period.ts
 * read that), not "last month's report" (a report), and not "in the last month" (one unit back, ROLLING_ONE).
 * "last year" stays the library's (when.ts reads it as the calendar year before).
 */
const CALENDAR = /\b(?:(?:in|during|for|over|from|of)\s+)?(?:the\s+)?(last|previous|prior|this|current)\s+(month|quarter)\b(?!\s+of\b|['’]s|\s+(?:reports?|soc)\b)/giu;

/** "in fall 2017", "during the summer of 2017"; not "the Fall 2017 report", "the Spring 2017 SOC 3". */
const SEASON = /\b(?:(?:in|during|for|over|throughout)\s+)?(?:the\s+)?(spring|summer|fall|autumn|winter)\s+(?:of\s+)?((?:19|20)\d\d)\b(?!['’]s|\s+(?:soc|reports?)\b|\s+(?:and|or|&)\s+(?:the\s+)?(?:spring|summer|fall|autumn|winter)\b)/giu;
/** A question about reports as such, where a season names the report issued then (across.ts reads it). */
const ABOUT_REPORTS = /\b(?:compare[ds]?|comparing|comparison|versus|vs\.?|differ(?:ence|ences|s)?|diff|changes?|changed|new|since|added|removed|dropped|delta)\b/iu;
/** A day or month written out: "30 September 2017", "September 30, 2017", "September 2017", "2017-09-30". */
const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY_OR_MONTH = `(?:(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_WORD}\\s+((?:19|20)\\d\\d)|${MONTH_WORD}\\s+(?:(\\d{1,2})(?:st|nd|rd|th)?,?\\s+)?((?:19|20)\\d\\d)|((?:19|20)\\d\\d)-(\\d\\d)-(\\d\\d))`;
/**
 * "the 12 months to 30 September 2017", "the six months ended June 2017", "the fiscal year ending September 2017": a
 * span of that length that ends on a day (a month: its last day). Read as the day alone, "the 12 months to 30
 * September 2017" was a day of the period, and a yes (break-it round 8).
 */
const SPAN_TO = new RegExp(`\\b(?:(?:in|during|for|over|throughout)\\s+)?(?:the\\s+)?(?:${COUNT}\\s+(month|quarter|year)s?|(?:(?:fiscal|financial|calendar|tax|reporting)\\s+)?(year|quarter))\\s+(?:to|ending|ended|ending\\s+on|ended\\s+on|through|thru|up\\s+to)\\s+${DAY_OR_MONTH}`, 'giu');
/** A word every pattern above needs (with their flags; CALENDAR's "this quarter" needs "quarter" or "month"): without one, a question names no relative time. */
const MAY_BE_RELATIVE = /past|last|previous|preceding|prior|trailing|within|month|quarter|year|spring|summer|fall|autumn|winter/iu;
/** First month (1-12) of each season in the northern hemisphere; the southern one is six months off. */
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };

/** Three months from `month` (1-12) of `year`, as ISO days; a winter runs into the next year. */
function threeMonths(year: number, month: number): { start: string; end: string } {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month + 2, 0));
  return { start: iso(first), end: iso(last) };
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2025-12-03" as "3 December 2025". */
const spelled = (day: string) => `${Number(day.slice(8, 10))} ${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
/** The whole calendar month or quarter `back` units before today's (0: today's own), as ISO days. */
function calendarUnit(today: Date, unit: 'month' | 'quarter', back: number): { start: string; end: string } {
  const months = unit === 'month' ? 1 : 3;
  const first = Math.floor(today.getUTCMonth() / months) * months - back * months;
  return { start: iso(new Date(Date.UTC(today.getUTCFullYear(), first, 1))), end: iso(new Date(Date.UTC(today.getUTCFullYear(), first + months, 0))) };
}

/** The ISO day a {@link DAY_OR_MONTH} match names: the day, or a month's last day; undefined if it is none. */
function endDay(...[d1, m1, y1, m2, d2, y2, iy, im, id]: (string | undefined)[]): string | undefined {
  const monthIndex = (m: string) => monthOf(m.toLowerCase().replace(/\.$/u, ''));
  let year: number, month: number, day: number | undefined;
  if (iy) [year, month, day] = [Number(iy), Number(im) - 1, Number(id)];
  else if (m1) [year, month, day] = [Number(y1), monthIndex(m1), Number(d1)];
  else if (m2) [year, month, day] = [Number(y2), monthIndex(m2), d2 ? Number(d2) : undefined];
  else return undefined;
  if (month < 0 || month > 11) return undefined;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day !== undefined && (day < 1 || day > last)) return undefined;
  return iso(new Date(Date.UTC(year, month, day ?? last)));
}

/** A count written in digits or words ("12", "twelve", "a"), or 0 if the word is none. */
export const countOf = (word: string) => (/^\d+$/u.test(word) ? Number(word) : COUNTS[word.toLowerCase()] ?? 0);

/** The day `count` units before `today` (UTC), plus one day: the first day of a span of that length ending today. */
function startBack(today: Date, count: number, unit: string): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
  if (unit === 'day') d.setUTCDate(d.getUTCDate() - count);
  else if (unit === 'week') d.setUTCDate(d.getUTCDate() - 7 * count);
  else {
    const months = unit === 'month' ? count : unit === 'quarter' ? 3 * count : 12 * count;
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - months);
    d.setUTCDate(Math.min(day, new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()));
  }
  d.setUTCDate(d.getUTCDate() + 1);
  return iso(d);
}

/**
 * The question with each relative time as an ISO day range ("from 2025-12-03 to 2026-12-02"), and the times read,
 * in order. `now` is the clock the answer is given at. Pure; a count of 0 or over 999 is left as typed.
 */
export function readRelativeDates(question: string, now: Date): { text: string; spans: RelativeSpan[]; seasons: SeasonSpan[] } {
  const spans: RelativeSpan[] = [];
  const seasons: SeasonSpan[] = [];
  // Most questions name no relative time: one test instead of five passes (and the clock's day as ISO).
  if (!MAY_BE_RELATIVE.test(question)) return { text: question, spans, seasons };
  const today = iso(now);
  const range = (typed: string, start: string, end: string) => {
    spans.push({ typed: typed.trim().replace(/^(?:in|during|over|for|from)\s+/iu, ''), start, end });
    // Written out as days, which both readers read and write back as typed ("3 December 2025").
    return `from ${spelled(start)} to ${spelled(end)}`;
  };
  let text = question.replace(PART_OF_YEAR, (typed, side: string, n: string, unit: string, y: string) => {
    const count = countOf(n) * (unit.toLowerCase() === 'quarters' ? 3 : 1);
    const year = Number(y);
    if (count < 1 || count > 12) return typed;
    const first = side.toLowerCase() === 'first';
    const start = first ? `${year}-01-01` : `${year}-${String(13 - count).padStart(2, '0')}-01`;
    const end = first ? iso(new Date(Date.UTC(year, count, 0))) : `${year}-12-31`;
    return range(typed, start, end);
  });
  const back = (typed: string, n: string | undefined, unit: string) => {
    const count = n === undefined ? 1 : countOf(n);
    if (count < 1) return typed;
    return range(typed, startBack(now, count, unit.toLowerCase()), today);
  };
  if (!ABOUT_REPORTS.test(text)) {
    text = text.replace(SEASON, (typed, season: string, y: string) => {
      const year = Number(y);
      const north = SEASON_START[season.toLowerCase()]!;
      // The south's season of the same name: six months off, in the same calendar year (its winter is June to
      // August; its summer the December before to February).
      const south = north > 6 ? north - 6 : north + 6;
      const n = threeMonths(year, north);
      const s = threeMonths(south === 12 ? year - 1 : year, south);
      seasons.push({ typed: typed.trim().replace(/^(?:in|during|for|over|throughout)\s+/iu, ''), north: n, south: s });
      return `from ${spelled(n.start)} to ${spelled(n.end)} and from ${spelled(s.start)} to ${spelled(s.end)}`;
    });
  }
  text = text.replace(SPAN_TO, (typed, n: string | undefined, unit: string | undefined, single: string | undefined, d1, m1, y1, m2, d2, y2, iy, im, id) => {
    const end = endDay(d1, m1, y1, m2, d2, y2, iy, im, id);
    if (!end) return typed;
    const count = n === undefined ? 1 : countOf(n);
    if (count < 1 || count > 99) return typed;
    const endDate = new Date(`${end}T00:00:00Z`);
    const u = (unit ?? single)!.toLowerCase();
    // Ending on a month's last day, whole months: "the six months ended 30 September 2017" is 1 Apr – 30 Sep.
    const lastOfMonth = new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() + 1, 0)).getUTCDate() === endDate.getUTCDate();
    const months = u === 'month' ? count : u === 'quarter' ? 3 * count : 12 * count;
    const start = lastOfMonth ? iso(new Date(Date.UTC(endDate.getUTCFullYear(), endDate.getUTCMonth() - months + 1, 1))) : startBack(endDate, count, u);
    return range(typed, start, end);
  });
  text = text.replace(ROLLING_COUNTED, (typed, n: string, unit: string) => back(typed, n, unit));
  text = text.replace(WITHIN, (typed, n: string, unit: string) => back(typed, n, unit));
  text = text.replace(ROLLING_ONE, (typed, unit: string) => back(typed, undefined, unit));
  text = text.replace(CALENDAR, (typed, which: string, unit: string) => {
    const { start, end } = calendarUnit(now, unit.toLowerCase() as 'month' | 'quarter', /^(this|current)$/iu.test(which) ? 0 : 1);
    return range(typed, start, end);
  });
  return { text, spans, seasons };
}

/**
 * The `reading` note for relative times and seasons: "Reading “the past 12 months” as 3 Dec 2025 – 2 Dec 2026.",
 * "Reading “fall 2017” as 1 Sep – 30 Nov 2017 (northern hemisphere) and 1 Mar – 31 May 2017 (southern).".
 */
export function relativeReading(read: { spans: RelativeSpan[]; seasons: SeasonSpan[] }): ReplyNote {
  const each = [
    ...read.seasons.map((s) => `“${s.typed}” as ${formatPeriod(s.north.start, s.north.end)} (northern hemisphere) and ${formatPeriod(s.south.start, s.south.end)} (southern)`),
    ...read.spans.map((s) => `“${s.typed}” as ${formatPeriod(s.start, s.end)}`),
  ];
  return note('reading', `Reading ${each.join(', ')}.`);
}
