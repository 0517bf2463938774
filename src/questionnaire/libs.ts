import { createRequire } from 'node:module';
import type * as ExcelJSModule from 'exceljs';
import type * as CsvParse from 'csv-parse/sync';
import type * as CsvStringify from 'csv-stringify/sync';

/**
 * The spreadsheet libraries, loaded on first use with require(): a static import would be hoisted to the top
 * of the bundled server (esbuild keeps external imports there), so that every start paid for exceljs even when
 * no questionnaire is ever sent. They are external in scripts/build.mjs and resolved from node_modules.
 */
const load = createRequire(import.meta.url);

let excel: typeof ExcelJSModule | undefined;
let csvParse: typeof CsvParse | undefined;
let csvStringify: typeof CsvStringify | undefined;

/** exceljs (CommonJS: its module object holds Workbook and ValueType). */
export const exceljs = (): typeof ExcelJSModule => (excel ??= load('exceljs') as typeof ExcelJSModule);
/** csv-parse's synchronous API. */
export const parseCsv: typeof CsvParse.parse = ((input: unknown, options: unknown) =>
  (csvParse ??= load('csv-parse/sync') as typeof CsvParse).parse(input as string, options as CsvParse.Options)) as typeof CsvParse.parse;
/** csv-stringify's synchronous API. */
export const stringifyCsv: typeof CsvStringify.stringify = ((input: unknown, options: unknown) =>
  (csvStringify ??= load('csv-stringify/sync') as typeof CsvStringify).stringify(input as never, options as CsvStringify.Options)) as typeof CsvStringify.stringify;
