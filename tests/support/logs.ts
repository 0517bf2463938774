import { createLogger, type Logger } from '../../adapters/logger.js';

/** One pino line as the tests read it: `level` 30 info, 40 warn, 50 error, `msg`, and its fields. */
export type LogRecord = Record<string, unknown>;

/**
 * A logger at `level` whose lines are parsed and pushed onto `lines` (a new array if none is given), for
 * tests that assert what was logged. Resolves nothing: lines arrive as pino writes them, synchronously.
 */
export function capturedLogger(level: string, lines: LogRecord[] = []): { logger: Logger; lines: LogRecord[] } {
  const logger = createLogger(level, {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogRecord);
    },
  });
  return { logger, lines };
}
