/**
 * Platform limits and the caps this adapter keeps under them, as data.
 *
 * Teams refuses a bot message over its size limit with 413 MessageSizeTooBig; the documented limit has been
 * 28 KB, 40 KB and, lately, 100 KB of the payload as UTF-16
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/format-your-bot-messages), so we budget
 * for the smallest. The per-part caps below keep any Answer well inside that budget; `card.test.ts` checks
 * it with the largest Answer the caps allow.
 */
export const LIMITS = {
  /** Adaptive Card schema version: 1.5 is the newest Teams renders; nothing here needs more than 1.4. */
  cardVersion: '1.4',
  /** Budget for one reply activity, measured as UTF-16 bytes (2 per code unit) of its JSON. */
  messageBytes: 28_000,
  /** The question echoed back on the card, in characters. */
  questionChars: 300,
  /** The answer's text, in characters, before it is cut with "…". */
  answerChars: 3_000,
  /** Bullet lines of the answer's text shown before "…and N more". */
  answerBullets: 25,
  /** Matches listed in the "In scope" fact set before "…and N more". */
  matches: 12,
  /** Suggestions ("Did you mean") before "…and N more". */
  suggestions: 5,
  /** Citations shown before "…and N more". */
  citations: 4,
  /** One citation's quote, in characters. */
  quoteChars: 400,
  /** One citation's section path, in characters. */
  pathChars: 200,
  /** One match or suggestion name, in characters. */
  nameChars: 120,
  /** The plain-text fallback, in characters. */
  fallbackChars: 1_000,
  /** Largest JSON body accepted on POST /api/messages; Teams activities are a few KB. */
  requestBody: '256kb',
} as const;
