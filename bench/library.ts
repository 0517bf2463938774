/**
 * The report library's figures for `npm run bench` (issue 12): loading a library of 20 reports (ingested
 * JSON, as a deployment keeps them) and building its engine; the time per question over the question set on
 * that library (which report answers, the stale note), next to the core's own on one report in the same run;
 * and cross-report questions (history over all 20, diffs, the list) on their own. Targets: load under 200 ms,
 * p99 per question under 1 ms.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, createLibraryEngine, loadDefaultReport, loadLibrary, type Report } from '../src/index.js';
import { median, ms, quantile, round, WARM_UP_ROUNDS } from './stats.js';

/** Cross-report questions asked besides the question set. */
export const LIBRARY_QUESTIONS = [
  'which reports do you have?',
  'since when is Connect in scope?',
  'when was Step Functions added?',
  'was Connect in scope in the previous report?',
  'what changed between the last two reports?',
  'compare Spring 2017 with Fall 2016',
  'was S3 in scope in March 2012?',
  'is Connect in scope in Q4 2016?',
  'is S3 covered as of 2017-06-30?',
];

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Twenty half-year reports ending with the project's own: periods back to 2008, a service fewer every two. */
function twentyReports(): Report[] {
  const base = loadDefaultReport();
  return Array.from({ length: 20 }, (_, k) => {
    const year = 2017 - Math.floor(k / 2);
    const [start, end] = k % 2 === 0 ? [iso(year, 4, 1), iso(year, 9, 30)] : [iso(year - 1, 10, 1), iso(year, 3, 31)];
    const services = base.services.slice(0, base.services.length - Math.floor(k / 2));
    return { ...base, id: `aws-soc3-${String(k).padStart(2, '0')}`, period: { ...base.period, start, end }, services };
  });
}

/** What {@link benchLibrary} measures; times in ms. */
export interface LibraryResult {
  reports: number;
  loadMs: { median: number; first: number };
  questions: number;
  perQuestionMs: { median: number; p99: number; max: number };
  /** The same questions on one report (the core's own engine), for the ratio. */
  oneReportPerQuestionMs: { median: number; p99: number };
  /** The cross-report questions alone (a history asks every report). */
  acrossMs: { median: number; p99: number; max: number };
  targets: { loadMsBelow: 200; p99MsBelow: 1 };
  met: boolean;
}

export function benchLibrary(questionSet: string[], rounds = 10): LibraryResult {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-library-'));
  try {
    for (const r of twentyReports()) writeFileSync(join(dir, `${r.id}.json`), `${JSON.stringify(r, null, 2)}\n`);
    // Load: read and validate every file, build the engine, answer one question (the newest report's index).
    const loads: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = process.hrtime.bigint();
      createLibraryEngine(loadLibrary({ dir })).answer('is Connect in scope?');
      loads.push(ms(start));
    }
    // The core's own time, without the reply cache (as benchCore measures it).
    const engine = createLibraryEngine(loadLibrary({ dir }), { answerCache: 0 });
    const one = createEngine(loadDefaultReport(), { answerCache: 0 });
    const all = [...questionSet, ...LIBRARY_QUESTIONS];
    for (let i = 0; i < WARM_UP_ROUNDS; i++) for (const q of all) (engine.answer(q), one.answer(q)); // warm up, and build every report's index
    const time = (e: { answer(q: string): unknown }, qs: string[], n: number) => {
      const out: number[] = [];
      for (let r = 0; r < n; r++) {
        for (const q of qs) {
          const start = process.hrtime.bigint();
          e.answer(q);
          out.push(ms(start));
        }
      }
      return out.sort((a, b) => a - b);
    };
    // Alternated rounds, so both engines see the same machine load.
    const times: number[] = [];
    const single: number[] = [];
    for (let r = 0; r < rounds; r++) {
      times.push(...time(engine, questionSet, 1));
      single.push(...time(one, questionSet, 1));
    }
    times.sort((a, b) => a - b);
    single.sort((a, b) => a - b);
    const across = time(engine, LIBRARY_QUESTIONS, rounds * 3);
    const loadMs = { median: round(median(loads)), first: round(loads[0]!) };
    const perQuestionMs = { median: round(quantile(times, 0.5), 4), p99: round(quantile(times, 0.99), 4), max: round(times.at(-1)!, 4) };
    return {
      reports: 20,
      loadMs,
      questions: questionSet.length,
      perQuestionMs,
      oneReportPerQuestionMs: { median: round(quantile(single, 0.5), 4), p99: round(quantile(single, 0.99), 4) },
      acrossMs: { median: round(quantile(across, 0.5), 4), p99: round(quantile(across, 0.99), 4), max: round(across.at(-1)!, 4) },
      targets: { loadMsBelow: 200, p99MsBelow: 1 },
      met: loadMs.median < 200 && perQuestionMs.p99 < 1,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
