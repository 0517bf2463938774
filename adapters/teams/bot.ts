/**
 * The bot's behaviour, as one botbuilder ActivityHandler (the shape of the BotBuilder samples): a message
 * becomes a question (Teams syntax removed by mention.ts), and the shared turn pipeline (../turn.ts) answers
 * it as a card. It decides nothing about scope, and does not decide what is help: the core does.
 */
import { ActivityHandler, StatusCodes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Engine } from '../../src/index.js';
import type { Logger } from '../logger.js';
import { performance } from 'node:perf_hooks';
import type { AuditRecorder } from '../store/index.js';
import { runTurn, type Surface, type TurnRecord } from '../turn.js';
import { answerMessage, failureMessage, type AnswerCardOptions, type CardMessage } from './card.js';
import { feedbackActions, feedbackOf, reasonOf, withThanks, type FeedbackClick } from './feedback.js';
import { questionFromMessage } from './mention.js';
import type { TeamsQuestionnaires } from './files.js';

export { reportRef } from '../turn.js';

/** What the bot needs: the core's engine and a logger; `onTurn` is told of every turn (the audit trail). */
export interface ComplianceBotOptions {
  engine: Engine;
  logger: Logger;
  onTurn?: (record: TurnRecord) => void | Promise<void>;
  /** Where votes are recorded; with it, answers carry 👍 / 👎 and turns are recorded (unless `onTurn` is given). */
  audit?: AuditRecorder;
  /** Questionnaires sent as files in a personal chat (files.ts); without it, files are ignored. */
  questionnaires?: TeamsQuestionnaires;
}

/** The Teams surface of the turn pipeline. */
export function teamsSurface(options: AnswerCardOptions = {}, feedback = false): Surface<CardMessage | { type: 'message'; text: string }> {
  return {
    render: (answer, turn) =>
      answerMessage(answer, feedback && answer.intent !== 'help' ? { ...options, actions: [...(options.actions ?? []), ...feedbackActions(turn.answerId, answer.question)] } : options),
    failure: () => failureMessage(),
  };
}

/** The tenant of an activity (Teams puts it on the conversation and in channelData). */
function tenantOf(activity: TurnContext['activity']): string | undefined {
  return activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
}

/** Answers Teams messages with Adaptive Cards; introduces itself when added to a conversation. */
export class ComplianceBot extends ActivityHandler {
  private readonly engine: Engine;
  private readonly logger: Logger;
  private readonly options: ComplianceBotOptions;

  constructor(options: ComplianceBotOptions) {
    super();
    this.engine = options.engine;
    this.logger = options.logger;
    const audit = options.audit;
    this.options = audit && !options.onTurn ? { ...options, onTurn: (record) => audit.turn(record) } : options;

    this.onMessage(async (context, next) => {
      const click = feedbackOf(context.activity.value);
      if (click) await this.feedback(context, click);
      else await this.answer(context);
      await next();
    });

    // Teams sends conversationUpdate with the bot among membersAdded when the app is added to a chat or
    // team (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events#members-added).
    // Users joining later also arrive here: greet only when the bot itself was added, and only once per event.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (botId && context.activity.membersAdded?.some((m) => m.id === botId)) {
        // The welcome is the core's help, with a greeting: the core alone says what help is.
        await context.sendActivity(answerMessage(this.engine.answer('help'), { welcome: true, botName: context.activity.recipient.name }));
      }
      await next();
    });
  }

  /**
   * An activity from the bot's own account (`from.id` equal to `recipient.id`) is an echo of something it
   * sent; answering it would talk to itself, and could loop. Ignored, whatever its type.
   */
  override async run(context: TurnContext): Promise<void> {
    const { from, recipient } = context.activity;
    if (from?.id && from.id === recipient?.id) {
      this.logger.debug({ activityType: context.activity.type }, "ignored the bot's own activity");
      return;
    }
    await super.run(context);
  }

  /**
   * Invokes (card actions, sign-in, ...) are not used by this bot: acknowledge them with 200 instead of
   * ActivityHandler's default 501, so that Teams shows no error.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    // The person accepted or declined saving an answered questionnaire (files.ts).
    if (context.activity.name === 'fileConsent/invoke' && this.options.questionnaires) return this.options.questionnaires.onConsent(context);
    return { status: StatusCodes.OK };
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (this.options.questionnaires && (await this.options.questionnaires.answerFileMessage(context))) return;
    // A help example's button in a client that does not turn imBack into a message (the Emulator) sends the
    // question in `value`.
    const receivedAt = performance.now();
    const fromButton = typeof (activity.value as { question?: unknown } | undefined)?.question === 'string' ? (activity.value as { question: string }).question : undefined;
    // Another card's Action.Submit (e.g. feedback) carries `value` and no text: not a question, and never help.
    if (fromButton === undefined && activity.value !== undefined && activity.value !== null && !activity.text) {
      this.logger.debug({ conversationType: activity.conversation?.conversationType }, 'a card action with no question: not answered');
      return;
    }
    const question = fromButton ?? questionFromMessage(activity);
    await runTurn(
      this.options,
      {
        platform: 'teams',
        question,
        ...(activity.from?.aadObjectId || activity.from?.id ? { user: activity.from.aadObjectId ?? activity.from.id } : {}),
        ...(activity.conversation?.id ? { conversation: activity.conversation.id } : {}),
        ...(tenantOf(activity) ? { workspace: tenantOf(activity) } : {}),
        receivedAt,
        via: fromButton ? 'example_button' : (activity.conversation?.conversationType ?? 'message'),
      },
      teamsSurface({ ...(activity.recipient?.name ? { botName: activity.recipient.name } : {}) }, Boolean(this.options.audit)),
      async (reply) => {
        await context.sendActivity(reply);
      },
    );
  }

  /**
   * A 👍 / 👎 click (or a reason sent): recorded, then the card it was on is updated in place with the
   * thanks (updateActivity on `replyToId`). Without a `replyToId` (some clients) the thanks is a short message.
   */
  private async feedback(context: TurnContext, click: FeedbackClick): Promise<void> {
    const activity = context.activity;
    const user = activity.from?.aadObjectId ?? activity.from?.id;
    const reason = reasonOf(click);
    const workspace = tenantOf(activity);
    if (user) this.options.audit?.voted({ answerId: click.answerId, vote: click.vote, user: { platform: 'teams', workspace, user }, ...(reason ? { reason } : {}) });
    if (!activity.replyToId) {
      await context.sendActivity(`Thanks: recorded ${click.vote === 'up' ? '👍' : '👎'}`);
      return;
    }
    let card: CardMessage;
    try {
      const answer = this.engine.answer(click.question);
      card = withThanks(answerMessage(answer, { actions: feedbackActions(click.answerId, answer.question) }), { ...click, ...(reason ? { reason } : { reason: undefined }) });
    } catch (error) {
      this.logger.error({ err: error }, 'answering a Teams question again for its feedback card failed');
      return;
    }
    await context.updateActivity({ ...card, id: activity.replyToId });
  }
}
