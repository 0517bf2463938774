/**
 * Rendering an Answer (and the help and welcome messages) as a Teams message with one Adaptive Card.
 *
 * Only elements every Teams client renders (TextBlock, FactSet, Container; schema 1.4, below the 1.5 that
 * Teams supports: https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-reference#adaptive-card).
 * Everything that comes from the question or the report goes through `inert()`, so the only markup on a
 * card is the bold and bullets written here. The card decides nothing: it shows the core's verdict, text
 * and citations as they are.
 */
import type { Answer, ReportRef, Verdict } from '../../src/index.js';
import { cut, inert, oneLine } from './escape.js';
import { LIMITS } from './limits.js';

/** An Adaptive Card TextBlock (https://adaptivecards.io/explorer/TextBlock.html). */
export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'Small' | 'Default' | 'Medium' | 'Large';
  weight?: 'Default' | 'Bolder';
  color?: 'Default' | 'Good' | 'Attention' | 'Warning' | 'Accent';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  separator?: boolean;
}

/** An Adaptive Card FactSet: title/value rows. */
export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
}

/** An Adaptive Card Container; `style` tints it (good, attention, warning, accent, emphasis). */
export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  separator?: boolean;
}

/** The elements this adapter uses. */
export type CardElement = TextBlock | FactSet | Container;

/** An Adaptive Card as sent to Teams. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: string;
  /** Shown by clients that cannot render this card. */
  fallbackText: string;
  body: CardElement[];
}

/** A Bot Framework message activity carrying one Adaptive Card. */
export interface CardMessage {
  type: 'message';
  /** Plain text for notifications and clients that show no card. */
  summary: string;
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; content: AdaptiveCard }];
}

/** Example questions for the help card (the app manifest's command list names a few of them). */
export const EXAMPLE_QUESTIONS = [
  'Is Amazon Connect in scope?',
  'Is eu-west-3 covered?',
  'Which database services are covered?',
  'Edge locations in Japan?',
  'Does the report cover Availability?',
  'What period does the report cover?',
] as const;

/** The short reply when answering failed; the error itself is only logged. */
export const APOLOGY_TEXT = 'Sorry, something went wrong while answering. Please try again in a moment.';

const VERDICTS: Readonly<Record<Verdict, { label: string; color: TextBlock['color']; style: Container['style'] }>> = {
  yes: { label: '✅ Yes: covered by the report', color: 'Good', style: 'good' },
  no: { label: '❌ No: not covered by the report', color: 'Attention', style: 'attention' },
  partial: { label: '⚠️ Partly: some of it is covered, some is not', color: 'Warning', style: 'warning' },
  info: { label: 'ℹ️ From the report', color: 'Accent', style: 'accent' },
  unknown: { label: '❔ Not answered: the report does not say', color: 'Default', style: 'emphasis' },
};

/** The verdict as the card's first line states it (plain text). */
export function verdictLabel(verdict: Verdict): string {
  return VERDICTS[verdict].label;
}

const text = (t: string, extra: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock => ({ type: 'TextBlock', text: t, wrap: true, ...extra });

/** "…and N more" for a list cut after `shown` of `total` items, or nothing. */
export function andMore(total: number, shown: number): string | undefined {
  return total > shown ? `…and ${total - shown} more` : undefined;
}

/** One line of the core's Markdown: only `**bold**` survives, everything else is made inert. */
function inline(line: string): string {
  return line
    .split(/\*\*(.+?)\*\*/u)
    .map((part, i) => {
      if (i % 2 === 0) return inert(part);
      const inner = inert(part.trim());
      return inner ? `**${inner}**` : '';
    })
    .join('');
}

/**
 * The core's `text` (Markdown with only `**bold**` and `- ` bullets) as TextBlocks: one per paragraph, one
 * per run of bullets, each run cut after LIMITS.answerBullets with "…and N more".
 */
export function answerTextBlocks(markdown: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let paragraph: string[] = [];
  let bullets: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push(text(inline(paragraph.join(' '))));
    paragraph = [];
  };
  const flushBullets = () => {
    if (!bullets.length) return;
    const shown = bullets.slice(0, LIMITS.answerBullets).map((b) => `- ${inline(b)}`);
    blocks.push(text(shown.join('\r'), { spacing: 'Small' }));
    const more = andMore(bullets.length, LIMITS.answerBullets);
    if (more) blocks.push(text(more, { isSubtle: true, spacing: 'None' }));
    bullets = [];
  };
  for (const raw of cut(markdown, LIMITS.answerChars).split(/\r?\n/u)) {
    const line = raw.trim();
    const bullet = /^[-*]\s+(.*)$/u.exec(line);
    if (bullet) {
      flushParagraph();
      bullets.push(bullet[1] ?? '');
    } else if (line === '') {
      flushParagraph();
      flushBullets();
    } else {
      flushBullets();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushBullets();
  return blocks;
}

/** "Title · period 2017-04-01 to 2017-09-30": the report an answer comes from. */
export function reportLine(report: ReportRef): string {
  return `${inert(oneLine(report.title))} · period ${report.periodStart} to ${report.periodEnd}`;
}

/** The plain-text version of an answer, for `fallbackText`: verdict, answer, first source, report. */
export function answerFallbackText(answer: Answer): string {
  const plain = (s: string) => inert(s.replace(/\*\*/gu, ''));
  const first = answer.citations[0];
  const lines = [
    verdictLabel(answer.verdict),
    plain(answer.text),
    first ? `Source: ${plain(oneLine(first.path.join(' › ')))}: “${plain(oneLine(first.quote))}”` : undefined,
    `Report: ${reportLine(answer.report)}`,
  ];
  return cut(lines.filter((l): l is string => Boolean(l)).join('\n'), LIMITS.fallbackChars);
}

/** The card's body for an answer: verdict first, then the answer, what it matched, sources, report. */
function answerBody(answer: Answer): CardElement[] {
  const v = VERDICTS[answer.verdict];
  const question = inert(cut(oneLine(answer.question), LIMITS.questionChars));
  const body: CardElement[] = [
    {
      type: 'Container',
      style: v.style,
      items: [
        text(v.label, { size: 'Medium', weight: 'Bolder', color: v.color }),
        ...(question ? [text(`You asked: ${question}`, { isSubtle: true, spacing: 'Small' })] : []),
      ],
    },
    ...answerTextBlocks(answer.text),
  ];

  // Per-item status only where the verdict is about scope; for info and unknown the text says it all.
  if (answer.matches.length > 0 && (answer.verdict === 'yes' || answer.verdict === 'no' || answer.verdict === 'partial')) {
    body.push({
      type: 'FactSet',
      spacing: 'Medium',
      facts: answer.matches.slice(0, LIMITS.matches).map((m) => ({
        title: inert(cut(oneLine(m.name), LIMITS.nameChars)),
        value: m.inScope ? 'In scope' : 'Not in scope',
      })),
    });
    const more = andMore(answer.matches.length, LIMITS.matches);
    if (more) body.push(text(more, { isSubtle: true, spacing: 'None' }));
  }

  if (answer.suggestions.length > 0) {
    const names = answer.suggestions.slice(0, LIMITS.suggestions).map((s) => inert(cut(oneLine(s.name), LIMITS.nameChars)));
    const more = andMore(answer.suggestions.length, LIMITS.suggestions);
    body.push(text(`Did you mean: ${names.join(', ')}${more ? ` ${more}` : ''}`, { isSubtle: true }));
  }

  if (answer.citations.length > 0) {
    body.push(text(answer.citations.length === 1 ? 'Source' : 'Sources', { weight: 'Bolder', spacing: 'Medium', separator: true }));
    for (const c of answer.citations.slice(0, LIMITS.citations)) {
      body.push({
        type: 'Container',
        spacing: 'Small',
        items: [
          text(inert(cut(oneLine(c.path.join(' › ')), LIMITS.pathChars)), { size: 'Small', weight: 'Bolder' }),
          text(`“${inert(cut(oneLine(c.quote), LIMITS.quoteChars))}”`, { size: 'Small', isSubtle: true, spacing: 'None' }),
        ],
      });
    }
    const more = andMore(answer.citations.length, LIMITS.citations);
    if (more) body.push(text(more, { size: 'Small', isSubtle: true }));
  }

  body.push(text(reportLine(answer.report), { size: 'Small', isSubtle: true, separator: true, spacing: 'Medium' }));
  return body;
}

function message(body: CardElement[], fallbackText: string, summary: string): CardMessage {
  return {
    type: 'message',
    summary: cut(summary, 200),
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          type: 'AdaptiveCard',
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          version: LIMITS.cardVersion,
          fallbackText,
          body,
        },
      },
    ],
  };
}

/** The reply to a question: an Adaptive Card for the Answer, with its plain-text fallback and summary. */
export function answerMessage(answer: Answer): CardMessage {
  const question = inert(cut(oneLine(answer.question), 120));
  return message(answerBody(answer), answerFallbackText(answer), question ? `${verdictLabel(answer.verdict)} (${question})` : verdictLabel(answer.verdict));
}

/** Options for the help card. */
export interface HelpOptions {
  /** The report the bot answers from. */
  report: ReportRef;
  /** The bot's display name in this conversation, for the "mention me" hint. */
  botName?: string;
  /** True for the welcome when the bot is added to a conversation. */
  welcome?: boolean;
}

/** What the bot can answer, with examples: the reply to `help` or an empty mention, and the welcome. */
export function helpMessage(options: HelpOptions): CardMessage {
  const name = inert(cut(oneLine(options.botName ?? ''), LIMITS.nameChars)) || 'the bot';
  const heading = options.welcome ? 'Hello! I answer compliance questions from an audit report.' : 'What I can answer';
  const intro =
    'Ask whether an AWS service, region or edge location is in scope, which trust services criteria the report covers, or facts about the report. ' +
    'Every answer quotes the section of the report it comes from.';
  const body: CardElement[] = [
    text(heading, { size: 'Medium', weight: 'Bolder' }),
    text(intro),
    text('Try:', { weight: 'Bolder', spacing: 'Medium' }),
    text(EXAMPLE_QUESTIONS.map((q) => `- ${inert(q)}`).join('\r'), { spacing: 'Small' }),
    text(`In a channel or group chat, mention me first: @${name} is Amazon S3 in scope?`, { isSubtle: true }),
    text(`Answers come from: ${reportLine(options.report)}`, { size: 'Small', isSubtle: true, separator: true, spacing: 'Medium' }),
  ];
  const fallback = [heading, intro, 'Try:', ...EXAMPLE_QUESTIONS.map((q) => `- ${q}`), `Answers come from: ${reportLine(options.report)}`].join('\n');
  return message(body, fallback, heading);
}
