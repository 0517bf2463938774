/**
 * 👍 / 👎 on Slack answers: the buttons (given to renderAnswer's `actions`, so they sit next to Share),
 * what a click shows, and the optional reason. Each button's `value` carries the answer's id and its
 * question (`{"id":…,"q":…}`): a click on an ephemeral message brings no copy of the message, so the answer
 * is drawn again from its question, with the thanks in place of the buttons.
 * https://docs.slack.dev/reference/block-kit/block-elements/button-element,
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload,
 * https://docs.slack.dev/surfaces/modals (views.open with the click's trigger_id, within 3 seconds).
 */
import type { types } from '@slack/bolt';
import type { Block, SlackMessage } from './blocks.js';
import { escapeMrkdwn } from './escape.js';
import { LIMITS, truncate } from './limits.js';

/** The buttons' `action_id`s. */
export const FEEDBACK_UP_ACTION_ID = 'compliance_feedback_up';
export const FEEDBACK_DOWN_ACTION_ID = 'compliance_feedback_down';
export const FEEDBACK_ACTION_IDS: readonly string[] = [FEEDBACK_UP_ACTION_ID, FEEDBACK_DOWN_ACTION_ID];
/** The reason modal's `callback_id`. */
export const FEEDBACK_REASON_CALLBACK_ID = 'compliance_feedback_reason';
/** The reason's input: block and action ids in the modal's `state.values`. */
export const REASON_INPUT = { block: 'reason', action: 'reason' } as const;
/** At most this many characters of reason (one line). */
export const REASON_MAX_LENGTH = 300;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
/** Room left in a button's value for the question, after the id and the JSON around it. */
const QUESTION_ROOM = LIMITS.buttonValue - 80;

export type Vote = 'up' | 'down';
const EMOJI: Record<Vote, string> = { up: '👍', down: '👎' };

/** What a feedback button carries. */
export interface FeedbackValue {
  answerId: string;
  question: string;
}

/** A feedback button's value, or undefined when it is not one of ours. Pure; never throws. */
export function feedbackValue(value: string | undefined): FeedbackValue | undefined {
  try {
    const v = JSON.parse(value ?? '') as { id?: unknown; q?: unknown };
    return typeof v.id === 'string' && UUID.test(v.id) && typeof v.q === 'string' ? { answerId: v.id, question: v.q } : undefined;
  } catch {
    return undefined;
  }
}

/** The vote an action id stands for. */
export function voteOfAction(actionId: string): Vote | undefined {
  return actionId === FEEDBACK_UP_ACTION_ID ? 'up' : actionId === FEEDBACK_DOWN_ACTION_ID ? 'down' : undefined;
}

const button = (vote: Vote, text: string, answerId: string, question: string): types.Button => ({
  type: 'button',
  action_id: vote === 'up' ? FEEDBACK_UP_ACTION_ID : FEEDBACK_DOWN_ACTION_ID,
  text: { type: 'plain_text', text, emoji: true },
  value: JSON.stringify({ id: answerId, q: question.slice(0, QUESTION_ROOM) }),
});

/** The 👍 / 👎 buttons for an answer (renderAnswer's `actions`). */
export function feedbackButtons(answerId: string, question: string): types.Button[] {
  return [button('up', '👍', answerId, question), button('down', '👎', answerId, question)];
}

const isFeedbackButton = (e: unknown) => FEEDBACK_ACTION_IDS.includes(String((e as { action_id?: unknown }).action_id));
const thanksContext = (vote: Vote): types.ContextBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: `Thanks: recorded ${EMOJI[vote]}`, verbatim: true }] });

/**
 * The message once the user has voted: the 👍 / 👎 buttons replaced by one button to change the vote (a
 * second click changes it: one vote per user per answer), and "Thanks: recorded 👍" under them.
 */
export function withThanks(message: SlackMessage, vote: Vote, answerId: string, question: string): SlackMessage {
  const other: Vote = vote === 'up' ? 'down' : 'up';
  const change = button(other, `Change to ${EMOJI[other]}`, answerId, question);
  const at = message.blocks.findIndex((b) => b.type === 'actions' && (b as types.ActionsBlock).elements.some(isFeedbackButton));
  if (at < 0) {
    const actions: types.ActionsBlock = { type: 'actions', elements: [change] };
    return { ...message, blocks: [...message.blocks.slice(0, LIMITS.blocks - 2), actions, thanksContext(vote)] };
  }
  const actions = message.blocks[at] as types.ActionsBlock;
  const replaced: Block = { ...actions, elements: [...actions.elements.filter((e) => !isFeedbackButton(e)), change] };
  return { ...message, blocks: [...message.blocks.slice(0, at), replaced, thanksContext(vote), ...message.blocks.slice(at + 1)].slice(0, LIMITS.blocks) };
}

/** The private note for a vote on a message others see too (a channel's answer stays as it is for them). */
export function thanksMessage(vote: Vote): SlackMessage {
  return { text: `Thanks: recorded ${EMOJI[vote]}`, blocks: [thanksContext(vote)] };
}

/** Slack's modal view (views.open). */
export type ModalView = types.ModalView;

/** The optional one-line reason asked for after a 👎; `private_metadata` carries the answer id. */
export function reasonModal(answerId: string, question: string): ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_REASON_CALLBACK_ID,
    private_metadata: JSON.stringify({ answerId }),
    title: { type: 'plain_text', text: 'Thanks: recorded 👎' },
    submit: { type: 'plain_text', text: 'Send reason' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*What was wrong with the answer?* (optional)\n> ${escapeMrkdwn(truncate(question.replace(/\s+/g, ' '), 200))}`, verbatim: true },
      },
      {
        type: 'input',
        block_id: REASON_INPUT.block,
        optional: true,
        label: { type: 'plain_text', text: 'Reason, in one line' },
        element: { type: 'plain_text_input', action_id: REASON_INPUT.action, max_length: REASON_MAX_LENGTH, multiline: false },
      },
    ],
  };
}

/** The answer id of a submitted reason modal, or undefined when its metadata is not ours. */
export function answerIdOfModal(privateMetadata: string | undefined): string | undefined {
  try {
    const id = (JSON.parse(privateMetadata ?? '') as { answerId?: unknown }).answerId;
    return typeof id === 'string' && UUID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** The answer id a message's feedback buttons carry (e.g. of a message the bot sent), if any. */
export function answerIdOf(message: { blocks?: unknown }): string | undefined {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Array<{ type?: unknown; elements?: unknown }>) : [];
  for (const b of blocks) {
    if (b.type !== 'actions' || !Array.isArray(b.elements)) continue;
    const found = (b.elements as Array<{ action_id?: unknown; value?: string }>).find(isFeedbackButton);
    if (found) return feedbackValue(found.value)?.answerId;
  }
  return undefined;
}
