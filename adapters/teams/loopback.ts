/**
 * The local-mode reply guard. With no MicrosoftAppId, botbuilder skips authentication and sends its replies
 * to whatever `serviceUrl` the incoming activity names; so an unauthenticated caller could make the server
 * POST to any host. In local mode the adapter therefore answers only activities whose `serviceUrl` is on
 * this machine, and checks that before botbuilder sees the activity, so no connection is ever made
 * elsewhere.
 */

/** Why a serviceUrl was refused, for the log (never shown to a user). */
export type LoopbackVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Accepts an `http:` or `https:` URL whose host is in 127.0.0.0/8, `localhost` or `[::1]`; refuses
 * anything else, including other spellings (`0.0.0.0`, `localhost.`, `[::ffff:127.0.0.1]`), user-info
 * tricks and non-strings. Pure: parses, never resolves a name.
 */
export function checkLoopbackServiceUrl(serviceUrl: unknown): LoopbackVerdict {
  if (typeof serviceUrl !== 'string' || serviceUrl.trim() === '') return { ok: false, reason: 'no serviceUrl' };
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return { ok: false, reason: 'serviceUrl is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `scheme ${url.protocol} is not http(s)` };
  // WHATWG URL parsing has already normalised the host: lower case, IPv4 in dotted decimal
  // (2130706433 -> 127.0.0.1), IPv6 in brackets and compressed.
  const host = url.hostname;
  if (host === 'localhost' || host === '[::1]') return { ok: true };
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(host);
  if (ipv4 && ipv4.slice(1).every((part) => Number(part) <= 255) && ipv4[1] === '127') return { ok: true };
  return { ok: false, reason: `host ${host} is not loopback` };
}

/** True when `serviceUrl` passes {@link checkLoopbackServiceUrl}. */
export function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  return checkLoopbackServiceUrl(serviceUrl).ok;
}
