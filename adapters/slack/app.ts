/**
 * Builds the Bolt App for a configuration: HTTP (SlackHttpReceiver on the shared express app, at
 * `POST /slack/events`) or Socket Mode when an app-level token is set
 * (https://docs.slack.dev/apis/events-api/using-socket-mode). Transport only; behaviour is in listeners.ts.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { App, type Logger as BoltLogger } from '@slack/bolt';
import type { Express } from 'express';
import type { SlackConfig } from '../config.js';
import { SlackHttpReceiver } from './receiver.js';

/** The Web API client's retries for a reply: a few quick ones, not the default ten over thirty minutes. */
const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 } as const;

/** What building the Bolt App needs. */
export interface BuildAppOptions {
  config: SlackConfig;
  /** The shared express app (HTTP mode mounts its route there; unused in Socket Mode). */
  expressApp: Express;
  logger: BoltLogger;
}

/**
 * A Bolt App, not yet initialised: call `await app.init()` (runs `auth.test`) before the first request.
 * `clientOptions.slackApiUrl` is set here, before the App exists, because Bolt builds its Web API client
 * in the constructor and every request waits on `auth.test` through it.
 */
export function buildApp({ config, expressApp, logger }: BuildAppOptions): App {
  // One kept-alive connection pool for replies: without it every chat.postMessage opens a new connection
  // (and a TLS handshake in production), which costs more than answering the question.
  const secure = !config.apiUrl || config.apiUrl.startsWith('https:');
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 50 }) : new HttpAgent({ keepAlive: true, maxSockets: 50 });
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: RETRY_CONFIG, agent };
  const common = {
    token: config.botToken,
    logger,
    clientOptions,
    // auth.test runs in init(), awaited at mount, so a bad token stops the start with Slack's error
    // instead of failing every request later.
    deferInitialization: true,
    // The bot keeps no conversation state; Bolt's default store costs a thrown Error on every event.
    convoStore: false as const,
  };
  if (config.appToken) {
    return new App({ ...common, appToken: config.appToken, socketMode: true });
  }
  const receiver = new SlackHttpReceiver({ signingSecret: config.signingSecret, app: expressApp, logger });
  return new App({ ...common, receiver });
}
