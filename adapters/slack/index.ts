// Placeholder: the Slack adapter (issue 3) replaces this file.
import type { Express } from 'express';
import type { Engine } from '../../src/index.js';
import type { SlackConfig } from '../config.js';
import type { Logger } from '../logger.js';
/** What the server passes to the Slack adapter. */
export interface SlackMountOptions { app: Express; config: SlackConfig; engine: Engine; logger: Logger }
/** A mounted Slack adapter: `start` after the HTTP server listens (Socket Mode connects), `stop` on shutdown. */
export interface SlackHandle { start(): Promise<void>; stop(): Promise<void> }
export async function mountSlack(_o: SlackMountOptions): Promise<SlackHandle> { return { start: async () => {}, stop: async () => {} }; }
