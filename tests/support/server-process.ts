import { spawn, type ChildProcess } from 'node:child_process';
import { TEST_SIGNING_SECRET } from './slack-signing.js';

/**
 * The built server (`dist/server.js`) as a child process on 127.0.0.1 and an ephemeral port, with its
 * JSON log lines kept for assertions. Only PATH and the given variables reach it (no developer's .env).
 */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its pino log lines so far, parsed (lines that are not JSON are left out). */
  lines(): LogLine[];
  /** Resolves with the first log line (from the start) that `match` accepts; rejects after `timeoutMs`. */
  waitForLine(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** SIGTERM, and resolves once it has exited. */
  stop(): Promise<void>;
}

/** One pino line: `level` 30 info, 40 warn, 50 error. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/**
 * Starts `dist/server.js` with `vars` (and `nodeArgs` for node itself, e.g. a heap cap); resolves once it
 * logs that it listens (rejects if it exits first, or after `timeoutMs`).
 */
export async function startServerProcess(vars: Record<string, string>, timeoutMs = 15_000, nodeArgs: string[] = []): Promise<ServerProcess> {
  const env = { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', ...vars };
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    for (const wake of listeners) wake();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const lines = (): LogLine[] =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as LogLine];
        } catch {
          return [];
        }
      });
  const waitForLine = (match: (line: LogLine) => boolean, wait = 10_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const found = lines().find(match);
        if (!found) return;
        listeners.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`server: no such log line within ${wait} ms; output:\n${out.slice(-4000)}`));
      }, wait);
      listeners.add(check);
      check();
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await Promise.race([
    waitForLine((l) => l.msg === 'compliance-bot listening', timeoutMs),
    exited.then(() => {
      throw new Error(`server exited ${child.exitCode} before listening:\n${out}`);
    }),
  ]);
  return {
    child,
    port: listening.port as number,
    output: () => out,
    lines,
    waitForLine,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The variables that turn both adapters on against the local stand-ins: Slack with a test token and signing
 * secret, its Web API at `slackApiUrl`; Teams in local mode (replies go to the activity's loopback serviceUrl).
 */
export function standInAdapters(slackApiUrl: string): Record<string, string> {
  return { SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slackApiUrl, TEAMS_LOCAL_MODE: 'true' };
}
