// TEMPORARY STUB: replaced by the real engine (issue 2, in progress).
import type { Answer } from './answer.js';
import type { Report } from '../report/schema.js';
/** A report with its indexes built, ready to answer questions. */
export interface Engine {
  readonly report: Report;
  /** Answers one question; never throws. */
  answer(question: string): Answer;
}
export function createEngine(report: Report): Engine {
  return { report, answer: (q) => ({ question: q.trim(), intent: 'unknown', verdict: 'unknown', matches: [], suggestions: [], text: 'stub', citations: [], report: { id: report.id, title: report.title, periodStart: report.period.start, periodEnd: report.period.end } }) };
}
