/**
 * What the bot does with each Slack request; translation only (the core decides what is true):
 * - the slash command: answered privately in the ack itself (response_type "ephemeral"), with a
 *   "Share in channel" button; alone or with "help", the core's help, whose examples are buttons
 *   (https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands);
 * - a help example's button: its question answered privately through the click's response_url;
 * - the share button: posts the same answer to the channel through the click's response_url
 *   (response_type "in_channel"), then deletes the private copy
 *   (https://docs.slack.dev/interactivity/handling-user-interaction#message_responses);
 * - `app_mention`: answered in a thread under the question (thread_ts = the thread's, or the message's ts);
 * - `message.im`: answered in the DM (in the thread when the question was in one).
 * - a questionnaire (XLSX or CSV) sent in a DM or attached to a mention: answered into a filled copy uploaded
 *   to the thread (files.ts).
 * Messages from bots (this one included), edits and other subtypes are ignored; an Events API delivery
 * is answered once (see `skipRedelivered`), and so is a Share click (see the share listener). Every answer
 * goes through the shared turn pipeline (../turn.ts): question (Slack syntax removed by mention.ts) → Answer
 * → Block Kit → reply; help is the core's to recognise.
 */
import { performance } from 'node:perf_hooks';
import type { App, BlockAction, ButtonAction, Middleware, AnyMiddlewareArgs, SlashCommand } from '@slack/bolt';
import { reportLine, type Engine } from '../../src/index.js';
import type { Logger } from '../logger.js';
import { runTurn, type Surface, type TurnInput, type TurnRecord } from '../turn.js';
import { ASK_ACTION_ID, renderAnswer, renderFailure, SHARE_ACTION_ID, type RenderOptions, type SlackMessage } from './blocks.js';
import { claimKey, claimOrProceed, type DeliveryClaims } from '../dedupe.js';
import { FEEDBACK_ACTION_IDS, FEEDBACK_REASON_CALLBACK_ID, feedbackButtons } from './feedback.js';
import { registerFeedback } from './feedback-listeners.js';
import type { AuditRecorder } from '../store/index.js';
import type { InFlight } from './inflight.js';
import type { ReplyPoster } from './reply-poster.js';
import { isTimeout } from './transport.js';
import type { CommandAck, CommandRoute } from './receiver.js';
import { questionFromSlackText } from './mention.js';
import { answerFileMessage, filesOf, type SlackFileDeps } from './files.js';

/** What the listeners need. */
export interface ListenerDeps {
  engine: Engine;
  /** The slash command's name, e.g. "/compliance". */
  command: string;
  logger: Logger;
  /** Delivery claims: an event or a click is acted on by whoever claims it first (adapters/dedupe.ts). */
  claims: DeliveryClaims;
  /** Listeners still running (drained on stop). */
  inFlight: InFlight;
  /** Posts replies: per-channel queues with deadlines (reply-poster.ts). */
  poster: ReplyPoster;
  /** Told of every turn after its reply was sent (the audit trail). */
  onTurn?: (record: TurnRecord) => void | Promise<void>;
  /** Where votes are recorded (absent: nowhere); the 👍 / 👎 buttons are shown only with it. */
  audit?: AuditRecorder;
  /** Questionnaires sent as files: the bot token for the download, SLACK_API_URL's host, the caps. */
  files?: Pick<SlackFileDeps, 'botToken' | 'apiUrl' | 'limits'>;
}

/** The Slack surface of the turn pipeline, with the given render options; `feedback` adds 👍 / 👎 to answers. */
export function slackSurface(options: RenderOptions = {}, feedback = false): Surface<SlackMessage> {
  return {
    render: (answer, turn) =>
      renderAnswer(answer, feedback && answer.intent !== 'help' ? { ...options, actions: [...(options.actions ?? []), ...feedbackButtons(turn.answerId, answer.question)] } : options),
    failure: (report) => renderFailure(reportLine(report)),
  };
}

/** What registering the listeners gives back. */
export interface Registered {
  /** The slash command's listener, for the HTTP receiver to answer it without Bolt's dispatch (receiver.ts). */
  command: CommandRoute;
}

/** Registers the middleware and listeners on a Bolt app. */
export function registerListeners(app: App, deps: ListenerDeps): Registered {
  const { command, logger, claims, inFlight, poster, audit } = deps;
  const turn = (input: Omit<TurnInput, 'platform' | 'receivedAt'>, options: RenderOptions, send: (message: SlackMessage) => Promise<boolean | void>) =>
    runTurn(deps, { platform: 'slack', receivedAt: performance.now(), ...input }, slackSurface({ command, ...options }, Boolean(audit)), send);
  /** A message with files goes to the questionnaire flow (files.ts); false when it was none (answer its words). */
  const fileMessage = async (client: SlackFileClient, event: unknown, channel: string, threadTs: string, text: string): Promise<boolean> => {
    const files = filesOf(event);
    if (files.length === 0 || !deps.files) return false;
    return answerFileMessage(client, { channel, threadTs, files, text: questionFromSlackText(text) }, { engine: deps.engine, logger, ...deps.files });
  };

  /**
   * An event's turn, once Bolt has acknowledged the event: its reply may wait in its channel's queue
   * (reply-poster.ts), and awaiting it here would keep Bolt's request and response objects alive for as long
   * (thousands of them under a load the Web API could not take; issue 10). Tracked for the drain instead.
   */
  const inBackground = (work: Promise<unknown>) => {
    inFlight.track(work).catch((error: unknown) => logger.error({ err: error, slackError: slackError(error) }, 'Slack listener failed'));
  };

  app.use(async ({ next }) => {
    await inFlight.track(next());
  });
  app.use(skipRedelivered(claims, logger));
  app.use(acknowledgeUnknown(command, logger));

  // The slash command: the same listener under Bolt (Socket Mode) and in the HTTP receiver.
  const answerCommand = async (payload: SlashCommand, ack: CommandAck) => {
    const question = questionFromSlackText(payload.text ?? '');
    await turn({ question, user: payload.user_id, conversation: payload.channel_id, workspace: payload.team_id, via: 'slash_command' }, { echoQuestion: true, shareButton: true }, async (message) => {
      await ack({ response_type: 'ephemeral', ...message });
    });
  };
  app.command(command, ({ command: payload, ack }) => answerCommand(payload, ack as CommandAck));

  app.action<BlockAction<ButtonAction>>(SHARE_ACTION_ID, async ({ ack, action, body, respond }) => {
    await ack();
    // A replayed click (same trigger_id and action_ts) would post the answer to the channel again.
    if (!(await claimOrProceed(claims, claimKey.slackAction(body.trigger_id ?? '', action.action_ts ?? ''), logger))) {
      logger.info({ triggerId: body.trigger_id, actionTs: action.action_ts, channel: body.channel?.id }, 'skipped a Share click already handled');
      return;
    }
    const question = action.value ?? '';
    const where = body.channel?.id ? { conversation: body.channel.id } : {};
    await turn({ question, user: body.user.id, ...where, ...team(body), via: 'share' }, { echoQuestion: true, sharedBy: body.user.id }, async (message) => {
      try {
        await respond({ response_type: 'in_channel', replace_original: false, ...message });
        await respond({ delete_original: true });
        return true;
      } catch (error) {
        // respond() posts to the click's response_url through the transport, with its deadline.
        const reason = isTimeout(error) ? 'the response_url did not answer in time' : (slackError(error) ?? 'failed');
        logger.error(
          { err: error, slackError: slackError(error), channel: body.channel?.id, triggerId: body.trigger_id, actionTs: action.action_ts },
          `could not share the answer in the channel: ${reason}`,
        );
        return false;
      }
    });
  });

  // A help example's button: asks its question, answered to the clicker only (like the slash command).
  app.action<BlockAction<ButtonAction>>(ASK_ACTION_ID, async ({ ack, action, body, respond }) => {
    await ack();
    const question = questionFromSlackText(action.value ?? '');
    const where = body.channel?.id ? { conversation: body.channel.id } : {};
    await turn({ question, user: body.user.id, ...where, ...team(body), via: 'example_button' }, { echoQuestion: true, shareButton: true }, async (message) => {
      try {
        await respond({ response_type: 'ephemeral', replace_original: false, ...message });
        return true;
      } catch (error) {
        const reason = isTimeout(error) ? 'the response_url did not answer in time' : (slackError(error) ?? 'failed');
        logger.error({ err: error, slackError: slackError(error), channel: body.channel?.id, triggerId: body.trigger_id }, `could not answer an example button: ${reason}`);
        return false;
      }
    });
  });

  registerFeedback(app, { engine: deps.engine, command, logger, audit });

  app.event('app_mention', async ({ event, context, body, client }) => {
    if (event.bot_id || event.subtype || event.user === undefined || event.user === context.botUserId) return;
    if (await fileMessage(client, event, event.channel, event.thread_ts ?? event.ts, event.text)) return;
    const question = questionFromSlackText(event.text);
    const { channel, ts } = event;
    const threadTs = event.thread_ts ?? ts;
    const eventId = body.event_id;
    inBackground(
      turn({ question, user: event.user, conversation: channel, ...team(body), via: 'app_mention' }, {}, (message) =>
        poster.post({ channel, thread_ts: threadTs, ...message }, { eventId }),
      ),
    );
  });

  app.event('message', async ({ event, context, body, client }) => {
    // Only a person's own new message in a DM: no bot_message, no edits or deletions (subtypes), not ours;
    // a message with files has the subtype file_share (https://docs.slack.dev/reference/events/message/file_share).
    if (event.channel_type !== 'im' || (event.subtype !== undefined && event.subtype !== 'file_share')) return;
    if ((event as { bot_id?: string }).bot_id || event.user === context.botUserId) return;
    if (event.subtype === 'file_share' && (await fileMessage(client, event, event.channel, event.thread_ts ?? event.ts, event.text ?? ''))) return;
    const question = questionFromSlackText(event.text ?? '');
    const user = event.user ? { user: event.user } : {};
    const { channel } = event;
    const thread = event.thread_ts ? { thread_ts: event.thread_ts } : {};
    const eventId = body.event_id;
    inBackground(
      turn({ question, ...user, conversation: channel, ...team(body), via: 'direct_message' }, {}, (message) =>
        poster.post({ channel, ...thread, ...message }, { eventId }),
      ),
    );
  });

  return {
    command: {
      name: command,
      run: (payload, ack) =>
        inFlight.track(answerCommand(payload, ack)).catch((error: unknown) => {
          logger.error({ err: error, slackError: slackError(error) }, 'Slack listener failed');
          throw error;
        }),
    },
  };
}

/** The workspace of a request: an event's `team_id`, an interaction's `team.id` or `user.team_id`. */
function team(body: unknown): { workspace?: string } {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } };
  const id = [b.team_id, b.team?.id, b.user?.team_id].find((x): x is string => typeof x === 'string' && x !== '');
  return id ? { workspace: id } : {};
}

type SlackFileClient = Parameters<typeof answerFileMessage>[0];

/** The error code Slack gave (`channel_not_found`, `not_in_channel`, ...), or the HTTP status / error code. */
export function slackError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; data?: { error?: unknown }; statusCode?: unknown; message?: unknown };
  if (typeof e.data?.error === 'string') return e.data.error;
  if (typeof e.statusCode === 'number') return `http_${e.statusCode}`;
  return typeof e.code === 'string' ? e.code : undefined;
}

/**
 * Global middleware: an Events API delivery is answered once, decided by `event_id` alone. The first
 * delivery of an event this process sees is answered, whatever its X-Slack-Retry-Num (HTTP) or
 * `retry_attempt` (Socket Mode) says: a retry may be the only delivery that reached this process (the
 * first timed out on its way, or reached a process that has since restarted). Later deliveries of the
 * same `event_id` are skipped, logged at info. Bolt has already acknowledged the event, so Slack stops
 * retrying. https://docs.slack.dev/apis/events-api/#retries
 */
export function skipRedelivered(claims: DeliveryClaims, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (!('event' in body) || typeof eventId !== 'string') return next();
    if (!(await claimOrProceed(claims, claimKey.slackEvent(eventId), logger))) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, 'skipped an event already answered');
      return;
    }
    await next();
  };
}

/**
 * Global middleware: requests that need an ack but that no listener takes (another slash command, another
 * button) are acknowledged empty at once, rather than left for Bolt to time out after 3 s with a 404.
 */
export function acknowledgeUnknown(command: string, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as { command?: unknown; type?: unknown; actions?: Array<{ action_id?: unknown }> };
    const unknownCommand = typeof body.command === 'string' && body.command !== command;
    const known = (id: unknown) => id === SHARE_ACTION_ID || (typeof id === 'string' && (ASK_ACTION_ID.test(id) || FEEDBACK_ACTION_IDS.includes(id)));
    const unknownAction = Array.isArray(body.actions) && !body.actions.some((a) => known(a?.action_id));
    const ourView = body.type === 'view_submission' && (body as { view?: { callback_id?: unknown } }).view?.callback_id === FEEDBACK_REASON_CALLBACK_ID;
    const otherInteraction = typeof body.type === 'string' && !('event' in body) && body.type !== 'block_actions' && body.type !== 'event_callback' && !ourView;
    if ((unknownCommand || unknownAction || otherInteraction) && 'ack' in args && typeof args.ack === 'function') {
      logger.debug({ command: body.command, type: body.type }, 'acknowledged a request with no listener');
      await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}
