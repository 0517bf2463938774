/**
 * The Slack adapter: mounts on the server's express app (or connects over Socket Mode), turns Slack
 * requests into questions for the core and its Answers into Block Kit messages.
 */
import type { Express } from 'express';
import type { Engine } from '../../src/index.js';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { buildApp } from './app.js';
import { toBoltLogger } from './bolt-logger.js';
import { MemoryClaims, type DeliveryClaims } from '../dedupe.js';
import { createHttpFetch } from './http-fetch.js';
import { InFlight } from './inflight.js';
import { registerListeners, slackError } from './listeners.js';

/** What the server passes to the Slack adapter. */
export interface SlackMountOptions {
  app: Express;
  config: SlackConfig;
  engine: Engine;
  logger: Logger;
  /** Delivery claims shared with the other adapters (default: in this process's memory). */
  claims?: DeliveryClaims;
}

/** A mounted Slack adapter: `start` after the HTTP server listens (Socket Mode connects), `stop` on shutdown. */
export interface SlackHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** How long `stop` waits for replies still being posted. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Builds the Bolt app, checks the bot token with `auth.test` and registers the listeners. HTTP mode:
 * `POST /slack/events` on `app` from now on. Socket Mode: connects on `start`.
 * Throws when auth.test fails (the message names Slack's error code, never the token).
 */
export async function mountSlack({ app: expressApp, config, engine, logger, claims = new MemoryClaims() }: SlackMountOptions): Promise<SlackHandle> {
  const boltLogger = toBoltLogger(logger);
  const fetch = createHttpFetch();
  const bolt = buildApp({ config, expressApp, logger: boltLogger, fetch });
  const inFlight = new InFlight();
  registerListeners(bolt, {
    engine,
    command: config.command,
    logger,
    claims,
    inFlight,
  });
  bolt.error(async (error) => {
    logger.error({ err: error, slackError: slackError(error) }, 'Slack listener failed');
  });
  try {
    await bolt.init();
  } catch (error) {
    throw new Error(`Slack auth.test failed (${slackError(error) ?? 'no answer'}): check SLACK_BOT_TOKEN and SLACK_API_URL.`, { cause: error });
  }
  logger.info({ mode: config.appToken ? 'socket' : 'http', command: config.command }, 'Slack adapter ready');

  const socketMode = Boolean(config.appToken);
  return {
    async start() {
      if (socketMode) await bolt.start();
    },
    async stop() {
      if (socketMode) await bolt.stop();
      await inFlight.drain(DRAIN_TIMEOUT_MS);
      fetch.destroy();
    },
  };
}
