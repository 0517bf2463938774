/**
 * Builds the Bolt App for a configuration: HTTP (SlackHttpReceiver, on the server's HTTP server at
 * `POST /slack/events`) or Socket Mode when an app-level token is set
 * (https://docs.slack.dev/apis/events-api/using-socket-mode). Transport only; behaviour is in listeners.ts.
 */
import { App, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../config.js';
import { checkSlackBody } from './payloads.js';
import { SlackHttpReceiver } from './receiver.js';
import { guardEnvelopes } from './socket-guard.js';

/** The Web API client's retries for a reply: a few quick ones, not the default ten over thirty minutes. */
const RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 } as const;

/** What building the Bolt App needs. */
export interface BuildAppOptions {
  config: SlackConfig;
  logger: BoltLogger;
  /** The transport's fetch (transport.ts): WebClient's calls and Bolt's respond() go through it. */
  fetch: webApi.FetchFunction;
  /** Deadline of a whole Web API call, in milliseconds (WebClient's `timeout`). */
  timeoutMs: number;
}

/** The App, and in HTTP mode its receiver (the server hands it `POST /slack/events`). */
export interface BuiltApp {
  app: App;
  receiver?: SlackHttpReceiver;
}

/**
 * A Bolt App, not yet initialised: call `await app.init()` (runs `auth.test`) before the first request.
 * `clientOptions.slackApiUrl` is set here, before the App exists, because Bolt builds its Web API client
 * in the constructor and every request waits on `auth.test` through it.
 */
export function buildApp({ config, logger, fetch, timeoutMs }: BuildAppOptions): BuiltApp {
  // WebClient (@slack/web-api 8) posts through `fetch` and has no `agent` option: the transport's fetch
  // (undici, kept-alive, a deadline on every phase) goes there, and Bolt's respond() uses it too. WebClient
  // keeps its retries on top; `timeout` bounds each whole call (auth.test at start included).
  const clientOptions = { ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}), retryConfig: RETRY_CONFIG, fetch, timeout: timeoutMs };
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
    // Our own receiver (Bolt would build the same) so that its SocketModeClient can be guarded.
    const receiver = new SocketModeReceiver({ appToken: config.appToken, logger, installerOptions: { clientOptions } });
    guardEnvelopes(receiver.client, logger);
    return { app: checkingPayloads(new App({ ...common, receiver }), logger) };
  }
  const receiver = new SlackHttpReceiver({ signingSecret: config.signingSecret, logger });
  return { app: new App({ ...common, receiver }), receiver };
}

/**
 * Socket Mode has no HTTP receiver of ours, so the payload check (payloads.ts) goes in front of Bolt's
 * `processEvent`, which the Socket Mode receiver calls for each envelope. Anything but a well-formed
 * payload is acknowledged (Slack redelivers an envelope that is not) and dropped, with a warning.
 */
function checkingPayloads(app: App, logger: BoltLogger): App {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    const verdict = checkSlackBody(event.body);
    if (verdict.kind === 'dispatch') return processEvent(event);
    if (verdict.kind === 'malformed') logger.warn(`Ignored a malformed Slack payload (${verdict.payload}): ${verdict.problem}`);
    else if (verdict.kind === 'not-slack') logger.warn('Ignored a Socket Mode envelope that is no Slack payload');
    await event.ack();
  };
  return app;
}
