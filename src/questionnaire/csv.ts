import { parseCsv as parse, stringifyCsv as stringify } from './libs.js';
import { QuestionnaireError } from './errors.js';

/**
 * CSV questionnaires: UTF-8 text (a byte order mark is kept), the delimiter detected among `,` `;` tab and
 * `|`, and the line ending kept, so that the copy opens in the same program the same way (RFC 4180 quoting,
 * as csv-parse and csv-stringify do it).
 */

/** A CSV file read into rows of fields, with what is needed to write it back the same way. */
export interface CsvTable {
  rows: string[][];
  delimiter: string;
  bom: boolean;
  /** "\r\n" or "\n", as the input used. */
  eol: string;
  /** The input ended with a line ending. */
  finalEol: boolean;
}

const BOM = '\ufeff';
const DELIMITERS = [',', ';', '\t', '|'] as const;

/** How well a delimiter splits the first lines: records with more than one field that agree on their count. */
function score(sample: string, delimiter: string): number {
  let rows: string[][];
  try {
    rows = parse(sample, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to_line: 50 }) as string[][];
  } catch {
    return -1;
  }
  const counts = rows.map((r) => r.length).filter((n) => n > 1);
  if (counts.length === 0) return 0;
  const freq = new Map<number, number>();
  for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
  const [mode, times] = [...freq].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]!;
  return times * 1000 + mode;
}

/** The delimiter that splits the first lines most consistently; "," when none splits anything. */
export function detectDelimiter(text: string): string {
  const sample = text.split(/\r?\n/).slice(0, 50).join('\n');
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const s = score(sample, d);
    if (s > bestScore) [best, bestScore] = [d, s];
  }
  return best;
}

/**
 * Reads CSV bytes.
 * @throws QuestionnaireError naming `file`: not UTF-8, binary, or malformed CSV (with the line).
 */
export function readCsv(bytes: Uint8Array, file: string): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new QuestionnaireError(file, 'is not UTF-8 text (save the CSV as "CSV UTF-8", or send the XLSX)');
  }
  if (text.includes('\u0000')) throw new QuestionnaireError(file, 'is not a spreadsheet (binary content, neither XLSX nor CSV text)');
  const bom = text.startsWith(BOM);
  if (bom) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new QuestionnaireError(file, `is not valid CSV${e.lines ? ` (line ${e.lines})` : ''}: ${String(e.message ?? error).split('\n')[0]}`);
  }
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  return { rows, delimiter, bom, eol, finalEol: /\r?\n$/.test(text) };
}

/** Writes rows back as CSV the way {@link readCsv} found them (delimiter, BOM, line ending). */
export function writeCsv(table: CsvTable): Buffer {
  let text = stringify(table.rows, { delimiter: table.delimiter, record_delimiter: table.eol === '\r\n' ? 'windows' : 'unix' });
  if (!table.finalEol && text.endsWith(table.eol)) text = text.slice(0, -table.eol.length);
  return Buffer.from((table.bom ? BOM : '') + text, 'utf8');
}
