/**
 * 👍 / 👎 on Teams answers, as Adaptive Card `Action.Submit` buttons
 * (https://adaptivecards.io/explorer/Action.Submit.html). A click arrives as a message activity with no
 * text and the button's `data` as `value` (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-actions#adaptive-cards-actions);
 * the bot records the vote and updates the card in place (updateActivity on the activity's `replyToId`):
 * the buttons give way to "Thanks: recorded", a button to change the vote and, after a 👎, an optional
 * one-line reason (`Input.Text`, whose value comes back in `value.reason`).
 */
import * as z from 'zod';
import type { AdaptiveCard, CardMessage, SubmitAction } from './card.js';
import { cut, oneLine } from './escape.js';

export type Vote = 'up' | 'down';
const EMOJI: Record<Vote, string> = { up: '👍', down: '👎' };

/** What our buttons put in `data` (and Teams sends back as the activity's `value`). */
const FEEDBACK_KIND = 'compliance_feedback';
/** At most this many characters of reason (one line). */
export const REASON_MAX_LENGTH = 300;
/** The question carried in a button's data (enough to answer it again when the card is redrawn). */
const QUESTION_MAX = 1000;

const FeedbackValue = z.looseObject({
  kind: z.literal(FEEDBACK_KIND),
  answerId: z.uuid(),
  vote: z.enum(['up', 'down']),
  question: z.string().max(QUESTION_MAX),
  reason: z.string().optional(),
});

/** A vote as a click sends it. */
export type FeedbackClick = z.infer<typeof FeedbackValue>;

/** The vote an activity's `value` carries, or undefined for any other activity. Pure; never throws. */
export function feedbackOf(value: unknown): FeedbackClick | undefined {
  const parsed = FeedbackValue.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

interface InputText {
  type: 'Input.Text';
  id: 'reason';
  placeholder: string;
  maxLength: number;
  isMultiline: false;
}

const submit = (title: string, answerId: string, vote: Vote, question: string): SubmitAction => ({
  type: 'Action.Submit',
  title,
  data: { kind: FEEDBACK_KIND, answerId, vote, question: cut(question, QUESTION_MAX) } satisfies FeedbackClick,
});

/** The card of a message with its body and actions changed by `edit`. */
function editCard(message: CardMessage, edit: (card: AdaptiveCard) => AdaptiveCard): CardMessage {
  const [attachment] = message.attachments;
  return { ...message, attachments: [{ ...attachment, content: edit(attachment.content) }] };
}

/** The 👍 / 👎 buttons for an answer (answerMessage's `actions`). */
export function feedbackActions(answerId: string, question: string): SubmitAction[] {
  return [submit('👍 Helpful', answerId, 'up', question), submit('👎 Not right', answerId, 'down', question)];
}

const isFeedback = (a: SubmitAction) => feedbackOf(a.data) !== undefined;

/**
 * The answer card once voted: "Thanks: recorded 👍" instead of the buttons, one button to change the vote,
 * and after a 👎 without a reason yet, the optional reason and its button.
 */
export function withThanks(message: CardMessage, click: Pick<FeedbackClick, 'answerId' | 'vote' | 'question' | 'reason'>): CardMessage {
  const other: Vote = click.vote === 'up' ? 'down' : 'up';
  const askReason = click.vote === 'down' && !click.reason?.trim();
  return editCard(message, (card) => {
    const thanks = { type: 'TextBlock' as const, text: `Thanks: recorded ${EMOJI[click.vote]}`, wrap: true as const, weight: 'Bolder' as const, separator: true, spacing: 'Medium' as const };
    const reason: InputText = { type: 'Input.Text', id: 'reason', placeholder: 'What was wrong? (optional, one line)', maxLength: REASON_MAX_LENGTH, isMultiline: false };
    const body = [...card.body, thanks, ...(askReason ? [reason] : [])] as AdaptiveCard['body'];
    const actions = [
      ...(card.actions ?? []).filter((a) => !isFeedback(a)),
      ...(askReason ? [submit('Send reason', click.answerId, 'down', click.question)] : []),
      submit(`Change to ${EMOJI[other]}`, click.answerId, other, click.question),
    ];
    return { ...card, body, actions };
  });
}

/** A reason as one line: white space collapsed, at most REASON_MAX_LENGTH characters; undefined if empty. */
export function reasonOf(click: FeedbackClick): string | undefined {
  const line = click.reason === undefined ? '' : cut(oneLine(click.reason), REASON_MAX_LENGTH);
  return line || undefined;
}

/** The answer id a card message's feedback buttons carry, if any. */
export function answerIdOfCard(message: { attachments?: unknown }): string | undefined {
  const [attachment] = Array.isArray(message.attachments) ? (message.attachments as Array<{ content?: { actions?: unknown } }>) : [];
  const actions = Array.isArray(attachment?.content?.actions) ? (attachment.content.actions as Array<{ data?: unknown }>) : [];
  for (const a of actions) {
    const click = feedbackOf(a.data);
    if (click) return click.answerId;
  }
  return undefined;
}
