// Bundles each entry point into one ESM file under dist/, so that a cold `ask` loads one file
// instead of resolving hundreds of modules, and never pays for a type-check (tsc runs in `npm test`).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  // `node dist/cli.js`: starts the CLI's own bundle, dist/cli.cjs (built below), through V8's code cache.
  { in: 'src/cold-start.ts', out: 'cli' },
  'adapters/server.ts',
  // npm run audit: the audit log's CLI.
  'adapters/store/audit-cli.ts',
  // npm run bench: the orchestrator, the stand-ins' process, and the baselines it compares against.
  'bench/bench.ts',
  'bench/standins.ts',
  'bench/baselines/bare-bolt.ts',
  'bench/baselines/echo-bot.ts',
].filter((f) => existsSync(typeof f === 'string' ? f : f.in));

await build({
  // The questionnaire command is its own entry, so that `ask` never loads exceljs and the CSV libraries.
  entryPoints: [...entries, { in: 'src/questionnaire/cli.ts', out: 'questionnaire' }],
  outdir: 'dist',
  entryNames: '[name]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // Smaller bundles parse faster: a cold `npm run ask` spends much of its time compiling the bundle.
  minify: true,
  // No keepNames: it wraps every function and class the frameworks create per request in a
  // `Object.defineProperty(fn, 'name')` call (measured by `npm run bench`: issue 10). Nothing here reads a
  // minified name: error classes set `this.name` themselves, and the logger reports `err.name` as the type.
  keepNames: false,
  logLevel: 'warning',
  // Some CommonJS dependencies call require() on Node built-ins; ESM bundles have no require of their own.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  // autocannon and its worker threads are only for `npm run bench`; load them from node_modules.
  // better-sqlite3 loads its native addon by path, and pg's optional pg-native is not installed: both stay
  // in node_modules (the store loads the one it uses, on demand). The spreadsheet libraries too: only a
  // questionnaire loads them (the server on the first file it is sent).
  external: ['autocannon', 'better-sqlite3', 'pg', 'pg-native', 'exceljs', 'csv-parse', 'csv-stringify', 'cli-progress'],
});

/**
 * CommonJS bundles: import.meta.url becomes the bundle's own file (node:vm compiles scripts, not modules, and
 * a CommonJS file has no import.meta).
 */
const commonJs = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  minify: true,
  keepNames: false,
  logLevel: 'warning',
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

// The CLI's starter as CommonJS too (`npm run ask` runs it): an ES module entry point starts Node's ESM loader,
// about 11 ms of a cold `ask` (median of 15 runs of an empty .mjs against an empty .cjs, 3 Dec 2026).
// dist/cli.js, the same starter as a module, stays for whoever runs that file.
await build({ ...commonJs, entryPoints: ['src/cold-start.ts'], outfile: 'dist/cli-start.cjs' });

// The CLI as CommonJS, for src/cold-start.ts to compile with node:vm. Its dynamic imports (readline, commander)
// become require calls (a script compiled by node:vm has no import()).
await build({
  ...commonJs,
  entryPoints: ['src/cli-main.ts'],
  outfile: 'dist/cli.cjs',
  supported: { 'dynamic-import': false },
  external: ['autocannon', 'better-sqlite3', 'pg', 'pg-native', 'exceljs', 'csv-parse', 'csv-stringify', 'cli-progress'],
});
