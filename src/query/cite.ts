import type { Report, SourceQuote } from '../report/schema.js';
import { sentences } from '../report/parser.js';
import type { Citation } from './answer.js';

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
export function citation(path: string[], quote: string): Citation {
  return { section: path.at(-1)!, path, quote: plainText(quote) };
}

/** A citation from a source quote the parser kept with a fact. */
export function citeSource(source: SourceQuote): Citation {
  return citation(source.path, source.quote);
}

/** The first `n` sentences of a text, verbatim (white space folded). */
export function firstSentences(text: string, n: number): string {
  return sentences(text.split('\n\n')[0]!.replace(/\s+/g, ' ').trim()).slice(0, n).join(' ');
}

/** "April 1, 2017" from "2017-04-01". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${months[(m ?? 1) - 1]} ${d}, ${y}`;
}

/** "April 1, 2017 – September 30, 2017": the report's period for prose. */
export function periodText(report: Report): string {
  return `${longDate(report.period.start)} – ${longDate(report.period.end)}`;
}

/** "A", "A and B", "A, B and C". */
export function joinAnd(items: string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
