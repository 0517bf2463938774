/**
 * Escaping for Slack's mrkdwn, applied to everything the adapter did not write itself (the user's question,
 * and every string of the core's Answer, which may echo the user's own term).
 * https://docs.slack.dev/messaging/formatting-message-text#escaping: `&`, `<` and `>` are the only control
 * characters; once they are entities, no `<!here>`, `<!channel>`, `<!everyone>`, `<@U…>`, `<#C…>` or
 * `<!subteam^…>` can be formed. Bare "@here" words are also broken with a word joiner (U+2060), because a
 * text object without `verbatim: true`, or a client that links names, would turn them into pings.
 */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const WORD_JOINER = '\u2060';

/** Escapes `&`, `<`, `>` and makes @here, @channel and @everyone inert. Pure; idempotence is not promised. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITIES[c]!).replace(/@(here|channel|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/**
 * The core's Markdown (only `**bold**` and "- " bullets, ../shared/CONTRACT.md) to escaped Slack mrkdwn:
 * `**bold**` becomes `*bold*`, a leading "- " becomes "• ".
 */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^(\s*)- /gm, '$1• ');
}

/** The core's Markdown as plain text for the notification fallback: no emphasis markers, still escaped. */
export function markdownToPlain(markdown: string): string {
  return escapeMrkdwn(markdown)
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/^(\s*)- /gm, '$1• ');
}
