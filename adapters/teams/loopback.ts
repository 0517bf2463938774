/**
 * The local-mode reply guard. With no MicrosoftAppId, botbuilder skips authentication and sends its replies
 * to whatever `serviceUrl` the incoming activity names; so an unauthenticated caller could make the server
 * POST to any host. In local mode the adapter therefore answers only activities whose `serviceUrl` is on
 * this machine, and checks that before botbuilder sees the activity, so no connection is ever made
 * elsewhere.
 *
 * IPv6 loopback (`[::1]`) is refused too, with its own reason: botbuilder's HTTP client (core-rest-pipeline
 * over @typespec/ts-http-runtime's node client) hands `URL.hostname`, brackets included, to
 * `http.request`, so every reply to `http://[::1]:PORT/` fails with `getaddrinfo ENOTFOUND [::1]`.
 * `http://localhost:PORT/` reaches an emulator listening on ::1 (Node tries both ::1 and 127.0.0.1) and
 * `http://127.0.0.1:PORT/` one on IPv4.
 */

/** Why a serviceUrl was refused, for the log (never shown to a user). */
export type LoopbackVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Accepts an `http:` or `https:` URL whose host is in 127.0.0.0/8 or `localhost`; refuses anything else,
 * including `[::1]` (unreachable through botbuilder, see above), other spellings (`0.0.0.0`, `localhost.`,
 * `[::ffff:127.0.0.1]`), user-info tricks and non-strings. Pure: parses, never resolves a name.
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
  if (host === 'localhost') return { ok: true };
  if (host === '[::1]') {
    return { ok: false, reason: "host [::1] is IPv6 loopback, which botbuilder's HTTP client cannot reach (ENOTFOUND); use http://localhost:PORT/ or http://127.0.0.1:PORT/" };
  }
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(host);
  if (ipv4 && ipv4.slice(1).every((part) => Number(part) <= 255) && ipv4[1] === '127') return { ok: true };
  return { ok: false, reason: `host ${host} is not loopback` };
}

/** True when `serviceUrl` passes {@link checkLoopbackServiceUrl}. */
export function isLoopbackServiceUrl(serviceUrl: unknown): boolean {
  return checkLoopbackServiceUrl(serviceUrl).ok;
}

/**
 * True when a connection's remote address (`socket.remoteAddress`) is this machine: 127.0.0.0/8, `::1`,
 * or 127.x written as an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, how a dual-stack listener reports
 * an IPv4 peer). Local mode answers only such peers, whatever HOST it listens on.
 */
export function isLoopbackPeer(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(v4);
}
