/**
 * HTTP transport: a Bolt receiver on node:http (https://docs.slack.dev/tools/bolt-js/concepts/receiver), on
 * the server's own HTTP server at `POST /slack/events` (Events API, slash commands and interactivity on one
 * URL, as the manifest says), built from Bolt's own pieces: `HTTPModuleFunctions` reads the body (with its
 * limit), verifies the signature and parses it, and `HTTPResponseAck` is each request's ack, as in Bolt's
 * HTTPReceiver. It replaces ExpressReceiver: Express's routing, request and response wrappers and body
 * reading under it were a tenth of a slash command's CPU (issue 10), and nothing of Express is needed here.
 *
 * Bolt reads (up to 4 MB) and hashes a body before it looks at the signature headers, so unsigned bodies
 * cost memory and CPU. A check on the headers alone, before any byte of the body is read, refuses with 401 a
 * request whose `X-Slack-Signature` is not `v0=` and 64 hex digits, or whose `X-Slack-Request-Timestamp` is
 * not plain decimal digits within five minutes of this server's clock, in either direction
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack; Bolt 5.1 took `T.0`, `+T`, `0x…` and
 * `1.79e9` through `Number()` and compared only with five minutes ago), and with 413 one that declares a body
 * over {@link MAX_BODY_BYTES}; a body that grows past it while read is cut at that limit (413). Refusals close
 * the connection, so an unread body is not read either.
 *
 * After the signature check, the payload itself is checked (payloads.ts, once per request): a body that is
 * no Slack payload (`{}`, `[]`, `null`) gets 400 at once (Bolt would wait 3 s for an ack and answer 404, or
 * fail with 500); a Slack payload whose fields are malformed is acknowledged with 200 (Slack retries
 * anything else) and ignored with a warning; a well-formed callback Bolt has no route for (e.g.
 * `app_rate_limited`) gets 200.
 *
 * The slash command (the one named in SLACK_COMMAND) is answered by {@link SlackHttpReceiver.command} without
 * going through Bolt's dispatch: its answer is the HTTP response itself, and Bolt's middleware chain, built
 * per request (a dozen closures and promises, a 3 s ack timer), was a fifth of its CPU while the listener reads
 * nothing that chain adds (issue 10). Socket Mode, and every other request, go through Bolt.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as httpFunc, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver, type ReceiverEvent, type SlashCommand } from '@slack/bolt';
import { IntervalLog } from '../logger.js';
import { checkSlackBody } from './payloads.js';

/** The one endpoint for events, commands and interactivity. */
export const SLACK_ROUTE = '/slack/events';

/** Largest difference between a request's timestamp and this server's clock, either way. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * Largest request body taken, in bytes. Slack's largest payloads (a view submission, a message with many
 * blocks) are tens of kilobytes; 1 MB is ample.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * True when `header` (X-Slack-Request-Timestamp, in seconds) is plain decimal digits and within
 * {@link MAX_CLOCK_SKEW_S} of `nowMs`. Anything else (missing, repeated, signed, fractional, hexadecimal,
 * exponent) is refused.
 */
export function timestampInWindow(header: string | string[] | undefined, nowMs = Date.now()): boolean {
  if (typeof header !== 'string' || !/^\d{1,12}$/u.test(header)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(header)) <= MAX_CLOCK_SKEW_S;
}

/** True when `header` (X-Slack-Signature) has the shape of a v0 signature: `v0=` and 64 hexadecimal digits. */
export function signatureWellFormed(header: string | string[] | undefined): boolean {
  return typeof header === 'string' && /^v0=[0-9a-f]{64}$/u.test(header);
}

/**
 * Why the headers alone refuse a request, or undefined when they do not: the status and a reason for the
 * log. Pure.
 */
export function refuseByHeaders(headers: Record<string, string | string[] | undefined>, nowMs = Date.now()): { status: 401 | 413; reason: string } | undefined {
  if (!signatureWellFormed(headers['x-slack-signature'])) return { status: 401, reason: 'the X-Slack-Signature header is missing or malformed' };
  if (!timestampInWindow(headers['x-slack-request-timestamp'], nowMs)) {
    return { status: 401, reason: 'the X-Slack-Request-Timestamp header is missing, not plain digits, or more than five minutes from now' };
  }
  const length = headers['content-length'];
  if (typeof length === 'string' && /^\d+$/u.test(length) && Number(length) > MAX_BODY_BYTES) return { status: 413, reason: 'the body is over 1 MB' };
  return undefined;
}

/** Refusals are logged at most once a minute, with how many were not: a flood must not flood the log. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/** Options for the HTTP receiver. */
export interface SlackReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
}

/** A slash command's answer, sent as the HTTP response (the ack). */
export type CommandAck = (message: Record<string, unknown>) => Promise<void>;

/** The slash command answered by the receiver itself: its name, and its listener (listeners.ts). */
export interface CommandRoute {
  name: string;
  /** Answers through `ack`; rejects when it failed (it has logged why), and the request then gets 500 if unanswered. */
  run(payload: SlashCommand, ack: CommandAck): Promise<void>;
}

/** Bolt's receiver for `POST /slack/events` on the server's HTTP server; see the module's comment. */
export class SlackHttpReceiver implements Receiver {
  private readonly log: BoltLogger;
  private readonly signingSecret: string;
  private readonly refusals = new IntervalLog(REFUSAL_LOG_INTERVAL_MS);
  private bolt: App | undefined;
  /** The slash command answered without Bolt's dispatch (set once the listeners are registered). */
  command: CommandRoute | undefined;

  constructor({ signingSecret, logger }: SlackReceiverOptions) {
    this.signingSecret = signingSecret;
    this.log = logger;
  }

  init(app: App): void {
    this.bolt = app;
  }

  /** The server listens, not the receiver. */
  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Takes the request when it is Slack's (`POST /slack/events`, any query string) and answers it; false for
   * any other request, which the caller routes on.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || !isSlackRoute(req.url)) return false;
    const refusal = refuseByHeaders(req.headers);
    if (refusal) {
      this.refusals.hit((suppressed) => this.log.warn(`Request refused before reading its body: ${refusal.reason}${suppressed ? ` (and ${suppressed} more since the last such line)` : ''}`));
      res.writeHead(refusal.status, { connection: 'close', 'content-length': 0 }).end();
      return true;
    }
    this.receive(req, res).catch((error: unknown) => {
      this.log.error('Slack request failed', error);
      if (!res.headersSent) httpFunc.buildNoBodyResponse(res, 500);
    });
    return true;
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: Awaited<ReturnType<typeof httpFunc.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await httpFunc.parseAndVerifyHTTPRequest({ signingSecret: this.signingSecret, bodyLimit: MAX_BODY_BYTES }, req);
    } catch (error) {
      if (httpFunc.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
        this.refusals.hit((suppressed) => this.log.warn(`Request body exceeded the maximum allowed size${suppressed ? ` (and ${suppressed} more refusals since the last such line)` : ''}`));
        httpFunc.buildNoBodyResponse(res, 413);
        return;
      }
      // Once a minute with a count, as the refusals before the body is read: a flood of wrongly signed requests
      // wrote one line each.
      const reason = error instanceof Error ? error.message : String(error);
      this.refusals.hit((suppressed) => this.log.warn(`Request verification failed: ${reason}${suppressed ? ` (and ${suppressed} more refusals since the last such line)` : ''}`));
      httpFunc.buildNoBodyResponse(res, 401);
      return;
    }
    let body: unknown;
    try {
      body = httpFunc.parseHTTPRequestBody(buffered);
    } catch (error) {
      this.log.warn(`Malformed request body: ${error instanceof Error ? error.message : String(error)}`);
      httpFunc.buildNoBodyResponse(res, 400);
      return;
    }
    const b = body as Record<string, unknown> | null;
    if (b?.ssl_check === '1') return httpFunc.buildSSLCheckResponse(res);
    if (b?.type === 'url_verification') return httpFunc.buildUrlVerificationResponse(res, b);

    const verdict = checkSlackBody(body);
    switch (verdict.kind) {
      case 'not-slack':
        this.log.warn('Rejected a signed request whose body is no Slack payload');
        return httpFunc.buildNoBodyResponse(res, 400);
      case 'malformed':
        this.log.warn(`Ignored a malformed Slack payload (${verdict.payload}): ${verdict.problem}`);
        return httpFunc.buildNoBodyResponse(res, 200);
      case 'ignore':
        this.log.debug(`Acknowledged a callback of type ${String(b!.type)} with no listener`);
        return httpFunc.buildNoBodyResponse(res, 200);
      case 'dispatch':
        break;
    }
    const command = this.command;
    if (command && b!.command === command.name) {
      try {
        await command.run(b as unknown as SlashCommand, async (message) => httpFunc.buildContentResponse(res, message));
      } catch {
        if (!res.headersSent) httpFunc.buildNoBodyResponse(res, 500);
      }
      return;
    }
    await this.dispatch(req, res, buffered, b as Record<string, unknown>);
  }

  /** Bolt's dispatch, as its HTTPReceiver does it: an ack bound to the response, then `processEvent`. */
  private async dispatch(req: IncomingMessage, res: ServerResponse, buffered: IncomingMessage, body: Record<string, unknown>): Promise<void> {
    const ack = new HTTPResponseAck({
      logger: this.log,
      processBeforeResponse: false,
      unhandledRequestHandler: httpFunc.defaultUnhandledRequestHandler,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    const event: ReceiverEvent = {
      body,
      ack: ack.bind(),
      retryNum: httpFunc.extractRetryNumFromHTTPRequest(req),
      retryReason: httpFunc.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await this.bolt?.processEvent(event);
      if (ack.storedResponse !== undefined) httpFunc.buildContentResponse(res, ack.storedResponse);
    } catch (error) {
      if (await httpFunc.defaultProcessEventErrorHandler({ error: error as Error, logger: this.log, request: req, response: res, storedResponse: ack.storedResponse })) ack.ack();
    }
  }
}

/** True for `/slack/events`, with or without a query string. */
function isSlackRoute(url: string | undefined): boolean {
  if (!url?.startsWith(SLACK_ROUTE)) return false;
  return url.length === SLACK_ROUTE.length || url[SLACK_ROUTE.length] === '?';
}
