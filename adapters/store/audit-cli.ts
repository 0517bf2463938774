/**
 * `npm run audit` (../shared/CONTRACT.md, "Added in the second round"): the audit log for the people who
 * run the bot, read from the same store the server writes (STORE_FILE or DATABASE_URL, from the
 * environment or .env).
 *   audit [--since 7d] [--verdict V] [--platform slack|teams|cli] [--format table|csv|json] [--limit N]
 *   audit unanswered [--since 30d]   unknown, not listed or 👎, grouped by wording, most frequent first
 *   audit stats [--since 30d]        per day: questions, verdict mix, share of 👎, p50/p99 latency
 * Exit status: 0 printed, 2 usage error, 1 the store could not be read.
 */
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadStoreConfig } from '../config.js';
import { parseSince, render, type Column, type Format } from './format.js';
import { openStore } from './open.js';
import type { DayStats, LogRow, Store, UnansweredGroup } from './store.js';

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/u, 'Z');

const LOG_COLUMNS: Column<LogRow>[] = [
  { heading: 'time', cell: (r) => iso(r.at) },
  { heading: 'platform', cell: (r) => r.platform },
  { heading: 'workspace', cell: (r) => r.workspace ?? '' },
  { heading: 'channel', cell: (r) => r.channelKind },
  { heading: 'user', cell: (r) => r.userId ?? '' },
  { heading: 'verdict', cell: (r) => r.verdict },
  { heading: 'intent', cell: (r) => r.intent },
  { heading: 'question', cell: (r) => r.question, max: 60 },
  { heading: 'items', cell: (r) => r.items.map((i) => `${i.name}: ${i.status}`).join('; '), max: 60 },
  { heading: 'report', cell: (r) => r.reportId ?? '' },
  { heading: 'period', cell: (r) => (r.periodStart ? `${r.periodStart}..${r.periodEnd ?? ''}` : '') },
  { heading: 'ms', cell: (r) => r.latencyMs, right: true },
  { heading: 'delivered', cell: (r) => (r.delivered ? 'yes' : 'no') },
  { heading: 'up', cell: (r) => r.up, right: true },
  { heading: 'down', cell: (r) => r.down, right: true },
];

const UNANSWERED_COLUMNS: Column<UnansweredGroup>[] = [
  { heading: 'count', cell: (g) => g.count, right: true },
  { heading: 'unknown', cell: (g) => g.unknown, right: true },
  { heading: 'not listed', cell: (g) => g.notListed, right: true },
  { heading: '👎', cell: (g) => g.down, right: true },
  { heading: 'last asked', cell: (g) => iso(g.lastAt) },
  { heading: 'question (latest wording)', cell: (g) => g.example, max: 80 },
];

const verdictMix = (s: DayStats) =>
  Object.entries(s.verdicts)
    .sort((a, b) => b[1] - a[1])
    .map(([v, n]) => `${v} ${Math.round((n / s.questions) * 100)}%`)
    .join(', ');

const STATS_COLUMNS: Column<DayStats>[] = [
  { heading: 'day', cell: (s) => s.day },
  { heading: 'questions', cell: (s) => s.questions, right: true },
  { heading: 'verdicts', cell: verdictMix },
  { heading: '👍', cell: (s) => s.up, right: true },
  { heading: '👎', cell: (s) => s.down, right: true },
  { heading: '👎 share', cell: (s) => (s.up + s.down > 0 ? `${Math.round(s.downShare * 100)}%` : ''), right: true },
  { heading: 'p50 ms', cell: (s) => s.p50Ms, right: true },
  { heading: 'p99 ms', cell: (s) => s.p99Ms, right: true },
];

/** Runs the audit CLI with the given arguments; resolves to the exit status. */
export async function run(argv: string[], env: NodeJS.ProcessEnv = process.env, io: Io = process): Promise<number> {
  let status = 0;
  let store: Store | undefined;
  const withStore = async (use: (store: Store) => Promise<string>) => {
    const { store: config } = loadStoreConfig(env);
    if (!config) throw new ConfigError('STORE=off: there is no audit log to read; unset STORE (and set STORE_FILE or DATABASE_URL to the server\'s).', 'STORE');
    store = await openStore(config);
    await store.migrate();
    io.stdout.write(await use(store));
  };
  const since = (value: string | undefined, fallback?: string) => (value ?? fallback ? parseSince((value ?? fallback)!) : undefined);
  const format = () => new Option('--format <format>', 'table, csv, or json (JSON Lines)').choices(['table', 'csv', 'json']).default('table');

  const program = new Command()
    .name('audit')
    .description('The audit log of compliance-bot: what it answered, what it could not, and what people thought of it.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('log', { isDefault: true })
    .description('the log, newest first')
    .option('--since <when>', 'only since then: 7d, 24h, 30m, 2w, or a date (2026-11-01)')
    .option('--verdict <verdict>', 'only this verdict (yes, no, partial, info, unknown)')
    .addOption(new Option('--platform <platform>', 'only this platform').choices(['slack', 'teams', 'cli']))
    .addOption(format())
    .option('--limit <n>', 'at most this many rows', (v) => positive(v, '--limit'), 1000)
    .action(async (opts: { since?: string; verdict?: string; platform?: string; format: Format; limit: number }) => {
      const query = { since: since(opts.since), verdict: opts.verdict, platform: opts.platform, limit: opts.limit };
      await withStore(async (s) => render(opts.format, await s.queryLog(query), LOG_COLUMNS, (r) => ({ ...r, at: r.at.toISOString() })));
    });

  program
    .command('unanswered')
    .description('questions answered "unknown" or "not listed", or voted 👎, grouped by wording with counts')
    .option('--since <when>', 'only since then (default 30d)')
    .addOption(format())
    .option('--limit <n>', 'at most this many groups', (v) => positive(v, '--limit'), 200)
    .action(async (opts: { since?: string; format: Format; limit: number }) => {
      const from = since(opts.since, '30d');
      await withStore(async (s) => render(opts.format, await s.unanswered(from, opts.limit), UNANSWERED_COLUMNS, (g) => ({ ...g, lastAt: g.lastAt.toISOString() })));
    });

  program
    .command('stats')
    .description('per day: questions, verdict mix, share of 👎 votes, p50/p99 latency')
    .option('--since <when>', 'only since then (default 30d)')
    .addOption(format())
    .action(async (opts: { since?: string; format: Format }) => {
      const from = since(opts.since, '30d');
      await withStore(async (s) => render(opts.format, await s.stats(from), STATS_COLUMNS));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      status = error.code === 'commander.helpDisplayed' || error.exitCode === 0 ? 0 : 2;
    } else if (error instanceof RangeError || error instanceof ConfigError) {
      io.stderr.write(`Error: ${error.message}\n`);
      status = 2;
    } else {
      io.stderr.write(`Error: the store could not be read: ${error instanceof Error ? error.message : String(error)}\n`);
      status = 1;
    }
  } finally {
    await (store as Store | undefined)?.close().catch(() => undefined);
  }
  return status;
}

function positive(value: string, flag: string): number {
  if (!/^\d{1,7}$/u.test(value) || Number(value) < 1) throw new RangeError(`${flag} ${JSON.stringify(value)}: give a whole number, 1 or more`);
  return Number(value);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  void (async () => {
    const { config: loadDotenv } = await import('dotenv');
    loadDotenv({ quiet: true });
    process.exitCode = await run(process.argv.slice(2));
  })();
}
