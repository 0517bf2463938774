/**
 * HTTP transport: Bolt's ExpressReceiver on the server's shared express app, at `POST /slack/events`
 * (Events API, slash commands and interactivity on one URL, as the manifest says).
 *
 * Bolt answers a bad or missing signature, or a timestamp more than five minutes old, with 401 and never
 * dispatches it, and answers unparseable JSON with 400. What it does not do, added here:
 * - check the payload itself (payloads.ts, once per request): a body that is no Slack payload (`{}`, `[]`,
 *   `null`) gets 400 at once (Bolt would wait 3 s for an ack and answer 404, or fail with 500); a Slack
 *   payload whose fields are malformed is acknowledged with 200 (Slack retries anything else) and ignored
 *   with a warning; a well-formed callback Bolt has no route for (e.g. `app_rate_limited`) gets 200.
 */
import { ExpressReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Express, Request, Response } from 'express';
import { checkSlackBody } from './payloads.js';

/** The one endpoint for events, commands and interactivity. */
export const SLACK_ROUTE = '/slack/events';

/** Options for the HTTP receiver. */
export interface SlackReceiverOptions {
  signingSecret: string;
  /** The shared express app: the receiver adds its route to it. */
  app: Express;
  logger: BoltLogger;
}

/** ExpressReceiver that also checks each payload before Bolt sees it. */
export class SlackHttpReceiver extends ExpressReceiver {
  private readonly log: BoltLogger;

  constructor({ signingSecret, app, logger }: SlackReceiverOptions) {
    super({ signingSecret, app, logger, endpoints: SLACK_ROUTE, processBeforeResponse: false });
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
