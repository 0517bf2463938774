/**
 * The questionnaire bench (issue 13): a 1,000-row XLSX questionnaire (the question set's questions, the test
 * layout with a cover sheet, merges, formulas and a hidden sheet) read, answered and written end to end as
 * `npm run questionnaire` does it, against two baselines in the same run: exceljs reading and writing the same
 * workbook with nothing answered (the floor of any XLSX tool), and the core answering the same 1,000
 * questions with no sheet at all. A CSV of the same questions too. Target: under 2 s end to end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { createEngine, loadDefaultReport } from '../src/index.js';
import { writeAtomically } from '../src/questionnaire/output.js';
import { openQuestionnaire } from '../src/questionnaire/index.js';
import { buildQuestionnaire } from '../tests/support/questionnaires.js';
import { questionSet } from './core.js';
import { median, round } from './stats.js';

/** Medians in ms over the repeats. */
export interface QuestionnaireResult {
  rows: number;
  repeats: number;
  /** Read, answer every row, insert the columns, write the file (XLSX). */
  xlsxEndToEndMs: number;
  /** The same for CSV. */
  csvEndToEndMs: number;
  /** exceljs load + writeBuffer of the same workbook, nothing answered. */
  exceljsRoundTripMs: number;
  /** The core answering the same questions, no sheet (no reply cache). */
  coreOnlyMs: number;
  targets: { endToEndBelowMs: number };
  met: boolean;
}

const now = () => performance.now();

/** Runs the bench: `rows` questions, `repeats` times each part, alternated so that all see the same load. */
export async function benchQuestionnaire(rows = 1000, repeats = 5): Promise<QuestionnaireResult> {
  const all = questionSet();
  const questions = Array.from({ length: rows }, (_, i) => all[i % all.length]!);
  const { bytes } = await buildQuestionnaire({ rows, gapEvery: 0, questions });
  const csv = Buffer.from(`ID,Question\n${questions.map((q, i) => `${i + 1},"${q.replace(/"/g, '""')}"`).join('\n')}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-questionnaire-'));
  // A new engine per run without the reply cache: a customer's questionnaire asks each question once.
  const engine = () => createEngine(loadDefaultReport(), { answerCache: 0 });
  const times = { xlsx: [] as number[], csv: [] as number[], exceljs: [] as number[], core: [] as number[] };
  try {
    for (let r = 0; r < repeats + 1; r++) {
      const e1 = engine();
      let t = now();
      const q = await openQuestionnaire(bytes, { file: 'bench.xlsx' });
      const out = await q.answer((question) => e1.answer(question));
      writeAtomically(join(dir, 'bench.answered.xlsx'), out.output);
      const xlsx = now() - t;

      const e2 = engine();
      t = now();
      const c = await openQuestionnaire(csv, { file: 'bench.csv' });
      writeAtomically(join(dir, 'bench.answered.csv'), (await c.answer((question) => e2.answer(question))).output);
      const csvMs = now() - t;

      t = now();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      await wb.xlsx.writeBuffer();
      const exceljs = now() - t;

      const e3 = engine();
      t = now();
      for (const question of questions) e3.answer(question);
      const core = now() - t;
      if (r === 0) continue; // warm-up
      times.xlsx.push(xlsx);
      times.csv.push(csvMs);
      times.exceljs.push(exceljs);
      times.core.push(core);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m = (xs: number[]) => round(median(xs), 0);
  const xlsxEndToEndMs = m(times.xlsx);
  return {
    rows,
    repeats,
    xlsxEndToEndMs,
    csvEndToEndMs: m(times.csv),
    exceljsRoundTripMs: m(times.exceljs),
    coreOnlyMs: m(times.core),
    targets: { endToEndBelowMs: 2000 },
    met: xlsxEndToEndMs < 2000,
  };
}
