/**
 * Dates written in numbers ("06/30/2017", "30.06.2017", "10/01/2017"), as questionnaires and people in a hurry
 * write them, rewritten as ISO dates ("2017-06-30") before the time readers (period.ts, when.ts) read the
 * question: both read ISO dates, and neither read these (the words "10 01" were then asked about as a name).
 *
 * - With slashes or dashes: month first when the second number cannot be a month ("06/30/2017"), day first when
 *   the first cannot be ("30/06/2017"); when both can, month first, the US form, and the reading says so.
 * - With dots ("30.06.2017"): day first, as the forms that use dots write it.
 * - A year of four digits only ("10/1/17" is left alone: 17 could be a day), and only days that exist.
 */

import { longDate } from './cite.js';
import { note, type ReplyNote } from './reply.js';

/** One date read: as typed, as ISO, and whether the order of day and month was a guess. */
export interface NumericDate {
  typed: string;
  iso: string;
  guessed: boolean;
}

const NUMERIC_DATE = /(?<![\d./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d./-]*\d)/gu;

const pad = (n: number) => String(n).padStart(2, '0');
const exists = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The question with each numeric date as ISO, and the dates read, in order. Pure. */
export function readNumericDates(question: string): { text: string; dates: NumericDate[] } {
  const dates: NumericDate[] = [];
  const text = question.replace(NUMERIC_DATE, (typed, a: string, sep: string, b: string, y: string) => {
    const [first, second, year] = [Number(a), Number(b), Number(y)];
    let month: number;
    let day: number;
    let guessed = false;
    if (sep === '.') [day, month] = [first, second];
    else if (second > 12) [month, day] = [first, second];
    else if (first > 12) [day, month] = [first, second];
    else {
      [month, day] = [first, second];
      guessed = first !== second;
    }
    if (!exists(year, month, day)) return typed;
    const iso = `${year}-${pad(month)}-${pad(day)}`;
    dates.push({ typed, iso, guessed });
    return iso;
  });
  return { text, dates };
}

/** The `reading` note for dates read from numbers: "Reading “10/01/2017” as 1 Oct 2017 (month first).". */
export function numericReading(dates: NumericDate[]): ReplyNote {
  const each = dates.map((d) => {
    if (!d.guessed) return `“${d.typed}” as ${longDate(d.iso)}`;
    const [y, m, day] = d.iso.split('-');
    const other = `${y}-${day}-${m}`;
    return `“${d.typed}” as ${longDate(d.iso)}, month first (write ${other} for ${longDate(other)})`;
  });
  return note('reading', `Reading ${each.join(', ')}.`);
}
