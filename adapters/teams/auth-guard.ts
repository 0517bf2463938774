/**
 * The check of a Teams request's Authorization header that runs before botbuilder sees it.
 *
 * Why: botbuilder decodes every bearer token before checking any signature, and
 * `EmulatorValidation.isTokenFromEmulator` appends four issuer strings to a process-wide array for each
 * `tid` claim it has not seen (botframework-connector 4.23, lib/auth/emulatorValidation.js). Unsigned tokens
 * with a fresh `tid` each therefore grow memory without bound and make each later request scan a longer
 * array. This check lets through only what a Bot Framework token can be: a bearer JWT of bounded length,
 * RS256-family signed, whose (still unverified) issuer is one the Bot Framework uses
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication),
 * and whose `tid`, if any, is a GUID of a tenant botbuilder already knows or the configured tenant. Then
 * botbuilder verifies the signature as before. Anything else is refused with nothing kept.
 */

/** Longest Authorization header taken; Bot Framework and Azure AD tokens are 1–3 KB. */
export const MAX_AUTHORIZATION_LENGTH = 8192;

/** Signing algorithms botbuilder accepts (AuthenticationConstants.AllowedSigningAlgorithms). */
const ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

/** Issuer of tokens from the Bot Framework channels (AuthenticationConstants.ToBotFromChannelTokenIssuer). */
const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * Tenants of the Bot Framework's own issuers (botframework-connector's
 * ToBotFromBotOrEmulatorTokenValidationParameters): the Emulator's and skills' tokens come from these.
 */
const BOT_FRAMEWORK_TENANTS = [
  'd6d49420-f39b-4df7-a1dc-d59a935871db',
  'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  '72f988bf-86f1-41af-91ab-2d7cd011db47',
  'cab8a31a-1906-4287-a0d8-4eef66b95f6e',
] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const BASE64URL = /^[A-Za-z0-9_-]+$/u;

/** True for a GUID in its usual 8-4-4-4-12 hexadecimal form. */
export function isGuid(value: unknown): value is string {
  return typeof value === 'string' && GUID.test(value);
}

/** The issuers a token for a tenant may carry (Azure AD v1 and v2, public and US Government clouds). */
function tenantIssuers(tenant: string): string[] {
  return [
    `https://sts.windows.net/${tenant}/`,
    `https://login.microsoftonline.com/${tenant}/v2.0`,
    `https://login.microsoftonline.us/${tenant}/`,
    `https://login.microsoftonline.us/${tenant}/v2.0`,
  ];
}

/** What the guard needs from the configuration. */
export interface AuthGuardOptions {
  /** MicrosoftAppTenantId: a SingleTenant or managed-identity bot's tenant. */
  tenantId?: string;
}

/** The verdict on a header: go on to botbuilder, or refuse with a short reason for the log. */
export type AuthGuardVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Builds the check for one configuration. The returned function is pure: it decodes the token's header
 * and payload (never verifies them: botbuilder does that next) and keeps nothing.
 */
export function authorizationGuard(options: AuthGuardOptions = {}): (header: string | undefined) => AuthGuardVerdict {
  const tenants = new Set<string>(BOT_FRAMEWORK_TENANTS);
  if (options.tenantId) tenants.add(options.tenantId.toLowerCase());
  const issuers = new Set<string>([CHANNEL_ISSUER, ...[...tenants].flatMap(tenantIssuers)]);

  return (header) => {
    if (typeof header !== 'string' || header.trim() === '') return { ok: false, reason: 'no Authorization header' };
    if (header.length > MAX_AUTHORIZATION_LENGTH) return { ok: false, reason: 'Authorization header too long' };
    const match = /^Bearer ([^\s]+)$/u.exec(header);
    if (!match) return { ok: false, reason: 'not a bearer token' };
    const parts = match[1]!.split('.');
    if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) return { ok: false, reason: 'not a JWT' };
    const head = decodeJson(parts[0]!);
    const payload = decodeJson(parts[1]!);
    if (!head || !payload) return { ok: false, reason: 'not a JWT' };
    if (typeof head.alg !== 'string' || !ALGORITHMS.has(head.alg)) return { ok: false, reason: 'signing algorithm not allowed' };
    if (typeof head.kid !== 'string' && typeof head.x5t !== 'string') return { ok: false, reason: 'no signing key id' };
    if (typeof payload.iss !== 'string' || !issuers.has(payload.iss)) return { ok: false, reason: 'issuer is not the Bot Framework' };
    if (payload.tid !== undefined) {
      if (!isGuid(payload.tid)) return { ok: false, reason: 'tid is not a GUID' };
      if (!tenants.has(payload.tid.toLowerCase())) return { ok: false, reason: 'tid is not the configured tenant' };
    }
    return { ok: true };
  };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How a failure of botbuilder's token validation is answered:
 * - `unauthorized` (401): the token is not valid (bad signature, expired, wrong audience, unknown key):
 *   botbuilder's AuthenticationError with status 401, or jsonwebtoken's errors, which botbuilder rethrows;
 * - `unavailable` (503): the signing keys could not be fetched (the OpenID metadata endpoint failed or did
 *   not answer in time), which says nothing about the caller;
 * - `internal` (500): anything else.
 */
export function classifyAuthFailure(error: unknown): 'unauthorized' | 'unavailable' | 'internal' {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; statusCode?: unknown; message?: unknown; type?: unknown };
  if (e.name === 'JsonWebTokenError' || e.name === 'TokenExpiredError' || e.name === 'NotBeforeError') return 'unauthorized';
  if (e.name === 'AuthDeadlineError' || e.name === 'FetchError' || e.type === 'system') return 'unavailable';
  const message = typeof e.message === 'string' ? e.message : '';
  if (/^Failed to load (openID config|Keys)/u.test(message)) return 'unavailable';
  if (e.statusCode === 401 || e.statusCode === 403) return 'unauthorized';
  return 'internal';
}

/** Raised when token validation (in practice, fetching the signing keys) takes longer than its deadline. */
export class AuthDeadlineError extends Error {
  constructor(ms: number) {
    super(`token validation did not finish within ${ms} ms`);
    this.name = 'AuthDeadlineError';
  }
}
