import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { Command, CommanderError } from 'commander';
import { createEngine, type Engine } from '../query/engine.js';
import { createLibraryEngine } from '../query/library-engine.js';
import { loadLibrary } from '../report/library.js';
import { ReportError } from '../report/loader.js';
import { columnLetters } from './a1.js';
import { QuestionnaireError } from './errors.js';
import { openQuestionnaire, summaryLine, DEFAULT_MAX_ROWS } from './index.js';
import { defaultOutput, writeAtomically } from './output.js';

/**
 * `npm run questionnaire -- IN.xlsx|IN.csv [-o OUT] [--sheet NAME] [--column HEADER|LETTER] [--report ID]`
 * (../shared/CONTRACT.md, "Added in the second round"): reads the questionnaire, answers every question,
 * writes the copy through a temporary file renamed into place (a failure leaves no partial file), and prints
 * a summary. A progress bar goes to standard error when it is a terminal.
 *
 * Its own entry point (dist/questionnaire.js), so that `npm run ask` never loads exceljs.
 */

/** The streams the command uses; `stderr.isTTY` turns the progress bar on. */
export interface QuestionnaireIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** The command's options, as commander gives them. */
export interface QuestionnaireCliOptions {
  out?: string;
  sheet?: string;
  column?: string;
  maxRows?: string;
}

const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));

/**
 * Runs the command; resolves to the exit status: 0 written, 1 unreadable input (the message names the file
 * and what is wrong), 2 usage error. `engine` answers the questions.
 */
export async function runQuestionnaire(input: string, options: QuestionnaireCliOptions, engine: Engine, io: QuestionnaireIo): Promise<number> {
  const fail = (status: number, message: string) => {
    io.stderr.write(`Error: ${message}\n`);
    return status;
  };
  const out = options.out ?? defaultOutput(input);
  if (real(out) === real(input)) return fail(2, `${out}: the output is the questionnaire itself; choose another -o`);
  const inExt = extname(input).toLowerCase() === '.xlsx' ? '.xlsx' : '.csv';
  const outExt = extname(out).toLowerCase();
  if (options.out && outExt !== inExt && !(inExt === '.csv' && ['.tsv', '.txt'].includes(outExt))) {
    return fail(2, `${out}: the copy keeps the questionnaire's format (${inExt}); name it with ${inExt}`);
  }
  let maxRows = DEFAULT_MAX_ROWS;
  if (options.maxRows !== undefined) {
    maxRows = Number(options.maxRows);
    if (!/^\d+$/.test(options.maxRows) || maxRows < 1) return fail(2, `--max-rows must be a whole number of rows, not "${options.maxRows}"`);
  }

  let bytes: Buffer;
  try {
    bytes = readFileSync(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(1, `${input}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a spreadsheet' : `cannot be read (${code})`}`);
  }
  let bar: cliProgress.SingleBar | undefined;
  try {
    const q = await openQuestionnaire(bytes, { file: input, sheet: options.sheet, column: options.column, maxRows });
    const column = `column ${columnLetters(q.location.column)}${q.location.header ? ` (${q.location.header})` : ''}`;
    const where = q.format === 'xlsx' ? `sheet "${q.location.sheet}", ${column}` : column;
    if (io.stderr.isTTY) {
      io.stderr.write(`Answering ${q.rowCount} questions of ${where}…\n`);
      bar = new cliProgress.SingleBar(
        { stream: io.stderr as NodeJS.WriteStream, format: '{bar} {value}/{total} questions', hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(q.rowCount, 0);
    }
    const result = await q.answer((question) => engine.answer(question), (done) => bar?.update(done));
    bar?.stop();
    bar = undefined;
    writeAtomically(out, result.output);
    io.stdout.write(`Wrote ${out} (${where}): ${summaryLine(result.summary)}\n`);
    return 0;
  } catch (error) {
    bar?.stop();
    if (error instanceof QuestionnaireError) return fail(error.usage ? 2 : 1, error.message);
    const e = error as NodeJS.ErrnoException;
    if (e.code && e.syscall) return fail(1, `${out}: cannot be written (${e.code})`);
    throw error;
  }
}

/**
 * The engine, as `ask` builds it: over the report library (REPORTS_DIR, REPORT_FILE, else data/reports/).
 * `--report ID` answers every row from that report of the library; `--report FILE` from that report file.
 * @throws QuestionnaireError (usage) for an id the library does not have; ReportError for a bad report file.
 */
export function engineFor(report: string | undefined, env: NodeJS.ProcessEnv = process.env): Engine {
  const library = loadLibrary({ file: env.REPORT_FILE?.trim() || undefined, dir: env.REPORTS_DIR?.trim() || undefined });
  if (report === undefined) return createLibraryEngine(library);
  const entry = library.reports.find((r) => r.id === report);
  if (entry) return createEngine(entry.report);
  if (existsSync(report)) return createLibraryEngine(loadLibrary({ file: report }));
  const ids = library.reports.map((r) => r.id).join(', ');
  throw new QuestionnaireError(report, `no such report: the library has ${ids} (npm run reports lists them), and no file has this name`, true);
}

/** Runs `questionnaire ARGS` (without `node questionnaire.js`); resolves to the exit status (0, 1 or 2). */
export async function main(argv: string[], io: QuestionnaireIo = process): Promise<number> {
  let status = 2;
  const program = new Command()
    .name('npm run questionnaire --')
    .description('Answers every question of a security questionnaire (XLSX or CSV) into a copy with Verdict, Answer, Evidence and Report columns after the question column.')
    .argument('<file>', 'the questionnaire: .xlsx or .csv')
    .option('-o, --out <file>', 'where to write the copy (default: FILE.answered.xlsx / .csv beside it)')
    .option('--sheet <name>', 'the sheet to answer (default: the first visible one with a Question, Control or Requirement header)')
    .option('--column <header|letter>', 'the question column, by header or letter (default: found by its header)')
    .option('--report <id|file>', 'answer every row from this report of the library (an id from npm run reports) or report file (default: the library, newest report first)')
    .option('--max-rows <n>', `refuse a questionnaire with more questions than this (default ${DEFAULT_MAX_ROWS})`)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .action(async (file: string, opts: QuestionnaireCliOptions & { report?: string }) => {
      let engine: Engine;
      try {
        engine = engineFor(opts.report);
      } catch (error) {
        if (!(error instanceof QuestionnaireError)) throw error;
        io.stderr.write(`Error: ${error.message}\n`);
        status = 2;
        return;
      }
      status = await runQuestionnaire(file, opts, engine, io);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.code === 'commander.helpDisplayed' || error.exitCode === 0 ? 0 : 2;
    if (error instanceof ReportError) {
      io.stderr.write(`Error: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  return status;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
