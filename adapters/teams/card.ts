/**
 * Rendering an Answer (and help) as a Teams message with one Adaptive Card, in the shared layout
 * (src/present/layout.ts): a banner with the verdict and headline; one line per item with its mark; the
 * notes; the evidence, one entry per heading; the report and period once; help examples as buttons.
 *
 * - Schema 1.4 (Teams renders up to 1.5: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card),
 *   with `fallbackText` for clients that show no card. Only TextBlock, Container and Action.Submit.
 * - The banner is default-coloured text on the `emphasis` container: every Teams theme (light, dark, high
 *   contrast) pairs those for legibility; a semantic colour on a container of the same hue does not (1.2:1).
 *   The verdict's mark (✅ ❌ ⚠️) carries the colour instead.
 * - No TextBlock starts with Markdown list syntax (Teams clips such a block to the list).
 * - Everything from the question or the report goes through `inert()`; the only markup is the layout's bold.
 */
import { FAILURE_TEXT, HELP_EXAMPLES, layout, listedLine, moreLine, seeAlsoLine, type Answer, type Layout } from '../../src/index.js';
import { cut, inert } from './escape.js';
import { LIMITS } from './limits.js';

/** An Adaptive Card TextBlock (https://adaptivecards.io/explorer/TextBlock.html). */
export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  weight?: 'Default' | 'Bolder';
  color?: 'Default';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  separator?: boolean;
}

/** An Adaptive Card Container; `style` tints it. */
export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis';
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  separator?: boolean;
}

/** The elements this adapter uses. */
export type CardElement = TextBlock | Container;

/**
 * A button (https://adaptivecards.io/explorer/Action.Submit.html). With `data.msteams.type: "imBack"` Teams
 * posts `data.msteams.value` as the user's own message, so a help example asks its question; other clients
 * (the Emulator) send `data` as the activity's `value`, which carries the question too.
 */
export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
}

/** An Adaptive Card as sent to Teams. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: string;
  /** Shown by clients that cannot render this card. */
  fallbackText: string;
  body: CardElement[];
  actions?: SubmitAction[];
}

/** A Bot Framework message activity carrying one Adaptive Card. */
export interface CardMessage {
  type: 'message';
  /** Plain text for notifications and clients that show no card. */
  summary: string;
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard }];
}

/** Example questions (the help card's buttons; the app manifest's command list names some of them). */
export const EXAMPLE_QUESTIONS = HELP_EXAMPLES;

/** The short reply when answering failed; the error itself is only logged. */
export const APOLOGY_TEXT = FAILURE_TEXT;

/** A button that asks `question` as if the user had typed it. */
export function askAction(question: string, title = question): SubmitAction {
  return { type: 'Action.Submit', title: cut(title, 60), data: { msteams: { type: 'imBack', value: question }, question } };
}

/** What to add to an answer card. */
export interface AnswerCardOptions {
  /** Buttons after the card's own (e.g. feedback); at most LIMITS.actions in all. */
  actions?: SubmitAction[];
  /** The welcome when the bot is added to a conversation (help only). */
  welcome?: boolean;
  /** The bot's name in this conversation, for the help card's "mention me" hint. */
  botName?: string;
}

const text = (t: string, extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock => ({ type: 'TextBlock', text: noListStart(t), wrap: true, ...extra });

/** A block that starts like a Markdown list ("- x", "1. x", "+ x") gets an inert look-alike first character. */
function noListStart(t: string): string {
  return t.replace(/^(\s*)([-+*])(\s)/u, '$1\u2010$3').replace(/^(\s*\d+)\.(\s)/u, '$1\u2024$2');
}

/** One line of the layout's Markdown: only `**bold**` survives, everything else is made inert. */
export function inline(line: string): string {
  return line
    .split(/\*\*(.+?)\*\*/u)
    .map((part, i) => {
      if (i % 2 === 0) return inert(part);
      const inner = inert(part.trim());
      return inner ? `**${inner}**` : '';
    })
    .join('');
}

/** The layout a Teams card holds (UTF-16 budget: limits.ts). */
export function teamsLayout(answer: Answer): Layout {
  return layout(answer, { itemChars: LIMITS.itemChars, quoteChars: LIMITS.quoteChars, evidenceEntries: LIMITS.citations, noteChars: LIMITS.noteChars });
}

/** The plain text of a layout for `fallbackText` and notifications: cut at line ends only. */
export function layoutPlainText(l: Layout, max: number = LIMITS.fallbackChars): string {
  const plain = (s: string) => inert(s.replace(/\*\*/gu, ''));
  const lines = [
    `${l.mark} ${l.label}: ${plain(l.headline)}`,
    ...l.lines.map((x) => `${x.mark} ${plain(x.text)}`),
    ...(l.more ? [plain(moreLine(l.more))] : []),
    ...l.notes.map(plain),
    ...(l.seeAlso.length ? [plain(seeAlsoLine(l.seeAlso))] : []),
  ];
  const tail = l.caveat ? `${plain(l.report)}\n${plain(l.caveat)}` : plain(l.report);
  const kept: string[] = [];
  let used = tail.length + 1;
  for (const line of lines) {
    if (used + line.length + 1 > max) {
      kept.push(`…and ${lines.length - kept.length} more lines`);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return [...kept, tail].join('\n');
}

/** The card body for a layout. */
function body(l: Layout, options: AnswerCardOptions): CardElement[] {
  const heading = options.welcome ? 'Hello! I answer compliance questions from an audit report.' : undefined;
  const out: CardElement[] = [
    {
      type: 'Container',
      style: 'emphasis',
      items: [
        ...(heading ? [text(heading, { size: 'Medium', weight: 'Bolder' })] : []),
        text(`${l.mark} **${inert(l.label)}**: ${inline(l.headline)}`, { size: 'Medium', color: 'Default' }),
      ],
    },
  ];
  for (const line of l.lines) out.push(text(`${line.mark} ${inline(line.text)}`, { spacing: 'Small' }));
  if (l.more) out.push(text(inline(moreLine(l.more)), { isSubtle: true, spacing: 'Small' }));
  for (const n of l.notes) out.push(text(inline(n), { spacing: 'Small' }));
  if (l.seeAlso.length) out.push(text(inert(seeAlsoLine(l.seeAlso)), { isSubtle: true, spacing: 'Small' }));
  if (l.help) {
    const name = inert(options.botName ?? '') || 'the bot';
    out.push(text(`In a channel or group chat, mention me first: @${name} is Amazon S3 in scope?`, { isSubtle: true }));
  }
  if (l.evidence.length) {
    out.push(text('Evidence', { weight: 'Bolder', spacing: 'Medium', separator: true }));
    for (const e of l.evidence) {
      const quotes = e.quotes.map((q) => `“${inert(q)}”`).join(' … ');
      const omitted = `${e.listed ? ` ${listedLine(e.listed)}` : ''}${e.omitted ? ` (…and ${e.omitted} more from this section)` : ''}`;
      out.push({
        type: 'Container',
        spacing: 'Small',
        items: [
          text(inert(e.heading), { size: 'Small', weight: 'Bolder' }),
          ...(quotes || omitted ? [text(`${quotes}${omitted}`, { size: 'Small', isSubtle: true, spacing: 'None' })] : []),
        ],
      });
    }
    if (l.moreEvidence) out.push(text(`…and ${l.moreEvidence} more sources`, { size: 'Small', isSubtle: true }));
  }
  out.push(text(inert(l.report), { size: 'Small', isSubtle: true, separator: true, spacing: 'Medium' }));
  if (l.caveat) out.push(text(inert(l.caveat), { size: 'Small', isSubtle: true, spacing: 'None' }));
  return out;
}

function message(content: AdaptiveCard, summary: string): CardMessage {
  return { type: 'message', summary: cut(summary, 200), attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content }] };
}

/** The reply to a question (help included): one Adaptive Card in the shared layout, with fallback text and summary. */
export function answerMessage(answer: Answer, options: AnswerCardOptions = {}): CardMessage {
  const l = teamsLayout(answer);
  const actions = [...l.examples.map((q) => askAction(q)), ...(options.actions ?? [])].slice(0, LIMITS.actions);
  const content: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: LIMITS.cardVersion,
    fallbackText: layoutPlainText(l),
    body: body(l, options),
    ...(actions.length ? { actions } : {}),
  };
  return message(content, `${l.label}: ${inert(l.headline.replace(/\*\*/gu, ''))}`);
}

/** A plain-text reply (the failure reply): no card, nothing claimed. */
export function failureMessage(): { type: 'message'; text: string } {
  return { type: 'message', text: APOLOGY_TEXT };
}
