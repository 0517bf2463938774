import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createServingEngine, isServing, ReportError, type Engine } from '../src/index.js';
import { mountReportsAdmin, reloadReports, type ReloadOutcome } from './reports-admin.js';
import { loadConfig, ConfigError, NO_ADAPTER_MESSAGE, type AppConfig } from './config.js';
import type { DeliveryClaims } from './dedupe.js';
import { createLogger, type Logger } from './logger.js';
import { mountSlack, type SlackHandle } from './slack/index.js';
import { mountTeams, type TeamsHandle } from './teams/index.js';
import { startStore, type StoreServices } from './store/index.js';

/**
 * One HTTP server for every adapter (../shared/CONTRACT.md, "Server"): `GET /healthz`, Slack at
 * `POST /slack/events` (or Socket Mode), Teams at `POST /api/messages`.
 */
export interface RunningServer {
  /** The port actually bound (useful with PORT=0). */
  port: number;
  server: Server;
  engine: Engine;
  /** Re-reads the report library (SIGHUP); the previous version keeps answering what cannot be read. */
  reloadReports(): ReloadOutcome | undefined;
  /** The store's services (audit log, delivery claims); `kind` is what /healthz names. */
  store: StoreServices;
  /** Stops taking requests, lets those in flight finish, stops Socket Mode; resolves when all is closed. */
  close(): Promise<void>;
}

/** How long requests in flight may take to finish after SIGTERM before their connections are cut. */
const SHUTDOWN_GRACE_MS = 10_000;

/** The server could not listen on HOST and PORT; the message is one line naming them (no secret, no stack). */
export class ListenError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ListenError';
  }
}

/**
 * One line for a listen failure that the operator can fix, naming the variable to change; undefined for any
 * other error. Codes as node:net reports them (https://nodejs.org/api/errors.html#common-system-errors).
 */
export function listenErrorMessage(error: unknown, host: string, port: number): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const where = `${host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return `Cannot listen on ${where}: PORT ${port} is already in use. Stop what is using it or set another PORT.`;
    case 'EACCES':
      return `Cannot listen on ${where}: no permission to use PORT ${port} (ports below 1024 need privileges). Set a PORT from 1024 up.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${where}: HOST ${host} is not an address of this machine. Set HOST to one of its addresses, 127.0.0.1, or 0.0.0.0 for all.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot listen on ${where}: HOST ${host} does not resolve to an address. Set HOST to an IP address or a name this machine resolves.`;
    default:
      return undefined;
  }
}

/** Options for tests and embedding: an engine and logger to use instead of building them from config. */
export interface StartOptions {
  engine?: Engine;
  logger?: Logger;
  /** How long shutdown waits for requests and replies in flight (default 10 s). */
  shutdownGraceMs?: number;
  /** Delivery claims for both adapters (default: in memory, this process only; the store backs them with its database). */
  claims?: DeliveryClaims;
  /** How long a client may take to send a whole request, headers and body, in milliseconds (default {@link REQUEST_TIMEOUT_MS}). */
  requestTimeoutMs?: number;
}

/**
 * How long a client may take to send a whole request. Slack and the Bot Framework send a few KB at once; Node's
 * default (300 s) let a client that trickled a body after well-formed headers hold a connection for five minutes
 * (3,000 of them at once, each a file descriptor) before any signature was checked. A slow request gets 408.
 */
export const REQUEST_TIMEOUT_MS = 15_000;

/** Starts the server for a validated configuration. Throws ConfigError when no adapter is configured. */
export async function startServer(config: AppConfig, options: StartOptions = {}): Promise<RunningServer> {
  if (!config.slack && !config.teams) throw new ConfigError(NO_ADAPTER_MESSAGE);
  const logger = options.logger ?? createLogger(config.logLevel);
  const engine = options.engine ?? createServingEngine({ dir: config.reportsDir, file: config.reportFile });
  const library = isServing(engine) ? engine : undefined;
  for (const x of library?.library.refused ?? []) logger.warn({ file: x.file, reason: x.reason }, 'report file refused');
  for (const w of library?.library.warnings ?? []) logger.warn({ warning: w }, 'report library');
  // Opened and migrated before the first request, so the first delivery's claim is already shared; a store
  // that cannot be used stops the start with a ConfigError naming its variable (see store/index.ts). Its
  // claims back dedupe.ts.
  const store = await startStore({ store: config.store, audit: config.audit, logger });
  await store.ready;
  const claims = options.claims ?? store.claims;
  // Feedback buttons and the audit trail only where there is a store to keep them.
  const audit = store.kind === 'none' ? undefined : store.audit;

  const app = express();
  app.disable('x-powered-by');
  const adapters: string[] = [];
  let slack: SlackHandle | undefined;
  let teams: TeamsHandle | undefined;
  const graceMs = options.shutdownGraceMs ?? config.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;

  let shuttingDown = false;

  app.get('/healthz', (_req, res) => {
    res.json({
      status: 'ok',
      report: { id: engine.report.id, title: engine.report.title, periodStart: engine.report.period.start, periodEnd: engine.report.period.end },
      reports: library ? library.library.reports.map((r) => r.id) : [engine.report.id],
      adapters,
      store: store.kind,
    });
  });

  // Slack's and Teams' routes are answered by their adapters, in front of express (Slack's signature check
  // needs the raw body; neither needs anything of express: see slack/receiver.ts and teams/index.ts).
  if (config.slack) {
    slack = await mountSlack({ config: config.slack, engine, claims, audit, logger: logger.child({ adapter: 'slack' }) });
    adapters.push(config.slack.appToken ? 'slack-socket-mode' : 'slack');
  }
  if (config.teams) {
    teams = mountTeams({ config: config.teams, engine, claims, audit, logger: logger.child({ adapter: 'teams' }) });
    adapters.push(config.teams.mode === 'local' ? 'teams-local' : 'teams');
  }

  if (library) mountReportsAdmin(app, library, logger.child({ component: 'reports' }));

  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });

  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Node checks the deadline every connectionsCheckingInterval (30 s by default): check often enough for it to hold.
  const server = createServer({ requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1_000, requestTimeout / 2) }, (req, res) => {
    // While shutting down, tell each client to close its connection after this response, so kept-alive
    // connections do not hold the process open.
    if (shuttingDown) res.setHeader('Connection', 'close');
    if (slack?.handle(req, res)) return;
    if (teams?.handle(req, res)) return;
    void app(req, res);
  });
  try {
    server.listen(config.port, config.host);
    await once(server, 'listening');
  } catch (error) {
    await slack?.stop(0).catch(() => undefined);
    await store.close();
    const message = listenErrorMessage(error, config.host, config.port);
    if (message) throw new ListenError(message, String((error as { code?: unknown }).code), { cause: error });
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  await slack?.start();
  logger.info({ port, adapters, report: engine.report.id, reports: library?.library.reports.map((r) => r.id), store: store.kind }, 'compliance-bot listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      shuttingDown = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // server.close() stops new connections and waits for open ones; idle kept-alive ones are closed now and
      // as requests in flight finish. Each adapter then waits, up to the grace period, for the replies it
      // has accepted (Slack: acknowledged events whose reply is queued; Teams: turns holding their request),
      // and logs each one it abandons; then whatever connection is left is cut.
      server.closeIdleConnections();
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      try {
        const [slackAbandoned = 0, teamsAbandoned = 0] = await Promise.all([slack?.stop(graceMs), teams?.stop(graceMs)]);
        server.closeAllConnections();
        await closed;
        const abandoned = slackAbandoned + teamsAbandoned;
        if (abandoned > 0) logger.error({ abandoned }, `shutdown: ${abandoned} accepted replies abandoned in all`);
        else logger.info('shutdown: every accepted reply was sent');
        // After the last reply: its audit record is written before the connections close.
        await store.close();
      } finally {
        clearInterval(sweep);
      }
    })());
  const reload = () => (library ? reloadReports(library, logger.child({ component: 'reports' })) : undefined);
  return { port, server, engine, reloadReports: reload, store, close };
}

/**
 * One line for a report that cannot be served at start, naming the variable that points at it:
 * `REPORT_FILE /path: the file is empty`.
 */
export function reportErrorLine(error: ReportError, config: Pick<AppConfig, 'reportFile' | 'reportsDir'>): string {
  const variable = config.reportFile ? 'REPORT_FILE' : config.reportsDir ? 'REPORTS_DIR' : undefined;
  return variable ? `Cannot serve ${variable}: ${error.message}` : `Error: ${error.message}`;
}

async function main(): Promise<void> {
  const { config: loadDotenv } = await import('dotenv');
  loadDotenv({ quiet: true });
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
    if (!config.slack && !config.teams) throw new ConfigError(NO_ADAPTER_MESSAGE);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, { logger }).catch((error: unknown) => {
    // A HOST or PORT that cannot be used is the operator's to fix: one line saying which, not a stack.
    if (error instanceof ListenError || error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    // A report that cannot be read names the file and what is wrong, in a line or a list, not a stack.
    else if (error instanceof ReportError) process.stderr.write(`${reportErrorLine(error, config)}\n`);
    else logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  });
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  // SIGHUP re-reads the report library (the daemon convention for "reload your configuration").
  process.on('SIGHUP', () => {
    logger.info({ signal: 'SIGHUP' }, 're-reading the report library');
    running.reloadReports();
  });
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

// Run only as the entry point itself (dist/server.js). In another bundle that inlines this module (e.g.
// dist/bench.js), import.meta.url is that bundle's URL and would equal argv[1] too, hence the name check.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && /(^|[\\/])server\.[cm]?[jt]s$/u.test(process.argv[1])) {
  void main();
}
