/**
 * Wiring of the Teams adapter (as in the BotBuilder samples' index.ts): configuration -> botbuilder
 * CloudAdapter -> `POST /api/messages` on the server's HTTP server. Everything Teams-specific stays in this
 * folder, so a move to the Microsoft 365 Agents SDK touches only it.
 *
 * The route is answered on node:http, in front of express (as Slack's receiver is): express's router and
 * its request/response wrappers did nothing here but cost a part of every turn's CPU (issue 10). The body is
 * still read by express's own JSON parser (body-parser: its limit, charsets, inflation and error types), and
 * the turn is still botbuilder's CloudAdapter `processActivity`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from 'express';
import {
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Engine } from '../../src/index.js';
import type { TeamsConfig } from '../config.js';
import type { AuditRecorder } from '../store/index.js';
import { claimKey, claimOrProceed, MemoryClaims, type DeliveryClaims } from '../dedupe.js';
import { IntervalLog, type Logger } from '../logger.js';
import { AuthDeadlineError, authorizationGuard, classifyAuthFailure } from './auth-guard.js';
import { ComplianceBot } from './bot.js';
import { routeConsoleError } from './console.js';
import { APOLOGY_TEXT } from './card.js';
import { cut } from './escape.js';
import { LIMITS } from './limits.js';
import { checkActivity } from './activity.js';
import { checkLoopbackServiceUrl, isLoopbackPeer } from './loopback.js';
import { CachingBotFrameworkAuthentication } from './connector-cache.js';
import { CONNECTOR_RETRY, NO_RETRY } from './connector-retry.js';
import { OneTypingIndicator } from './typing.js';
import { TeamsQuestionnaires } from './files.js';

/** What the server passes to the Teams adapter. */
export interface TeamsMountOptions {
  config: TeamsConfig;
  engine: Engine;
  logger: Logger;
  /** Delivery claims shared with the other adapters (default: in this process's memory). */
  claims?: DeliveryClaims;
  /** Where answered questions and votes are recorded, after the reply (absent: nowhere). */
  audit?: AuditRecorder;
  /** How long validating a token may take (fetching signing keys included) before the request gets 503. */
  authDeadlineMs?: number;
}

/** A mounted Teams adapter. */
export interface TeamsHandle {
  /** The messaging endpoint, `/api/messages`. */
  readonly route: string;
  /**
   * Takes the request when it is `POST /api/messages` (any query string) and answers it; false for any
   * other request, which the caller routes on.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** The botbuilder adapter, for proactive use later. */
  readonly adapter: CloudAdapter;
  /**
   * Waits up to `graceMs` for the turns in flight (each holds its request until its reply is sent); every
   * turn still running then is logged as abandoned with its ids, and the total. Resolves with that total.
   */
  stop(graceMs: number): Promise<number>;
}

/** A message turn slower than this shows one typing indicator (typing.ts). */
const TYPING_DELAY_MS = 500;
/** With more turns than this running at once, no typing indicator: the bot is overloaded. */
const TYPING_MAX_IN_FLIGHT = 16;

/** Default deadline for token validation; the Bot Framework gives the whole request 15 s. */
const AUTH_DEADLINE_MS = 5_000;
/** Repeated refusals and key-fetch failures are logged at most once per this interval, with a count. */
const LOG_INTERVAL_MS = 60_000;

/** The messaging endpoint the Azure Bot registration points at. */
export const TEAMS_ROUTE = '/api/messages';

/**
 * Authentication from the validated config, as botbuilder's ConfigurationBotFrameworkAuthentication
 * expects it (https://learn.microsoft.com/azure/bot-service/bot-builder-authentication). With no app id,
 * botbuilder disables authentication: that is local mode. Connector clients are reused across turns
 * (connector-cache.ts).
 */
export function createAuthentication(config: TeamsConfig): BotFrameworkAuthentication {
  const deadline = config.connectorTimeoutMs === undefined ? {} : { timeoutMs: config.connectorTimeoutMs };
  if (config.mode === 'local') {
    const local = new CachingBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({}));
    // A loopback emulator that refused a connection refuses the retry too: fail the reply at once.
    local.retry = { ...NO_RETRY, ...deadline };
    return local;
  }
  const credentials = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId,
  });
  const authenticated = new CachingBotFrameworkAuthentication(
    {
      MicrosoftAppId: config.appId,
      MicrosoftAppTenantId: config.tenantId,
      ...(config.openIdMetadataUrl ? publicCloudWith(config.openIdMetadataUrl) : {}),
    },
    credentials,
  );
  authenticated.retry = { ...CONNECTOR_RETRY, ...deadline };
  return authenticated;
}

/**
 * The public cloud's settings with another OpenID metadata document (a local stand-in in tests). botbuilder
 * takes all of them or none (BotFrameworkAuthenticationFactory.create), so each is spelled out, with the
 * values of botframework-connector's AuthenticationConstants.
 */
function publicCloudWith(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}

/**
 * CloudAdapter that runs a turn for a request authenticated beforehand (by the endpoint, with a deadline
 * and its own answers to a bad token), instead of `process`, which authenticates again, answers a failed
 * key fetch with 500 and the error's text, and prints errors with console.error.
 */
class PreauthenticatedAdapter extends CloudAdapter {
  /** Runs the turn; resolves with the invoke response, if the activity was an invoke. */
  runTurn(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(auth, activity, logic);
  }
}
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;
type Activity = Parameters<BotFrameworkAuthentication['authenticateRequest']>[0];

/** What botbuilder's process() does to an activity first (activityValidator.ts): timestamps become Dates. */
function withDates(activity: Record<string, unknown>): Activity {
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/** Resolves or rejects as `work` does, or rejects with AuthDeadlineError after `ms`. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AuthDeadlineError(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** botbuilder's BotFrameworkAuthentication (exported by botframework-connector, a transitive package). */
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

/** Turn state key: a connector failure of this turn has been logged. */
const CONNECTOR_FAILED = Symbol('connectorFailed');

/**
 * The HTTP status or system error code of a failed connector call (core-rest-pipeline's RestError carries
 * `statusCode` for an answer, `code` such as ECONNREFUSED for no answer; connector-retry.ts's
 * ConnectorDeadlineError, ETIMEDOUT, for no answer in time); undefined for any other error.
 */
export function connectorFailure(error: unknown): { status?: number; code?: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; statusCode?: unknown; code?: unknown };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  return e.name === 'RestError' || e.name === 'ConnectorDeadlineError' || status !== undefined ? { status, code } : undefined;
}

/** The ids of a turn whose reply was lost, for the log line that says so. */
function lostReply(context: TurnContext): Record<string, unknown> {
  const a = context.activity;
  return { activityType: a.type, activityId: a.id, conversationId: a.conversation?.id };
}

const errorName = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : 'unknown error');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * True for `/api/messages` as express's router matched it: any letter case, an optional trailing slash and
 * any query string.
 */
export function isTeamsRoute(url: string | undefined): boolean {
  if (!url) return false;
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q)).toLowerCase();
  return path === TEAMS_ROUTE || path === `${TEAMS_ROUTE}/`;
}

/** A JSON answer, as express's `res.status(status).json(body)` wrote it (content type, length). */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
}

/** What express's JSON parser leaves on the request: the parsed body (undefined when not JSON). */
type ParsedRequest = IncomingMessage & { body?: unknown };

/** Returns the Teams handle; the server hands it each request first (`handle`). */
export function mountTeams({ config, engine, logger, claims = new MemoryClaims(), audit, authDeadlineMs = AUTH_DEADLINE_MS }: TeamsMountOptions): TeamsHandle {
  const auth = createAuthentication(config);
  const adapter = new PreauthenticatedAdapter(auth);
  // botbuilder prints some errors (a refused token's key list, an expired token) with console.error.
  routeConsoleError(logger.child({ component: 'botbuilder' }));
  const guard = config.mode === 'authenticated' ? authorizationGuard({ tenantId: config.tenantId }) : undefined;
  const refusals = new IntervalLog(LOG_INTERVAL_MS);
  /** Turns whose reply is not yet sent, with the ids to log if shutdown cuts them. */
  const inFlight = new Set<{ activityId?: string; conversationId: string; activityType: string }>();
  const keyFailures = new IntervalLog(LOG_INTERVAL_MS);
  // A typing indicator only when a turn is slow: answers take well under a millisecond, so one sent for every
  // question would only flash and double the requests to the connector
  // (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages#send-a-typing-indicator).
  // One indicator at most, and none under overload (typing.ts).
  adapter.use(
    new OneTypingIndicator({
      delayMs: TYPING_DELAY_MS,
      maxInFlight: TYPING_MAX_IN_FLIGHT,
      onError: (error) => logger.debug({ err: error }, 'could not send the typing indicator'),
    }),
  );
  const questionnaires = new TeamsQuestionnaires({ engine, logger, limits: config.questionnaire, local: config.mode === 'local' });
  const bot = new ComplianceBot({ engine, logger, audit, questionnaires });

  // Errors escaping a turn (most often the connector refusing or not taking a reply) end up here, from the
  // reply and the typing indicator alike; the request still gets its 200 and the server goes on.
  // A connector failure is logged once per turn and gets no apology: the apology would go to the same
  // connector and fail the same way (and, before connector-retry.ts, wait out the same retries).
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const failure = connectorFailure(error);
    if (failure) {
      if (context.turnState.get(CONNECTOR_FAILED)) return;
      context.turnState.set(CONNECTOR_FAILED, true);
      logger.error(
        { err: error, connectorStatus: failure.status, connectorCode: failure.code, ...lostReply(context) },
        'Teams turn failed: the reply was not delivered',
      );
      return;
    }
    logger.error({ err: error, ...lostReply(context) }, 'Teams turn failed');
    if (context.activity.type !== 'message' || context.responded) return;
    try {
      await context.sendActivity(APOLOGY_TEXT);
    } catch (apologyError) {
      logger.warn({ err: apologyError }, 'could not send the apology either');
    }
  };

  if (config.mode === 'local') {
    logger.warn(
      { route: TEAMS_ROUTE },
      'Teams LOCAL MODE: /api/messages accepts unauthenticated requests from this machine only (other peers get 403, ' +
        'whatever HOST is) and replies only to a loopback serviceUrl. ' +
        'For the Agents Playground or the Bot Framework Emulator on this machine only; set MicrosoftAppId for a real Teams bot.',
    );
  }

  const refuseInvalidToken = (error: unknown, res: ServerResponse): void => {
    refusals.hit((suppressed) => logger.warn({ reason: errorName(error), suppressed }, 'Teams request refused: the token is not valid'));
    sendJson(res, 401, { error: 'unauthorized' });
  };
  /**
   * In authenticated mode, a body the bot cannot read is answered 401 when its token is not valid, before any 400
   * says what is wrong with the body: a forged token learns nothing of the validation (it was 400, break-it round 6).
   * The token is checked against what the body gives of channel and serviceUrl, if anything. Keys that cannot be
   * fetched, or any other failure, leave the 400 to be sent.
   */
  const tokenRefused = async (body: unknown, authorization: string | undefined, res: ServerResponse): Promise<boolean> => {
    if (config.mode !== 'authenticated') return false;
    const b = isObject(body) ? body : {};
    const probe = { type: 'message', channelId: typeof b.channelId === 'string' ? b.channelId : 'msteams', serviceUrl: typeof b.serviceUrl === 'string' ? b.serviceUrl : '' };
    try {
      await withDeadline(auth.authenticateRequest(probe as unknown as Activity, authorization ?? ''), authDeadlineMs);
      return false;
    } catch (error) {
      if (classifyAuthFailure(error) !== 'unauthorized') return false;
      refuseInvalidToken(error, res);
      return true;
    }
  };

  // The request after its body was read. express's parser leaves `body` undefined exactly when the request
  // has no body or is not `application/json` (type-is, as `req.is` was): 415.
  const answer = async (req: ParsedRequest, res: ServerResponse): Promise<void> => {
    if (req.body === undefined) {
      sendJson(res, 415, { error: 'expected a JSON Bot Framework activity' });
      return;
    }
    const authorization = req.headers.authorization;
    // Validated once, here (activity.ts): botbuilder trusts the activity and a malformed one would crash
    // inside the turn. A malformed request is the caller's error: 400, a warning, nothing sent.
    const checked = checkActivity(req.body);
    if (!checked.ok && (await tokenRefused(req.body, authorization, res))) return;
    if (!checked.ok) {
      const type = isObject(req.body) && typeof req.body.type === 'string' ? cut(req.body.type, 50) : undefined;
      logger.warn({ problem: checked.problem, activityType: type }, 'Teams request refused: malformed activity');
      sendJson(res, 400, { error: `malformed Bot Framework activity: ${checked.problem}` });
      return;
    }
    const activity = checked.activity;
    if (config.mode === 'local') {
      const verdict = checkLoopbackServiceUrl(activity.serviceUrl);
      if (!verdict.ok) {
        logger.warn({ reason: cut(verdict.reason, 200), activityType: cut(activity.type, 50) }, 'Teams local mode: refused an activity whose serviceUrl is not loopback; no reply sent');
        sendJson(res, 403, { error: 'in local mode replies go only to a loopback serviceUrl' });
        return;
      }
    }
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await withDeadline(auth.authenticateRequest(activity as unknown as Activity, authorization ?? ''), authDeadlineMs);
    } catch (error) {
      const failure = classifyAuthFailure(error);
      if (failure === 'unauthorized') {
        refuseInvalidToken(error, res);
      } else if (failure === 'unavailable') {
        keyFailures.hit((suppressed) => logger.error({ err: error, suppressed }, 'Teams: could not fetch the Bot Framework signing keys; answering 503'));
        sendJson(res, 503, { error: 'authentication temporarily unavailable' });
      } else {
        logger.error({ err: error }, 'Teams: token validation failed');
        sendJson(res, 500, { error: 'internal error' });
      }
      return;
    }
    // After authentication, so that no forged request can use up an id. Teams may deliver an activity twice.
    if (typeof activity.id === 'string' && activity.id !== '') {
      if (!(await claimOrProceed(claims, claimKey.teamsActivity(activity.conversation.id, activity.id), logger))) {
        logger.info({ activityId: cut(activity.id, 100), conversationId: cut(activity.conversation.id, 200) }, 'Teams: skipped an activity already answered');
        res.writeHead(200, { 'content-length': 0 }).end();
        return;
      }
    }
    const turn = { activityId: activity.id, conversationId: activity.conversation.id, activityType: activity.type };
    inFlight.add(turn);
    res.once('close', () => inFlight.delete(turn));
    try {
      const invoke = await adapter.runTurn(authenticated, withDates(activity), (context) => bot.run(context));
      if (invoke?.body !== undefined) sendJson(res, invoke.status ?? 200, invoke.body);
      else res.writeHead(invoke?.status ?? 200, { 'content-length': 0 }).end();
    } catch (error) {
      logger.error({ err: error, activityId: activity.id, conversationId: activity.conversation.id }, 'Teams request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    }
  };

  // Malformed JSON, a body over the limit or a bad charset: a 4xx with a short JSON error, never a stack.
  const bodyError = async (error: { status?: number; type?: string }, req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const status = error.status ?? 500;
    if (status >= 400 && status < 500 && (await tokenRefused(undefined, req.headers.authorization, res))) return;
    if (status >= 400 && status < 500) {
      logger.warn({ status, type: error.type }, 'Teams request refused: unreadable body');
      sendJson(res, status, { error: error.type === 'entity.parse.failed' ? 'malformed JSON' : 'unreadable request body' });
      return;
    }
    logger.error({ err: error }, 'Teams: reading the request body failed');
    sendJson(res, 500, { error: 'internal error' });
  };

  // The Authorization pre-check comes first, before the body is even read: a forged request costs a header
  // parse and a 401, and leaves nothing behind (auth-guard.ts).
  const UNAUTHORIZED = JSON.stringify({ error: 'unauthorized' });
  const refuseForged = (req: IncomingMessage, res: ServerResponse): boolean => {
    const verdict = guard!(req.headers.authorization);
    if (verdict.ok) return false;
    refusals.hit((suppressed) => logger.warn({ reason: verdict.reason, suppressed }, 'Teams request refused: no Bot Framework token'));
    res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'content-length': UNAUTHORIZED.length }).end(UNAUTHORIZED);
    return true;
  };
  // Local mode takes unauthenticated requests: from this machine only, whatever HOST the server listens on
  // (with Slack on too, HOST defaults to 0.0.0.0).
  const FORBIDDEN = JSON.stringify({ error: 'Teams local mode answers requests from this machine only' });
  const strangers = new IntervalLog(LOG_INTERVAL_MS);
  const refuseStranger = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (isLoopbackPeer(req.socket.remoteAddress)) return false;
    strangers.hit((suppressed) => logger.warn({ suppressed }, 'Teams local mode: refused a request from another machine'));
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'content-length': FORBIDDEN.length, connection: 'close' }).end(FORBIDDEN);
    return true;
  };
  const refuse = guard ? refuseForged : refuseStranger;
  const parseJson = json({ limit: LIMITS.requestBody });
  const failed = (res: ServerResponse) => (error: unknown) => {
    logger.error({ err: error }, 'Teams request failed');
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
  };
  const handle = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'POST' || !isTeamsRoute(req.url)) return false;
    if (refuse(req, res)) return true;
    // body-parser is connect-style middleware and needs nothing of express's request or response.
    parseJson(req as Parameters<typeof parseJson>[0], res as Parameters<typeof parseJson>[1], (error?: unknown) => {
      if (error) bodyError(error as { status?: number; type?: string }, req, res).catch(failed(res));
      else answer(req, res).catch(failed(res));
    });
    return true;
  };
  const stop = async (graceMs: number): Promise<number> => {
    const deadline = Date.now() + graceMs;
    while (inFlight.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const turn of inFlight) logger.error(turn, 'Teams reply abandoned at shutdown');
    if (inFlight.size > 0) logger.error({ abandoned: inFlight.size }, `shutdown: ${inFlight.size} Teams replies abandoned`);
    return inFlight.size;
  };
  return { route: TEAMS_ROUTE, adapter, handle, stop };
}
