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
  // Across the report library (src/query/library-engine.ts): the list of reports, the history of a service or
  // place across reports, what changed between two reports.
  'report_list',
  'scope_history',
  'report_comparison',
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
export const MatchSchema = z.lazy(() =>
  z.object({
    kind: MatchKindSchema,
    name: z.string().min(1),
    inScope: z.boolean(),
  }),
);
export type Match = z.infer<typeof MatchSchema>;

/** A did-you-mean or related item; never part of the verdict. */
export const SuggestionSchema = z.lazy(() =>
  z.object({
    kind: MatchKindSchema,
    name: z.string().min(1),
  }),
);
export type Suggestion = z.infer<typeof SuggestionSchema>;

/**
 * A verbatim quote of the report. `section` is the heading it stands under; `path` the heading chain from
 * the top of the report down to that heading (so `path.at(-1) === section`). `id` ("c1", "c2", ...) is unique
 * within one Answer; items and notes refer to it. Citations under one heading are merged into one: `quote`
 * is the quote that decides, `quotes` (when there are several) every verbatim quote under that heading, in
 * order, the first equal to `quote`. `report` is the id of the report quoted, set when an Answer draws on
 * several reports (see `Answer.reports`).
 */
export const CitationSchema = z.lazy(() =>
  z.object({
    id: z.string().regex(/^c\d+$/),
    section: z.string().min(1),
    path: z.array(z.string().min(1)).min(1),
    quote: z.string().min(1),
    quotes: z.array(z.string().min(1)).min(2).optional(),
    report: z.string().min(1).optional(),
  }),
);
export type Citation = z.infer<typeof CitationSchema>;

/**
 * What the report says of one thing asked about:
 * - `in_scope`: a service on the report's list (or a trust services criterion it addresses);
 * - `not_listed`: not on the report's lists (including names the report never mentions);
 * - `covered` / `not_covered`: a region, edge location or criterion the report covers / does not cover;
 * - `edge_location_only`: a city or country the report covers as an edge location only, not as a region;
 * - `ambiguous`: the words name several things; the notes and suggestions say which;
 * - `unconfirmed`: the report lists something close (a service, of which a feature or variant was asked)
 *   but says nothing of the thing as asked, so it can neither confirm nor deny it.
 */
export const ItemStatusSchema = z.enum([
  'in_scope',
  'not_listed',
  'covered',
  'not_covered',
  'edge_location_only',
  'ambiguous',
  'unconfirmed',
  // Between two reports (src/query/compose/across.ts): listed in the newer only, in the older only, or listed
  // in both under another name (matched through the alias data; `name` is the newer report's).
  'added',
  'removed',
  'renamed',
]);
export type ItemStatus = z.infer<typeof ItemStatusSchema>;

/** The statuses that count as covered by the report (a match's `inScope`). */
export const COVERED_STATUSES: ReadonlySet<ItemStatus> = new Set(['in_scope', 'covered', 'edge_location_only', 'added', 'renamed']);

/**
 * How the user's term was read: `exact` (the report's name, or a name the report does not use, taken as
 * typed), `abbreviation` ("S3", "EC2") or another reviewed alias, `later_name` (a name the service was given
 * after the report), `typo` (a close spelling, never a yes on its own), `family` (a family name, "Kinesis",
 * read as its members), `code` (a region code, "us-east-1"), `place` (a city or country read as the regions
 * and edge locations in it).
 */
export const ReadingSchema = z.enum(['exact', 'abbreviation', 'later_name', 'typo', 'family', 'code', 'place']);
export type Reading = z.infer<typeof ReadingSchema>;

/**
 * One thing the question asks about, in the order asked (a family name or a country may yield several, each
 * with the same `asked`). `name` is spelled as the report spells it, or the recognised name, or the user's
 * own term. `category` is a service's category in the report ("Storage"); `code` a region's code
 * ("us-east-1"); `country` the country of a region or edge location. `citations` are ids of `Answer.citations`.
 */
export const ItemSchema = z.lazy(() =>
  z.object({
    asked: z.string(),
    kind: MatchKindSchema,
    name: z.string().min(1),
    status: ItemStatusSchema,
    reading: ReadingSchema,
    citations: z.array(z.string()),
    category: z.string().min(1).optional(),
    code: z.string().min(1).optional(),
    country: z.string().min(1).optional(),
  }),
);
export type Item = z.infer<typeof ItemSchema>;

/**
 * What a note is about. Qualifications: `reading` (how a term was read: "Reading “lamda” as AWS Lambda."),
 * `did_you_mean`, `ambiguous`, `unconfirmed`, `related` (a related listed service), `edge_location` (what an
 * edge location is), `not_mapped_to_regions` (the report does not say which service runs where),
 * `period` (the report speaks for its period only), `other_programme` (HIPAA, PCI: not this report),
 * `customer_responsibility`, `everywhere`, `unmentioned` (words the report does not use), `stale` (a newer
 * report may exist), `scope_extra` (what else is in scope), `hint` (what to ask next). Statements of an
 * answer without items: `fact` (about the report), `topic` (what the report says on a topic), `description`
 * (a service's description), `help`.
 */
export const NoteKindSchema = z.enum([
  'reading',
  'did_you_mean',
  'ambiguous',
  'unconfirmed',
  'related',
  'edge_location',
  'not_mapped_to_regions',
  'period',
  'other_programme',
  'customer_responsibility',
  'everywhere',
  'unmentioned',
  'stale',
  'scope_extra',
  'hint',
  'fact',
  'topic',
  'description',
  'help',
  // Across the report library: a line of a service's history, of a comparison, or of the list of reports.
  'history',
  'comparison',
  'library',
]);
export type NoteKind = z.infer<typeof NoteKindSchema>;

/**
 * A short sentence that qualifies or states the answer, built from data. `text` is platform-neutral Markdown
 * (only `**bold**` and typographic quotes); `citations` are ids of `Answer.citations` it rests on.
 */
export const NoteSchema = z.lazy(() =>
  z.object({
    kind: NoteKindSchema,
    text: z.string().min(1),
    citations: z.array(z.string()).optional(),
  }),
);
export type Note = z.infer<typeof NoteSchema>;

/** The report an answer comes from: its id, title and period (ISO dates). */
export const ReportRefSchema = z.lazy(() =>
  z.object({
    id: z.string().min(1),
    title: z.string().min(1),
    periodStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    periodEnd: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
);
export type ReportRef = z.infer<typeof ReportRefSchema>;

/**
 * The answer to one question. `items` and `notes` say what was found; `matches` is derived from `items`
 * (one per distinct kind and name, `inScope` for the covered statuses); `text` is platform-neutral Markdown
 * (only `**bold**` and `- ` bullets) generated from items and notes by `src/present/` (the same layout every
 * surface uses), its first sentence announcing the verdict. A `yes`, `no`, `partial` or `info` answer has at
 * least one citation. `reports` is set when the answer draws on several reports (`report` is the newest).
 */
export const AnswerSchema = z.lazy(() =>
  z
    .object({
      question: z.string(),
      intent: IntentSchema,
      verdict: VerdictSchema,
      matches: z.array(MatchSchema),
      items: z.array(ItemSchema),
      notes: z.array(NoteSchema),
      suggestions: z.array(SuggestionSchema),
      text: z.string().min(1),
      citations: z.array(CitationSchema),
      report: ReportRefSchema,
      reports: z.array(ReportRefSchema).optional(),
    })
    .refine((a) => a.verdict === 'unknown' || a.citations.length > 0, {
      message: 'a yes, no, partial or info answer must carry at least one citation',
      path: ['citations'],
    })
    .refine(
      (a) => {
        const ids = new Set(a.citations.map((c) => c.id));
        return ids.size === a.citations.length && [...a.items, ...a.notes].every((x) => (x.citations ?? []).every((id) => ids.has(id)));
      },
      { message: 'citation ids must be unique, and items and notes may refer only to them', path: ['citations'] },
    ),
);
export type Answer = z.infer<typeof AnswerSchema>;
