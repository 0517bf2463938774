import type ExcelJS from 'exceljs';
import { extname } from 'node:path';
import type { Answer, Verdict } from '../query/answer.js';
import { VERDICT_LABEL } from '../present/words.js';
import { columnLetters, columnNumber } from './a1.js';
import { ADDED_HEADERS, ADDED_WIDTHS, addedCells, inertText, needsReview, type AddedCells } from './columns.js';
import { readCsv, writeCsv, type CsvTable } from './csv.js';
import { QuestionnaireError } from './errors.js';
import { locateQuestions, type QuestionLocation, type SheetGrid } from './locate.js';
import { cellText, gridOf, insertColumns, readXlsx, sniff, writeXlsx } from './xlsx.js';

/**
 * Security questionnaires in batch: a spreadsheet in, a copy out with four columns after the question
 * column (Verdict, Answer, Evidence, Report) filled from the core's Answer for each non-empty row. Pure but
 * for the bytes: no file system, no network; the CLI and the chat adapters bring the bytes and take them away.
 *
 *   const q = await openQuestionnaire(bytes, { file: 'caiq.xlsx' });   // throws QuestionnaireError
 *   const { output, summary } = await q.answer((question) => engine.answer(question));
 */

export { QuestionnaireError } from './errors.js';
export { ADDED_HEADERS, addedCells, needsReview } from './columns.js';

/** The default cap on questions per questionnaire (chat and CLI alike). */
export const DEFAULT_MAX_ROWS = 2000;

/** What a questionnaire is read as. */
export type QuestionnaireFormat = 'xlsx' | 'csv';

/** Options of {@link openQuestionnaire}. */
export interface OpenOptions {
  /** The file's name (for messages; its extension tells CSV from XLSX when the content does not). */
  file: string;
  /** The sheet to answer (XLSX); default: found by its headers. */
  sheet?: string;
  /** The question column: a header ("Question") or letters ("C"); default: found by its header. */
  column?: string;
  /** More questions than this is an error; default {@link DEFAULT_MAX_ROWS}. */
  maxRows?: number;
}

/** Counts of an answered questionnaire. `needsReview` counts `partial` and `unknown` rows. */
export interface QuestionnaireSummary {
  rows: number;
  yes: number;
  no: number;
  partial: number;
  info: number;
  unknown: number;
  needsReview: number;
}

/** One answered row: its row number (1-based, in the sheet), the question and the core's Answer. */
export interface AnsweredRow {
  row: number;
  question: string;
  answer: Answer;
  cells: AddedCells;
}

/** What {@link Questionnaire.answer} returns: the filled copy's bytes, the counts and each row. */
export interface AnsweredQuestionnaire {
  output: Buffer;
  summary: QuestionnaireSummary;
  rows: AnsweredRow[];
}

/** A questionnaire read and located, ready to answer. */
export interface Questionnaire {
  readonly format: QuestionnaireFormat;
  readonly location: QuestionLocation;
  /** How many questions will be answered. */
  readonly rowCount: number;
  /**
   * Answers every question with `answer` (the core: `engine.answer`), writes the copy and returns it.
   * `onProgress(done, total)` is called after each row. Call once.
   */
  answer(answer: (question: string) => Answer, onProgress?: (done: number, total: number) => void): Promise<AnsweredQuestionnaire>;
}

/** The extensions a questionnaire may have. */
export const QUESTIONNAIRE_EXTENSIONS = ['.xlsx', '.csv', '.tsv', '.txt'] as const;

/** The format of a file by its content (and, for text, its extension). Throws for anything else. */
export function detectFormat(bytes: Uint8Array, file: string): QuestionnaireFormat {
  const ext = extname(file).toLowerCase();
  const kind = sniff(bytes);
  if (kind !== 'other') return 'xlsx'; // readXlsx names what is wrong with a .xls or an encrypted one
  if (ext === '.xlsx' || ext === '.xlsm') throw new QuestionnaireError(file, 'is not an XLSX workbook (its content is no ZIP package)');
  if (ext === '.xls') throw new QuestionnaireError(file, 'is not an Excel workbook this tool reads; save it as .xlsx');
  if (bytes.length === 0) throw new QuestionnaireError(file, 'is empty');
  if (!['.csv', '.tsv', '.txt', ''].includes(ext)) throw new QuestionnaireError(file, 'is not a spreadsheet (send an .xlsx workbook or a .csv file)');
  return 'csv';
}

function summarise(rows: readonly AnsweredRow[]): QuestionnaireSummary {
  const s: QuestionnaireSummary = { rows: rows.length, yes: 0, no: 0, partial: 0, info: 0, unknown: 0, needsReview: 0 };
  for (const r of rows) {
    s[r.answer.verdict satisfies Verdict] += 1;
    if (needsReview(r.answer.verdict)) s.needsReview += 1;
  }
  return s;
}

/** "240 questions answered: 120 yes, 30 no, 20 partly, 50 from the report, 20 not sure; 40 need review." */
export function summaryLine(s: QuestionnaireSummary): string {
  const word = (v: Verdict) => VERDICT_LABEL[v].toLowerCase();
  const counts = `${s.yes} ${word('yes')}, ${s.no} ${word('no')}, ${s.partial} ${word('partial')}, ${s.info} ${word('info')}, ${s.unknown} ${word('unknown')}`;
  const review = s.needsReview === 0 ? 'none needs review' : `${s.needsReview} need${s.needsReview === 1 ? 's' : ''} review`;
  return `${s.rows} question${s.rows === 1 ? '' : 's'} answered: ${counts}; ${review}.`;
}

function checkRows(location: QuestionLocation, maxRows: number, file: string): void {
  if (location.rows.length === 0) throw new QuestionnaireError(file, `sheet "${location.sheet}" has no questions in column ${columnLetters(location.column)}`);
  if (location.rows.length > maxRows) {
    throw new QuestionnaireError(file, `has too many questions (${location.rows.length} rows; at most ${maxRows}); split it and send the parts`);
  }
}

/**
 * Reads a questionnaire (XLSX or CSV, told by its content) and finds its questions.
 * @throws QuestionnaireError naming the file: not a spreadsheet, password-protected, no such sheet or column,
 * no questions, too many rows.
 */
export async function openQuestionnaire(bytes: Uint8Array, options: OpenOptions): Promise<Questionnaire> {
  const { file } = options;
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const format = detectFormat(bytes, file);
  return format === 'xlsx' ? openXlsx(await readXlsx(bytes, file), options, maxRows) : openCsv(readCsv(bytes, file), options, maxRows);
}

/** The added cells: text ('@', so that editing keeps them text), wrapped, top-aligned; rows to check in light yellow. */
const ANSWER_STYLE: Partial<ExcelJS.Style> = { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } };
const REVIEW_STYLE: Partial<ExcelJS.Style> = { ...ANSWER_STYLE, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } };

function openXlsx(workbook: ExcelJS.Workbook, options: OpenOptions, maxRows: number): Questionnaire {
  const { file } = options;
  const grids = workbook.worksheets.map(gridOf);
  const location = locateQuestions(grids, options, file);
  checkRows(location, maxRows, file);
  return {
    format: 'xlsx',
    location,
    rowCount: location.rows.length,
    async answer(answer, onProgress) {
      const ws = workbook.getWorksheet(location.sheet)!;
      const questions = location.rows.map((r) => cellText(ws.getCell(r, location.column).value));
      const answered = await answerAll(location.rows, questions, answer, onProgress);
      const col = blockEnd(ws, location);
      insertColumns(workbook, { sheet: location.sheet, after: col, count: ADDED_HEADERS.length }, file);
      if (location.headerRow !== undefined) {
        const headerStyle = ws.getCell(location.headerRow, location.column).style;
        ADDED_HEADERS.forEach((h, i) => {
          const c = ws.getCell(location.headerRow!, col + 1 + i);
          c.value = h;
          c.style = { ...structuredClone(headerStyle), numFmt: '@' };
        });
      }
      for (const r of answered) {
        const review = needsReview(r.answer.verdict);
        r.cells.forEach((text, i) => {
          const c = ws.getCell(r.row, col + 1 + i);
          // A typed string is never evaluated, whatever it starts with; '@' keeps it text when edited.
          c.value = text === '' ? null : text;
          c.style = review ? REVIEW_STYLE : ANSWER_STYLE;
        });
      }
      ADDED_WIDTHS.forEach((w, i) => {
        ws.getColumn(col + 1 + i).width = w;
      });
      return { output: await writeXlsx(workbook), summary: summarise(answered), rows: answered };
    },
  };
}

/** Questions answered between two turns of the event loop, so that a server answering a sheet serves others too. */
const ROWS_PER_TURN = 100;

async function answerAll(
  rowNumbers: readonly number[],
  questions: readonly string[],
  answer: (question: string) => Answer,
  onProgress?: (done: number, total: number) => void,
): Promise<AnsweredRow[]> {
  const out: AnsweredRow[] = [];
  for (let i = 0; i < rowNumbers.length; i++) {
    const question = questions[i]!;
    const a = answer(question);
    out.push({ row: rowNumbers[i]!, question, answer: a, cells: addedCells(a) });
    onProgress?.(i + 1, rowNumbers.length);
    if ((i + 1) % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/**
 * The last column of the question block: the question column, or the right edge of a merge that joins it
 * with cells to its right in the header or a question row ("Question" over B:C). The answer columns go
 * after it, so that no merged question or header is cut in two.
 */
function blockEnd(ws: ExcelJS.Worksheet, location: QuestionLocation): number {
  const rows = new Set([...(location.headerRow ? [location.headerRow] : []), ...location.rows]);
  let end = location.column;
  const merges = (ws.model as unknown as { merges: string[] }).merges;
  for (const m of merges) {
    const [a, b] = m.split(':');
    const from = /^([A-Z]+)(\d+)$/.exec(a ?? '');
    const to = /^([A-Z]+)(\d+)$/.exec(b ?? '');
    if (!from || !to) continue;
    const [c1, r1, c2, r2] = [columnNumber(from[1]!), Number(from[2]), columnNumber(to[1]!), Number(to[2])];
    if (c1 > location.column || c2 <= location.column) continue;
    for (const r of rows) if (r >= r1 && r <= r2) end = Math.max(end, c2);
  }
  return end;
}

function csvGrid(table: CsvTable, name: string): SheetGrid {
  const columnCount = table.rows.reduce((m, r) => Math.max(m, r.length), 0);
  const text = (r: number, c: number) => table.rows[r - 1]?.[c - 1]?.trim() ?? '';
  return { name, hidden: false, rowCount: table.rows.length, columnCount, text, isText: (r, c) => /[A-Za-z\u00c0-\uffff]/.test(text(r, c)) };
}

function openCsv(table: CsvTable, options: OpenOptions, maxRows: number): Questionnaire {
  const { file } = options;
  // A CSV file has one sheet; --sheet is accepted when it names nothing else.
  const name = 'CSV';
  const location = locateQuestions([csvGrid(table, name)], { column: options.column }, file);
  if (options.sheet !== undefined && options.sheet !== name) throw new QuestionnaireError(file, 'is a CSV file: it has no sheets (leave out --sheet)', true);
  checkRows(location, maxRows, file);
  return {
    format: 'csv',
    location,
    rowCount: location.rows.length,
    async answer(answer, onProgress) {
      const col = location.column;
      const questions = location.rows.map((r) => table.rows[r - 1]![col - 1]!.trim());
      const answered = await answerAll(location.rows, questions, answer, onProgress);
      const byRow = new Map(answered.map((r) => [r.row, r.cells.map(inertText)]));
      const rows = table.rows.map((fields, i) => {
        const row = i + 1;
        const added = row === location.headerRow ? [...ADDED_HEADERS] : byRow.get(row);
        // Rows that stop before the question column have nothing to the right to move.
        if (!added && fields.length <= col) return fields;
        const padded = fields.length < col ? [...fields, ...Array<string>(col - fields.length).fill('')] : fields;
        return [...padded.slice(0, col), ...(added ?? ['', '', '', '']), ...padded.slice(col)];
      });
      return { output: writeCsv({ ...table, rows }), summary: summarise(answered), rows: answered };
    },
  };
}
