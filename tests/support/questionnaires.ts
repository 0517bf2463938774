import ExcelJS from 'exceljs';

/**
 * Real questionnaires for tests and the bench, built with exceljs the way customers' sheets come: a cover
 * sheet, a merged title over the table, a header row, question rows with empty rows between them, formulas
 * on the same sheet and on others (one hidden), conditional formatting, a data validation, frozen panes.
 */

/** Audit questions a customer's sheet asks, with the verdicts the core gives them. */
export const SAMPLE_QUESTIONS = [
  'Is Amazon S3 in scope of the SOC report?',
  'Provide the audit period',
  'Is eu-west-3 covered?',
  'Are S3 and Athena covered?',
  'Do you have a bug bounty for the cafeteria menu?',
  'Is Amazon Connect in scope?',
  'Who audited the report?',
  'Is us-east-1 covered?',
] as const;

/** Options of {@link buildQuestionnaire}. */
export interface BuildOptions {
  /** Number of question rows (questions cycle through SAMPLE_QUESTIONS). */
  rows?: number;
  /** An empty row after every this many questions (0: none). */
  gapEvery?: number;
  /** The questions to cycle through; default SAMPLE_QUESTIONS. */
  questions?: readonly string[];
}

/**
 * The layout built: sheet "Questions" has a merged title A1:F1, headers in row 2 (ID, Question, Notes, Weight,
 * Double, Total), questions from row 3 in column B, `=D{r}*2` in column E and a total under column E. Sheet
 * "Cover" refers to Questions!D3 and Questions!E3; the hidden sheet "Lists" sums Questions!D:D.
 */
export async function buildQuestionnaire({ rows = SAMPLE_QUESTIONS.length, gapEvery = 3, questions = SAMPLE_QUESTIONS }: BuildOptions = {}): Promise<{ bytes: Buffer; questionRows: number[] }> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Cover');
  cover.getCell('A1').value = 'Vendor security assessment';
  cover.getCell('A1').font = { bold: true, size: 16 };
  cover.getCell('A2').value = { formula: 'Questions!D3+Questions!$E$3', result: 3 };
  cover.getCell('B2').value = { formula: 'SUM(Questions!B3:F3)', result: 3 };

  const ws = wb.addWorksheet('Questions', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2, topLeftCell: 'C3', activeCell: 'C3' }] });
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = 'CAIQ Lite: audit and assurance';
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getRow(2).values = ['ID', 'Question', 'Notes', 'Weight', 'Double', 'Total'];
  ws.getRow(2).font = { bold: true, color: { argb: 'FF1F4E79' } };
  ws.getRow(2).eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  ws.getColumn(2).width = 48;
  ws.getColumn(3).width = 20;
  const questionRows: number[] = [];
  let r = 3;
  for (let i = 0; i < rows; i++) {
    if (gapEvery > 0 && i > 0 && i % gapEvery === 0) r += 1; // an empty row between groups
    const row = ws.getRow(r);
    row.getCell(1).value = `AAC-${String(i + 1).padStart(4, '0')}`;
    row.getCell(2).value = questions[i % questions.length]!;
    row.getCell(3).value = i % 2 ? 'see policy' : null;
    row.getCell(4).value = (i % 5) + 1;
    row.getCell(5).value = { formula: `D${r}*2`, result: ((i % 5) + 1) * 2 };
    row.getCell(4).numFmt = '0.00';
    questionRows.push(r);
    r += 1;
  }
  const last = r - 1;
  ws.getCell(r, 5).value = { formula: `SUM(E3:E${last})`, result: 0 };
  ws.getCell(r, 6).value = { formula: `$D$3+A${r}`, result: 0 };
  ws.addConditionalFormatting({
    ref: `D3:E${last}`,
    rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['$D$3'], priority: 1, style: { font: { italic: true } } }],
  });
  ws.getCell('C3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"yes,no"'] };

  const lists = wb.addWorksheet('Lists', { state: 'hidden' });
  lists.getCell('A1').value = { formula: 'SUM(Questions!D:D)', result: 0 };
  lists.getCell('A2').value = 'Question'; // a header on a hidden sheet is never chosen
  return { bytes: Buffer.from(await wb.xlsx.writeBuffer()), questionRows };
}

/** Every cell of a workbook: sheet -> address -> { value, style } (as exceljs reads them back). */
export type CellMap = Map<string, Map<string, { row: number; col: number; value: unknown; style: unknown }>>;

/** Reads a workbook's bytes into a {@link CellMap} (merged cells but the first have no value of their own). */
export async function cellsOf(bytes: Uint8Array): Promise<{ cells: CellMap; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const cells: CellMap = new Map();
  for (const ws of workbook.worksheets) {
    const map = new Map<string, { row: number; col: number; value: unknown; style: unknown }>();
    ws.eachRow({ includeEmpty: true }, (row) => {
      row.eachCell({ includeEmpty: true }, (c) => {
        const value = c.type === ExcelJS.ValueType.Merge ? { merged: true } : c.value;
        map.set(c.address, { row: Number(c.row), col: Number(c.col), value, style: c.style });
      });
    });
    cells.set(ws.name, map);
  }
  return { cells, workbook };
}
