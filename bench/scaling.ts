/**
 * The scaling bench: reports built from the real one (data/reports/aws-soc3-2017.txt) with N extra services,
 * each in the scope list and described under "Components of the System", for N = 0, 1,000, 10,000. For
 * each: the time to load (parse the text into a Report), to index (the engine's lexicon, fuzzy and topic
 * indexes), and per question; and the growth exponent between the two largest sizes. Target (issue 10):
 * 10,000 services loaded and indexed under 500 ms, exponent under 1.1. Load and index are timed in CPU time
 * (this process's, process.cpuUsage), which a busy machine inflates far less than wall time; wall time is
 * kept beside it.
 */
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/index.js';
import { parseReport } from '../src/report/parser.js';
import { cpuMsSince, exponent, median, ms, quantile, round } from './stats.js';

const SYLLABLES = ['ba', 'ce', 'di', 'fo', 'gu', 'ka', 'le', 'mi', 'no', 'pu', 'ra', 'se', 'ti', 'vo', 'xu', 'ze'];

/** A made-up service name, distinct for each i < 16^4: "Amazon Bacedifo". */
export function syntheticName(i: number): string {
  let word = '';
  for (let k = 0, n = i; k < 4; k++, n = Math.floor(n / 16)) word += SYLLABLES[n % 16];
  return `Amazon ${word[0]!.toUpperCase()}${word.slice(1)}`;
}

/** The real report's text with `extra` services added to its scope list and to its first category. */
export function scaledReportText(base: string, extra: number): string {
  const names = Array.from({ length: extra }, (_, i) => syntheticName(i));
  const bullets = names.map((n) => `- ${n}`).join('\n');
  const descriptions = names
    .map((n, i) => `${n}\n\n${n} is a managed service that keeps ${syntheticName(i + 7).slice(7).toLowerCase()} records for customers, with access controlled through AWS Identity and Access Management.`)
    .join('\n\n');
  let text = base.replace(/(scope of services covered in this report includes:\s*\n\n)/, `$1${bullets ? `${bullets}\n` : ''}`);
  text = text.replace(/(\nCompute\n\n)/, `$1${descriptions ? `${descriptions}\n\n` : ''}`);
  return text;
}

/** One size: services in all, and times in ms. */
export interface ScalingRow {
  extra: number;
  services: number;
  /** CPU ms. */
  loadMs: number;
  indexMs: number;
  loadAndIndexMs: number;
  /** The same, in wall-clock ms. */
  loadAndIndexWallMs: number;
  perQuestionMedianMs: number;
  perQuestionP99Ms: number;
}

export interface ScalingResult {
  rows: ScalingRow[];
  /** Growth exponent of load + index between the two largest sizes (by number of services). */
  exponent: number;
  targets: { loadAndIndexMsBelow: number; exponentBelow: number };
  met: boolean;
}

/** Runs the scaling bench over `sizes` (extra services), `repeats` times each (median). */
export function benchScaling(questions: string[], sizes = [0, 1_000, 10_000], repeats = 3): ScalingResult {
  const base = readFileSync('data/reports/aws-soc3-2017.txt', 'utf8');
  // Every fifth question of the set, and typos that send the fuzzy fallback over the whole index.
  const asked = [...questions.filter((_, i) => i % 5 === 0), 'is Amazon Conect in scope?', 'is Sagemkaer covered?', 'is Cloudtrial in scope?'];
  const rows: ScalingRow[] = [];
  for (const extra of sizes) {
    const text = scaledReportText(base, extra);
    const loads: number[] = [];
    const indexes: number[] = [];
    const walls: number[] = [];
    const perQuestion: number[] = [];
    let services = 0;
    for (let r = 0; r < repeats; r++) {
      const wall = process.hrtime.bigint();
      let start = process.cpuUsage();
      const report = parseReport(text, { id: `bench-${extra}`, file: `bench-${extra}.txt` });
      loads.push(cpuMsSince(start));
      services = report.services.length;
      start = process.cpuUsage();
      const engine = createEngine(report, { answerCache: 0 });
      engine.answer('is Conect in scope?'); // builds the fuzzy index
      engine.answer('how are employees trained?'); // builds the topic index
      indexes.push(cpuMsSince(start));
      walls.push(ms(wall));
      for (const q of asked) {
        const t = process.hrtime.bigint();
        engine.answer(q);
        perQuestion.push(ms(t));
      }
    }
    perQuestion.sort((a, b) => a - b);
    const loadMs = median(loads);
    const indexMs = median(indexes);
    rows.push({
      extra,
      services,
      loadMs: round(loadMs, 1),
      indexMs: round(indexMs, 1),
      loadAndIndexMs: round(loadMs + indexMs, 1),
      loadAndIndexWallMs: round(median(walls), 1),
      perQuestionMedianMs: round(quantile(perQuestion, 0.5), 3),
      perQuestionP99Ms: round(quantile(perQuestion, 0.99), 3),
    });
  }
  const [a, b] = rows.slice(-2) as [ScalingRow, ScalingRow];
  const k = round(exponent(a.services, a.loadAndIndexMs, b.services, b.loadAndIndexMs), 2);
  const targets = { loadAndIndexMsBelow: 500, exponentBelow: 1.1 };
  return { rows, exponent: k, targets, met: b.loadAndIndexMs < targets.loadAndIndexMsBelow && k < targets.exponentBelow };
}
