import { columnLetters, columnNumber } from './a1.js';
import { QuestionnaireError } from './errors.js';

/**
 * Finding the questions in a workbook: which sheet, which column, which header row, which rows. Works on a
 * read-only view of each sheet, so XLSX and CSV share it.
 */

/** A sheet as the locator sees it. Rows and columns are 1-based. */
export interface SheetGrid {
  name: string;
  /** Hidden (or very hidden) sheets are never chosen unless named with --sheet. */
  hidden: boolean;
  rowCount: number;
  columnCount: number;
  /** The cell's text as shown (a formula's cached result), trimmed; '' when empty or part of a merge but its first cell. */
  text(row: number, col: number): string;
  /** The cell holds text (not a number, date or boolean). */
  isText(row: number, col: number): boolean;
  /**
   * The last row of a header that starts in `row`: below it when a cell of that row is merged down over the
   * rows under it (a two-row header, "Domain" over A1:A2 beside "Requirement" over B1:C1 and its sub-headers
   * in row 2), else `row`. CSV has no merges.
   */
  headerEnd?(row: number): number;
}

/** Where the questions are. */
export interface QuestionLocation {
  sheet: string;
  /** 1-based column of the questions. */
  column: number;
  /** The header row (1-based), or undefined when the sheet has none. */
  headerRow: number | undefined;
  /** The header's text ("Question"), when there is a header row. */
  header: string | undefined;
  /** The rows (1-based, ascending) whose question cell is not empty. */
  rows: number[];
}

/** How far down a header is looked for. */
const HEADER_SCAN_ROWS = 30;

/** Headers that name the question column outright. */
const EXACT = new Set([
  'question', 'questions', 'question text', 'questionnaire question', 'security question', 'control question',
  'control questions', 'assessment question', 'requirement', 'requirements', 'requirement text', 'control',
  'control text', 'control description', 'control requirement', 'query', 'request', 'question request',
]);
/** Words that make a header about something else than the question ("Question ID", "Control Domain"). */
const NOT_THE_QUESTION = /\b(?:id|ids|number|no|num|nr|ref|reference|type|category|domain|group|answer|answers|response|responses|comment|comments|notes?|guidance|status|owner|score|weight|section|mapping)\b/;

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** How strongly a header names the question column: 3 outright, 2 with "question"/"requirement", 1 "control", 0 not. */
export function headerScore(text: string): number {
  const t = norm(text);
  if (t === '' || t.length > 60) return 0;
  if (EXACT.has(t)) return 3;
  if (NOT_THE_QUESTION.test(t)) return 0;
  if (/\b(?:questions?|requirements?)\b/.test(t)) return 2;
  if (/\bcontrols?\b/.test(t)) return 1;
  return 0;
}

interface HeaderHit {
  row: number;
  col: number;
  score: number;
}

function bestHeader(grid: SheetGrid): HeaderHit | undefined {
  let best: HeaderHit | undefined;
  const rows = Math.min(grid.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= grid.columnCount; c++) {
      const score = grid.isText(r, c) ? headerScore(grid.text(r, c)) : 0;
      if (score > (best?.score ?? 0)) best = { row: r, col: c, score };
    }
  }
  return best;
}

/** The column holding the most text (sum of text lengths over the first 500 rows). */
function widestTextColumn(grid: SheetGrid): number | undefined {
  let best: number | undefined;
  let bestLength = 0;
  const rows = Math.min(grid.rowCount, 500);
  for (let c = 1; c <= grid.columnCount; c++) {
    let length = 0;
    for (let r = 1; r <= rows; r++) if (grid.isText(r, c)) length += grid.text(r, c).length;
    if (length > bestLength) [best, bestLength] = [c, length];
  }
  return best;
}

/**
 * The header row of a column chosen without a recognised header: its first non-empty cell, when that reads
 * like a label (short, no question mark) and other cells of the same row are filled too.
 */
function guessHeaderRow(grid: SheetGrid, col: number): number | undefined {
  for (let r = 1; r <= Math.min(grid.rowCount, HEADER_SCAN_ROWS); r++) {
    const text = grid.text(r, col);
    if (text === '') continue;
    const label = text.length <= 40 && !text.includes('?') && grid.isText(r, col);
    return label ? r : undefined;
  }
  return undefined;
}

/** A column given as a header ("Question", any case) or as letters ("C"). */
function findColumn(grid: SheetGrid, wanted: string, file: string): { col: number; headerRow: number | undefined } {
  const w = wanted.trim().toLowerCase();
  for (let r = 1; r <= Math.min(grid.rowCount, HEADER_SCAN_ROWS); r++) {
    for (let c = 1; c <= grid.columnCount; c++) if (grid.text(r, c).toLowerCase() === w) return { col: c, headerRow: r };
  }
  if (/^[a-z]{1,3}$/i.test(wanted.trim())) {
    const col = columnNumber(wanted.trim());
    if (col <= 16_384) return { col, headerRow: guessHeaderRow(grid, col) };
  }
  const headerRow = fullestRow(grid);
  const headers = [...new Set(Array.from({ length: grid.columnCount }, (_, i) => grid.text(headerRow, i + 1)).filter(Boolean))];
  throw new QuestionnaireError(
    file,
    `no column "${wanted}" in sheet "${grid.name}"${headers.length ? ` (headers: ${headers.slice(0, 12).join(', ')})` : ''}; give a header or a column letter`,
  );
}

/** Of the first rows, the one with the most cells filled: most likely the header row. */
function fullestRow(grid: SheetGrid): number {
  let best = 1;
  let most = 0;
  for (let r = 1; r <= Math.min(grid.rowCount, HEADER_SCAN_ROWS); r++) {
    let n = 0;
    for (let c = 1; c <= grid.columnCount; c++) if (grid.text(r, c) !== '') n += 1;
    if (n > most) [best, most] = [r, n];
  }
  return best;
}

/** Options of {@link locateQuestions}: the sheet's name and the column (header or letters), when chosen. */
export interface LocateOptions {
  sheet?: string;
  column?: string;
}

/**
 * Finds the questions: the sheet named by `sheet` (else the first visible sheet with a question header,
 * else the first visible sheet with text), the column named by `column` (else the best question header,
 * else the widest text column), and every non-empty row below the header.
 * @throws QuestionnaireError naming `file`: no such sheet or column, or nothing to answer.
 */
export function locateQuestions(grids: readonly SheetGrid[], options: LocateOptions, file: string): QuestionLocation {
  let grid: SheetGrid | undefined;
  if (options.sheet !== undefined) {
    grid = grids.find((g) => g.name === options.sheet) ?? grids.find((g) => g.name.toLowerCase() === options.sheet!.toLowerCase());
    if (!grid) throw new QuestionnaireError(file, `no sheet named "${options.sheet}" (sheets: ${grids.map((g) => g.name).join(', ')})`);
  } else {
    const visible = grids.filter((g) => !g.hidden);
    const scored = visible.map((g) => ({ g, hit: bestHeader(g) }));
    grid = scored.find((s) => (s.hit?.score ?? 0) >= 2)?.g ?? scored.find((s) => s.hit)?.g ?? visible.find((g) => widestTextColumn(g) !== undefined);
    if (!grid) throw new QuestionnaireError(file, grids.length ? 'has no visible sheet with any text to answer' : 'has no sheets');
  }

  let col: number;
  let headerRow: number | undefined;
  if (options.column !== undefined) {
    ({ col, headerRow } = findColumn(grid, options.column, file));
  } else {
    const hit = bestHeader(grid);
    if (hit) ({ col, row: headerRow } = hit);
    else {
      const widest = widestTextColumn(grid);
      if (widest === undefined) throw new QuestionnaireError(file, `sheet "${grid.name}" has no text to answer`);
      col = widest;
      headerRow = guessHeaderRow(grid, col);
    }
  }
  const rows: number[] = [];
  const first = headerRow === undefined ? 1 : (grid.headerEnd?.(headerRow) ?? headerRow) + 1;
  for (let r = first; r <= grid.rowCount; r++) if (grid.text(r, col) !== '') rows.push(r);
  return { sheet: grid.name, column: col, headerRow, header: headerRow ? grid.text(headerRow, col) : undefined, rows };
}

/** "column C (Question)" for messages. */
export function describeColumn(location: QuestionLocation): string {
  return `column ${columnLetters(location.column)}${location.header ? ` (${location.header})` : ''}`;
}
