/**
 * A typing indicator for slow turns, at most one per turn. botbuilder's ShowTypingMiddleware repeats its
 * indicator every period until the turn ends, so under overload, exactly when turns are slow, it adds
 * connector calls (688 posts for 506 requests in one bench run, issue 10). This one sends a single typing
 * activity when a message turn has not replied within `delayMs`, and none while more than `maxInFlight`
 * turns are running (the bot is shedding load: an indicator would only add to it)
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages#send-a-typing-indicator).
 */
import { ActivityTypes, TurnContext, type Middleware } from 'botbuilder';

/** Options of {@link OneTypingIndicator}. */
export interface TypingOptions {
  /** How long a message turn may run before the indicator is sent, in ms. */
  delayMs: number;
  /** More turns than this running at once: no indicator at all. */
  maxInFlight: number;
  /** Told when the indicator could not be sent (the reply itself is unaffected). */
  onError?: (error: unknown) => void;
}

/** Middleware for CloudAdapter.use: one typing activity for a slow message turn, none when overloaded. */
export class OneTypingIndicator implements Middleware {
  private inFlight = 0;

  constructor(private readonly options: TypingOptions) {}

  /** Turns running now (message turns and others). */
  get running(): number {
    return this.inFlight;
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    this.inFlight++;
    let finished = false;
    // Set when the turn starts sending its reply, not when the connector has taken it (`responded`): with a slow
    // connector the indicator went out after the answer and showed "typing…" under it.
    let replying = false;
    context.onSendActivities(async (_context, activities, nextSend) => {
      if (activities.some((a) => a.type === ActivityTypes.Message)) replying = true;
      return nextSend();
    });
    const timer =
      context.activity.type === ActivityTypes.Message
        ? setTimeout(() => {
            if (finished || replying || context.responded || this.inFlight > this.options.maxInFlight) return;
            this.send(context).catch((error: unknown) => this.options.onError?.(error));
          }, this.options.delayMs)
        : undefined;
    try {
      await next();
    } finally {
      finished = true;
      clearTimeout(timer);
      this.inFlight--;
    }
  }

  // Through the adapter, as ShowTypingMiddleware does: no other middleware, and the turn's `responded` flag
  // stays false (onTurnError reads it to decide whether to apologise).
  private async send(context: TurnContext): Promise<void> {
    const reference = TurnContext.getConversationReference(context.activity);
    const typing = TurnContext.applyConversationReference({ type: ActivityTypes.Typing, relatesTo: context.activity.relatesTo }, reference);
    await context.adapter.sendActivities(context, [typing]);
  }
}
