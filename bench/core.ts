/**
 * The core's own figures for `npm run bench`: time per question over the question set, load and index of
 * the report, and a cold `ask` next to a bare `node -e 0`. Pure functions of this process; bench.ts runs
 * `benchCore` in a child process of its own, alone (quiet) and beside a load run (busy).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createEngine, loadDefaultReport } from '../src/index.js';
import { cpuMsSince, median, ms, quantile, round, WARM_UP_ROUNDS } from './stats.js';

/** What {@link benchCore} measures; times in ms. */
export interface CoreResult {
  questions: number;
  answered: number;
  /** The core's own time per question (no reply cache), wall clock. */
  perQuestionMs: { median: number; p99: number; max: number };
  /**
   * The same in CPU time (process.cpuUsage around each question): it leaves out time spent waiting for a core,
   * but counts every thread of the process, so V8's concurrent marking and parallel scavenges that overlap a
   * question count in full (its p99 can be above the wall-clock one; Node 20 has no per-thread figure).
   */
  perQuestionCpuMs: { median: number; p99: number };
  /** Per question when asked again (answered from the engine's reply cache). */
  cachedPerQuestionMs: { median: number; p99: number };
  loadAndIndexMs: { median: number; first: number };
  heapGrowthMb: number;
}

/** The question set's questions (tests/questions.json). */
export function questionSet(): string[] {
  return (JSON.parse(readFileSync('tests/questions.json', 'utf8')) as { questions: { question: string }[] }).questions.map((q) => q.question);
}

/** Answers the question set `rounds` times after a warm-up; and loads and indexes the report 20 times. */
export function benchCore(rounds = 20): CoreResult {
  const questions = questionSet();
  // The core's own time: no reply cache, or every round after the first would be answered from it.
  const engine = createEngine(loadDefaultReport(), { answerCache: 0 });
  for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const q of questions) engine.answer(q); // warm up the JIT
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      engine.answer(q);
      times.push(ms(start));
      cpuTimes.push(cpuMsSince(cpu));
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const cachedEngine = createEngine(loadDefaultReport(), { answerCache: questions.length });
  for (const q of questions) cachedEngine.answer(q);
  const cached: number[] = [];
  for (let r = 0; r < 5; r++) {
    for (const q of questions) {
      const start = process.hrtime.bigint();
      cachedEngine.answer(q);
      cached.push(ms(start));
    }
  }
  cached.sort((a, b) => a - b);
  // Load and index: the bundled report, the lexicon, and the fuzzy and topic indexes (built on first use,
  // so one fuzzy and one topic question force them), in a fresh engine each time.
  const loads: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = process.hrtime.bigint();
    const fresh = createEngine(loadDefaultReport());
    fresh.answer('is Conect in scope?');
    fresh.answer('how are employees trained?');
    loads.push(ms(start));
  }
  return {
    questions: questions.length,
    answered: times.length,
    perQuestionMs: { median: round(quantile(times, 0.5), 4), p99: round(quantile(times, 0.99), 4), max: round(times.at(-1)!, 4) },
    perQuestionCpuMs: { median: round(quantile(cpuTimes, 0.5), 4), p99: round(quantile(cpuTimes, 0.99), 4) },
    cachedPerQuestionMs: { median: round(quantile(cached, 0.5), 4), p99: round(quantile(cached, 0.99), 4) },
    loadAndIndexMs: { median: round(median(loads)), first: round(loads[0]!) },
    heapGrowthMb: round((process.memoryUsage().heapUsed - heapBefore) / 1e6, 2),
  };
}

/** A cold `ask` against a bare `node -e 0`: paired runs (one of each, alternated), the median of the ratios. */
export interface ColdResult {
  pairs: number;
  bareNodeMs: number;
  askMs: number;
  /** Median of the per-pair ratios ask / bare. */
  ratio: number;
}

export function benchColdAsk(pairs = 21): ColdResult {
  const run = (args: string[]) => {
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    return ms(start);
  };
  const bare: number[] = [];
  const ask: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const b = run(['-e', '0']);
    const a = run(['dist/cli-start.cjs', 'ask', 'is Connect in scope?']);
    bare.push(b);
    ask.push(a);
    ratios.push(a / b);
  }
  return { pairs, bareNodeMs: round(median(bare), 1), askMs: round(median(ask), 1), ratio: round(median(ratios), 2) };
}
