/**
 * What every engine does to a question before reading it, in one place: the questionnaire's row label and answer
 * options taken off (row-labels.ts), look-alikes the question sets apart left out ("Connect (not Direct Connect)",
 * disambiguation.ts), dates written in numbers as ISO dates (numeric-dates.ts), and times relative
 * to today or a year as day ranges (relative-dates.ts). Both the core (engine.ts) and the library
 * (library-engine.ts) call it; on a question the library has already rewritten, the core's call finds nothing more.
 */

import { disambiguationReading, readDisambiguation } from './disambiguation.js';
import { numericReading, readNumericDates } from './numeric-dates.js';
import { readRelativeDates, relativeReading } from './relative-dates.js';
import type { ReplyNote } from './reply.js';
import { stripRowLabel } from './row-labels.js';

/**
 * The question as the time readers read it, and the `reading` notes that say how its dates were read (numeric
 * dates first, then relative times; none when nothing was rewritten). `now` places relative times. Pure.
 */
export function rewriteQuestion(raw: string, now: Date): { text: string; readings: ReplyNote[] } {
  const apart = readDisambiguation(stripRowLabel(raw).text);
  const numeric = readNumericDates(apart.text);
  const relative = readRelativeDates(numeric.text, now);
  const readings: ReplyNote[] = [];
  if (apart.setApart.length) readings.push(disambiguationReading(apart.setApart));
  if (numeric.dates.length) readings.push(numericReading(numeric.dates));
  if (relative.spans.length || relative.seasons.length) readings.push(relativeReading(relative));
  return { text: relative.text, readings };
}
