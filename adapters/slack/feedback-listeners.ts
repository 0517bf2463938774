/**
 * What a 👍 / 👎 click does (feedback.ts draws the buttons): the vote is recorded (one per user per answer;
 * a second click changes it), and the user sees "Thanks: recorded" where the buttons were:
 * - on an ephemeral answer (the slash command's) the answer is drawn again in place (`replace_original`);
 * - on a DM answer (only this user sees it) the message is updated in place from the click's copy of it;
 * - on a channel answer, which others see too, the user gets a private "Thanks: recorded" and the buttons
 *   stay for everyone else.
 * A 👎 also opens a modal asking for an optional one-line reason (views.open with the click's trigger_id,
 * which is valid for 3 seconds, so it is opened before anything else waits).
 */
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Engine } from '../../src/index.js';
import type { Logger } from '../logger.js';
import type { AuditRecorder } from '../store/index.js';
import { renderAnswer, type Block, type SlackMessage } from './blocks.js';
import {
  answerIdOfModal,
  feedbackButtons,
  feedbackValue,
  FEEDBACK_DOWN_ACTION_ID,
  FEEDBACK_REASON_CALLBACK_ID,
  FEEDBACK_UP_ACTION_ID,
  REASON_INPUT,
  reasonModal,
  thanksMessage,
  voteOfAction,
  withThanks,
} from './feedback.js';
import { slackError } from './listeners.js';

/** What the feedback listeners need. */
export interface FeedbackDeps {
  engine: Engine;
  command: string;
  logger: Logger;
  audit?: AuditRecorder;
}

/** Registers the 👍 / 👎 actions and the reason modal's submission. */
export function registerFeedback(app: App, { engine, command, logger, audit }: FeedbackDeps): void {
  const again = (question: string, vote: 'up' | 'down', answerId: string) => {
    const message = renderAnswer(engine.answer(question), { echoQuestion: true, shareButton: true, command, actions: feedbackButtons(answerId, question) });
    return withThanks(message, vote, answerId, question);
  };
  const onVote = async ({ ack, action, body, respond, client }: SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs) => {
    await ack();
    const vote = voteOfAction(action.action_id);
    const value = feedbackValue(action.value);
    if (!vote || !value) {
      logger.warn({ actionId: action.action_id }, 'ignored a feedback click without an answer id');
      return;
    }
    const { answerId, question } = value;
    const workspace = body.team?.id ?? body.user.team_id;
    // The reason modal first: its trigger_id expires 3 seconds after the click.
    if (vote === 'down' && body.trigger_id) {
      try {
        await client.views.open({ trigger_id: body.trigger_id, view: reasonModal(answerId, question) });
      } catch (error) {
        logger.warn({ err: error, slackError: slackError(error) }, 'could not open the feedback reason modal (the 👎 is recorded without a reason)');
      }
    }
    audit?.voted({ answerId, vote, user: { platform: 'slack', workspace, user: body.user.id } });

    try {
      if (body.container?.is_ephemeral) {
        // An ephemeral message has no copy in the payload: draw the answer again, with the thanks in place.
        await respond({ response_type: 'ephemeral', replace_original: true, ...again(question, vote, answerId) });
      } else if (body.channel?.id?.startsWith('D') && body.message) {
        const original = { text: String(body.message.text ?? ''), blocks: (body.message.blocks ?? []) as Block[] } satisfies SlackMessage;
        await respond({ replace_original: true, ...withThanks(original, vote, answerId, question) });
      } else {
        await respond({ response_type: 'ephemeral', replace_original: false, ...thanksMessage(vote) });
      }
    } catch (error) {
      logger.warn({ err: error, slackError: slackError(error), channel: body.channel?.id }, 'could not show "Thanks: recorded" (the vote is recorded)');
    }
  };
  app.action<BlockAction<ButtonAction>>(FEEDBACK_UP_ACTION_ID, onVote);
  app.action<BlockAction<ButtonAction>>(FEEDBACK_DOWN_ACTION_ID, onVote);

  app.view<ViewSubmitAction>(FEEDBACK_REASON_CALLBACK_ID, async ({ ack, body, view }) => {
    await ack();
    const answerId = answerIdOfModal(view.private_metadata);
    const reason = view.state.values[REASON_INPUT.block]?.[REASON_INPUT.action]?.value ?? undefined;
    if (!answerId) {
      logger.warn('ignored a feedback reason without an answer id');
      return;
    }
    if (!reason?.trim()) return;
    audit?.voted({ answerId, vote: 'down', reason, user: { platform: 'slack', workspace: body.team?.id ?? body.user.team_id, user: body.user.id } });
  });
}
