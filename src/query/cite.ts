import type { Report, SourceQuote } from '../report/schema.js';
import { sentences } from '../report/parser.js';
import { formatDate, formatPeriod } from '../present/words.js';
import type { Quote } from './reply.js';

/**
 * The report's words without Markdown syntax: `[text](url)` as text, `<url>` as url, emphasis markers
 * dropped. The contract counts a quote as verbatim with that syntax ignored, and chat clients would
 * otherwise show a link to "#".
 */
export function plainText(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<((?:https?|mailto):[^>]*)>/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](\S(?:.*?\S)?)[*_](?=[\s).,;:!?]|$)/g, '$1$2');
}

/** A citation of a verbatim quote under the section at `path` (Markdown syntax removed, see {@link plainText}). */
export function citation(path: string[], quote: string): Quote {
  return { section: path.at(-1)!, path, quote: plainText(quote) };
}

/** A citation from a source quote the parser kept with a fact. */
export function citeSource(source: SourceQuote): Quote {
  return citation(source.path, source.quote);
}

/** The first `n` sentences of a text, verbatim (white space folded). */
export function firstSentences(text: string, n: number): string {
  return sentences(text.split('\n\n')[0]!.replace(/\s+/g, ' ').trim()).slice(0, n).join(' ');
}

/** "26 Oct 2017" from "2017-10-26" (the one date format: src/present/words.ts). */
export const longDate = formatDate;

/** "1 Apr – 30 Sep 2017": the report's period (the one period format: src/present/words.ts). */
export function periodText(report: Report): string {
  return formatPeriod(report.period.start, report.period.end);
}

/** "A", "A and B", "A, B and C". */
export function joinAnd(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
