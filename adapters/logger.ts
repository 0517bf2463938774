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

/**
 * A log line that repeats at most once per `intervalMs`: the first occurrence is logged at once, later
 * ones within the interval are counted and the count goes out with the next line logged. For failures that
 * a flood could repeat thousands of times a second (a signing-key fetch failing, forged tokens).
 */
export class IntervalLog {
  private last = -Infinity;
  private suppressed = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Calls `emit` with how many were suppressed since the last emitted line, or counts this one. */
  hit(emit: (suppressed: number) => void): void {
    const now = this.now();
    if (now - this.last < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.last = now;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    emit(suppressed);
  }
}
