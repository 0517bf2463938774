/**
 * The core's Answer as a Slack message: Block Kit `blocks` plus the plain `text` fallback that
 * notifications and screen readers show (https://docs.slack.dev/reference/methods/chat.postMessage#text-blocks-attachments).
 * Layout: the verdict first, the answer, its citations (section path and quote), the report and its
 * period in a context line. Every string from the Answer is escaped (see escape.ts); every mrkdwn text
 * object is `verbatim` so Slack adds no links or mentions of its own. Block Kit's limits: limits.ts.
 */
import type { types } from '@slack/bolt';
import type { Answer, Verdict } from '../../src/index.js';
import { escapeMrkdwn, markdownToMrkdwn, markdownToPlain } from './escape.js';
import { LIMITS, chunkLines, fitLines, moreLabel, truncate } from './limits.js';
import { isUserId } from './mention.js';

export type Block = types.KnownBlock;

/** A message body for chat.postMessage, a response_url post or an ack: `text` fallback and `blocks`. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** The report an answer cites, as the context line names it. */
export interface ReportLine {
  title: string;
  periodStart: string;
  periodEnd: string;
}

/** The share button's `action_id` (listeners.ts routes its clicks). */
export const SHARE_ACTION_ID = 'compliance_share';

/** How each verdict is announced, first thing in the message. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  yes: 'Yes',
  no: 'No',
  partial: 'Partly',
  info: 'Here is what the report says',
  unknown: 'Not sure',
};

const VERDICT_EMOJI: Record<Verdict, string> = {
  yes: ':white_check_mark:',
  no: ':x:',
  partial: ':large_orange_diamond:',
  info: ':page_facing_up:',
  unknown: ':grey_question:',
};

/** What to add around the answer. */
export interface RenderOptions {
  /** Show the question under the verdict (slash command and shared answers: Slack does not show it). */
  echoQuestion?: boolean;
  /** Add the "Share in channel" button, carrying the question in its value. */
  shareButton?: boolean;
  /** The user who shared it (a Slack user ID; anything else is left out). */
  sharedBy?: string;
}

const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(truncate(text, LIMITS.sectionText)) });
const context = (text: string): types.ContextBlock => ({ type: 'context', elements: [mrkdwn(truncate(text, LIMITS.contextText))] });

/** The verdict line: emoji and the verdict's label in bold, e.g. ":white_check_mark: *Yes*". */
export function verdictLine(verdict: Verdict): string {
  return `${VERDICT_EMOJI[verdict]} *${VERDICT_LABEL[verdict]}*`;
}

/**
 * Renders one Answer. Never exceeds LIMITS.blocks or any text limit: a long answer is cut at a line with
 * "…and N more", and citations past LIMITS.citations are counted ("…and N more sources").
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const head: Block[] = [section(verdictLine(answer.verdict))];
  if (options.echoQuestion && answer.question.trim() !== '') {
    head.push(context(`*Question:* ${escapeMrkdwn(truncate(answer.question, LIMITS.questionEcho))}`));
  }

  const tail: Block[] = [context(reportLine(answer.report))];
  if (options.shareButton) tail.push(shareActions(answer.question));
  if (options.sharedBy && isUserId(options.sharedBy)) tail.push(context(`Shared by <@${options.sharedBy}>`));

  // Citations get what the answer text leaves: reserve their blocks first so the verdict's evidence is never cut
  // for a long list; the text then gets the rest.
  const shownCitations = answer.citations.slice(0, LIMITS.citations);
  const omittedCitations = answer.citations.length - shownCitations.length;
  const citationBlocks: Block[] = shownCitations.length > 0 ? [{ type: 'divider' }, ...shownCitations.map(citationSection)] : [];
  if (omittedCitations > 0) citationBlocks.push(context(moreLabel(omittedCitations, omittedCitations === 1 ? 'source' : 'sources')));

  const textBlockBudget = LIMITS.blocks - head.length - tail.length - citationBlocks.length;
  const body = answerSections(answer.text, Math.max(1, textBlockBudget));

  return {
    text: truncate(markdownToPlain(answer.text), LIMITS.fallbackText),
    blocks: [...head, ...body, ...citationBlocks, ...tail],
  };
}

/** The answer text in as many sections as it needs, within `maxBlocks` blocks and LIMITS.answerText. */
function answerSections(markdown: string, maxBlocks: number): Block[] {
  const converted = markdownToMrkdwn(markdown);
  // Leave room for the "…and N more" line inside the budget.
  const budget = Math.min(LIMITS.answerText, maxBlocks * LIMITS.sectionText) - 40;
  const { kept, omitted } = converted.length <= budget ? { kept: converted, omitted: 0 } : fitLines(converted, budget);
  const full = omitted > 0 ? `${kept}\n${moreLabel(omitted)}` : kept;
  const chunks = chunkLines(full, LIMITS.sectionText).slice(0, maxBlocks);
  return (chunks.length > 0 ? chunks : [escapeMrkdwn(markdown.trim()) || ' ']).map(section);
}

function citationSection(citation: Answer['citations'][number]): Block {
  const where = escapeMrkdwn(citation.path.join(' › '));
  const quote = escapeMrkdwn(truncate(citation.quote.replace(/\s+/g, ' ').trim(), LIMITS.quote));
  return section(`*${where}*\n> ${quote}`);
}

function shareActions(question: string): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'compliance_share_block',
    elements: [
      {
        type: 'button',
        action_id: SHARE_ACTION_ID,
        text: { type: 'plain_text', text: 'Share in channel' },
        // The question, not the answer: the click re-asks the core, which answers the same question the same way.
        value: question.slice(0, LIMITS.buttonValue),
      },
    ],
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2017-04-01" -> "1 April 2017"; anything else is returned as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${Number(m[3])} ${month} ${m[1]}` : iso;
}

/** The context line naming the report and its period, e.g. "Source: AWS SOC 3 Report · 1 April 2017 – 30 September 2017". */
export function reportLine(report: ReportLine): string {
  return `Source: ${escapeMrkdwn(report.title)} · ${formatDate(report.periodStart)} – ${formatDate(report.periodEnd)}`;
}

/** Examples shown in the help message: questions the core answers. */
export const HELP_EXAMPLES = [
  'is Amazon Connect in scope?',
  'are S3 and Athena covered?',
  'which regions are covered?',
  'are edge locations in Japan covered?',
  'which trust services criteria does the report address?',
  'what period does the report cover?',
] as const;

/** The help message: what the bot answers, from which report, and how to ask (slash command, mention, DM). */
export function renderHelp(command: string, report: ReportLine): SlackMessage {
  const examples = HELP_EXAMPLES.map((q) => `• \`${command} ${q}\``).join('\n');
  return {
    text: `I answer questions about ${report.title}. Try: ${command} ${HELP_EXAMPLES[0]}`,
    blocks: [
      section(`:wave: *I answer compliance questions from ${escapeMrkdwn(report.title)}*\nWhich AWS services, regions, edge locations and trust services criteria it covers, and facts about the report itself. Every answer cites the section and quote it comes from.`),
      section(`*Try:*\n${examples}`),
      section(`You can also mention me in a channel (I answer in a thread) or send me a direct message. \`${command}\` answers only you; the *Share in channel* button posts the answer for everyone.`),
      context(reportLine(report)),
    ],
  };
}

/** The message for a question the adapter could not get answered (the core failed): says so, claims nothing. */
export function renderFailure(report: ReportLine): SlackMessage {
  return {
    text: 'Sorry, I could not answer that just now. Please try again.',
    blocks: [section(`${verdictLine('unknown')}\nSorry, I could not answer that just now. Please try again.`), context(reportLine(report))],
  };
}
