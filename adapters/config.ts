import * as z from 'zod';
import { DEFAULT_STORE_FILE, type StoreConfig } from './store/open.js';
import type { UserIdPolicy } from './store/user-ids.js';
import { DEFAULT_QUESTIONNAIRE_LIMITS, type QuestionnaireLimits } from './questionnaire.js';

/**
 * The server's configuration, read once at start from the environment (names fixed by
 * ../shared/CONTRACT.md, "Server"). Validation errors name the variable and never echo a secret's value.
 */

/** Raised for a missing or malformed variable; `variable` names it. The message never contains a secret. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

const empty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(empty, z.string().trim().optional());
const optionalUrl = z.preprocess(empty, z.url({ protocol: /^https?$/ }).optional());
const bool = z.preprocess(
  empty,
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
);

/**
 * A port in decimal digits only: Number() would also take `0x10` (16), `1e3` (1000) or `0b1`, which no one
 * means as a port.
 */
const port = z.preprocess(
  empty,
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/u, 'must be a port number in decimal digits, 0 to 65535')
    .transform(Number)
    .pipe(z.number().max(65535, 'must be a port number in decimal digits, 0 to 65535'))
    .optional(),
);

/** A duration in milliseconds, in decimal digits only, from `min` to `max`. */
function milliseconds(min: number, max: number) {
  const message = `must be a number of milliseconds in decimal digits, ${min} to ${max}`;
  return z.preprocess(empty, z.string().trim().regex(/^\d{1,7}$/u, message).transform(Number).pipe(z.number().min(min, message).max(max, message)).optional());
}

/** A GUID in its 8-4-4-4-12 hexadecimal form. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

/** One hostname label (RFC 1123): letters, digits and inner hyphens, 1 to 63 characters. */
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/iu;

/**
 * An address for `server.listen`: an IPv4 or IPv6 address (unbracketed, as node:net takes it) or a
 * hostname. A name whose last label is all digits is no hostname (RFC 3696, section 2) but a mistyped
 * address such as 999.1.1.1, which would otherwise fail only at listen time, in getaddrinfo.
 */
export function isListenHost(value: string): boolean {
  if (z.ipv4().safeParse(value).success || z.ipv6().safeParse(value).success) return true;
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  const labels = name.split('.');
  return name.length <= 253 && labels.every((l) => LABEL.test(l)) && !/^\d+$/u.test(labels.at(-1)!);
}

const EnvSchema = z.object({
  PORT: port,
  HOST: z.preprocess(empty, z.string().trim().refine(isListenHost, 'must be an IP address (such as 127.0.0.1, 0.0.0.0 or ::) or a hostname').optional()),
  LOG_LEVEL: z.preprocess(empty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  REPORT_FILE: optionalString,
  REPORTS_DIR: optionalString,
  // Slack tokens are the prefix and dash-separated alphanumeric parts (https://docs.slack.dev/authentication/tokens).
  SLACK_BOT_TOKEN: z.preprocess(empty, z.string().regex(/^xoxb-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/u, 'must be a bot token: xoxb- followed by the rest of the token').optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: z.preprocess(empty, z.string().regex(/^xapp-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/u, 'must be an app-level token: xapp- followed by the rest of the token').optional()),
  SLACK_API_URL: optionalUrl,
  SLACK_API_TIMEOUT_MS: milliseconds(100, 600_000),
  SHUTDOWN_GRACE_MS: milliseconds(0, 600_000),
  // Each attempt must end well inside the Bot Framework's 15 s for the whole request.
  TEAMS_CONNECTOR_TIMEOUT_MS: milliseconds(100, 14_000),
  SLACK_COMMAND: z.preprocess(empty, z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'must look like /compliance').default('/compliance')),
  // The Azure Bot registration's ids are GUIDs (https://learn.microsoft.com/azure/bot-service/bot-builder-authentication).
  MicrosoftAppId: z.preprocess(empty, z.string().trim().regex(GUID, 'must be the Azure Bot app id, a GUID such as 00000000-0000-0000-0000-000000000000').optional()),
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: z.preprocess(empty, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppTenantId: z.preprocess(empty, z.string().trim().regex(GUID, 'must be the Microsoft Entra tenant id, a GUID such as 00000000-0000-0000-0000-000000000000').optional()),
  TEAMS_LOCAL_MODE: bool,
  QUESTIONNAIRE_MAX_BYTES: z.preprocess(
    empty,
    z.string().trim().regex(/^\d{1,10}$/u, 'must be a number of bytes, such as 5242880').transform(Number).pipe(z.number().min(1024, 'must be at least 1024 bytes')).optional(),
  ),
  QUESTIONNAIRE_MAX_ROWS: z.preprocess(
    empty,
    z.string().trim().regex(/^\d{1,6}$/u, 'must be a number of rows, such as 2000').transform(Number).pipe(z.number().min(1, 'must be at least 1')).optional(),
  ),
});

/** The store's variables (../shared/CONTRACT.md, "Added in the second round"); `npm run audit` reads only these. */
const StoreEnvSchema = z.object({
  /** `off`: no store at all (the bench's store-off figures, throwaway runs). */
  STORE: z.preprocess(empty, z.enum(['off']).optional()),
  STORE_FILE: optionalString,
  DATABASE_URL: z.preprocess(empty, z.string().trim().regex(/^postgres(?:ql)?:\/\/\S+$/u, 'must be a PostgreSQL URL, postgres://USER@HOST:PORT/DATABASE').optional()),
  AUDIT_USER_IDS: z.preprocess(empty, z.enum(['keep', 'hash', 'drop']).default('hash')),
  AUDIT_SALT: z.preprocess(empty, z.string().min(16, 'must be at least 16 characters').optional()),
  AUDIT_RETENTION_DAYS: z.preprocess(
    empty,
    z
      .string()
      .trim()
      .regex(/^\d{1,6}$/u, 'must be a whole number of days, 1 or more')
      .transform(Number)
      .pipe(z.number().min(1, 'must be a whole number of days, 1 or more'))
      .default(365),
  ),
});

/** What the audit log keeps and for how long. */
export interface AuditConfig {
  /** AUDIT_USER_IDS: keep the platform's user id, a salted hash of it (default), or nothing. */
  userIds: UserIdPolicy;
  /** AUDIT_SALT; absent: the store generates one and keeps it. */
  salt?: string;
  /** AUDIT_RETENTION_DAYS: rows older than this many days are purged (default 365). */
  retentionDays: number;
}

/**
 * The store and audit settings, validated; throws ConfigError naming the variable (never its value).
 * `store` is absent with STORE=off: nothing is recorded, answers carry no 👍 / 👎, claims stay in memory.
 */
export function loadStoreConfig(env: NodeJS.ProcessEnv): { store?: StoreConfig; audit: AuditConfig } {
  const e = parse(StoreEnvSchema, env);
  if (e.STORE_FILE && e.DATABASE_URL) {
    throw new ConfigError('STORE_FILE and DATABASE_URL are both set: set STORE_FILE for SQLite or DATABASE_URL for PostgreSQL, not both.', 'DATABASE_URL');
  }
  if (e.STORE === 'off' && (e.STORE_FILE || e.DATABASE_URL)) {
    throw new ConfigError(`STORE=off and ${e.STORE_FILE ? 'STORE_FILE' : 'DATABASE_URL'} are both set: unset STORE to use that store, or unset ${e.STORE_FILE ? 'STORE_FILE' : 'DATABASE_URL'}.`, 'STORE');
  }
  const audit: AuditConfig = { userIds: e.AUDIT_USER_IDS, salt: e.AUDIT_SALT, retentionDays: e.AUDIT_RETENTION_DAYS };
  if (e.STORE === 'off') return { audit };
  const store: StoreConfig = e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'sqlite', file: e.STORE_FILE ?? DEFAULT_STORE_FILE };
  return { store, audit };
}

/** Parses with a schema; the first issue becomes a ConfigError naming its variable. */
function parse<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}.`, variable);
  }
  return parsed.data;
}

/** Slack adapter settings: on when the bot token and signing secret are both set. */
export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  /** Set: Socket Mode instead of HTTP. */
  appToken?: string;
  /** Base URL of Slack's Web API, ending in `/` (default Slack's own). */
  apiUrl?: string;
  /** The slash command's name, e.g. "/compliance". */
  command: string;
  /** Deadline of each call to Slack (Web API, response_url), in milliseconds (SLACK_API_TIMEOUT_MS, default 10 s). */
  timeoutMs?: number;
  /** Caps on questionnaires sent as files (QUESTIONNAIRE_MAX_BYTES, QUESTIONNAIRE_MAX_ROWS); default 5 MB, 2,000 rows. */
  questionnaire?: QuestionnaireLimits;
}

/** Teams adapter settings: authenticated with an Azure Bot registration, or local (no auth, loopback replies only). */
export type TeamsConfig = (
  | {
      mode: 'authenticated';
      appId: string;
      appPassword?: string;
      appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
      tenantId?: string;
      /** OpenID metadata document for token validation (tests: a local stand-in); absent: the Bot Framework's. */
      openIdMetadataUrl?: string;
    }
  | { mode: 'local' }
) & {
  /** Caps on questionnaires sent as files, as for Slack. */
  questionnaire?: QuestionnaireLimits;
  /**
   * Deadline of each call to the Bot Connector, in milliseconds (TEAMS_CONNECTOR_TIMEOUT_MS; absent: 4 s,
   * connector-retry.ts).
   */
  connectorTimeoutMs?: number;
};

/** Default deadline of a call to Slack: Slack answers in well under a second; 10 s is a hung call. */
export const DEFAULT_SLACK_TIMEOUT_MS = 10_000;

/** Everything `npm start` needs, validated. */
export interface AppConfig {
  port: number;
  host: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Report to answer from (text or JSON), a library of one; absent: `reportsDir`. */
  reportFile?: string;
  /** Folder of reports to answer from (src/report/library.ts); absent with `reportFile`: data/reports/. */
  reportsDir?: string;
  slack?: SlackConfig;
  teams?: TeamsConfig;
  /**
   * The store: SQLite at STORE_FILE (default), or PostgreSQL at DATABASE_URL. `loadConfig` always sets it;
   * a config built in code without it runs with no store (nothing recorded, claims in memory).
   */
  store?: StoreConfig;
  audit?: AuditConfig;
  /** How long SIGTERM waits for requests and replies in flight, in milliseconds (SHUTDOWN_GRACE_MS, default 10 s). */
  shutdownGraceMs?: number;
}

/**
 * Validates the environment once. Throws ConfigError naming the first bad variable; a value is never
 * part of the message (tokens and secrets must not reach logs).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid configuration: ${variable} ${issue.message}.`, variable);
  }
  const e = parsed.data;
  if (e.REPORT_FILE && e.REPORTS_DIR) throw new ConfigError('REPORTS_DIR and REPORT_FILE are both set; set one (REPORT_FILE is a library of one report).', 'REPORTS_DIR');
  const config: AppConfig = { port: e.PORT ?? 3978, host: e.HOST ?? '0.0.0.0', logLevel: e.LOG_LEVEL, reportFile: e.REPORT_FILE, reportsDir: e.REPORTS_DIR, ...loadStoreConfig(env) };
  const questionnaire: QuestionnaireLimits = {
    ...DEFAULT_QUESTIONNAIRE_LIMITS,
    ...(e.QUESTIONNAIRE_MAX_BYTES !== undefined ? { maxBytes: e.QUESTIONNAIRE_MAX_BYTES } : {}),
    ...(e.QUESTIONNAIRE_MAX_ROWS !== undefined ? { maxRows: e.QUESTIONNAIRE_MAX_ROWS } : {}),
  };
  if (e.SHUTDOWN_GRACE_MS !== undefined) config.shutdownGraceMs = e.SHUTDOWN_GRACE_MS;

  if (e.SLACK_BOT_TOKEN || e.SLACK_SIGNING_SECRET) {
    if (!e.SLACK_BOT_TOKEN) throw new ConfigError('SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is missing.', 'SLACK_BOT_TOKEN');
    if (!e.SLACK_SIGNING_SECRET) throw new ConfigError('SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing.', 'SLACK_SIGNING_SECRET');
    const apiUrl = e.SLACK_API_URL ? (e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`) : undefined;
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl,
      command: e.SLACK_COMMAND,
      timeoutMs: e.SLACK_API_TIMEOUT_MS ?? DEFAULT_SLACK_TIMEOUT_MS,
      questionnaire,
    };
  } else if (e.SLACK_APP_TOKEN) {
    throw new ConfigError('SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are missing.', 'SLACK_BOT_TOKEN');
  }

  // The other Azure Bot variables mean nothing without the app id; without this check they were ignored
  // (no adapter, or with TEAMS_LOCAL_MODE an unauthenticated endpoint the operator did not mean to run).
  if (!e.MicrosoftAppId) {
    const stray = (['MicrosoftAppPassword', 'MicrosoftAppTenantId', 'MicrosoftAppType'] as const).find((name) => e[name] !== undefined);
    if (stray) throw new ConfigError(`${stray} is set but MicrosoftAppId is missing.`, 'MicrosoftAppId');
  }
  // Both say how Teams requests are authenticated, and they disagree: say so rather than pick one in silence.
  if (e.MicrosoftAppId && e.TEAMS_LOCAL_MODE) {
    throw new ConfigError('TEAMS_LOCAL_MODE=true and MicrosoftAppId are both set; set one (local mode is unauthenticated, MicrosoftAppId is a real Teams bot).', 'TEAMS_LOCAL_MODE');
  }
  if (e.MicrosoftAppId) {
    const appType = e.MicrosoftAppType ?? 'MultiTenant';
    if (appType !== 'UserAssignedMSI' && !e.MicrosoftAppPassword) {
      throw new ConfigError('MicrosoftAppId is set but MicrosoftAppPassword is missing.', 'MicrosoftAppPassword');
    }
    if (appType !== 'MultiTenant' && !e.MicrosoftAppTenantId) {
      throw new ConfigError(`MicrosoftAppType is ${appType} but MicrosoftAppTenantId is missing.`, 'MicrosoftAppTenantId');
    }
    config.teams = { mode: 'authenticated', appId: e.MicrosoftAppId, appPassword: e.MicrosoftAppPassword, appType, tenantId: e.MicrosoftAppTenantId, questionnaire };
  } else if (e.TEAMS_LOCAL_MODE) {
    config.teams = { mode: 'local', questionnaire };
    // Local mode takes unauthenticated requests: unless told otherwise, listen on this machine only.
    if (!e.HOST && !config.slack) config.host = '127.0.0.1';
  }
  if (config.teams && e.TEAMS_CONNECTOR_TIMEOUT_MS !== undefined) config.teams.connectorTimeoutMs = e.TEAMS_CONNECTOR_TIMEOUT_MS;
  return config;
}

/** The message for a start with no adapter configured: what to set, and where to go instead. */
export const NO_ADAPTER_MESSAGE = [
  'No chat adapter is configured, so the server has nothing to serve.',
  'Set one of:',
  '  Slack (HTTP):        SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET',
  '  Slack (Socket Mode): SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_APP_TOKEN',
  '  Teams (Azure Bot):   MicrosoftAppId and MicrosoftAppPassword (plus MicrosoftAppType, MicrosoftAppTenantId)',
  '  Teams (local only):  TEAMS_LOCAL_MODE=true',
  'See .env.example. To ask a question without a chat platform: npm run ask -- "is Connect in scope?"',
].join('\n');
