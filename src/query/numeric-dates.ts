/**
 * Dates written in numbers ("06/30/2017", "30.06.2017", "10/01/2017"), as questionnaires and people in a hurry
 * write them, rewritten as ISO dates ("2017-06-30") before the time readers (period.ts, when.ts) read the
 * question: both read ISO dates, and neither read these (the words "10 01" were then asked about as a name).
 *
 * - With slashes or dashes: month first when the second number cannot be a month ("06/30/2017"), day first when
 *   the first cannot be ("30/06/2017"); when both can, both ("09/10/2017" is "2017-09-10 or 2017-10-09"): one
 *   reading may fall inside the report's period and the other outside, and a yes on the US reading alone was a
 *   false yes to a reader who writes the day first (break-it round 4). The reading says so.
 * - With dots ("30.06.2017"): day first, as the forms that use dots write it.
 * - A year of four digits only ("10/1/17" is left alone: 17 could be a day), and only days that exist.
 */

import { longDate } from './cite.js';
import { note, type ReplyNote } from './reply.js';

/** One date read: as typed, as ISO (month first when both could be), and whether the order of day and month was a guess. */
export interface NumericDate {
  typed: string;
  iso: string;
  guessed: boolean;
  /** When `guessed`: the other reading, day first, as ISO; the question then asks of both ("2017-09-10 or 2017-10-09"). */
  other?: string;
}

// (A two-digit year with slashes only, as US forms write it: "9/30/17"; "1.2.17" may be a version. Read apart, its
// numbers were services "not listed", break-it round 8.)
const NUMERIC_DATE = /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d./-]*\d)/gu;

const pad = (n: number) => String(n).padStart(2, '0');
const exists = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A month and year in numbers, "04/2017" (a month of 1-12 and a year of four digits). */
const NUMERIC_MONTH = /(?<![\d./-])(\d{1,2})\/(\d{4})(?![\d./-]*\d)/gu;
/** A quarter or half as finance writes it, "2Q17", "1H2017": the number first. */
const NUMBER_FIRST_PART = /(?<![\p{L}\p{N}])([1-4])([QqHh])(\d{2}|\d{4})(?![\p{L}\p{N}])/gu;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The question with each numeric date as ISO, and the dates read, in order; months in numbers ("04/2017") as their
 * names ("April 2017") and quarters or halves written number first ("2Q17") as the time readers read them ("Q2
 * 2017"): "04/2017 - 09/2017" was two services "04" and "09", and "2Q17" a service not listed. Pure.
 */
export function readNumericDates(question: string): { text: string; dates: NumericDate[] } {
  const dates: NumericDate[] = [];
  // One order for the whole question: a date that can only be month first ("09/30/2017") or day first
  // ("30/09/2017") says how the others are written ("04/01/2017 - 09/30/2017" is 1 Apr, not 4 Jan).
  let order: 'month' | 'day' | undefined;
  for (const m of question.matchAll(NUMERIC_DATE)) {
    if (m[2] === '.') continue;
    if (Number(m[3]) > 12 && Number(m[1]) <= 12) order ??= 'month';
    else if (Number(m[1]) > 12 && Number(m[3]) <= 12) order ??= 'day';
  }
  const parts = question
    .replace(NUMBER_FIRST_PART, (typed, n: string, letter: string, y: string) => {
      if (letter.toLowerCase() === 'h' && Number(n) > 2) return typed;
      return `${letter.toUpperCase()}${n} ${y.length === 2 ? `20${y}` : y}`;
    })
    .replace(NUMERIC_MONTH, (typed, m: string, y: string) => (Number(m) >= 1 && Number(m) <= 12 ? `${MONTH_NAMES[Number(m) - 1]} ${y}` : typed));
  const text = parts.replace(NUMERIC_DATE, (typed, a: string, sep: string, b: string, y: string) => {
    if (y.length === 2 && sep !== '/') return typed;
    const [first, second, year] = [Number(a), Number(b), y.length === 2 ? 2000 + Number(y) : Number(y)];
    let month: number;
    let day: number;
    let guessed = false;
    if (sep === '.') [day, month] = [first, second];
    else if (second > 12) [month, day] = [first, second];
    else if (first > 12) [day, month] = [first, second];
    else if (order === 'day') [day, month] = [first, second];
    else {
      [month, day] = [first, second];
      guessed = first !== second && order !== 'month';
    }
    // A day no calendar has ("31/06/2017") is still a date, as the time readers read it (src/query/period.ts says it
    // is none): left as numbers, it was read as the names "31" and "06".
    if (!exists(year, month, day)) return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${year}-${pad(month)}-${pad(day)}` : typed;
    const iso = `${year}-${pad(month)}-${pad(day)}`;
    if (!guessed) {
      dates.push({ typed, iso, guessed });
      return iso;
    }
    const other = `${year}-${pad(day)}-${pad(month)}`;
    dates.push({ typed, iso, guessed, other });
    return `${iso} or ${other}`;
  });
  return { text, dates };
}

/** The `reading` note for dates read from numbers: "Reading “10/01/2017” as 1 Oct 2017 (month first) or 10 Jan 2017 (day first); ...". */
export function numericReading(dates: NumericDate[]): ReplyNote {
  const each = dates.map((d) => {
    if (!d.guessed || !d.other) return `“${d.typed}” as ${longDate(d.iso)}`;
    return `“${d.typed}” as ${longDate(d.iso)} (month first) or ${longDate(d.other)} (day first); write ${d.iso} or ${d.other} to say which`;
  });
  return note('reading', `Reading ${each.join(', ')}.`);
}
