/**
 * HTTP transport: Bolt's ExpressReceiver on the server's shared express app, at `POST /slack/events`
 * (Events API, slash commands and interactivity on one URL, as the manifest says).
 *
 * Bolt reads (up to 4 MB) and hashes a body before it looks at the signature headers, so unsigned bodies
 * cost memory and CPU. A check in front of Bolt, on the headers alone and before any byte of the body is
 * read, refuses with 401 a request whose `X-Slack-Signature` is not `v0=` and 64 hex digits, or whose
 * `X-Slack-Request-Timestamp` is not plain decimal digits within five minutes of this server's clock, in
 * either direction (https://docs.slack.dev/authentication/verifying-requests-from-slack; Bolt 5.1 took
 * `T.0`, `+T`, `0x…` and `1.79e9` through `Number()` and compared only with five minutes ago), and with 413
 * one that declares a body over {@link MAX_BODY_BYTES}; a body that grows past it while read is cut by
 * Bolt's own `bodyLimit`. Refusals close the connection, so an unread body is not read either.
 *
 * After the signature check, the payload itself is checked (payloads.ts, once per request): a body that is
 * no Slack payload (`{}`, `[]`, `null`) gets 400 at once (Bolt would wait 3 s for an ack and answer 404, or
 * fail with 500); a Slack payload whose fields are malformed is acknowledged with 200 (Slack retries
 * anything else) and ignored with a warning; a well-formed callback Bolt has no route for (e.g.
 * `app_rate_limited`) gets 200.
 */
import { ExpressReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { Router, type Express, type NextFunction, type Request, type Response } from 'express';
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
  /** The shared express app: the receiver adds its route to it. */
  app: Express;
  logger: BoltLogger;
}

/** ExpressReceiver that also refuses future timestamps and checks each payload before Bolt sees it. */
export class SlackHttpReceiver extends ExpressReceiver {
  private readonly log: BoltLogger;

  constructor({ signingSecret, app, logger }: SlackReceiverOptions) {
    // ExpressReceiver adds its route (body reading, signature check, url_verification, requestHandler) to
    // this router; the timestamp check goes first so that no later step sees a request from the future.
    const router = Router();
    const refusals = new IntervalLog(REFUSAL_LOG_INTERVAL_MS);
    router.post(SLACK_ROUTE, (req: Request, res: Response, next: NextFunction) => {
      const refusal = refuseByHeaders(req.headers);
      if (!refusal) return next();
      refusals.hit((suppressed) => logger.warn(`Request refused before reading its body: ${refusal.reason}${suppressed ? ` (and ${suppressed} more since the last such line)` : ''}`));
      res.writeHead(refusal.status, { connection: 'close', 'content-length': 0 }).end();
    });
    super({ signingSecret, app, router, logger, endpoints: SLACK_ROUTE, processBeforeResponse: false, bodyLimit: MAX_BODY_BYTES });
    this.log = logger;
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    const verdict = checkSlackBody(req.body);
    switch (verdict.kind) {
      case 'dispatch':
        return super.requestHandler(req, res);
      case 'not-slack':
        this.log.warn('Rejected a signed request whose body is no Slack payload');
        res.status(400).send();
        return;
      case 'malformed':
        this.log.warn(`Ignored a malformed Slack payload (${verdict.payload}): ${verdict.problem}`);
        res.status(200).send();
        return;
      case 'ignore':
        this.log.debug(`Acknowledged a callback of type ${String((req.body as { type: unknown }).type)} with no listener`);
        res.status(200).send();
        return;
    }
  }
}
