import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Where an answered copy is written, and how (a temporary file renamed into place). */

/** Where the copy goes without -o: "caiq.xlsx" -> "caiq.answered.xlsx" beside it. */
export function defaultOutput(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}.answered${ext || '.csv'}`);
}

/** Writes `bytes` to `target` through a temporary file in the same folder, renamed into place. */
export function writeAtomically(target: string, bytes: Uint8Array): void {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

