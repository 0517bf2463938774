/**
 * From a Slack message's text to the question the core reads. Slack writes mentions and links as
 * `<…>` tokens and escapes the user's own `&`, `<`, `>` as entities
 * (https://docs.slack.dev/messaging/formatting-message-text#retrieving-messages); the core should see
 * neither: the bot's own mention anywhere, other people's mentions and special mentions are removed (they
 * are never part of what is asked), channel links and URLs keep their readable label.
 */

/** True for Slack user IDs (`U…`, or `W…` on Enterprise Grid). */
export function isUserId(id: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(id);
}

/**
 * The question in a message's `text`: every `<@U…>` (the bot's and anyone else's), `<!here>`-style and
 * `<!subteam^…>` mentions removed; `<!date^…|fallback>` kept as its fallback; `<#C…|name>` as "#name";
 * `<url|label>` as its label; entities decoded; white space collapsed and trimmed.
 */
export function questionFromSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_token, inner: string) => {
      const [target = '', label] = splitToken(inner);
      if (target.startsWith('@')) return ' ';
      if (target.startsWith('!date^')) return label ? ` ${label} ` : ' ';
      if (target.startsWith('!')) return ' ';
      if (target.startsWith('#')) return label ? ` #${label} ` : ' ';
      return ` ${label ?? target} `;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function splitToken(inner: string): [string, string | undefined] {
  const bar = inner.indexOf('|');
  return bar === -1 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
}
