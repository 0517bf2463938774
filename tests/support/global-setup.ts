import { execFileSync } from 'node:child_process';

/**
 * Builds dist/ once before any test file runs: the CLI and server tests start the built entry points as
 * npm does, and building per file would let one file's build rewrite dist/ while another file runs it.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
