/**
 * The wording a question is grouped by in `audit unanswered`: what a person would call "the same
 * question" ("Is SageMaker in scope?", "is sagemaker in scope", "<@U123> is  SageMaker in scope ?!").
 * The core's own folding (mentions, Markdown, accents, case and punctuation removed) so that the list
 * matches how the bot read the question.
 */
import { cleanQuestion, fold } from '../../src/index.js';

/** At most this many characters of folded wording are kept (the grouping key is indexed). */
const MAX_WORDING = 300;

/** The folded wording of a question; "" for one with no words. Pure. */
export function questionWording(question: string): string {
  return fold(cleanQuestion(question)).slice(0, MAX_WORDING);
}
