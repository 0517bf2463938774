/**
 * Bolt's Logger interface (https://docs.slack.dev/tools/bolt-js/concepts/logging) on top of the server's
 * pino logger, so Bolt's and the Web API client's lines come out as the same structured JSON. The level is
 * pino's (LOG_LEVEL): Bolt's `setLevel` is ignored, or Bolt would reset it to "info" when built.
 * The Web API client redacts tokens from what it logs; nothing here adds one.
 */
import { inspect } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger.js';

function toMessage(parts: unknown[]): { err?: Error; msg: string } {
  const err = parts.find((p): p is Error => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : inspect(p, { depth: 3, breakLength: Infinity })))
    .join(' ');
  return err ? { err, msg: msg || err.message } : { msg };
}

/** Wraps a pino logger as a Bolt Logger, tagging lines with `component: "bolt"`. */
export function toBoltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const emit = (level: 'debug' | 'info' | 'warn' | 'error', parts: unknown[]) => {
    if (!log.isLevelEnabled(level)) return;
    const { err, msg } = toMessage(parts);
    if (err) log[level]({ err }, msg);
    else log[level](msg);
  };
  return {
    debug: (...msg: unknown[]) => emit('debug', msg),
    info: (...msg: unknown[]) => emit('info', msg),
    warn: (...msg: unknown[]) => emit('warn', msg),
    error: (...msg: unknown[]) => emit('error', msg),
    setLevel: () => {},
    getLevel: () => {
      if (log.isLevelEnabled('debug')) return LogLevel.DEBUG;
      if (log.isLevelEnabled('info')) return LogLevel.INFO;
      if (log.isLevelEnabled('warn')) return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: () => {},
  };
}
