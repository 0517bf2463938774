/**
 * The report text as blocks: runs of non-blank lines, classified by their layout alone. The parser builds
 * the section tree and reads the facts from these.
 */
import { oneLine } from './text.js';

/** How a block looks on the page. */
export type BlockKind =
  /** Every line starts with "- ". */
  | 'bullets'
  /** One line that is only a date, e.g. "October 26, 2017". */
  | 'date'
  /** A `**...**` block (may span lines): a heading in bold. */
  | 'bold'
  /** One short line with no closing full stop: a heading or a signature line. */
  | 'line'
  /** Anything else: running text. */
  | 'paragraph';

/** A run of non-blank lines of the report text, classified by how it looks. */
export interface Block {
  kind: BlockKind;
  /** The block's lines, verbatim. */
  lines: string[];
  /** 1-based line numbers of its first and last line. */
  start: number;
  end: number;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DATE = /^(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s*(\d{4})$/i;

/** "October 26, 2017" -> "2017-10-26"; undefined when the text is not such a date. */
export function toIsoDate(text: string): string | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1;
  const day = Number(m[2]);
  if (day < 1 || day > 31) return undefined;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A line that could be a heading: short, one line, no sentence ending; a closing colon only on a short label. */
function looksLikeHeadingLine(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 100 || t.startsWith('- ')) return false;
  if (/[.;,!?]$/.test(t)) return false;
  if (t.endsWith(':')) return t.split(/\s+/).length <= 4;
  return /^[\p{Lu}\d*]/u.test(t);
}

/** Splits report text into blocks separated by blank lines, and classifies each. */
export function splitBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  // `bullets`: every line so far starts with "- " (kept as lines are added, so a long list is read in linear time).
  let current: { lines: string[]; start: number; bullets: boolean } | undefined;
  const flush = (endIndex: number) => {
    if (!current) return;
    blocks.push({ kind: classify(current.lines), lines: current.lines, start: current.start, end: endIndex });
    current = undefined;
  };
  lines.forEach((line, i) => {
    if (line.trim() === '') {
      flush(i);
      return;
    }
    const bullet = line.trimStart().startsWith('- ');
    // A bullet list that follows a text line without a blank line still starts its own block.
    if (current && bullet && !current.bullets) flush(i);
    current ??= { lines: [], start: i + 1, bullets: true };
    current.lines.push(line);
    current.bullets &&= bullet;
  });
  flush(lines.length);
  return blocks;
}

function classify(lines: string[]): BlockKind {
  if (lines.every((l) => l.trimStart().startsWith('- '))) return 'bullets';
  const joined = lines.join(' ').trim();
  if (joined.startsWith('**') && joined.endsWith('**') && joined.length > 4) return 'bold';
  if (lines.length === 1 && toIsoDate(joined)) return 'date';
  if (lines.length === 1 && looksLikeHeadingLine(joined)) return 'line';
  return 'paragraph';
}

/** A heading's title as shown: Markdown emphasis removed, lines joined, a closing colon dropped. */
export function headingTitle(block: Block): string {
  return oneLine(block.lines.join(' ').replace(/\*\*|__/g, ''))
    .replace(/:$/, '')
    .trim();
}

/** The items of a bullet block, without the "- " marker. */
export function bulletItems(block: Block): string[] {
  return block.lines.map((l) => l.trim().replace(/^-\s+/, '').trim()).filter((l) => l.length > 0);
}
