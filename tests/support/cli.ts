import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli.js';

/** Output streams whose text is kept, for a command run in-process. */
interface Captured {
  stdout: PassThrough;
  stderr: PassThrough;
}

/** Runs `command` with captured standard output and error; resolves to its exit status and what it wrote. */
export async function captureOutput(command: (io: Captured) => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await command({ stdout, stderr });
  return { code, out, err };
}

/** Runs the CLI in-process with captured output; `input` is what standard input holds (a pipe, not a TTY). */
export function cli(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  return captureOutput((io) => run(args, { ...io, stdin: Readable.from([input]) }));
}
