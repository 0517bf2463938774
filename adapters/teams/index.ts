// Placeholder: the Teams adapter (issue 4) replaces this file.
import type { Express } from 'express';
import type { Engine } from '../../src/index.js';
import type { TeamsConfig } from '../config.js';
import type { Logger } from '../logger.js';
/** What the server passes to the Teams adapter. */
export interface TeamsMountOptions { app: Express; config: TeamsConfig; engine: Engine; logger: Logger }
/** A mounted Teams adapter. */
export interface TeamsHandle { readonly route: string }
export function mountTeams(_o: TeamsMountOptions): TeamsHandle { return { route: '/api/messages' }; }
