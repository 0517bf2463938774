/**
 * The bot's behaviour, as one botbuilder ActivityHandler (the shape of the BotBuilder samples): a message
 * becomes a question, the core answers, the Answer goes back as a card. It decides nothing about scope.
 */
import { ActivityHandler, StatusCodes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Engine, ReportRef } from '../../src/index.js';
import type { Logger } from '../logger.js';
import { APOLOGY_TEXT, answerMessage, helpMessage, type CardMessage } from './card.js';
import { questionFromMessage } from './mention.js';

/** What the bot needs: the core's engine and a logger. */
export interface ComplianceBotOptions {
  engine: Engine;
  logger: Logger;
}

/** Words that ask for help rather than ask a question ("help", "/help", "?", with any trailing punctuation). */
export function isHelpRequest(question: string): boolean {
  return /^(?:\/?help|\?)[\s.!?]*$/iu.test(question) || question === '';
}

/** The report the engine answers from, in the Answer's shape. */
export function reportRef(engine: Engine): ReportRef {
  const { id, title, period } = engine.report;
  return { id, title, periodStart: period.start, periodEnd: period.end };
}

/** Answers Teams messages with Adaptive Cards; introduces itself when added to a conversation. */
export class ComplianceBot extends ActivityHandler {
  private readonly engine: Engine;
  private readonly logger: Logger;

  constructor(options: ComplianceBotOptions) {
    super();
    this.engine = options.engine;
    this.logger = options.logger;

    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });

    // Teams sends conversationUpdate with the bot among membersAdded when the app is added to a chat or
    // team (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/subscribe-to-conversation-events#members-added).
    // Users joining later also arrive here: greet only when the bot itself was added, and only once per event.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (botId && context.activity.membersAdded?.some((m) => m.id === botId)) {
        await context.sendActivity(helpMessage({ report: reportRef(this.engine), botName: context.activity.recipient.name, welcome: true }));
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
  protected override async onInvokeActivity(_context: TurnContext): Promise<InvokeResponse> {
    return { status: StatusCodes.OK };
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const question = questionFromMessage(activity);
    if (question === '' || isHelpRequest(question)) {
      await context.sendActivity(helpMessage({ report: reportRef(this.engine), botName: activity.recipient?.name }));
      return;
    }

    let reply: CardMessage | string;
    try {
      const answer = this.engine.answer(question);
      reply = answerMessage(answer);
      this.logger.debug({ conversationType: activity.conversation?.conversationType, intent: answer.intent, verdict: answer.verdict }, 'answered');
    } catch (error) {
      // Never shown to the user: the error may carry internals.
      this.logger.error({ err: error, conversationType: activity.conversation?.conversationType }, 'answering a Teams message failed');
      reply = APOLOGY_TEXT;
    }
    await context.sendActivity(reply);
  }
}
