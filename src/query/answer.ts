import * as z from 'zod';

/**
 * The Answer: the one thing the query core returns and every adapter renders. Its JSON shape is fixed
 * by `../shared/CONTRACT.md` ("Answer"); fields may be added, never renamed or removed.
 */

/** What the question was recognised as asking. */
export const IntentSchema = z.enum([
  'service_scope',
  'location_scope',
  'criteria_scope',
  'report_fact',
  'service_description',
  'list',
  'topic',
  'help',
  'unknown',
  'too_long',
]);
export type Intent = z.infer<typeof IntentSchema>;

/**
 * - `yes`: everything asked about is covered; `no`: none of it is (including what the report never
 *   mentions); `partial`: some is; `info`: the question asks for information; `unknown`: not about the
 *   report, or the report does not say.
 */
export const VerdictSchema = z.enum(['yes', 'no', 'partial', 'info', 'unknown']);
export type Verdict = z.infer<typeof VerdictSchema>;

/** What a match or suggestion names: a service, region, edge location, trust services criterion or category. */
export const MatchKindSchema = z.enum(['service', 'region', 'edge_location', 'criterion', 'category']);
export type MatchKind = z.infer<typeof MatchKindSchema>;

/**
 * One thing the question is about. `name` is spelled exactly as the report spells it when the report lists
 * it; otherwise it is the recognised name ("Amazon SageMaker", "eu-west-3") or the user's own term, with
 * `inScope: false`.
 */
export const MatchSchema = z.object({
  kind: MatchKindSchema,
  name: z.string().min(1),
  inScope: z.boolean(),
});
export type Match = z.infer<typeof MatchSchema>;

/** A did-you-mean or related item; never part of the verdict. */
export const SuggestionSchema = z.object({
  kind: MatchKindSchema,
  name: z.string().min(1),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/**
 * A verbatim quote of the report. `section` is the heading it stands under; `path` the heading chain from
 * the top of the report down to that heading (so `path.at(-1) === section`).
 */
export const CitationSchema = z.object({
  section: z.string().min(1),
  path: z.array(z.string().min(1)).min(1),
  quote: z.string().min(1),
});
export type Citation = z.infer<typeof CitationSchema>;

/** The report an answer comes from: its id, title and period (ISO dates). */
export const ReportRefSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  periodEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type ReportRef = z.infer<typeof ReportRefSchema>;

/**
 * The answer to one question. `text` is platform-neutral Markdown (only `**bold**` and `-` bullets), the
 * verdict in its first sentence. A `yes`, `no`, `partial` or `info` answer has at least one citation.
 */
export const AnswerSchema = z
  .object({
    question: z.string(),
    intent: IntentSchema,
    verdict: VerdictSchema,
    matches: z.array(MatchSchema),
    suggestions: z.array(SuggestionSchema),
    text: z.string().min(1),
    citations: z.array(CitationSchema),
    report: ReportRefSchema,
  })
  .refine((a) => a.verdict === 'unknown' || a.citations.length > 0, {
    message: 'a yes, no, partial or info answer must carry at least one citation',
    path: ['citations'],
  });
export type Answer = z.infer<typeof AnswerSchema>;
