/**
 * Block Kit's limits for messages, as data, and the small helpers that keep a rendering inside them.
 * https://docs.slack.dev/reference/block-kit/blocks (50 blocks per message; a section's text and any
 * text object at most 3,000 characters; a context block at most 10 elements; a button's value at most
 * 2,000 characters). The `answer*` and `citations` budgets are ours: they keep one reply readable and far
 * below the 40,000 characters at which Slack truncates a message.
 */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  contextElements: 10,
  contextText: 3000,
  buttonValue: 2000,
  /** A button's label (plain_text, 75 characters). */
  buttonText: 75,
  /** Elements of one actions block (25). */
  actionElements: 25,
  /** Top-level `text` (the notification fallback). */
  fallbackText: 3000,
  /** The echoed question in a context line. */
  questionEcho: 300,
  /** All item lines of the answer, in characters (long lists are grouped first; the rest counted). */
  answerText: 9000,
  /** Evidence entries shown; the rest are counted. */
  citations: 8,
  /** One evidence entry's quotes, in characters (quotes kept whole; a single longer one cut at a sentence). */
  quote: 1500,
  /** One note or evidence heading (the report's are far shorter). */
  note: 1000,
} as const;

const ELLIPSIS = '…';

/** "…and N more" (N ≥ 1), the marker of a cut list. */
export function moreLabel(count: number, noun = ''): string {
  return `${ELLIPSIS}and ${count} more${noun ? ` ${noun}` : ''}`;
}

/**
 * Cuts `text` to at most `max` characters (UTF-16 code units, as Slack counts), ending in "…" when cut.
 * Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Splits text into chunks of at most `max` characters at line breaks, so that each chunk fits one section.
 * A single line longer than `max` is cut with "…". Empty chunks are dropped.
 */
export function chunkLines(text: string, max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = truncate(raw, max);
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
    } else {
      if (current.trim() !== '') chunks.push(current);
      current = line;
    }
  }
  if (current.trim() !== '') chunks.push(current);
  return chunks;
}

/**
 * Keeps the lines of `text` that fit in `budget` characters (counting the line breaks) and returns how many
 * non-empty lines were left out, so the caller can say "…and N more".
 */
export function fitLines(text: string, budget: number): { kept: string; omitted: number } {
  const lines = text.split('\n');
  let used = 0;
  let i = 0;
  for (; i < lines.length; i++) {
    const cost = Math.min(lines[i]!.length, LIMITS.sectionText) + (i === 0 ? 0 : 1);
    if (used + cost > budget) break;
    used += cost;
  }
  const omitted = lines.slice(i).filter((l) => l.trim() !== '').length;
  return { kept: lines.slice(0, i).join('\n'), omitted };
}
