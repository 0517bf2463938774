/**
 * Making text inert before it goes into an Adaptive Card TextBlock or Fact.
 *
 * Teams reads TextBlock.text, Fact.title and Fact.value as a Markdown subset (bold, italic, lists, links:
 * https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format), and its
 * clients disagree on backslash escapes (microsoft/AdaptiveCards#5590, #4677), so a backslash is no safe
 * escape. Instead each character that could start markup is swapped for a look-alike that no renderer
 * reads as syntax, and the sequences that clients turn into links or dates get an invisible break. What
 * the user typed (echoed via the question or the core's text) can then add no link, mention, emphasis or
 * HTML to a card.
 */

const ZWSP = '\u200B';

/** Characters that start Markdown or HTML markup, and their inert look-alikes. */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ asterisk operator: no bold or italic
  _: '\uFF3F', // ＿ fullwidth low line: no italic
  '[': '\uFF3B', // ［ no link text
  ']': '\uFF3D', // ］
  '<': '\uFF1C', // ＜ no <at> mention, autolink or HTML (Teams iOS renders text holding < > & as HTML)
  '>': '\uFF1E', // ＞
  '`': '\u02CB', // ˋ no code span
};

/** Bidirectional overrides and isolates: they can make text read differently from what it is. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
/** Other control characters but tab and line breaks. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

/**
 * Returns `text` with nothing a Teams card would read as markup: no emphasis, link, mention, HTML entity,
 * code, `{{DATE()}}` function or auto-linked URL. Line breaks are kept; letters and digits are unchanged.
 */
export function inert(text: string): string {
  return (
    text
      .replace(BIDI_CONTROLS, '')
      .replace(CONTROLS, '')
      .replace(/[*_[\]<>`]/gu, (c) => LOOKALIKES[c] ?? c)
      // An entity such as &lt; would be decoded by clients that render HTML.
      .replace(/&(?=#?[a-z0-9]+;)/giu, '\uFF06')
      // Adaptive Cards evaluate {{DATE(...)}} and {{TIME(...)}} inside TextBlock text.
      .replace(/\{\{/gu, `{${ZWSP}{`)
      // Clients auto-link URLs and bare domains; an invisible break after the scheme or dot stops that.
      .replace(/:\/\//gu, `:/${ZWSP}/`)
      .replace(/\bwww\./giu, `www${ZWSP}.`)
      .replace(/([a-z0-9-])\.(?=[a-z]{2,}\b)/giu, `$1.${ZWSP}`)
  );
}

/** Collapses every run of white space (line breaks included) into one space and trims. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Cuts `text` to at most `max` characters (code points), ending with "…" when anything was cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}
