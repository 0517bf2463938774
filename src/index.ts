/**
 * The query core's public face: what the CLI and the platform adapters may import. Pure and
 * platform-free: a question and a report in, an Answer out.
 */
export {
  AnswerSchema,
  type Answer,
  type Citation,
  type Intent,
  type Match,
  type MatchKind,
  type ReportRef,
  type Suggestion,
  type Verdict,
} from './query/answer.js';
export { ReportSchema, type Report, type Section, type Service } from './report/schema.js';
export { loadReport, loadDefaultReport, ReportError, DEFAULT_REPORT_ID } from './report/loader.js';
export { createEngine, type Engine } from './query/engine.js';
export { MAX_QUESTION_LENGTH } from './query/limits.js';
