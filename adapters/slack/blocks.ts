/**
 * The core's Answer as a Slack message in the shared layout (src/present/layout.ts): Block Kit `blocks`
 * plus the plain `text` fallback that notifications and screen readers show
 * (https://docs.slack.dev/reference/methods/chat.postMessage#text-blocks-attachments).
 *
 * One section with the verdict, headline, item lines and notes (`expand: true`, so Slack shows it whole
 * rather than behind "See more": https://docs.slack.dev/reference/block-kit/blocks/section-block); the
 * evidence, one section per heading; the report and period once, in a context line; buttons (help examples
 * that ask their question, Share in channel, and any extra actions the caller adds). Every string from the
 * Answer is escaped (escape.ts); every mrkdwn text object is `verbatim`. Block Kit's limits: limits.ts.
 */
import type { types } from '@slack/bolt';
import { FAILURE_TEXT, layout, listedLine, moreLine, seeAlsoLine, type Answer, type Layout } from '../../src/index.js';
import { escapeMrkdwn, markdownToMrkdwn, markdownToPlain } from './escape.js';
import { LIMITS, chunkLines, truncate } from './limits.js';
import { isUserId } from './mention.js';

export type Block = types.KnownBlock;

/** A message body for chat.postMessage, a response_url post or an ack: `text` fallback and `blocks`. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** The share button's `action_id` (listeners.ts routes its clicks). */
export const SHARE_ACTION_ID = 'compliance_share';

/** Help example buttons' `action_id`s start with this (one per button: ids are unique within a block). */
export const ASK_ACTION_PREFIX = 'compliance_ask_';
/** Matches every help example button's `action_id`. */
export const ASK_ACTION_ID = /^compliance_ask_\d+$/;

/** What to add around the answer. */
export interface RenderOptions {
  /** Show the question under the headline (slash command and shared answers: Slack does not show it). */
  echoQuestion?: boolean;
  /** Add the "Share in channel" button, carrying the question in its value. */
  shareButton?: boolean;
  /** The user who shared it (a Slack user ID; anything else is left out). */
  sharedBy?: string;
  /** Buttons after the message's own (e.g. feedback), in the same actions block. */
  actions?: types.Button[];
  /** The slash command's name, for help's "how to ask" line (e.g. "/compliance"). */
  command?: string;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string, expand = false): types.SectionBlock => ({ type: 'section', text: mrkdwn(truncate(text, LIMITS.sectionText)), ...(expand ? { expand: true } : {}) });
const context = (text: string): types.ContextBlock => ({ type: 'context', elements: [mrkdwn(truncate(text, LIMITS.contextText))] });

/** The layout a Slack message holds. */
export function slackLayout(answer: Answer): Layout {
  return layout(answer, { itemChars: LIMITS.answerText, quoteChars: LIMITS.quote, evidenceEntries: LIMITS.citations, noteChars: LIMITS.note });
}

/** The headline line in mrkdwn: mark, bold label, headline, e.g. "✅ *Yes*: *Amazon Connect* (Contact Center) is in scope." */
export function headlineLine(l: Pick<Layout, 'mark' | 'label' | 'headline'>): string {
  return `${l.mark} *${escapeMrkdwn(l.label)}*: ${markdownToMrkdwn(l.headline)}`;
}

/** A button that asks `question` (a help example). */
function askButton(question: string, index: number): types.Button {
  return { type: 'button', action_id: `${ASK_ACTION_PREFIX}${index}`, text: { type: 'plain_text', text: truncate(question, LIMITS.buttonText) }, value: question.slice(0, LIMITS.buttonValue) };
}

function shareButton(question: string): types.Button {
  // The question, not the answer: the click re-asks the core, which answers the same question the same way.
  return { type: 'button', action_id: SHARE_ACTION_ID, text: { type: 'plain_text', text: 'Share in channel' }, value: question.slice(0, LIMITS.buttonValue) };
}

/** What a message holds that depends on its Answer alone (not on where it is sent or by whom). */
interface AnswerParts {
  layout: Layout;
  /** The sections of verdict, headline, item lines and notes. */
  head: Block[];
  /** A divider and one section per heading of evidence, then the "more sources" line; empty without evidence. */
  evidence: Block[];
  report: Block;
  examples: types.Button[];
  /** The plain-text fallback. */
  text: string;
}

/**
 * Each Answer's parts, made on its first rendering: the engines hand out the same Answer object for a
 * question asked again on the same day, and laying it out, escaping and chunking it again was a fifth of a
 * slash command's CPU in the profile (`node dist/bench.js --only slack --kinds command`). The blocks are shared
 * between messages, so they are never changed after they are made (feedback.ts builds new arrays).
 */
const partsOf = new WeakMap<Answer, AnswerParts>();

function answerParts(answer: Answer): AnswerParts {
  const known = partsOf.get(answer);
  if (known) return known;
  const l = slackLayout(answer);
  const lines = [
    headlineLine(l),
    ...l.lines.map((x) => `${x.mark} ${markdownToMrkdwn(x.text)}`),
    ...(l.more ? [markdownToMrkdwn(moreLine(l.more))] : []),
    ...l.notes.map(markdownToMrkdwn),
    ...(l.seeAlso.length ? [escapeMrkdwn(seeAlsoLine(l.seeAlso))] : []),
  ];
  const head: Block[] = chunkLines(lines.join('\n'), LIMITS.sectionText).map((chunk) => section(chunk, true));
  const evidence: Block[] = l.evidence.map((e) => {
    const quotes = e.quotes.map((q) => `“${escapeMrkdwn(q)}”`).join(' … ');
    const omitted = `${e.listed ? ` ${listedLine(e.listed)}` : ''}${e.omitted ? ` _(…and ${e.omitted} more from this section)_` : ''}`;
    return section(`*${escapeMrkdwn(e.heading)}*${quotes || omitted ? `\n> ${quotes}${omitted}` : ''}`);
  });
  if (evidence.length) evidence.unshift({ type: 'divider' });
  if (l.moreEvidence) evidence.push(context(`…and ${l.moreEvidence} more sources`));
  const fallback = [`${l.label}: ${l.headline}`, ...l.lines.map((x) => `${x.mark} ${x.text}`), ...l.notes, ...(l.caveat ? [l.caveat] : [])].join('\n');
  const parts: AnswerParts = {
    layout: l,
    head,
    evidence,
    report: context(escapeMrkdwn(l.caveat ? `${l.report}\n${l.caveat}` : l.report)),
    examples: l.examples.map(askButton),
    text: truncate(markdownToPlain(fallback), LIMITS.fallbackText),
  };
  partsOf.set(answer, parts);
  return parts;
}

/**
 * Renders one Answer (help included). Never exceeds LIMITS.blocks or any text limit; every item asked about
 * is on a line or counted with the question that lists it (the layout's `more`).
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const parts = answerParts(answer);
  const l = parts.layout;
  const blocks: Block[] = [...parts.head];
  if (options.echoQuestion && answer.question.trim() !== '') {
    blocks.push(context(`*Question:* ${escapeMrkdwn(truncate(answer.question, LIMITS.questionEcho))}`));
  }
  blocks.push(...parts.evidence);
  if (l.help && options.command) {
    const c = escapeMrkdwn(options.command);
    blocks.push(context(`Ask with \`${c} …\` (only you see the answer; *Share in channel* posts it), by mentioning me in a channel (I answer in a thread), or in a direct message.`));
  }
  blocks.push(parts.report);

  const buttons: types.Button[] = [...parts.examples, ...(options.shareButton && !l.help ? [shareButton(answer.question)] : []), ...(options.actions ?? [])];
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'compliance_actions', elements: buttons.slice(0, LIMITS.actionElements) });
  if (options.sharedBy && isUserId(options.sharedBy)) blocks.push(context(`Shared by <@${options.sharedBy}>`));

  return { text: parts.text, blocks: blocks.slice(0, LIMITS.blocks) };
}

/** The message for a question the adapter could not get answered (the core failed): says so, claims nothing. */
export function renderFailure(reportLine: string): SlackMessage {
  return { text: FAILURE_TEXT, blocks: [section(FAILURE_TEXT), context(escapeMrkdwn(reportLine))] };
}
