import { createHmac } from 'node:crypto';

/** The fake signing secret the Slack tests use (not a real secret). */
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/**
 * Headers for a request signed as Slack signs it: v0 HMAC-SHA256 of `v0:{timestamp}:{body}` with the
 * signing secret (https://docs.slack.dev/authentication/verifying-requests-from-slack).
 */
export function slackSignatureHeaders(body: string, options: { secret?: string; timestamp?: number } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', options.secret ?? TEST_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

/** A request body as Slack sends it: JSON (Events API) or a form (slash commands; interactivity as `payload=`). */
export type SlackBody = { json: unknown } | { form: Record<string, string> };

/** Serialises a SlackBody with its content type. */
export function encodeSlackBody(body: SlackBody): { raw: string; contentType: string } {
  if ('json' in body) return { raw: JSON.stringify(body.json), contentType: 'application/json' };
  return { raw: new URLSearchParams(body.form).toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Options for `postToSlackEndpoint`. */
export interface PostOptions {
  /** Extra headers (e.g. X-Slack-Retry-Num), or overrides of the signature headers. */
  headers?: Record<string, string>;
  secret?: string;
  timestamp?: number;
  /** Send no signature headers at all. */
  unsigned?: boolean;
}

/** POSTs a signed body to `url` (a 127.0.0.1 address) and returns status, and body as text. */
export async function postSigned(url: string, body: SlackBody | { raw: string; contentType: string }, options: PostOptions = {}): Promise<{ status: number; text: string; json: () => unknown }> {
  const { raw, contentType } = 'raw' in body ? body : encodeSlackBody(body);
  const signature = options.unsigned ? {} : slackSignatureHeaders(raw, options);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, ...signature, ...options.headers }, body: raw });
  const text = await response.text();
  return { status: response.status, text, json: () => JSON.parse(text) as unknown };
}
