/**
 * `npm run bench`: this project against fair baselines, measured in the same run on this machine, as ratios
 * (issue 10). Each server runs in its own process (dist/server.js, and bench/baselines/ bundled the same way),
 * the stand-ins for Slack's Web API and the Bot Connector in another (bench/standins.ts), and the load
 * generator in this one. CPU per request is read from /proc/<pid>/stat of the server's process.
 *
 * Parts: core (time per question, load and index; quiet and beside a load), cold `ask` against `node -e 0`,
 * library (20 reports: load, and time per question with cross-report questions),
 * scaling (N extra services), slack (app_mention and slash command against a bare Bolt app), teams (against
 * botbuilder's echo bot), memory (RSS after 10k and 100k mentions), questionnaire (1,000 rows end to end against
 * exceljs alone and the core alone), store (slash-command ack and mention reply p50/p99 with no store, SQLite and
 * PostgreSQL: bench/store.ts). Targets are printed with the figures and
 * written to bench/results/bench.json; no test asserts them.
 *
 *   node dist/bench.js [--only core,library,scaling,questionnaire,slack,teams,memory,store] [--kinds mention,command] [--seconds 5] [--repeats 3] [--out FILE]
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { benchColdAsk, benchCore, questionSet, type CoreResult } from './core.js';
import { bareBolt, echoBot, measure, rssMiB, slackBot, startStandIns, teamsBot, warmUp, type LoadKind, type LoadStats, type StandIns, type Target } from './load.js';
import { loadAverage } from './proc.js';
import { benchQuestionnaire } from './questionnaire.js';
import { benchScaling } from './scaling.js';
import { benchLibrary } from './library.js';
import { benchStore, storeLines } from './store.js';
import { median, round } from './stats.js';

const PARTS = ['core', 'library', 'scaling', 'questionnaire', 'slack', 'teams', 'memory', 'store'] as const;
type Part = (typeof PARTS)[number];

const USAGE = `usage: npm run bench -- [--only ${PARTS.join(',')}] [--seconds 5] [--repeats 3] [--connections 50] [--kinds mention,command] [--out bench/results/bench.json]`;

/** The command line, or a one-line error and the usage (exit 2) for an unknown option or part. */
function readArgs() {
  try {
    const { values } = parseArgs({
      options: {
        only: { type: 'string' },
        role: { type: 'string' },
        seconds: { type: 'string', default: '5' },
        repeats: { type: 'string', default: '3' },
        connections: { type: 'string', default: '50' },
        // The Slack part's kinds of request (e.g. --kinds command to profile the slash command alone).
        kinds: { type: 'string', default: 'mention,command' },
        out: { type: 'string', default: 'bench/results/bench.json' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) (console.log(USAGE), process.exit(0));
    const unknown = values.only?.split(',').filter((p) => !(PARTS as readonly string[]).includes(p)) ?? [];
    if (unknown.length) throw new Error(`--only: no such part ${unknown.map((p) => `"${p}"`).join(', ')}`);
    for (const k of ['seconds', 'repeats', 'connections'] as const) {
      if (!(Number(values[k]) > 0)) throw new Error(`--${k}: expected a positive number, got "${values[k]}"`);
    }
    return values;
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}

const values = readArgs();

/** Medians over repeated runs of the same target, metric by metric. */
function medianStats(runs: LoadStats[]): LoadStats {
  const m = (f: (s: LoadStats) => number) => round(median(runs.map(f)), 1);
  const sum = (f: (s: LoadStats) => number) => runs.reduce((a, s) => a + f(s), 0);
  return {
    requestsPerSecond: m((s) => s.requestsPerSecond),
    p50Ms: m((s) => s.p50Ms),
    p99Ms: m((s) => s.p99Ms),
    cpuUsPerRequest: m((s) => s.cpuUsPerRequest),
    requests: sum((s) => s.requests),
    non2xx: sum((s) => s.non2xx),
    errors: sum((s) => s.errors),
    received: {
      slackPosts: sum((s) => s.received.slackPosts),
      connectorMessages: sum((s) => s.received.connectorMessages),
      connectorTyping: sum((s) => s.received.connectorTyping),
    },
  };
}

/** This project against its baseline for one kind of request; ratios > 1 favour this project on rps. */
interface Comparison {
  kind: LoadKind;
  project: LoadStats;
  baseline: LoadStats;
  baselineName: string;
  /** project rps / baseline rps (target >= 1). */
  rpsRatio: number;
  /** project p99 / baseline p99 (target <= 1). */
  p99Ratio: number;
  /** project CPU per request / baseline's (lower is better). */
  cpuRatio: number;
  met: boolean;
}

async function compare(kind: LoadKind, project: Target, baseline: Target, standIns: StandIns, seconds: number, repeats: number, connections: number): Promise<Comparison> {
  await warmUp(project, kind, standIns, 2);
  await warmUp(baseline, kind, standIns, 2);
  const p: LoadStats[] = [];
  const b: LoadStats[] = [];
  // Alternated, so that both see the same machine load.
  for (let r = 0; r < repeats; r++) {
    p.push(await measure(project, kind, standIns, { connections, durationSeconds: seconds }));
    b.push(await measure(baseline, kind, standIns, { connections, durationSeconds: seconds }));
  }
  const project_ = medianStats(p);
  const baseline_ = medianStats(b);
  const rpsRatio = round(project_.requestsPerSecond / baseline_.requestsPerSecond, 2);
  const p99Ratio = round(project_.p99Ms / Math.max(baseline_.p99Ms, 1), 2);
  const cpuRatio = round(project_.cpuUsPerRequest / baseline_.cpuUsPerRequest, 2);
  const met = rpsRatio >= 1 && project_.p99Ms <= baseline_.p99Ms && project_.non2xx + project_.errors === 0;
  return { kind, project: project_, baseline: baseline_, baselineName: baseline.name, rpsRatio, p99Ratio, cpuRatio, met };
}

function printComparison(label: string, c: Comparison): void {
  const row = (name: string, s: LoadStats) =>
    `  ${name.padEnd(24)} ${String(Math.round(s.requestsPerSecond)).padStart(6)} req/s  p50 ${String(s.p50Ms).padStart(5)} ms  p99 ${String(s.p99Ms).padStart(5)} ms  CPU ${String(Math.round(s.cpuUsPerRequest)).padStart(5)} µs/req`;
  console.log(`${label}:`);
  console.log(row('compliance-bot', c.project));
  console.log(row(c.baselineName, c.baseline));
  const typing = c.kind === 'teams' ? `; typing activities ${c.project.received.connectorTyping} for ${c.project.requests} requests` : '';
  console.log(`  ratio: req/s ${c.rpsRatio}x (target >= 1), p99 ${c.p99Ratio}x (target <= 1), CPU per request ${c.cpuRatio}x${typing} -> ${c.met ? 'met' : 'NOT met'}`);
}

/** The core bench in a child process (so a load run in this process does not share its thread). */
function coreInChild(): Promise<CoreResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [process.argv[1]!, '--role', 'core'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as CoreResult) : reject(new Error(`core bench exited ${code}`))));
  });
}

async function memory(standIns: StandIns, connections: number) {
  const rss = async (target: Target, requests: number) => {
    const idle = rssMiB(target.pid);
    await measure(target, 'mention', standIns, { connections, amount: 10_000 });
    const after10k = rssMiB(target.pid);
    if (requests > 10_000) await measure(target, 'mention', standIns, { connections, amount: requests - 10_000 });
    const afterAll = rssMiB(target.pid);
    return { idle: round(idle, 1), after10k: round(after10k, 1), after100k: requests > 10_000 ? round(afterAll, 1) : undefined };
  };
  const bot = await slackBot(standIns);
  const project = await rss(bot, 100_000).finally(() => bot.stop());
  const bare = await bareBolt(standIns);
  const baseline = await rss(bare, 10_000).finally(() => bare.stop());
  const growth = round(project.after100k! / project.after10k - 1, 3);
  return { project, bareBolt: baseline, growthFrom10kTo100k: growth, targets: { growthBelow: 0.1 }, met: growth < 0.1 };
}

async function main(): Promise<void> {
  if (values.role === 'core') {
    process.stdout.write(JSON.stringify(benchCore()));
    return;
  }
  const wanted = new Set<Part>(values.only ? (values.only.split(',') as Part[]) : PARTS);
  const seconds = Number(values.seconds);
  const repeats = Number(values.repeats);
  const connections = Number(values.connections);
  const loadBefore = loadAverage();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverageAtStart: loadBefore,
    shape: { seconds, repeats, connections },
  };
  const git = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return undefined;
    }
  })();
  if (git) results.commit = git;
  console.log(`machine: ${cpus().length} CPUs, load average ${loadBefore} at start; runs of ${seconds} s x ${repeats}, ${connections} connections, medians`);

  if (wanted.has('core')) {
    const quiet = await coreInChild();
    results.core = quiet;
    console.log(`core: ${quiet.questions} questions x 20; per question median ${quiet.perQuestionMs.median} ms, p99 ${quiet.perQuestionMs.p99} ms (target < 1 ms quiet), in process CPU time (all threads, GC included) p99 ${quiet.perQuestionCpuMs.p99} ms; asked again (reply cache) p99 ${quiet.cachedPerQuestionMs.p99} ms; load and index ${quiet.loadAndIndexMs.median} ms`);
    const cold = benchColdAsk();
    results.coldAsk = { ...cold, targets: { ratioBelow: 2 }, met: cold.ratio < 2 };
    console.log(`cold ask: ${cold.askMs} ms vs bare node -e 0 ${cold.bareNodeMs} ms; median of ${cold.pairs} paired ratios ${cold.ratio}x (target < 2x)`);
  }
  if (wanted.has('library')) {
    const library = benchLibrary(questionSet());
    results.library = library;
    const l = library;
    console.log(`library: ${l.reports} reports load and index in ${l.loadMs.median} ms (target < 200 ms); ${l.questions} questions per question median ${l.perQuestionMs.median} ms, p99 ${l.perQuestionMs.p99} ms (target < 1 ms; one report in the same run: ${l.oneReportPerQuestionMs.median} / ${l.oneReportPerQuestionMs.p99} ms); cross-report questions median ${l.acrossMs.median}, p99 ${l.acrossMs.p99} ms -> ${l.met ? 'met' : 'NOT met'}`);
  }
  if (wanted.has('scaling')) {
    const scaling = benchScaling(questionSet());
    results.scaling = scaling;
    console.log('scaling: extra services | services | load | index | load+index (CPU ms) | load+index (wall ms) | per question median / p99 (wall ms)');
    for (const r of scaling.rows) {
      console.log(`  ${String(r.extra).padStart(6)} | ${String(r.services).padStart(6)} | ${r.loadMs} | ${r.indexMs} | ${r.loadAndIndexMs} | ${r.loadAndIndexWallMs} | ${r.perQuestionMedianMs} / ${r.perQuestionP99Ms}`);
    }
    console.log(`  growth exponent ${scaling.exponent} (target < 1.1); 10,000 extra: ${scaling.rows.at(-1)!.loadAndIndexMs} CPU ms (target < 500 ms) -> ${scaling.met ? 'met' : 'NOT met'}`);
  }

  if (wanted.has('questionnaire')) {
    const q = await benchQuestionnaire();
    results.questionnaire = q;
    console.log(
      `questionnaire: ${q.rows} rows read, answered and written: XLSX ${q.xlsxEndToEndMs} ms (target < ${q.targets.endToEndBelowMs} ms -> ${q.met ? 'met' : 'NOT met'}), ` +
        `CSV ${q.csvEndToEndMs} ms; baselines: exceljs load+write alone ${q.exceljsRoundTripMs} ms, the core alone ${q.coreOnlyMs} ms`,
    );
  }

  const needsStandIns = wanted.has('slack') || wanted.has('teams') || wanted.has('memory');
  const standIns = needsStandIns ? await startStandIns() : undefined;
  try {
    if (standIns && wanted.has('slack')) {
      const bot = await slackBot(standIns);
      const bare = await bareBolt(standIns);
      try {
        const kinds = new Set(values.kinds!.split(','));
        const slack: Record<string, Comparison> = {};
        if (kinds.has('mention')) {
          slack.appMention = await compare('mention', bot, bare, standIns, seconds, repeats, connections);
          printComparison('slack app_mention', slack.appMention);
        }
        if (kinds.has('command')) {
          slack.slashCommand = await compare('command', bot, bare, standIns, seconds, repeats, connections);
          printComparison('slack slash command', slack.slashCommand);
        }
        results.slack = slack;
      } finally {
        await bot.stop();
        await bare.stop();
      }
    }
    if (standIns && wanted.has('teams')) {
      const bot = await teamsBot();
      const echo = await echoBot();
      try {
        const teams = await compare('teams', bot, echo, standIns, seconds, repeats, connections);
        printComparison('teams message', teams);
        results.teams = teams;
        // The core beside a load: the same core bench, while the Teams bot is under load in another process.
        if (wanted.has('core')) {
          const busyLoad = measure(bot, 'teams', standIns, { connections, durationSeconds: 15 });
          const busy = await coreInChild();
          await busyLoad;
          results.coreBesideLoad = busy;
          console.log(`core beside a Teams load: per question median ${busy.perQuestionMs.median} ms, p99 ${busy.perQuestionMs.p99} ms (target < 2 ms), in CPU time p99 ${busy.perQuestionCpuMs.p99} ms`);
        }
      } finally {
        await bot.stop();
        await echo.stop();
      }
    }
    if (standIns && wanted.has('memory')) {
      const mem = await memory(standIns, connections);
      results.memory = mem;
      console.log(
        `memory (Slack mentions): RSS idle ${mem.project.idle} MiB, after 10k ${mem.project.after10k} MiB, after 100k ${mem.project.after100k} MiB (growth ${round(mem.growthFrom10kTo100k * 100, 1)}%, target < 10%); ` +
          `bare Bolt idle ${mem.bareBolt.idle} MiB, after 10k ${mem.bareBolt.after10k} MiB`,
      );
    }
  } finally {
    await standIns?.stop();
  }
  if (wanted.has('store')) {
    const store = await benchStore({ seconds, repeats });
    results.store = store;
    for (const line of storeLines(store)) console.log(line);
  }
  results.loadAverageAtEnd = loadAverage();
  console.log(`load average at end ${results.loadAverageAtEnd}`);
  mkdirSync(dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`wrote ${values.out}`);
}

await main();
