import { pino, type Logger } from 'pino';

/**
 * Structured JSON logs (pino) to stdout. Authorization headers, tokens and secrets are redacted by path so
 * that no credential reaches a log line even when a request or config object is logged whole.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'compliance-bot' },
      // pino names an error's type after its constructor, which the minified bundle renames (no keepNames,
      // scripts/build.mjs): the error's own `name` (RestError, ReportError, TypeError) says it instead.
      serializers: { err: errorWithName },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.botToken',
          '*.signingSecret',
          '*.appToken',
          '*.appPassword',
          'config.slack.botToken',
          'config.slack.signingSecret',
          'config.slack.appToken',
          'config.teams.appPassword',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** pino's standard error serializer, with `type` taken from the error's `name`. */
function errorWithName(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error);
  const name = (error as { name?: unknown } | null)?.name;
  return serialized && typeof name === 'string' ? { ...serialized, type: name } : serialized;
}
export type { Logger };
