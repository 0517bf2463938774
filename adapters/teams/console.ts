/**
 * botbuilder writes some errors straight to `console.error` (jwtTokenExtractor.js prints the signing keys
 * it tried and expired-token errors; cloudAdapter.js the error of a failed request), as multi-line text
 * outside the structured log. This sends `console.error` of the whole process through pino instead, as
 * one warning line with `component: "botbuilder"`; installed once, by the Teams adapter, and routed to the
 * logger of the adapter mounted last.
 */
import { format } from 'node:util';
import type { Logger } from '../logger.js';

let target: Logger | undefined;

/** Longest message kept from one console.error call (a PEM key list is several hundred characters). */
const MAX_MESSAGE = 500;

/** Routes console.error to `logger.warn` from now on. */
export function routeConsoleError(logger: Logger): void {
  const installed = target !== undefined;
  target = logger;
  if (installed) return;
  console.error = (...args: unknown[]) => {
    const err = args.find((a): a is Error => a instanceof Error);
    const msg = format(...args.filter((a) => a !== err)).slice(0, MAX_MESSAGE);
    if (err) target!.warn({ err: { type: err.name, message: err.message.slice(0, MAX_MESSAGE) } }, msg || err.message.slice(0, MAX_MESSAGE));
    else target!.warn(msg);
  };
}
