/**
 * Platform limits and the caps this adapter keeps under them, as data.
 *
 * Teams refuses a bot message over its size limit with 413 MessageSizeTooBig; the documented limit has been
 * 28 KB, 40 KB and, lately, 100 KB of the payload as UTF-16
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages), so we budget
 * for the smallest. The per-part caps below keep any Answer well inside that budget; `card.test.ts` checks
 * it with the largest Answer the caps allow. Nothing asked about is hidden: item lines past `itemChars` are
 * counted, with the question that lists them (src/present/layout.ts).
 */
export const LIMITS = {
  /** Adaptive Card schema version: 1.5 is the newest Teams renders; nothing here needs more than 1.4. */
  cardVersion: '1.4',
  /** Budget for one reply activity, measured as UTF-16 bytes (2 per code unit) of its JSON. */
  messageBytes: 28_000,
  /** All item lines together, in characters (long lists are grouped first). */
  itemChars: 4_500,
  /** One evidence entry's quotes, in characters; quotes are kept whole, a single longer one cut at a sentence. */
  quoteChars: 700,
  /** One note or heading, in characters (the report's are far shorter). */
  noteChars: 600,
  /** Evidence entries shown before "…and N more sources". */
  citations: 3,
  /** Buttons on a card (help examples, then any extra actions): the renderer's default host config allows 5. */
  actions: 5,
  /** The plain-text fallback, in characters. */
  fallbackChars: 1_000,
  /** Largest JSON body accepted on POST /api/messages; Teams activities are a few KB. */
  requestBody: '256kb',
} as const;
