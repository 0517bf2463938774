/**
 * HTTP transport: Bolt's ExpressReceiver on the server's shared express app, at `POST /slack/events`
 * (Events API, slash commands and interactivity on one URL, as the manifest says).
 *
 * Bolt answers a bad or missing signature, or a timestamp more than five minutes old, with 401 and never
 * dispatches it, and answers unparseable JSON with 400. Two things it does not do, added here:
 * - refuse a timestamp more than five minutes in the FUTURE: Slack's guidance is to reject a request whose
 *   timestamp is more than five minutes from local time in either direction, so a captured request cannot
 *   be replayed later (https://docs.slack.dev/authentication/verifying-requests-from-slack);
 *   Bolt 5.1 compares only against five minutes ago;
 * - check the payload itself (payloads.ts, once per request): a body that is no Slack payload (`{}`, `[]`,
 *   `null`) gets 400 at once (Bolt would wait 3 s for an ack and answer 404, or fail with 500); a Slack
 *   payload whose fields are malformed is acknowledged with 200 (Slack retries anything else) and ignored
 *   with a warning; a well-formed callback Bolt has no route for (e.g. `app_rate_limited`) gets 200.
 */
import { ExpressReceiver, type Logger as BoltLogger } from '@slack/bolt';
import { Router, type Express, type NextFunction, type Request, type Response } from 'express';
import { checkSlackBody } from './payloads.js';

/** The one endpoint for events, commands and interactivity. */
export const SLACK_ROUTE = '/slack/events';

/** Largest difference between a request's timestamp and this server's clock, either way. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * True when `header` (X-Slack-Request-Timestamp, in seconds) is within {@link MAX_CLOCK_SKEW_S} of `nowMs`.
 * A missing or non-numeric header is left to Bolt's own check, which refuses it.
 */
export function timestampInWindow(header: string | string[] | undefined, nowMs = Date.now()): boolean {
  if (typeof header !== 'string' || !/^\d+$/u.test(header.trim())) return true;
  return Math.abs(Math.floor(nowMs / 1000) - Number(header.trim())) <= MAX_CLOCK_SKEW_S;
}

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
    router.post(SLACK_ROUTE, (req: Request, res: Response, next: NextFunction) => {
      if (timestampInWindow(req.headers['x-slack-request-timestamp'])) return next();
      logger.warn('Request verification failed: the timestamp is more than five minutes from now');
      res.status(401).send();
    });
    super({ signingSecret, app, router, logger, endpoints: SLACK_ROUTE, processBeforeResponse: false });
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
