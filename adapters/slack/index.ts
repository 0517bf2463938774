/**
 * The Slack adapter: takes `POST /slack/events` from the server's HTTP server (or connects over Socket Mode), turns Slack
 * requests into questions for the core and its Answers into Block Kit messages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../src/index.js';
import { ConfigError, DEFAULT_SLACK_TIMEOUT_MS, type SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { AuditRecorder } from '../store/index.js';
import type { TurnRecord } from '../turn.js';
import { buildApp } from './app.js';
import { toBoltLogger } from './bolt-logger.js';
import { MemoryClaims, type DeliveryClaims } from '../dedupe.js';
import { ReplyPoster } from './reply-poster.js';
import { createSlackTransport, isTimeout } from './transport.js';
import { InFlight } from './inflight.js';
import { registerListeners, slackError } from './listeners.js';

/** What the server passes to the Slack adapter. */
export interface SlackMountOptions {
  config: SlackConfig;
  engine: Engine;
  logger: Logger;
  /** Delivery claims shared with the other adapters (default: in this process's memory). */
  claims?: DeliveryClaims;
  /** Where answered questions and votes are recorded, after the reply (absent: nowhere). */
  audit?: AuditRecorder;
}

/** A mounted Slack adapter: `start` after the HTTP server listens (Socket Mode connects), `stop` on shutdown. */
export interface SlackHandle {
  /**
   * Answers the request when it is Slack's (`POST /slack/events`, HTTP mode) and returns true; false for any
   * other request (and always in Socket Mode).
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  start(): Promise<void>;
  /**
   * Disconnects Socket Mode, then waits up to `graceMs` for the listeners and the replies they queued;
   * every reply still unsent then is logged as abandoned with its ids, and the total. Resolves with that
   * total.
   */
  stop(graceMs: number): Promise<number>;
}

/**
 * Builds the Bolt app, checks the bot token with `auth.test` and registers the listeners. HTTP mode: the
 * server hands each request to `handle`. Socket Mode: connects on `start`.
 * Throws when auth.test fails (the message names Slack's error code, never the token).
 */
export async function mountSlack({ config, engine, logger, claims = new MemoryClaims(), audit }: SlackMountOptions): Promise<SlackHandle> {
  const boltLogger = toBoltLogger(logger);
  const timeoutMs = config.timeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS;
  const transport = createSlackTransport({ timeoutMs });
  const { app: bolt, receiver } = buildApp({ config, logger: boltLogger, fetch: transport.fetch, timeoutMs });
  const inFlight = new InFlight();
  const poster = new ReplyPoster({ apiUrl: config.apiUrl, token: config.botToken, dispatcher: transport.dispatcher, logger });
  const { command } = registerListeners(bolt, {
    engine,
    command: config.command,
    logger,
    claims,
    audit,
    // The audit trail: told of each turn after its reply was sent.
    ...(audit ? { onTurn: (record: TurnRecord) => audit.turn(record) } : {}),
    inFlight,
    poster,
    files: { botToken: config.botToken, apiUrl: config.apiUrl, limits: config.questionnaire },
  });
  if (receiver) receiver.command = command;
  bolt.error(async (error) => {
    logger.error({ err: error, slackError: slackError(error) }, 'Slack listener failed');
  });
  try {
    await bolt.init();
  } catch (error) {
    await transport.destroy();
    throw authTestError(error, config.apiUrl ?? 'https://slack.com/api/', timeoutMs);
  }
  logger.info({ mode: config.appToken ? 'socket' : 'http', command: config.command }, 'Slack adapter ready');

  const socketMode = Boolean(config.appToken);
  return {
    handle: (req, res) => receiver?.handle(req, res) ?? false,
    async start() {
      if (socketMode) await bolt.start();
    },
    async stop(graceMs) {
      const deadline = Date.now() + graceMs;
      if (socketMode) await bolt.stop().catch((error: unknown) => logger.warn({ err: error }, 'Socket Mode did not disconnect cleanly'));
      await inFlight.drain(graceMs);
      const abandoned = await poster.drain(Math.max(0, deadline - Date.now()));
      await transport.destroy();
      return abandoned;
    },
  };
}

/**
 * The one-line error for an auth.test that failed at start, naming the variable to look at: Slack refused
 * the token (SLACK_BOT_TOKEN), or Slack's Web API could not be reached or did not answer in time
 * (SLACK_API_URL). Never includes the token.
 */
export function authTestError(error: unknown, apiUrl: string, timeoutMs: number): ConfigError {
  const code = slackError(error);
  const platform = (error as { code?: unknown } | null)?.code === 'slack_webapi_platform_error';
  // Slack's error codes are snake_case words ("invalid_auth"); anything else (an HTML page from a proxy or a
  // captive portal) did not come from Slack's Web API, and is not echoed.
  if (platform && typeof code === 'string' && /^[a-z][a-z0-9_]{0,63}$/u.test(code)) {
    return new ConfigError(`Slack refused SLACK_BOT_TOKEN at start (auth.test: ${code}). Check the bot token.`, 'SLACK_BOT_TOKEN');
  }
  if (platform) return new ConfigError(`SLACK_API_URL ${apiUrl} did not answer as Slack's Web API at start (auth.test). Check SLACK_API_URL and any proxy.`, 'SLACK_API_URL');
  const original = (error as { original?: unknown } | null)?.original ?? error;
  const cause = (original as { cause?: { code?: unknown } } | null)?.cause;
  const reason = isTimeout(original)
    ? `no answer within ${timeoutMs} ms`
    : typeof cause?.code === 'string'
      ? cause.code
      : (code ?? 'no answer');
  return new ConfigError(`Cannot reach Slack's Web API at ${apiUrl} (auth.test: ${reason}). Check SLACK_API_URL and the network.`, 'SLACK_API_URL');
}
