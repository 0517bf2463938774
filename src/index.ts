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
export { createEngine, type Engine, type EngineOptions } from './query/engine.js';
export { loadLibrary, reportKind, DEFAULT_REPORTS_DIR, type LibraryReport, type LibrarySource, type Refusal, type Reload, type ReportLibrary } from './report/library.js';
export { createLibraryEngine, type LibraryEngine } from './query/library-engine.js';
export { createServingEngine, serveLibrary, isServing, type ServingEngine } from './query/serving.js';
export { MAX_QUESTION_LENGTH } from './query/limits.js';
export {
  layout,
  answerMarkdown,
  announcedLabel,
  moreLine,
  listedLine,
  seeAlsoLine,
  itemSentence,
  type Layout,
  type LayoutOptions,
  type ItemLine,
  type EvidenceEntry,
} from './present/layout.js';
export {
  VERDICT_LABEL,
  VERDICT_MARK,
  HELP_LABEL,
  HELP_EXAMPLES,
  HELP_TOPICS,
  FAILURE_TEXT,
  STATUS_MARK,
  STATUS_WORDS,
  announcement,
  formatDate,
  formatPeriod,
  reportLine,
} from './present/words.js';
export { cleanQuestion, fold } from './query/normalize.js';
