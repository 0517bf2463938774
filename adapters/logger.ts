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
export type { Logger };
