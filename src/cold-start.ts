/**
 * `node dist/cli-start.cjs ...` (`npm run ask`; dist/cli.js is the same as an ES module): starts the CLI's bundle (dist/cli.cjs, src/cli-main.ts) through V8's code cache, kept
 * beside it in dist/cli.cjs.cache. Compiling the half-megabyte bundle, and then each function a question runs,
 * was about a quarter of a cold `ask` (by `node --cpu-prof`); with the cache V8 reads them compiled. Node 22 has
 * this built in (module.enableCompileCache); on Node 20 it is node:vm's cachedData.
 *
 * The cache is written after the first run (and whenever V8 refuses it: a rebuilt bundle, another Node or other
 * V8 flags), at exit, so it holds the functions that run compiled, not only the top level. Written to a file of
 * its own and renamed, so that two CLIs starting at once never read half of one; a cache that cannot be written
 * (a read-only install) is only slower. CommonJS because node:vm compiles scripts, not modules (the bundle's
 * require, exports and file names are what Node's own CommonJS loader gives a file).
 */
import { createRequire } from 'node:module';

// Node's modules through require: an ESM import of node:fs makes the module's every export, and fs.ReadStream
// loads the streams modules when read (a tenth of bare `node`'s start, by `node --cpu-prof`).
const load = createRequire(import.meta.url);
const { readFileSync, renameSync, writeFileSync } = load('node:fs') as typeof import('node:fs');
const { Script } = load('node:vm') as typeof import('node:vm');
const Module = load('node:module') as typeof import('node:module') & { wrap(source: string): string; _nodeModulePaths(dir: string): string[] };
const { dirname } = load('node:path') as typeof import('node:path');
const { fileURLToPath } = load('node:url') as typeof import('node:url');

const file = fileURLToPath(new URL('./cli.cjs', import.meta.url));
const cacheFile = `${file}.cache`;
let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // No cache yet: compiled from the source, and the cache written at exit.
}
const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('exit', () => {
    const part = `${cacheFile}.${process.pid}`;
    try {
      writeFileSync(part, script.createCachedData());
      renameSync(part, cacheFile);
    } catch {
      // Not writable: the next start compiles again.
    }
  });
}
const bundle = new Module(file);
bundle.filename = file;
bundle.paths = Module._nodeModulePaths(dirname(file));
(script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, createRequire(file), bundle, file, dirname(file));
