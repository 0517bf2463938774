/**
 * What every engine does to a question before reading it, in one place: the questionnaire's row label and answer
 * options taken off (row-labels.ts), dates written in numbers as ISO dates (numeric-dates.ts), and times relative
 * to today or a year as day ranges (relative-dates.ts). Both the core (engine.ts) and the library
 * (library-engine.ts) call it; on a question the library has already rewritten, the core's call finds nothing more.
 */

import { numericReading, readNumericDates } from './numeric-dates.js';
import { readRelativeDates, relativeReading } from './relative-dates.js';
import type { ReplyNote } from './reply.js';
import { stripRowLabel } from './row-labels.js';

/**
 * The question as the time readers read it, and the `reading` notes that say how its dates were read (numeric
 * dates first, then relative times; none when nothing was rewritten). `now` places relative times. Pure.
 */
export function rewriteQuestion(raw: string, now: Date): { text: string; readings: ReplyNote[] } {
  const numeric = readNumericDates(stripRowLabel(raw).text);
  const relative = readRelativeDates(numeric.text, now);
  const readings: ReplyNote[] = [];
  if (numeric.dates.length) readings.push(numericReading(numeric.dates));
  if (relative.spans.length || relative.seasons.length) readings.push(relativeReading(relative));
  return { text: relative.text, readings };
}
