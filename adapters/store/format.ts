/**
 * The audit CLI's three output formats, pure: `table` (aligned columns for a terminal), `csv` (RFC 4180,
 * with cells that a spreadsheet would run as a formula made inert) and `json` (JSON Lines, one object per
 * row, for jq and scripts).
 */

/** A column: its heading and how to get its cell from a row. */
export interface Column<R> {
  heading: string;
  cell: (row: R) => string | number;
  /** Table only: cut cells to this many characters. */
  max?: number;
  /** Table only: right-align (numbers). */
  right?: boolean;
}

export type Format = 'table' | 'csv' | 'json';

/** Cells starting with these are formulas to Excel and LibreOffice (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/u;

/** One CSV field: quoted when it holds a comma, quote or line break; a formula-like cell gets a leading '. */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV with a heading line (CRLF line ends, as RFC 4180 says). */
export function toCsv<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  const lines = [columns.map((c) => csvField(c.heading)), ...rows.map((r) => columns.map((c) => csvField(c.cell(r))))];
  return lines.map((l) => `${l.join(',')}\r\n`).join('');
}

const cutCell = (text: string, max: number | undefined) => {
  const oneLine = text.replace(/[\p{Cc}\s]+/gu, ' ');
  return max !== undefined && oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
};

/** Rows as an aligned text table with a heading line; "(none)" for no rows. */
export function toTable<R>(rows: readonly R[], columns: readonly Column<R>[]): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((r) => columns.map((c) => cutCell(String(c.cell(r)), c.max)));
  const widths = columns.map((c, i) => Math.max(c.heading.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (columns[i]!.right ? v.padStart(widths[i]!) : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(columns.map((c) => c.heading)), ...cells.map(line)].join('\n')}\n`;
}

/** Rows as JSON Lines. */
export function toJsonLines(rows: readonly unknown[]): string {
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** Rows in the given format. */
export function render<R>(format: Format, rows: readonly R[], columns: readonly Column<R>[], json: (row: R) => unknown = (r) => r): string {
  if (format === 'csv') return toCsv(rows, columns);
  if (format === 'json') return toJsonLines(rows.map(json));
  return toTable(rows, columns);
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * `--since`: a duration back from `now` (`30m`, `24h`, `7d`, `2w`) or a date or time (`2026-11-01`,
 * `2026-11-01T09:00Z`). Throws a RangeError naming the value for anything else.
 */
export function parseSince(value: string, now = new Date()): Date {
  const duration = /^(\d{1,6})([mhdw])$/u.exec(value.trim());
  if (duration) return new Date(now.getTime() - Number(duration[1]) * UNITS[duration[2]!]!);
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/u.test(value.trim())) {
    const date = new Date(value.trim().length === 10 ? `${value.trim()}T00:00:00Z` : value.trim());
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new RangeError(`--since ${JSON.stringify(value)}: give a duration such as 7d, 24h, 30m or 2w, or a date such as 2026-11-01`);
}
