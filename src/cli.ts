import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { resolve as resolvePath } from 'node:path';
import { Command, CommanderError } from 'commander';
import { createEngine, loadDefaultReport, loadReport, ReportError, type Answer, type Engine } from './index.js';
import { parseReport } from './report/parser.js';
import { reportIdFromFile } from './report/loader.js';

import { formatAnswer, useColor } from './format/terminal.js';

/**
 * The command line (../shared/CONTRACT.md, "CLI"):
 *   ask [--json] [--report FILE] [QUESTION...]   one answer; without a question, one per line of stdin
 *   ingest FILE [-o OUT.json]                    report text -> structured, schema-validated JSON
 * Exit status: 0 answered, 1 unreadable or malformed report, 2 usage error.
 */

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

function engineFor(reportFile: string | undefined): Engine {
  return createEngine(reportFile ? loadReport(reportFile) : loadDefaultReport());
}

function render(answer: Answer, json: boolean, color: boolean): string {
  return json ? JSON.stringify(answer) : formatAnswer(answer, { color });
}

async function answerLines(engine: Engine, io: Io, json: boolean): Promise<void> {
  const color = !json && useColor(io.stdout);
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  let first = true;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const out = render(engine.answer(line), json, color);
    io.stdout.write(json ? `${out}\n` : `${first ? '' : '\n'}${out}\n`);
    first = false;
  }
}

async function interactive(engine: Engine, io: Io, json: boolean): Promise<void> {
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
  io.stdout.write(`Ask about the ${engine.report.title} (${engine.report.period.start} to ${engine.report.period.end}). Type "help" for examples; Ctrl-D to quit.\n`);
  rl.setPrompt('? ');
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) io.stdout.write(`${render(engine.answer(line), json, !json)}\n\n`);
    rl.prompt();
  }
}

/** Runs the CLI with the given arguments (without `node cli.js`); resolves to the exit status. */
export async function run(argv: string[], io: Io = process): Promise<number> {
  const program = new Command()
    .name('compliance-bot')
    .description('Answers compliance questions from a SOC 3 report, citing the section and the words each answer rests on.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  let status = 0;
  program
    .command('ask')
    .description('answer a question (or, without one, each line of standard input)')
    .argument('[question...]', 'the question; quote it or not')
    .option('--json', 'print the Answer as one line of JSON (JSON Lines for standard input)')
    .option('--report <file>', 'answer from another report: its text in the same layout, or its structured JSON')
    .action(async (words: string[], opts: { json?: boolean; report?: string }) => {
      const engine = engineFor(opts.report);
      const json = Boolean(opts.json);
      const question = words.join(' ');
      if (words.length > 0 && !question.trim()) {
        throw new CommanderError(2, 'compliance-bot.emptyQuestion', 'error: the question is empty (give one, or none to read standard input)');
      }
      if (question.trim()) {
        io.stdout.write(`${render(engine.answer(question), json, !json && useColor(io.stdout))}\n`);
      } else if (io.stdin.isTTY) {
        await interactive(engine, io, json);
      } else {
        await answerLines(engine, io, json);
      }
    });
  program
    .command('ingest')
    .description('parse report text into the structured, schema-validated JSON')
    .argument('<file>', 'the report text')
    .option('-o, --out <file>', 'write the JSON here instead of standard output')
    .option('--id <id>', 'the report id (default: from the file name)')
    .action((file: string, opts: { out?: string; id?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        throw new ReportError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot be read (${(error as Error).message})`);
      }
      if (text.trimStart().startsWith('{')) throw new ReportError(file, 'is already structured JSON; ingest reads report text (use it with ask --report as it is)');
      if (opts.out && resolvePath(opts.out) === resolvePath(file)) throw new ReportError(file, 'the output file is the report itself; choose another -o');
      const report = parseReport(text, { id: opts.id ?? reportIdFromFile(file), file });
      const json = `${JSON.stringify(report, null, 2)}\n`;
      if (opts.out) {
        writeFileSync(opts.out, json);
        io.stderr.write(`Wrote ${opts.out}: ${report.services.length} services, ${report.regions.length} regions, ${report.edgeLocations.length} edge locations, ${report.period.start} to ${report.period.end}.\n`);
      } else io.stdout.write(json);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'compliance-bot.emptyQuestion') io.stderr.write(`${error.message}\n`);
      status = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof ReportError) {
      io.stderr.write(`Error: ${error.message}\n`);
      status = 1;
    } else {
      io.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      status = 1;
    }
  }
  if (argv.length === 0) {
    program.outputHelp();
    status = 2;
  }
  return status;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // `npm run ingest -- FILE | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
