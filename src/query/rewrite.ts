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
import { ASK_CUES } from './vocabulary.js';

/**
 * The question as the time readers read it, and the `reading` notes that say how its dates were read (numeric
 * dates first, then relative times; none when nothing was rewritten). `now` places relative times. Pure.
 */
export function rewriteQuestion(raw: string, now: Date): { text: string; readings: ReplyNote[] } {
  const apart = readDisambiguation(stripRowLabel(afterAskCue(raw)).text);
  const numeric = readNumericDates(apart.text);
  const relative = readRelativeDates(numeric.text, now);
  const readings: ReplyNote[] = [];
  if (apart.setApart.length) readings.push(disambiguationReading(apart.setApart));
  if (numeric.dates.length) readings.push(numericReading(numeric.dates));
  if (relative.spans.length || relative.seasons.length) readings.push(relativeReading(relative));
  return { text: relative.text, readings };
}

/**
 * A cue that hands over the one real question of a long message ("... but the one thing I actually need from you
 * is: is AWS Config in scope?", "tl;dr: is S3 covered?"; data/vocabulary/question-words.json `askCues`), then a colon,
 * a dash or "is" ("all I need to know is whether ..."): the cue's last one, followed by the words after it.
 */
const ASK_CUE = new RegExp(
  `(?:^|[^A-Za-z0-9])(?:${[...ASK_CUES]
    .sort((a, b) => b.length - a.length)
    .map((c) => c.split(' ').join('[^A-Za-z0-9]+'))
    .join('|')})\\s*(?:[:\u2013\u2014-]+|\\.{3}|\u2026)\\s*`,
  'gi',
);
/**
 * The cues as folded phrases, to tell by plain string search whether a message may hold one: the pattern above
 * runs only then (compiling it was a quarter of a cold `ask`, by `node --cpu-prof`).
 */
const CUE_PHRASES = [...ASK_CUES].map((c) => ` ${c} `);

/**
 * The message with its last ask cue made a sentence break, when the cue stands before at least two words: what
 * came before it is then a sentence of its own, which the context-sentence reader (context-sentences.ts) drops only
 * when it asks nothing and names nothing ("... legal is chasing me on the DPA. is AWS Config in scope?"), and keeps
 * when it qualifies the question ("for HIPAA. is S3 covered?" stays a question about HIPAA). The message as it is
 * otherwise. Pure.
 */
export function afterAskCue(raw: string): string {
  // (Only a message long enough to bury a question: the cue phrases are long, and compiling was paid once.)
  if (raw.length < 12) return raw;
  const folded = ` ${raw.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  if (!CUE_PHRASES.some((c) => folded.includes(c))) return raw;
  let last: RegExpExecArray | undefined;
  ASK_CUE.lastIndex = 0;
  for (let m = ASK_CUE.exec(raw); m; m = ASK_CUE.exec(raw)) last = m;
  if (!last) return raw;
  const rest = raw.slice(last.index + last[0].length).trim();
  if (rest.split(/\s+/u).length < 2) return raw;
  const before = raw.slice(0, last.index + (/^[^A-Za-z0-9]/.test(last[0]) ? 1 : 0)).replace(/[\s,;:–—-]+$/u, '');
  return before && /[\p{L}\p{N}]/u.test(before) ? `${/[.?!]$/u.test(before) ? before : `${before}.`} ${rest}` : rest;
}
