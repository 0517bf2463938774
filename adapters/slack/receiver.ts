/**
 * HTTP transport: Bolt's ExpressReceiver on the server's shared express app, at `POST /slack/events`
 * (Events API, slash commands and interactivity on one URL, as the manifest says).
 *
 * Bolt already answers a bad or missing signature, or a timestamp older than five minutes, with 401 and
 * never dispatches it (https://docs.slack.dev/authentication/verifying-requests-from-slack), and answers
 * unparseable JSON with 400. What it does not do is reject a body that parses but is no Slack payload
 * (`{}`, `[]`, `null`): it would wait 3 s for an ack and answer 404, or fail with 500. This receiver
 * answers those with 400 at once, and acknowledges well-formed callbacks Bolt has no route for (e.g.
 * `app_rate_limited`) with 200, as Slack expects of any callback it sends.
 */
import { ExpressReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Express, Request, Response } from 'express';

/** Payload `type`s Bolt routes itself (besides Events API callbacks, slash commands and block actions). */
const BOLT_ROUTED_TYPES = new Set(['shortcut', 'message_action', 'view_submission', 'view_closed', 'block_suggestion', 'dialog_submission', 'interactive_message']);

/** What to do with a verified, parsed body: hand it to Bolt, acknowledge and ignore it, or reject it (400). */
export type BodyVerdict = 'dispatch' | 'ignore' | 'malformed';

/** Classifies a parsed request body by its shape alone (the signature was checked before). */
export function classifyBody(body: unknown): BodyVerdict {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'malformed';
  const b = body as Record<string, unknown>;
  if (b.event !== undefined) {
    const event = b.event as Record<string, unknown> | null;
    return typeof event === 'object' && event !== null && typeof event.type === 'string' ? 'dispatch' : 'malformed';
  }
  if (b.command !== undefined) return typeof b.command === 'string' ? 'dispatch' : 'malformed';
  if (b.actions !== undefined) return Array.isArray(b.actions) ? 'dispatch' : 'malformed';
  if (typeof b.type === 'string') return BOLT_ROUTED_TYPES.has(b.type) || b.name !== undefined ? 'dispatch' : 'ignore';
  return 'malformed';
}

/** Options for the HTTP receiver. */
export interface SlackReceiverOptions {
  signingSecret: string;
  /** The shared express app: the receiver adds its route to it. */
  app: Express;
  logger: BoltLogger;
}

/** ExpressReceiver that also rejects well-signed bodies that are no Slack payload, with 400. */
export class SlackHttpReceiver extends ExpressReceiver {
  private readonly log: BoltLogger;

  constructor({ signingSecret, app, logger }: SlackReceiverOptions) {
    super({ signingSecret, app, logger, endpoints: '/slack/events', processBeforeResponse: false });
    this.log = logger;
  }

  override async requestHandler(req: Request, res: Response): Promise<void> {
    const verdict = classifyBody(req.body);
    if (verdict === 'malformed') {
      this.log.warn('Rejected a signed request whose body is no Slack payload');
      res.status(400).send();
      return;
    }
    if (verdict === 'ignore') {
      this.log.debug(`Acknowledged a callback of type ${String((req.body as { type: unknown }).type)} with no listener`);
      res.status(200).send();
      return;
    }
    return super.requestHandler(req, res);
  }
}
