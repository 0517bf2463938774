/**
 * Times a question names, read as spans of ISO days, and compared with a report's period. Quarters
 * ("Q3 2017", "third quarter of 2017"), halves ("H1 2017", "the first half of 2017"), fiscal and calendar
 * years ("FY2017", "calendar year 2017"), months, month ranges ("May to August 2017", "May–Aug 2017"), days
 * ("October 1, 2017", "1 Oct 2017", "2017-06-15") and day ranges ("April 1 to June 30, 2017"). Pure.
 */

import { formatDate, formatPeriod } from '../present/words.js';
import { DURATION_NUMBERS, DURATION_QUALIFIERS, DURATION_UNITS, DURATION_SUFFIXES } from './vocabulary.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS = MONTHS.map((m) => m.slice(0, 3));
/** "sept" is a common abbreviation too. */
const EXTRA_MONTHS: Record<string, number> = { sept: 8 };
const ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, last: 4, final: 4 };
/** Words that join the two ends of a range ("May to August", "between May and August"). */
const RANGE_JOINS = new Set(['to', 'through', 'thru', 'until', 'till', 'til', 'and']);

/** A quarter or half as one word ("q3", "h1"): its letter and number. */
const QUARTER_OR_HALF = /^([qh])([1-4])$/;

/** A four-digit year of this era, the only bare numbers read as dates. */
export const isYear = (norm: string) => norm.length === 4 && YEAR.test(norm);
const YEAR = /^(19|20)\d\d$/;

/** A month's index (0-11) from its name or abbreviation ("jun", "sept"); -1 otherwise. */
export const monthOf = (norm: string): number => MONTH_INDEX.get(norm) ?? -1;

/**
 * Every month word with its index: full names, then "sept", then abbreviations (the first wins, as the lookups in
 * that order did). One map lookup: every word of every question is asked whether it is a month.
 */
const MONTH_INDEX: ReadonlyMap<string, number> = (() => {
  const index = new Map<string, number>();
  const add = (word: string, m: number) => index.has(word) || index.set(word, m);
  MONTHS.forEach((m, k) => add(m, k));
  for (const [word, m] of Object.entries(EXTRA_MONTHS)) add(word, m);
  MONTH_ABBREVIATIONS.forEach((m, k) => add(m, k));
  return index;
})();

/** What kind of span was asked about: it decides how the answer names it. */
export type SpanKind = 'day' | 'month' | 'quarter' | 'half' | 'year' | 'fiscal_year' | 'range';

/** A time a question names, as the ISO days it spans, and the question's tokens it was read from. */
export interface AskedDate {
  /** As the answer names it: "Q1 2017", "the first half of 2017", "May 2017 – August 2017". */
  text: string;
  kind: SpanKind;
  /** ISO first and last day; absent when the question gives no year ("on March 1"). */
  start?: string;
  end?: string;
  /** A bare year ("2017"), which in a question about a service may just name the report's year. */
  yearOnly: boolean;
  /** Token indexes the date was read from (never read as names). */
  tokens: number[];
  /** A day no calendar has ("June 31, 2017", "2017-02-30"): no start or end; the answer says so, never a yes. */
  impossible?: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const cap = (m: number) => `${MONTHS[m]![0]!.toUpperCase()}${MONTHS[m]!.slice(1)}`;
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
const iso = (year: number, month: number, day: number) => `${year}-${pad(month + 1)}-${pad(day)}`;
const DAY = /^\d{1,2}(st|nd|rd|th)?$/;
const isDay = (norm: string | undefined) => !!norm && norm.length <= 4 && DAY.test(norm) && parseInt(norm, 10) >= 1 && parseInt(norm, 10) <= 31;
/** "fy17", "fy2017", "cy2017", "q3", "h1" as typed in one word. */
const yearOf = (s: string | undefined): number | undefined => (s && isYear(s) ? Number(s) : s && /^\d\d$/.test(s) ? 2000 + Number(s) : undefined);

/**
 * Reads every date or span a question names, left to right. `norms` are the question's folded tokens, `words`
 * the whitespace words they came from, `dashBefore[i]` whether a dash stood alone before token i ("1 May 2017 –
 * 31 July 2017").
 */
export function readDates(norms: string[], words: string[] = norms, dashBefore: boolean[] = [], bracketBefore: boolean[] = []): AskedDate[] {
  const atoms = readAtoms(norms, dashBefore);
  return placeYearless(withoutRestatements(withFrom(withAfter(withOpenEnds(withEdges(shareYears(mergeRanges(atoms, norms, words, dashBefore), norms), norms), norms), norms), norms), words, bracketBefore));
}

/**
 * Months or days named without a year, in a question whose every dated time lies in one calendar year, are of that
 * year: "does soc3 cover Q3 2017? cust audit window is jul-sep" ("July names no year" made it not sure), "is May to
 * August covered in 2017?" (a bare year that only gives the others theirs is then no time of its own).
 */
function placeYearless(dates: AskedDate[]): AskedDate[] {
  const dated = dates.filter((d) => d.start && d.end);
  const yearless = dates.filter((d) => !d.start && !d.impossible && (d.kind === 'month' || d.kind === 'day'));
  if (yearless.length === 0 || dated.length === 0) return dates;
  const years = new Set(dated.flatMap((d) => [d.start!.slice(0, 4), d.end!.slice(0, 4)]));
  if (years.size !== 1) return dates;
  const year = Number([...years][0]);
  const placed = new Map<AskedDate, AskedDate>();
  for (const d of yearless) {
    const start = atYear(d, year, 'start');
    const end = atYear(d, year, 'end');
    if (start && end) placed.set(d, { ...d, text: d.kind === 'day' ? `${d.text}, ${year}` : `${d.text} ${year}`, start, end });
  }
  if (placed.size !== yearless.length) return dates;
  // The bare year that only dated the others is theirs, not a time asked.
  const onlyYear = dated.length === 1 && dated[0]!.yearOnly ? dated[0] : undefined;
  const out = dates.filter((d) => d !== onlyYear).map((d) => placed.get(d) ?? d);
  if (onlyYear && out[0]) out[0] = { ...out[0], tokens: [...out[0].tokens, ...onlyYear.tokens] };
  return out;
}

/**
 * "Q2 2017 (April–June)": months in brackets right after a dated span restate it; read alone they named no year
 * ("April names no year"). Dropped, their tokens still read as the span's. A dated span in the brackets defines it.
 */
function withoutRestatements(dates: AskedDate[], words: readonly string[], bracketBefore: readonly boolean[]): AskedDate[] {
  const out: AskedDate[] = [];
  let host: AskedDate | undefined;
  for (const d of dates) {
    const first = Math.min(...d.tokens);
    // In the brackets right after the span ("(April–June)"), or in the same bracketed word as what was dropped.
    const bracketed = !!host && host.tokens.includes(first - 1) && (words[first]?.startsWith('(') || !!bracketBefore[first] || words[first] === words[first - 1]);
    if (bracketed && !d.start) {
      host!.tokens.push(...d.tokens);
      continue;
    }
    // A dated span in brackets defines the one before it, as the asker counts it: "FY2018 (April 2017 – March 2018)",
    // "the US federal FY2017 (Oct 1 2016 - Sep 30 2017)", "Q3 of fiscal year 2017 (Jul-Sep 2017)". Read apart, the
    // fiscal year was read as a calendar year beside the asker's own span, and the answer spoke of both.
    // (Only in brackets: "Q2-Q3 2017" is one word, and a range.)
    if (bracketed && (words[first]?.startsWith('(') || !!bracketBefore[first]) && d.start && d.end && host!.start) {
      const same = d.start === host!.start && d.end === host!.end;
      // ("the quarter ending 30 September 2017 (Q3 2017)": a day glossed as the span that ends on it is that span.)
      const text = host!.kind === 'day' ? d.text : host!.text;
      const defined: AskedDate = same
        ? { ...host!, tokens: [...host!.tokens, ...d.tokens] }
        : { text, kind: 'range', start: d.start, end: d.end, yearOnly: false, tokens: [...host!.tokens, ...d.tokens] };
      out[out.length - 1] = defined;
      host = defined;
      continue;
    }
    out.push(d);
    host = d.start ? d : undefined;
  }
  return out;
}

/** The first of `items` whose words (`wordsOf`) stand right before token `at`, on tokens not `taken`. */
function phraseBefore<T>(items: readonly T[], wordsOf: (item: T) => readonly string[], norms: readonly string[], at: number, taken: ReadonlySet<number>): T | undefined {
  return items.find((item) => {
    const words = wordsOf(item);
    return words.every((w, j) => norms[at - words.length + j] === w && !taken.has(at - words.length + j));
  });
}

/** Words before a month, quarter, half or year that name its first or last day ("end of June 2017", "the start of Q3"). */
const EDGES: readonly { words: readonly string[]; side: 'start' | 'end' }[] = [
  { words: ['end', 'of'], side: 'end' },
  { words: ['close', 'of'], side: 'end' },
  { words: ['start', 'of'], side: 'start' },
  { words: ['beginning', 'of'], side: 'start' },
];

/**
 * "covered until end of June 2017?": the end of a month (quarter, half, year) is its last day, compared with the
 * period as that day; "the" before the edge words goes with them. A range or a day has no such edge.
 */
function withEdges(dates: AskedDate[], norms: string[]): AskedDate[] {
  const taken = new Set(dates.flatMap((d) => d.tokens));
  return dates.map((d) => {
    if (!d.start || !d.end || d.kind === 'day' || d.kind === 'range') return d;
    const first = Math.min(...d.tokens);
    const edge = phraseBefore(EDGES, (e) => e.words, norms, first, taken);
    if (!edge) return d;
    let from = first - edge.words.length;
    if (norms[from - 1] === 'the' && !taken.has(from - 1)) from--;
    const day = edge.side === 'end' ? d.end : d.start;
    const extra = Array.from({ length: first - from }, (_, j) => from + j);
    return { text: `the ${edge.words.join(' ')} ${d.text} (${formatDate(day)})`, kind: 'day', start: day, end: day, yearOnly: false, tokens: [...extra, ...d.tokens] };
  });
}

/** Words before a time that ask of what comes after it ("a bridge letter for after 30 Sept 2017", "beyond Q3 2017"). */
const AFTER_WORDS: readonly (readonly string[])[] = [['after'], ['beyond'], ['post'], ['later', 'than']];
/** The last day of a time after a date ("after 30 Sept 2017"), which runs on without end: no report covers it. */
export const OPEN_END = '9999-12-31';

/**
 * "is there a bridge letter for after 30 Sept 2017?", "anything covered after September 2017?": the time after a
 * date (its next day on), not the date itself ("Yes: 30 Sep 2017 falls within the period" was a false yes).
 */
function withAfter(dates: AskedDate[], norms: string[]): AskedDate[] {
  const taken = new Set(dates.flatMap((d) => d.tokens));
  return dates.map((d) => {
    if (!d.start || !d.end) return d;
    const first = Math.min(...d.tokens);
    const after = phraseBefore(AFTER_WORDS, (w) => w, norms, first, taken);
    if (!after) return d;
    const next = new Date(`${d.end}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const start = next.toISOString().slice(0, 10);
    const extra = Array.from({ length: after.length }, (_, j) => first - after.length + j);
    return { text: `after ${d.text} (from ${formatDate(start)})`, kind: 'range', start, end: OPEN_END, yearOnly: false, tokens: [...extra, ...d.tokens] };
  });
}

/** Words before a time that make it where an open span starts ("covered from September 2017", "starting Q3 2017"). */
const FROM_WORDS: readonly (readonly string[])[] = [['starting', 'from'], ['from'], ['starting'], ['onwards', 'from']];
/** Words before "from" that name the report, not a span: "is the report from 2017?", "is it from 2017?". */
const FROM_OWNERS = new Set(['report', 'it', 'this', 'that', 'soc', '3', 'document', 'letter', 'is', 'was', 'dated', 'one', 'opinion', 'assertion']);

/**
 * "was S3 covered from September 2017?": the time from a date on, without end (it was that month, "Yes"); not a range
 * ("from May to August 2017" is read as one above), nor the report's own date ("is the report from 2017?").
 */
function withFrom(dates: AskedDate[], norms: string[]): AskedDate[] {
  const taken = new Set(dates.flatMap((d) => d.tokens));
  return dates.map((d) => {
    if (!d.start || !d.end || d.end === OPEN_END || d.kind === 'range') return d;
    const first = Math.min(...d.tokens);
    const from = phraseBefore(FROM_WORDS, (w) => w, norms, first, taken);
    if (!from || FROM_OWNERS.has(norms[first - from.length - 1] ?? '')) return d;
    const extra = Array.from({ length: from.length }, (_, j) => first - from.length + j);
    return { text: `${d.text} onwards`, kind: 'range', start: d.start, end: OPEN_END, yearOnly: false, tokens: [...extra, ...d.tokens] };
  });
}

/** Words before a time that make it where a span ends ("covered thru Sept 2017", "until June 2017", "up to 2017"). */
const OPEN_ENDS: readonly (readonly string[])[] = [['up', 'to'], ['through'], ['thru'], ['until'], ['till'], ['til']];

/**
 * "was EC2 covered thru June 2017?": the time is asked as where coverage reaches, and is compared with the period as
 * the time itself is; the word before it is part of the time, not a word the answer must account for.
 */
function withOpenEnds(dates: AskedDate[], norms: string[]): AskedDate[] {
  const taken = new Set(dates.flatMap((d) => d.tokens));
  return dates.map((d) => {
    const first = Math.min(...d.tokens);
    const before = phraseBefore(OPEN_ENDS, (words) => words, norms, first, taken);
    if (!before) return d;
    const extra = before.map((_, j) => first - before.length + j);
    return { ...d, tokens: [...extra, ...d.tokens] };
  });
}

/** Words that join the items of a list of months ("April, May and June 2017"); commas are not tokens. */
const LIST_JOINS = new Set(['and', 'or', 'nor', '&']);

/**
 * A list of months or days whose year is written once, at its end ("April, May and June 2017", "June 1 and 2,
 * 2017"): each item takes the year of the item after it.
 */
function shareYears(dates: AskedDate[], norms: string[]): AskedDate[] {
  const out = [...dates];
  for (let k = out.length - 2; k >= 0; k--) {
    const a = out[k]!;
    const b = out[k + 1]!;
    if (a.start || (a.kind !== 'month' && a.kind !== 'day') || !b.start || (b.kind !== 'month' && b.kind !== 'day')) continue;
    const between = norms.slice(Math.max(...a.tokens) + 1, Math.min(...b.tokens));
    if (!between.every((w) => LIST_JOINS.has(w)) || between.length > 1) continue;
    const year = Number(b.start.slice(0, 4));
    const start = atYear(a, year, 'start');
    const end = atYear(a, year, 'end');
    if (start && end) out[k] = { ...a, text: a.kind === 'day' ? `${a.text}, ${year}` : `${a.text} ${year}`, start, end };
  }
  return out;
}

function readAtoms(norms: string[], dashBefore: boolean[]): AskedDate[] {
  const out: AskedDate[] = [];
  const used = new Set<number>();
  const push = (d: AskedDate) => {
    out.push(d);
    for (const k of d.tokens) used.add(k);
  };
  /** A year at `k` (or after "of"/"in"/"fy"/"cy" there): its value and the tokens it took. */
  const yearAt = (k: number): { year: number; tokens: number[] } | undefined => {
    let at = k;
    const taken: number[] = [];
    if (norms[at] === 'of' || norms[at] === 'in') taken.push(at++);
    // "the first half of calendar 2017": the calendar's year is the year.
    if ((norms[at] === 'calendar' || norms[at] === 'cy') && norms[at + 1] && isYear(norms[at + 1]!)) taken.push(at++);
    if ((norms[at] === 'fy' || norms[at] === 'cy') && yearOf(norms[at + 1]) !== undefined) return { year: yearOf(norms[at + 1])!, tokens: [...taken, at, at + 1] };
    const fused = /^(?:fy|cy)(\d\d|\d{4})$/.exec(norms[at] ?? '');
    if (fused) return { year: yearOf(fused[1])!, tokens: [...taken, at] };
    if (norms[at] && isYear(norms[at]!)) return { year: Number(norms[at]), tokens: [...taken, at] };
    return undefined;
  };
  for (let i = 0; i < norms.length; i++) {
    if (used.has(i)) continue;
    const n = norms[i]!;
    // ISO: 2017 06 15 (tokenised from 2017-06-15).
    if (isYear(n) && /^\d{1,2}$/.test(norms[i + 1] ?? '') && isDay(norms[i + 2]) && Number(norms[i + 1]) <= 12) {
      const [year, month, dayNumber] = [Number(n), Number(norms[i + 1]) - 1, parseInt(norms[i + 2]!, 10)];
      if (dayNumber > lastDay(year, month)) {
        // ("2017-06-31" was read as 1 Jul 2017, a day of the period: "Yes".)
        push({ text: `${dayNumber} ${cap(month)} ${year}`, kind: 'day', yearOnly: false, tokens: [i, i + 1, i + 2], impossible: true });
        continue;
      }
      const day = iso(year, month, dayNumber);
      push({ text: formatDate(day), kind: 'day', start: day, end: day, yearOnly: false, tokens: [i, i + 1, i + 2] });
      continue;
    }
    // Quarters and halves: "q3 2017", "2017 q3", "q3 of 2017", "third quarter of 2017", "h1 2017", "first half of 2017".
    // ("q 3 2017", "Q 3 2017": the quarter's letter and number apart.)
    const spaced = (n === 'q' || n === 'h') && /^[1-4]$/u.test(norms[i + 1] ?? '') && !used.has(i + 1);
    const part = QUARTER_OR_HALF.exec(spaced ? `${n}${norms[i + 1]}` : n);
    const ordinal = ORDINALS[n];
    const spanWord = part ? (part[1] === 'q' ? 'quarter' : 'half') : ordinal && (norms[i + 1] === 'quarter' || norms[i + 1] === 'half') ? norms[i + 1] : undefined;
    if (spanWord) {
      const index = part ? Number(part[2]) : ordinal === 4 && spanWord === 'half' ? 2 : ordinal!;
      const after = part ? i + (spaced ? 2 : 1) : i + 2;
      // "Q3 and Q4 2017", "H1 or H2 2018": a quarter in a list takes the year written after the list's last one.
      // So does the first of a range ("Q2-Q3 2017", "Q2 to Q3 2017"): each quarter is then compared on its own.
      const joined = LIST_JOINS.has(norms[after] ?? '') || RANGE_JOINS.has(norms[after] ?? '');
      const listed = !part ? undefined : joined && /^[qh][1-4]$/.test(norms[after + 1] ?? '') ? yearAt(after + 2) : /^[qh][1-4]$/.test(norms[after] ?? '') ? yearAt(after + 1) : undefined;
      const y =
        yearAt(after) ??
        (isYear(norms[i - 1] ?? '') && !used.has(i - 1) ? { year: Number(norms[i - 1]), tokens: [i - 1] } : undefined) ??
        (listed ? { year: listed.year, tokens: [] } : undefined) ??
        // "q2 '17", "H1 18": a two-digit year after a quarter or half typed as one word.
        (part && /^\d\d$/.test(norms[after] ?? '') ? { year: 2000 + Number(norms[after]), tokens: [after] } : undefined);
      if ((spanWord === 'half' && index > 2) || (part && !y)) continue;
      const own = part && !spaced ? [i] : [i, i + 1];
      const months = spanWord === 'quarter' ? 3 : 6;
      const first = (index - 1) * months;
      const name = spanWord === 'quarter' ? `Q${index}` : `H${index}`;
      const longName = spanWord === 'quarter' ? `Q${index}` : `the ${index === 1 ? 'first' : 'second'} half`;
      if (!y) {
        push({ text: longName, kind: spanWord === 'quarter' ? 'quarter' : 'half', yearOnly: false, tokens: own });
        continue;
      }
      push({
        text: spanWord === 'quarter' ? `${name} ${y.year}` : `${longName} of ${y.year}`,
        kind: spanWord === 'quarter' ? 'quarter' : 'half',
        start: iso(y.year, first, 1),
        end: iso(y.year, first + months - 1, lastDay(y.year, first + months - 1)),
        yearOnly: false,
        tokens: [...own, ...y.tokens],
      });
      continue;
    }
    // Fiscal and calendar years: "fy2017", "fy 17", "fiscal year 2017", "fiscal 2017", "calendar year 2017", "cy2017".
    const fiscal = n === 'fiscal' || n === 'fy' || /^fy\d/.test(n);
    const calendar = n === 'calendar' || n === 'cy' || /^cy\d/.test(n);
    if (fiscal || calendar) {
      const skip = norms[i + 1] === 'year' ? 2 : n === 'fiscal' || n === 'calendar' ? 1 : 0;
      const y = /^(fy|cy)\d/.test(n) ? yearAt(i) : yearAt(i + skip);
      if (y) {
        const tokens = [...new Set([i, ...(skip === 2 ? [i + 1] : []), ...y.tokens])];
        push({
          text: fiscal ? `fiscal year ${y.year}` : `calendar year ${y.year}`,
          kind: fiscal ? 'fiscal_year' : 'year',
          start: `${y.year}-01-01`,
          end: `${y.year}-12-31`,
          yearOnly: false,
          tokens,
        });
        continue;
      }
    }
    const m = monthOf(n);
    // "may" is a month only next to a day or a year, or at an end of a range ("May to August 2017", "May - Aug 2017").
    const mayIsMonth =
      n !== 'may' ||
      isDay(norms[i + 1]) ||
      isDay(norms[i - 1]) ||
      isYear(norms[i + 1] ?? '') ||
      (RANGE_JOINS.has(norms[i + 1] ?? '') && monthOf(norms[i + 2] ?? '') >= 0) ||
      (RANGE_JOINS.has(norms[i - 1] ?? '') && monthOf(norms[i - 2] ?? '') >= 0) ||
      (!!dashBefore[i + 1] && monthOf(norms[i + 1] ?? '') >= 0) ||
      (!!dashBefore[i] && monthOf(norms[i - 1] ?? '') >= 0);
    if (m >= 0 && mayIsMonth) {
      // Month [day] [year], or day month [year].
      const dayBefore = isDay(norms[i - 1]) && !used.has(i - 1) ? i - 1 : -1;
      // (Not a day after a dash: "1 May - 30 September 2017" is a range, not May 30; it was a false yes, regress 9.)
      const dayAfter = isDay(norms[i + 1]) && !dashBefore[i + 1] ? i + 1 : -1;
      const y = yearAt((dayAfter >= 0 ? dayAfter : i) + 1);
      const dayAt = dayAfter >= 0 ? dayAfter : dayBefore;
      const tokens = [i, ...(dayAt >= 0 ? [dayAt] : []), ...(y ? y.tokens : [])];
      const dayNumber = dayAt >= 0 ? parseInt(norms[dayAt]!, 10) : undefined;
      if (!y) {
        push({ text: dayNumber ? `${cap(m)} ${dayNumber}` : cap(m), kind: dayNumber ? 'day' : 'month', yearOnly: false, tokens });
        continue;
      }
      const year = y.year;
      if (dayNumber && dayNumber > lastDay(year, m)) {
        // ("June 31, 2017" was read as 30 Jun 2017.)
        push({ text: `${dayNumber} ${cap(m)} ${year}`, kind: 'day', yearOnly: false, tokens, impossible: true });
      } else if (dayNumber) {
        const day = iso(year, m, dayNumber);
        // Named as every other answer names a day ("3 Dec 2025", src/present/words.ts), however it was typed.
        push({ text: formatDate(day), kind: 'day', start: day, end: day, yearOnly: false, tokens });
      } else push({ text: `${cap(m)} ${year}`, kind: 'month', start: iso(year, m, 1), end: iso(year, m, lastDay(year, m)), yearOnly: false, tokens });
      continue;
    }
    // "2017 Q3": the year belongs to the quarter after it.
    if (isYear(n) && /^[qh][1-4]$/.test(norms[i + 1] ?? '')) continue;
    if (isYear(n)) push({ text: n, kind: 'year', start: `${n}-01-01`, end: `${n}-12-31`, yearOnly: true, tokens: [i] });
  }
  return out.sort((a, b) => Math.min(...a.tokens) - Math.min(...b.tokens));
}

/**
 * Two dates joined by "to", "through", "until", "and" (after "between") or a dash ("May–August 2017") are one
 * range; the first end takes the second's year when it has none ("May to August 2017").
 */
function mergeRanges(atoms: AskedDate[], norms: string[], words: string[], dashBefore: boolean[]): AskedDate[] {
  const out: AskedDate[] = [];
  for (let k = 0; k < atoms.length; k++) {
    const a = atoms[k]!;
    const b = atoms[k + 1];
    if (b && (a.kind === 'month' || a.kind === 'day') && (b.kind === 'month' || b.kind === 'day') && b.start && b.end) {
      const aEnd = Math.max(...a.tokens);
      const bStart = Math.min(...b.tokens);
      const between = norms.slice(aEnd + 1, bStart);
      // "May–Aug 2017" (one word), or "1 May 2017 – 31 July 2017" (a dash standing alone between the two).
      const dashed = bStart === aEnd + 1 && (words[aEnd] === words[bStart] || !!dashBefore[bStart]);
      const joined = dashed || (between.length === 1 && RANGE_JOINS.has(between[0]!) && (between[0] !== 'and' || norms.slice(0, Math.min(...a.tokens)).includes('between')));
      if (joined) {
        const year = Number(b.start.slice(0, 4));
        const start = a.start ?? atYear(a, year, 'start');
        const end = b.end;
        if (start && start <= end) {
          const startText = a.start ? a.text : `${a.text} ${year}`;
          // Days to days are named as the report's period is ("3 Dec 2025 – 2 Dec 2026"); months as typed.
          const text = a.kind === 'day' && b.kind === 'day' ? formatPeriod(start, end) : `${startText} – ${b.text}`;
          out.push({ text, kind: 'range', start, end, yearOnly: false, tokens: [...a.tokens, ...between.map((_, j) => aEnd + 1 + j), ...b.tokens] });
          k++;
          continue;
        }
      }
    }
    out.push(a);
  }
  return out;
}

/** A month or day named without a year ("May" of "May to August 2017") placed in `year`. */
function atYear(d: AskedDate, year: number, side: 'start' | 'end'): string | undefined {
  const [monthName, dayText] = d.text.split(' ');
  const m = monthOf((monthName ?? '').toLowerCase());
  if (m < 0) return undefined;
  if (dayText) return iso(year, m, Math.min(Number(dayText), lastDay(year, m)));
  return side === 'start' ? iso(year, m, 1) : iso(year, m, lastDay(year, m));
}

/** How a span lies against a period: wholly inside it, partly, wholly outside, or not placeable (no year). */
export type PeriodRelation =
  | { relation: 'inside' }
  | { relation: 'partial'; overlap: { start: string; end: string } }
  | { relation: 'outside' }
  | { relation: 'unplaced' };

/** Compares an asked span with a period (ISO dates, inclusive at both ends). */
export function relate(asked: AskedDate, period: { start: string; end: string }): PeriodRelation {
  if (!asked.start || !asked.end) return { relation: 'unplaced' };
  if (asked.start >= period.start && asked.end <= period.end) return { relation: 'inside' };
  if (asked.end < period.start || asked.start > period.end) return { relation: 'outside' };
  return { relation: 'partial', overlap: { start: asked.start > period.start ? asked.start : period.start, end: asked.end < period.end ? asked.end : period.end } };
}

/**
 * The time from one ISO day to a moment, in whole years, months and days ("8 years, 2 months"): how long ago a
 * report's period ended. Never negative (a period that ends later than `now` is 0 days ago).
 */
export function elapsed(fromIso: string, now: Date): { years: number; months: number; days: number } {
  const [y, m, d] = fromIso.split('-').map(Number) as [number, number, number];
  let years = now.getUTCFullYear() - y;
  let months = now.getUTCMonth() + 1 - m;
  let days = now.getUTCDate() - d;
  if (days < 0) {
    months -= 1;
    days += new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).getUTCDate();
  }
  if (months < 0) {
    years -= 1;
    months += 12;
  }
  if (years < 0) return { years: 0, months: 0, days: 0 };
  return { years, months, days };
}

/** "8 years and 2 months", "3 months and 4 days", "5 days": the largest two units of {@link elapsed}. */
export function elapsedText(e: { years: number; months: number; days: number }): string {
  const unit = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const parts = [e.years ? unit(e.years, 'year') : '', e.months ? unit(e.months, 'month') : '', !e.years && e.days ? unit(e.days, 'day') : ''].filter(Boolean);
  return parts.length ? parts.slice(0, 2).join(' and ') : 'less than a day';
}

/**
 * The token indexes of the lengths of time a question names ("are audit logs kept for 90 days?", "retained for at
 * least one year", "a minimum of 12 months"): a count (digits, or a word of data/vocabulary durationNumbers), a
 * unit (durationUnits) and the qualifier before them (durationQualifiers). A length of time is no date, and names
 * nothing the report lists: "90" was read as a service not listed ("No: 0 of 2 in scope"). `taken`: tokens read
 * as dates already.
 */
export function durationTokens(norms: readonly string[], taken: ReadonlySet<number> = new Set()): Set<number> {
  const out = new Set<number>();
  // "within 72h", "30d": the count and its unit in one word.
  norms.forEach((n, i) => {
    const glued = GLUED.exec(n);
    if (glued && !taken.has(i) && DURATION_SUFFIXES.has(glued[2]!)) out.add(i);
  });
  for (let i = 0; i + 1 < norms.length; i++) {
    const count = norms[i]!;
    if (taken.has(i) || taken.has(i + 1) || !DURATION_UNITS.has(norms[i + 1]!)) continue;
    const article = count === 'a' || count === 'an';
    if (!article && !isCount(count)) continue;
    // "a" or "an" alone counts only after a qualifier ("for a year"); "is there a day ..." is no duration.
    const qualifier = phraseBefore(DURATION_QUALIFIERS, (q) => q, norms, i, taken);
    if (article && !qualifier) continue;
    for (let k = i - (qualifier?.length ?? 0); k <= i + 1; k++) out.add(k);
    // "6 or 12 months", "six months or twelve": a count joined to the length shares its unit.
    if (ALTERNATIVES.has(norms[i - 1] ?? '') && isCount(norms[i - 2]) && !taken.has(i - 2)) out.add(i - 1).add(i - 2);
    if (ALTERNATIVES.has(norms[i + 2] ?? '') && isCount(norms[i + 3]) && !DURATION_UNITS.has(norms[i + 4] ?? '') && !taken.has(i + 3)) {
      out.add(i + 2).add(i + 3);
      i += 2;
    }
    i++;
  }
  return out;
}

/** Digits with a unit written onto them ("72h", "90days"). */
const GLUED = /^(\d+)([a-z]+)$/u;

/** Words that join two counts of one unit ("6 or 12 months", "3 to 6 months"). */
const ALTERNATIVES = new Set(['or', 'to', 'and']);
/** A count of a length of time: digits (not a year) or a reviewed number word ("six"; not "a"). */
const isCount = (norm: string | undefined) => !!norm && ((/^\d+(?:\.\d+)?$/u.test(norm) && !isYear(norm)) || (DURATION_NUMBERS.has(norm) && norm !== 'a' && norm !== 'an'));
