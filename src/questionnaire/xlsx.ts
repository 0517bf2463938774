import type ExcelJS from 'exceljs';
import { exceljs } from './libs.js';
import { columnLetters, shiftAddress, shiftColumn, shiftFormula, shiftRange, type ColumnInsertion } from './a1.js';
import { QuestionnaireError } from './errors.js';
import type { SheetGrid } from './locate.js';

/**
 * XLSX questionnaires through exceljs: reading a workbook, a read-only view of its sheets for the locator,
 * and inserting columns into one sheet the way Excel's "Insert columns" does (cells, styles, merges,
 * formulas on every sheet, conditional formats, data validations, filters, frozen panes, images and defined
 * names move; ranges across the insertion point grow). Formulas are never evaluated: a formula cell is read
 * by its cached result and written back as the same formula.
 */

type Workbook = ExcelJS.Workbook;
type Worksheet = ExcelJS.Worksheet;

/** ZIP local file header (an XLSX is a ZIP package, ECMA-376 Part 2). */
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an .xls workbook, or an XLSX encrypted with a password (MS-OFFCRYPTO). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** What the first bytes say the file is. */
export function sniff(bytes: Uint8Array): 'zip' | 'encrypted' | 'xls' | 'other' {
  if (startsWith(bytes, ZIP)) return 'zip';
  if (startsWith(bytes, CFB)) {
    // An encrypted OOXML package is a compound file holding an "EncryptedPackage" stream (names in UTF-16LE).
    const name = Buffer.from('EncryptedPackage', 'utf16le');
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name) ? 'encrypted' : 'xls';
  }
  return 'other';
}

/**
 * Loads an XLSX workbook.
 * @throws QuestionnaireError naming `file`: password-protected, an old .xls, or not a workbook.
 */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Workbook> {
  const kind = sniff(bytes);
  if (kind === 'encrypted') throw new QuestionnaireError(file, 'is a password-protected workbook; remove the password (File > Info > Protect Workbook) and send it again');
  if (kind === 'xls') throw new QuestionnaireError(file, 'is an Excel 97-2003 (.xls) workbook; save it as .xlsx and send it again');
  if (kind !== 'zip') throw new QuestionnaireError(file, 'is not an XLSX workbook');
  const workbook = new (exceljs().Workbook)();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (error) {
    throw new QuestionnaireError(file, `is not a readable XLSX workbook (${String((error as Error).message ?? error).split('\n')[0]?.slice(0, 120)})`);
  }
  if (workbook.worksheets.length === 0) throw new QuestionnaireError(file, 'has no worksheets');
  return workbook;
}

/** The text a cell shows, from its value: rich text joined, a hyperlink's text, a formula's cached result. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || (typeof result === 'object' && result !== null && 'error' in result) ? '' : cellText(result as ExcelJS.CellValue);
    }
    if ('error' in value) return '';
  }
  return '';
}

/** A read-only view of a worksheet for the locator; merged cells but the first read as empty. */
export function gridOf(ws: Worksheet): SheetGrid {
  const cell = (r: number, c: number) => ws.findCell(r, c);
  const text = (r: number, c: number) => {
    const x = cell(r, c);
    if (!x || x.type === exceljs().ValueType.Merge) return '';
    return cellText(x.value);
  };
  // The rows below `row` that a cell of `row` is merged down over (cells of a merge but its first are of type
  // Merge, with the first as `master`): a few cells per column, not the sheet's whole model.
  const headerEnd = (row: number) => {
    let end = row;
    for (let c = 1; c <= ws.columnCount; c++) {
      let r = row + 1;
      for (let x = cell(r, c); x && x.type === exceljs().ValueType.Merge && Number(x.master.row) === row; x = cell(++r, c)) end = Math.max(end, r);
    }
    return end;
  };
  return {
    name: ws.name,
    hidden: ws.state !== 'visible' && ws.state !== undefined,
    headerEnd,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    text,
    isText: (r, c) => {
      const x = cell(r, c);
      if (!x || x.type === exceljs().ValueType.Merge) return false;
      return /[A-Za-z\u00c0-\uffff]/.test(text(r, c)) && typeof x.value !== 'number' && !(x.value instanceof Date);
    },
  };
}

/**
 * Shared formulas become plain formulas (each cell its own text, as exceljs translates it) before columns
 * move: a shared formula is stored once and slid to its other cells, which would go wrong where the
 * insertion point falls between a formula and the cells it refers to.
 */
function unshareFormulas(workbook: Workbook): void {
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.type !== exceljs().ValueType.Formula) return;
        const v = c.value as ExcelJS.CellSharedFormulaValue & { shareType?: string; ref?: string };
        if (v.sharedFormula !== undefined || v.shareType === 'shared') c.value = { formula: c.formula, result: v.result } as ExcelJS.CellFormulaValue;
      });
    });
  }
}

/** Models as exceljs holds them (its types do not describe `model`). */
interface CellModel {
  address: string;
  type: number;
  master?: string;
  formula?: string;
  ref?: string;
  [key: string]: unknown;
}
interface RowModel {
  number: number;
  min: number;
  max: number;
  cells: CellModel[];
  [key: string]: unknown;
}
interface ColModel {
  min: number;
  max: number;
  [key: string]: unknown;
}
interface SheetModel {
  name: string;
  rows: RowModel[];
  cols?: ColModel[];
  merges: string[];
  mergeCells?: string[];
  conditionalFormattings?: Array<{ ref: string; rules: Array<{ formulae?: unknown[]; [key: string]: unknown }> }>;
  dataValidations: Record<string, { formulae?: unknown[]; [key: string]: unknown } | undefined>;
  autoFilter?: string | { from: unknown; to: unknown };
  views?: Array<{ xSplit?: number; topLeftCell?: string; activeCell?: string; [key: string]: unknown }>;
  media?: Array<{ range?: { tl?: { nativeCol?: number; col?: number }; br?: { nativeCol?: number; col?: number } } }>;
  tables?: Array<{ ref?: string; tableRef?: string; [key: string]: unknown }>;
  pageSetup?: { printArea?: string; printTitlesColumn?: string; [key: string]: unknown };
  [key: string]: unknown;
}

const shiftFormulae = (list: unknown[] | undefined, sheet: string, ins: ColumnInsertion) =>
  list?.map((f) => (typeof f === 'string' ? shiftFormula(f, sheet, ins) : f));

/** Column definitions (widths, styles, hidden) split around the insertion point and moved. */
function shiftCols(cols: ColModel[] | undefined, ins: ColumnInsertion): ColModel[] | undefined {
  if (!cols) return cols;
  const out: ColModel[] = [];
  for (const col of cols) {
    if (col.max <= ins.after) out.push(col);
    else if (col.min > ins.after) out.push({ ...col, min: col.min + ins.count, max: col.max + ins.count });
    else out.push({ ...col, max: ins.after }, { ...col, min: ins.after + 1 + ins.count, max: col.max + ins.count });
  }
  return out;
}

/** An anchor of an image: 0-based column numbers move when right of the insertion point. */
function shiftAnchor(anchor: { nativeCol?: number; col?: number } | undefined, ins: ColumnInsertion): void {
  if (!anchor) return;
  if (typeof anchor.nativeCol === 'number' && anchor.nativeCol + 1 > ins.after) anchor.nativeCol += ins.count;
  if (typeof anchor.col === 'number' && Math.floor(anchor.col) + 1 > ins.after) anchor.col += ins.count;
}

/**
 * Inserts `ins.count` empty columns after column `ins.after` of sheet `ins.sheet`, moving everything that
 * refers to the columns right of it, on that sheet and in formulas of every other sheet.
 * @throws QuestionnaireError (naming `file`) when the sheet's last column would pass XFD, or when a table
 * spans the insertion point (exceljs cannot widen a table and keep it valid).
 */
export function insertColumns(workbook: Workbook, ins: ColumnInsertion, file: string): void {
  const ws = workbook.getWorksheet(ins.sheet);
  if (!ws) throw new QuestionnaireError(file, `no sheet named "${ins.sheet}"`);
  if (ws.columnCount + ins.count > 16_384) throw new QuestionnaireError(file, `sheet "${ins.sheet}" has no room for ${ins.count} more columns`);
  unshareFormulas(workbook);
  const model = ws.model as unknown as SheetModel;
  for (const table of model.tables ?? []) {
    const ref = table.tableRef ?? table.ref;
    if (ref && shiftRange(ref, ins) !== ref && ref.split(':')[0] === shiftRange(ref, ins).split(':')[0]) {
      throw new QuestionnaireError(file, `sheet "${ins.sheet}" has an Excel table (${ref}) around the question column; convert it to a range (Table Design > Convert to Range) and send it again`);
    }
  }

  for (const row of model.rows) {
    for (const c of row.cells) {
      c.address = shiftAddress(c.address, ins);
      // Merged cells but the first are made merged again from `mergeCells` below, as the XLSX reader does.
      if (c.type === exceljs().ValueType.Merge) {
        c.type = exceljs().ValueType.Null;
        delete c.master;
      }
      if (typeof c.formula === 'string') c.formula = shiftFormula(c.formula, ins.sheet, ins);
      if (typeof c.ref === 'string') c.ref = shiftRange(c.ref, ins);
    }
    if (row.min) row.min = shiftColumn(row.min, ins);
    if (row.max) row.max = shiftColumn(row.max, ins);
  }
  model.cols = shiftCols(model.cols, ins);
  model.mergeCells = model.merges.map((m) => shiftRange(m, ins));
  for (const cf of model.conditionalFormattings ?? []) {
    cf.ref = shiftRange(cf.ref, ins);
    for (const rule of cf.rules) if (rule.formulae) rule.formulae = shiftFormulae(rule.formulae, ins.sheet, ins);
  }
  const validations: SheetModel['dataValidations'] = {};
  for (const [address, dv] of Object.entries(model.dataValidations)) {
    if (dv) validations[shiftAddress(address, ins)] = { ...dv, ...(dv.formulae ? { formulae: shiftFormulae(dv.formulae, ins.sheet, ins) } : {}) };
  }
  model.dataValidations = validations;
  if (typeof model.autoFilter === 'string') model.autoFilter = shiftRange(model.autoFilter, ins);
  else if (model.autoFilter && typeof model.autoFilter === 'object') {
    const f = model.autoFilter as { from: unknown; to: unknown };
    const one = (x: unknown) => (typeof x === 'string' ? shiftAddress(x, ins) : x && typeof x === 'object' && 'column' in x ? { ...x, column: shiftColumn(Number((x as { column: number }).column), ins) } : x);
    model.autoFilter = { from: one(f.from), to: one(f.to) };
  }
  // Frozen columns right of the insertion point stay frozen; the scroll position and selection stay where
  // they were, so the new columns are in view when the sheet opens.
  for (const view of model.views ?? []) {
    if (typeof view.xSplit === 'number' && view.xSplit > ins.after) view.xSplit += ins.count;
  }
  for (const medium of model.media ?? []) {
    shiftAnchor(medium.range?.tl, ins);
    shiftAnchor(medium.range?.br, ins);
  }
  for (const table of model.tables ?? []) {
    if (table.tableRef) table.tableRef = shiftRange(table.tableRef, ins);
    if (table.ref) table.ref = shiftRange(table.ref, ins);
  }
  if (model.pageSetup?.printArea) model.pageSetup.printArea = model.pageSetup.printArea.split(',').map((r) => shiftRange(r, ins)).join(',');
  if (model.pageSetup?.printTitlesColumn) model.pageSetup.printTitlesColumn = shiftRange(model.pageSetup.printTitlesColumn, ins);
  // exceljs reads merges back from `mergeCells` (what its XLSX reader produces), not `merges`.
  // Setting the model keeps the old merges (`_merges`), which would then overlap the moved ones.
  (ws as unknown as { _merges: Record<string, unknown> })._merges = {};
  ws.model = model as unknown as ExcelJS.WorksheetModel;

  for (const other of workbook.worksheets) {
    if (other === ws) continue;
    other.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (c) => {
        if (c.type !== exceljs().ValueType.Formula) return;
        const v = c.value as ExcelJS.CellFormulaValue;
        const shifted = shiftFormula(v.formula, other.name, ins);
        if (shifted !== v.formula) c.value = { ...v, formula: shifted };
      });
    });
  }
  const names = (workbook as unknown as { definedNames?: { spliceColumns(sheet: string, start: number, del: number, ins: number): void } }).definedNames;
  names?.spliceColumns(ins.sheet, ins.after + 1, 0, ins.count);
}

/** Writes the workbook to bytes. */
export async function writeXlsx(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "D" for column 4, for messages and tests. */
export const letter = columnLetters;
