import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from './cli.js';

/** A terminal as the CLI sees one: stdin and stdout that say they are TTYs. */
function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
  let out = '';
  const stdout = Object.assign(new Writable({ write: (c, _e, done) => ((out += c.toString()), done()) }), { isTTY: true, columns: 120 });
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  return { io: { stdin, stdout, stderr }, output: () => out };
}

describe('the interactive prompt', () => {
  it('answers a question typed at the prompt, and ends on "exit" (it was answered as a question)', async () => {
    const t = terminal();
    const done = run(['ask'], t.io as never);
    t.io.stdin.write('is Connect in scope?\r');
    t.io.stdin.write('exit\r');
    expect(await done).toBe(0);
    expect(t.output()).toContain('Amazon Connect');
    expect(t.output()).not.toMatch(/“exit”|exit.*not listed/u);
  });
});
