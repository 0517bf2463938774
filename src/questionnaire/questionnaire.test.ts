import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQuestionnaire, cellsOf, SAMPLE_QUESTIONS } from '../../tests/support/questionnaires.js';
import type { Answer } from '../index.js';
import { engineFor } from './cli.js';
import { addedCells, inertText } from './columns.js';
import { openQuestionnaire, QuestionnaireError, summaryLine } from './index.js';

// The engine `ask` uses: over the report library (data/reports/), so the cells can be compared with ask --json.
const engine = engineFor(undefined, {});
const answer = (q: string) => engine.answer(q);

/** What `npm run ask -- --json` prints for each question (one process, one question per line of stdin). */
function askJson(questions: readonly string[]): Map<string, Answer> {
  const out = execFileSync(process.execPath, ['dist/cli-start.cjs', 'ask', '--json'], { input: questions.join('\n') });
  const answers = out.toString().trim().split('\n').map((l) => JSON.parse(l) as Answer);
  return new Map(answers.map((a) => [a.question, a]));
}

/** Column letters of the sample layout after the insertion after B: C..F move four to the right. */
const MOVED: Record<string, string> = { C: 'G', D: 'H', E: 'I', F: 'J' };
const moved = (formula: string) => formula.replace(/(?<![A-Za-z])(\$?)([C-F])(\$?\d|:)/g, (_m, d: string, c: string, rest: string) => `${d}${MOVED[c]}${rest}`);

/** The formulas of the other sheets, and what they must become. */
const OTHER_SHEETS: Record<string, string> = {
  'Questions!D3+Questions!$E$3': 'Questions!H3+Questions!$I$3',
  'SUM(Questions!B3:F3)': 'SUM(Questions!B3:J3)',
  'SUM(Questions!D:D)': 'SUM(Questions!H:H)',
};

describe('an XLSX questionnaire', () => {
  let input: Awaited<ReturnType<typeof buildQuestionnaire>>;
  let before: Awaited<ReturnType<typeof cellsOf>>;
  let after: Awaited<ReturnType<typeof cellsOf>>;
  let result: Awaited<ReturnType<Awaited<ReturnType<typeof openQuestionnaire>>['answer']>>;

  beforeAll(async () => {
    input = await buildQuestionnaire({ rows: 24, gapEvery: 5 });
    before = await cellsOf(input.bytes);
    const q = await openQuestionnaire(input.bytes, { file: 'caiq.xlsx' });
    expect(q.location).toMatchObject({ sheet: 'Questions', column: 2, headerRow: 2, header: 'Question' });
    expect(q.rowCount).toBe(24);
    result = await q.answer(answer);
    after = await cellsOf(result.output);
  });

  it('is found by its Question header on the first visible sheet that has one, below a merged title', () => {
    expect(result.rows.map((r) => r.row)).toEqual(input.questionRows);
  });

  it('keeps every input cell of every sheet, value and style, moved right of the question column', () => {
    for (const [sheet, cells] of before.cells) {
      const out = after.cells.get(sheet)!;
      for (const [address, cell] of cells) {
        const target = sheet === 'Questions' && cell.col > 2 ? `${MOVED[address.replace(/\d+/, '')] ?? ''}${cell.row}` : address;
        const got = out.get(target);
        expect(got, `${sheet}!${address} -> ${target}`).toBeDefined();
        expect(got!.style, `${sheet}!${address} style`).toEqual(cell.style);
        const value = cell.value as { formula?: string } | null;
        if (value && typeof value === 'object' && 'formula' in value) {
          // Formulas point at the same cells as before (written by hand here, not by the code under test).
          const expected = sheet === 'Questions' ? moved(value.formula!) : OTHER_SHEETS[value.formula!];
          expect((got!.value as { formula: string }).formula, `${sheet}!${address} formula`).toBe(expected);
        } else {
          expect(got!.value, `${sheet}!${address} value`).toEqual(cell.value);
        }
      }
    }
    expect(after.cells.get('Cover')!.get('A2')!.value).toMatchObject({ formula: 'Questions!H3+Questions!$I$3' });
    expect(after.cells.get('Cover')!.get('B2')!.value).toMatchObject({ formula: 'SUM(Questions!B3:J3)' });
    expect(after.cells.get('Lists')!.get('A1')!.value).toMatchObject({ formula: 'SUM(Questions!H:H)' });
  });

  it('keeps sheets, their order and visibility, merges, widths, frozen panes, conditional formats and validations', () => {
    const wb = after.workbook;
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([['Cover', 'visible'], ['Questions', 'visible'], ['Lists', 'hidden']]);
    const ws = wb.getWorksheet('Questions')!;
    expect((ws.model as unknown as { merges: string[] }).merges).toEqual(['A1:J1']);
    expect(ws.getColumn('B').width).toBe(48);
    expect(ws.getColumn('G').width).toBe(20);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 2 });
    const last = input.questionRows.at(-1)!;
    expect((ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings[0]).toMatchObject({ ref: `H3:I${last}`, rules: [{ formulae: ['$H$3'] }] });
    expect(ws.getCell('G3').dataValidation).toMatchObject({ type: 'list', formulae: ['"yes,no"'] });
    expect(ws.getCell('C3').dataValidation).toBeUndefined();
  });

  it('fills Verdict, Answer, Evidence and Report with what ask --json gives for the same question', () => {
    const ws = after.workbook.getWorksheet('Questions')!;
    expect([3, 4, 5, 6].map((c) => ws.getCell(2, c).value)).toEqual(['Verdict', 'Answer', 'Evidence', 'Report']);
    const cli = askJson(SAMPLE_QUESTIONS);
    for (const r of result.rows) {
      const expected = cli.get(r.question)!;
      expect(r.answer.verdict).toBe(expected.verdict);
      const cells = [3, 4, 5, 6].map((c) => ws.getCell(r.row, c).value ?? '');
      expect(cells).toEqual([...addedCells(expected)]);
    }
    const s3 = result.rows.find((r) => r.question.startsWith('Is Amazon S3'))!;
    expect(ws.getCell(s3.row, 3).value).toBe('Yes');
    expect(ws.getCell(s3.row, 5).value).toContain('AWS Background: “Amazon Simple Storage Service (S3)”');
    expect(ws.getCell(s3.row, 6).value).toBe('aws-soc3-2017 (1 Apr – 30 Sep 2017)');
  });

  it('highlights and counts the rows that need review (not sure, partly), and only those', () => {
    const ws = after.workbook.getWorksheet('Questions')!;
    for (const r of result.rows) {
      const review = r.answer.verdict === 'partial' || r.answer.verdict === 'unknown';
      const fill = ws.getCell(r.row, 4).fill as ExcelJS.FillPattern | undefined;
      expect(fill?.pattern === 'solid' ? fill.fgColor?.argb : 'none', `row ${r.row} (${r.answer.verdict})`).toBe(review ? 'FFFFF2CC' : 'none');
    }
    const s = result.summary;
    expect(s.rows).toBe(24);
    expect(s.yes + s.no + s.partial + s.info + s.unknown).toBe(24);
    expect(s.needsReview).toBe(s.partial + s.unknown);
    expect(s.needsReview).toBeGreaterThan(0);
    expect(summaryLine(s)).toMatch(/^24 questions answered: \d+ yes, \d+ no, \d+ partly, \d+ from the report, \d+ not sure; \d+ need review\.$/);
  });

  it('leaves empty rows empty', () => {
    const ws = after.workbook.getWorksheet('Questions')!;
    const gaps = [];
    for (let r = 3; r < input.questionRows.at(-1)!; r++) if (!input.questionRows.includes(r)) gaps.push(r);
    expect(gaps.length).toBeGreaterThan(0);
    for (const r of gaps) expect([1, 2, 3, 4, 5, 6].map((c) => ws.getCell(r, c).value)).toEqual([null, null, null, null, null, null]);
  });
});

describe('finding the questions', () => {
  it('takes --sheet and --column by header or by letter', async () => {
    const { bytes } = await buildQuestionnaire();
    const byHeader = await openQuestionnaire(bytes, { file: 'q.xlsx', sheet: 'questions', column: 'notes' });
    expect(byHeader.location).toMatchObject({ sheet: 'Questions', column: 3, headerRow: 2 });
    const byLetter = await openQuestionnaire(bytes, { file: 'q.xlsx', column: 'B' });
    expect(byLetter.location).toMatchObject({ column: 2, headerRow: 2 });
  });

  it('takes the widest text column when no header names the questions, and skips a hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Secret', { state: 'hidden' }).getCell('A1').value = 'Question';
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['#', 'Item', 'Owner']);
    ws.addRow([1, 'Is Amazon Connect in scope of your SOC 2 report?', 'Ann']);
    ws.addRow([2, 'Which regions are covered by the report?', 'Bob']);
    const q = await openQuestionnaire(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'q.xlsx' });
    expect(q.location).toMatchObject({ sheet: 'Sheet1', column: 2, headerRow: 1, rows: [2, 3] });
  });

  it('prefers Question to Question ID, and reads a question a formula shows by its cached result', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CAIQ');
    ws.addRow(['Question ID', 'Question', 'CSP Answer']);
    ws.addRow(['A&A-01.1', { formula: 'HYPERLINK("https://example.invalid","Is Amazon Connect in scope?")', result: 'Is Amazon Connect in scope?' }, '']);
    const q = await openQuestionnaire(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'caiq.xlsx' });
    expect(q.location.column).toBe(2);
    const { rows, output } = await q.answer(answer);
    expect(rows[0]).toMatchObject({ question: 'Is Amazon Connect in scope?', answer: { verdict: 'yes' } });
    const { workbook } = await cellsOf(output);
    expect(workbook.getWorksheet('CAIQ')!.getCell('B2').value).toMatchObject({ formula: 'HYPERLINK("https://example.invalid","Is Amazon Connect in scope?")' });
  });

  it('finds a Requirement or Control header, never Control Domain or Question ID', async () => {
    for (const [headers, column] of [
      [['Control Domain', 'Control', 'Owner'], 2],
      [['Question ID', 'Requirement', 'Notes'], 2],
      [['Ref', 'Control Domain', 'Control Question'], 3],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      ws.addRow([...headers]);
      ws.addRow(['IAM', 'Is AWS Identity and Access Management in scope of the report?', 'Does the report cover Amazon S3?']);
      const q = await openQuestionnaire(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'q.xlsx' });
      expect(q.location, headers.join(', ')).toMatchObject({ column, headerRow: 1, header: headers[column - 1], rows: [2] });
    }
  });

  it('takes a two-row header (a cell merged down over the sub-headers) as the header, not as a question', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = 'Domain';
    ws.mergeCells('A1:A2');
    ws.getCell('B1').value = 'Requirement';
    ws.mergeCells('B1:C1');
    ws.getCell('B2').value = 'Text';
    ws.getCell('C2').value = 'Guidance';
    ws.addRow(['IAM', 'Is AWS Identity and Access Management in scope?', 'see policy']);
    ws.addRow(['NET', 'Which regions are covered?', 'n/a']);
    const q = await openQuestionnaire(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'two-row.xlsx' });
    expect(q.location).toMatchObject({ column: 2, headerRow: 1, header: 'Requirement', rows: [3, 4] });
    const { output } = await q.answer(answer);
    const out = (await cellsOf(output)).workbook.getWorksheet('Sheet1')!;
    // The answer columns go after the merged header B1:C1; the sub-header row is left as it was.
    expect([4, 5, 6, 7].map((c) => out.getCell(1, c).value)).toEqual(['Verdict', 'Answer', 'Evidence', 'Report']);
    expect([4, 5, 6, 7].map((c) => out.getCell(2, c).value)).toEqual([null, null, null, null]);
    expect(out.getCell(3, 4).value).toBe('Yes');
  });

  it('answers 2,000 rows and refuses 2,001 with the count', async () => {
    // Questions the core answers from its name index alone: the test is about the sheet, not the core's speed.
    const { bytes } = await buildQuestionnaire({ rows: 2000, gapEvery: 0, questions: ['Is us-east-1 covered?', 'Is S3 in scope?'] });
    const q = await openQuestionnaire(bytes, { file: 'big.xlsx' });
    const { summary } = await q.answer(answer);
    expect(summary.rows).toBe(2000);
    await expect(openQuestionnaire(bytes, { file: 'big.xlsx', maxRows: 1999 })).rejects.toThrow('big.xlsx: has too many questions (2000 rows; at most 1999)');
  });
});

describe('a CSV questionnaire', () => {
  it("keeps ';', the byte order mark and CRLF, and inserts the four columns after the question", async () => {
    const text = '\ufeffID;Question;Notes\r\n1;Is Amazon S3 in scope?;"a;b"\r\n\r\n2;Is eu-west-3 covered?;\r\n';
    const q = await openQuestionnaire(Buffer.from(text), { file: 'q.csv' });
    const { output, rows } = await q.answer(answer);
    const out = output.toString('utf8');
    expect(out.startsWith('\ufeffID;Question;Verdict;Answer;Evidence;Report;Notes\r\n')).toBe(true);
    const parsed = parse(out.slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
    expect(parsed[1]!.slice(0, 2)).toEqual(['1', 'Is Amazon S3 in scope?']);
    expect(parsed[1]!.slice(2, 6)).toEqual(addedCells(rows[0]!.answer).map(inertText));
    expect(parsed[1]![6]).toBe('a;b');
    expect(parsed[2]).toEqual(['']);
    expect(parsed[3]!.slice(0, 3)).toEqual(['2', 'Is eu-west-3 covered?', 'No']);
  });

  it('never writes an added cell that a spreadsheet would run as a formula; input cells stay as they were', async () => {
    const text = 'Question,Owner\n"=HYPERLINK(""https://evil.invalid"",""Is S3 in scope?"")",=1+1\n@SUM(A1),-2\n';
    const q = await openQuestionnaire(Buffer.from(text), { file: 'inject.csv' });
    const { output } = await q.answer(answer);
    const parsed = parse(output) as string[][];
    for (const row of parsed.slice(1)) for (const cell of row.slice(1, 5)) expect(cell).not.toMatch(/^[=+\-@]/);
    expect(parsed.map((r) => [r[0], r[5]])).toEqual([['Question', 'Owner'], ['=HYPERLINK("https://evil.invalid","Is S3 in scope?")', '=1+1'], ['@SUM(A1)', '-2']]);
    expect(inertText('=1+1')).toBe("'=1+1");
    expect(inertText('-1')).toBe("'-1");
    expect(inertText('Yes')).toBe('Yes');
  });
});

describe('an XLSX questionnaire with text that looks like a formula', () => {
  it('never turns text into a formula: input cells stay text, the added cells are text', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Questions');
    ws.addRow(['Question', 'Owner']);
    ws.addRow(['=HYPERLINK("https://evil.invalid","Is S3 in scope?")', '=1+1']);
    ws.addRow(['@SUM(A1:A9)', '+2']);
    const q = await openQuestionnaire(Buffer.from(await wb.xlsx.writeBuffer()), { file: 'inject.xlsx' });
    const { output } = await q.answer(answer);
    const out = (await cellsOf(output)).workbook.getWorksheet('Questions')!;
    for (const r of [2, 3]) {
      for (const c of [1, 2, 3, 4, 5, 6]) expect(out.getCell(r, c).type, `${out.getCell(r, c).address}`).toBe(ExcelJS.ValueType.String);
    }
    expect([out.getCell('A2').value, out.getCell('F2').value, out.getCell('A3').value, out.getCell('F3').value]).toEqual(['=HYPERLINK("https://evil.invalid","Is S3 in scope?")', '=1+1', '@SUM(A1:A9)', '+2']);
  });
});

describe('a file that cannot be answered', () => {
  const fails = async (bytes: Uint8Array, file: string, options: { sheet?: string; column?: string } = {}) => {
    try {
      await openQuestionnaire(bytes, { file, ...options });
    } catch (error) {
      expect(error).toBeInstanceOf(QuestionnaireError);
      return (error as Error).message;
    }
    throw new Error('expected a QuestionnaireError');
  };

  it('names the file and says what is wrong', async () => {
    const { bytes } = await buildQuestionnaire();
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le')]);
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await fails(encrypted, 'locked.xlsx')).toBe('locked.xlsx: is a password-protected workbook; remove the password (File > Info > Protect Workbook) and send it again');
    expect(await fails(xls, 'old.xls')).toMatch(/^old\.xls: is an Excel 97-2003 \(\.xls\) workbook/);
    expect(await fails(Buffer.from('%PDF-1.7 ...'), 'report.pdf')).toBe('report.pdf: is not a spreadsheet (send an .xlsx workbook or a .csv file)');
    expect(await fails(Buffer.from('hello'), 'q.xlsx')).toBe('q.xlsx: is not an XLSX workbook (its content is no ZIP package)');
    expect(await fails(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'broken.xlsx')).toMatch(/^broken\.xlsx: is not a readable XLSX workbook/);
    expect(await fails(Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'q.csv')).toMatch(/^q\.csv: is not UTF-8 text/);
    expect(await fails(bytes, 'q.xlsx', { sheet: 'Nope' })).toBe('q.xlsx: no sheet named "Nope" (sheets: Cover, Questions, Lists)');
    expect(await fails(bytes, 'q.xlsx', { column: 'Answer Text' })).toMatch(/^q\.xlsx: no column "Answer Text" in sheet "Questions" \(headers: .*Question/);
    expect(await fails(Buffer.from('Question\n'), 'empty.csv')).toBe('empty.csv: sheet "CSV" has no questions in column A');
  });
});
