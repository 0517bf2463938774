import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli.js';

/** Runs the CLI in-process with captured output; `input` is what standard input holds (a pipe, not a TTY). */
export async function cli(args: string[], input = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await run(args, { stdout, stderr, stdin: Readable.from([input]) });
  return { code, out, err };
}
