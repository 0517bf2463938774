import { readFileSync, writeFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Command as CommandType } from 'commander';
import { ReportError, type Answer, type Engine } from './index.js';
import { parseReport } from './report/parser.js';
import { reportIdFromFile } from './report/loader.js';
import { DEFAULT_REPORTS_DIR, loadLibrary, type LibrarySource, type ReportLibrary } from './report/library.js';
import { createLibraryEngine } from './query/library-engine.js';

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

/** Where the library is: `--report FILE` (a library of one), else REPORT_FILE or REPORTS_DIR, else data/reports/. */
function librarySource(reportFile: string | undefined, env: NodeJS.ProcessEnv): LibrarySource {
  if (reportFile) return { file: reportFile };
  return { file: env.REPORT_FILE?.trim() || undefined, dir: env.REPORTS_DIR?.trim() || undefined };
}

function engineFor(reportFile: string | undefined, env: NodeJS.ProcessEnv): Engine {
  return createLibraryEngine(loadLibrary(librarySource(reportFile, env)));
}

/** One line of `npm run reports`: id, kind, period, counts, auditor, file served. */
function reportLine(r: ReportLibrary['reports'][number]): string {
  const counts = `${r.counts.services} services, ${r.counts.regions} regions, ${r.counts.edgeLocations} edge locations`;
  return [r.id, r.kind, `${r.period.start} to ${r.period.end}`, counts, `${r.auditor.firm} (${r.auditor.reportDate})`, r.files[0]].join('  ');
}

/** `reports -- reload`: asks the running server to re-read its library (POST /admin/reports/reload, loopback only). */
async function reloadServer(url: string, io: Io, json: boolean): Promise<number> {
  let response: Response;
  try {
    response = await fetch(new URL('/admin/reports/reload', url), { method: 'POST', signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    io.stderr.write(`Error: cannot reach the server at ${url} (${cause}); is it running? Set --url or PORT.\n`);
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as { ok?: boolean; error?: string; reports?: string[]; added?: string[]; removed?: string[]; kept?: string[]; refused?: { file: string; reason: string }[] };
  if (json) io.stdout.write(`${JSON.stringify({ status: response.status, ...body })}\n`);
  if (!response.ok || !body.ok) {
    io.stderr.write(`Error: the server did not reload (HTTP ${response.status}): ${body.error ?? 'no reason given'}; the previous library keeps answering.\n`);
    return 1;
  }
  if (!json) {
    io.stdout.write(`Reloaded: ${body.reports!.length} reports (${body.reports!.join(', ')}).`);
    for (const [what, ids] of [['added', body.added], ['removed', body.removed], ['kept at the previous version', body.kept]] as const) if (ids?.length) io.stdout.write(` ${what}: ${ids.join(', ')}.`);
    io.stdout.write('\n');
  }
  for (const x of body.refused ?? []) io.stderr.write(`refused ${x.file}: ${x.reason}\n`);
  return body.refused?.length ? 1 : 0;
}

function render(answer: Answer, json: boolean, color: boolean): string {
  return json ? JSON.stringify(answer) : formatAnswer(answer, { color });
}

async function answerLines(engine: Engine, io: Io, json: boolean): Promise<void> {
  // Loaded here: a one-question ask never reads lines.
  const { createInterface } = await import('node:readline');
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

/** Words that end the interactive prompt. */
const QUIT = new Set(['exit', 'quit', 'q', ':q', 'bye']);

async function interactive(engine: Engine, io: Io, json: boolean): Promise<void> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
  io.stdout.write(`Ask about the ${engine.report.title} (${engine.report.period.start} to ${engine.report.period.end}). Type "help" for examples; "exit" or Ctrl-D to quit.\n`);
  rl.setPrompt('? ');
  rl.prompt();
  for await (const line of rl) {
    // At the prompt only (a piped question is always a question): what people type to leave.
    if (QUIT.has(line.trim().toLowerCase())) break;
    if (line.trim()) io.stdout.write(`${render(engine.answer(line), json, !json)}\n\n`);
    rl.prompt();
  }
  rl.close();
}

/**
 * `ask` followed by words only (no word starts with "-"): the question as commander would read it, or undefined
 * for anything else (options, no question, an empty one), which goes through commander.
 */
function plainAsk(argv: string[]): string | undefined {
  if (argv[0] !== 'ask' || argv.length < 2 || argv.slice(1).some((w) => w.startsWith('-'))) return undefined;
  const question = argv.slice(1).join(' ');
  return question.trim() ? question : undefined;
}

/** Runs the CLI with the given arguments (without `node cli.js`); resolves to the exit status. */
export async function run(argv: string[], io: Io = process): Promise<number> {
  // `npm run ask -- "QUESTION"`, the common case, answers without loading commander: setting up its parser (and the
  // child_process module it requires) was a tenth of a cold ask's time over bare `node` (bench: cold ask).
  const question = plainAsk(argv);
  if (question !== undefined) {
    try {
      io.stdout.write(`${render(engineFor(undefined, process.env).answer(question), false, useColor(io.stdout))}\n`);
      return 0;
    } catch (error) {
      return failure(error, io);
    }
  }
  const { Command, CommanderError } = await import('commander');
  const program: CommandType = new Command()
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
      const engine = engineFor(opts.report, process.env);
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
    .command('reports')
    .description('list the report library (id, kind, period, counts); "reload" makes a running server re-read it')
    .argument('[action]', '"reload": ask the running server (npm start) to re-read its report library')
    .option('--json', 'one JSON object per report (JSON Lines)')
    .option('--report <file>', 'list this one report file instead of the library')
    .option('--url <url>', 'the running server for "reload" (default http://127.0.0.1:PORT, PORT default 3978)')
    .action(async (action: string | undefined, opts: { json?: boolean; report?: string; url?: string }) => {
      if (action === 'reload') {
        status = await reloadServer(opts.url ?? `http://127.0.0.1:${process.env.PORT?.trim() || '3978'}`, io, Boolean(opts.json));
        return;
      }
      if (action !== undefined) throw new CommanderError(2, 'compliance-bot.usage', `error: unknown action "${action}" (the only action is "reload")`);
      const library = loadLibrary(librarySource(opts.report, process.env));
      for (const r of library.reports) {
        const { report: _report, ...facts } = r;
        io.stdout.write(`${opts.json ? JSON.stringify({ ...facts, periodStart: r.period.start, periodEnd: r.period.end }) : reportLine(r)}\n`);
      }
      for (const x of library.refused) io.stderr.write(`refused ${x.file}: ${x.reason}\n`);
      for (const w of library.warnings) io.stderr.write(`warning: ${w}\n`);
      if (library.refused.length) status = 1;
    });
  program
    .command('ingest')
    .description('parse report text into the structured, schema-validated JSON')
    .argument('<file>', 'the report text')
    .option('-o, --out <file>', 'write the JSON here instead of standard output')
    .option('--id <id>', 'the report id (default: from the file name)')
    .option('--add', `add it to the library: write REPORTS_DIR/ID.json (default ${DEFAULT_REPORTS_DIR}/)`)
    .action((file: string, opts: { out?: string; id?: string; add?: boolean }) => {
      if (opts.add && opts.out) throw new CommanderError(2, 'compliance-bot.usage', 'error: --add writes into the library; give it or -o, not both');
      if (opts.add) opts.out = `${(process.env.REPORTS_DIR?.trim() || DEFAULT_REPORTS_DIR).replace(/\/+$/, '')}/${opts.id ?? reportIdFromFile(file)}.json`;
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
        if (opts.add) io.stderr.write('A running server serves it after `npm run reports -- reload` (or SIGHUP).\n');
      } else io.stdout.write(json);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'compliance-bot.emptyQuestion' || error.code === 'compliance-bot.usage') io.stderr.write(`${error.message}\n`);
      status = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2;
    } else status = failure(error, io);
  }
  if (argv.length === 0) {
    program.outputHelp();
    status = 2;
  }
  return status;
}

/** A failed command's message on stderr; its exit status (1: an unreadable or malformed report, or any other error). */
function failure(error: unknown, io: Io): number {
  io.stderr.write(`Error: ${error instanceof ReportError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

/** Runs the CLI on this process's arguments and sets its exit status (`node dist/cli.js ...`: src/cli-main.ts). */
export function main(): void {
  // `npm run ingest -- FILE | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

