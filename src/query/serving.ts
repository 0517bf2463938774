import { loadLibrary, reloadLibrary, type LibrarySource, type Reload, type ReportLibrary } from '../report/library.js';
import type { Answer } from './answer.js';
import type { Engine, EngineOptions } from './engine.js';
import { createLibraryEngine, type LibraryEngine } from './library-engine.js';

/**
 * The engine a long-running server holds: a library engine that can be swapped for one over a re-read library
 * (SIGHUP, `npm run reports -- reload`) without a restart.
 *
 * In-flight questions finish on the library they started with: `answer` is synchronous and reads the current
 * engine once, so a reload (which builds the new engine fully before swapping one reference) can never be
 * seen half-way by a question.
 */
export interface ServingEngine extends LibraryEngine {
  /**
   * Re-reads the library from its source. A file refused now keeps its report's previous version serving;
   * the result lists what was added, removed, kept and refused.
   * @throws ReportError when the folder cannot be read or holds no readable report: nothing changes.
   */
  reload(): Reload;
}

/**
 * Loads the library from `source` (see {@link loadLibrary}) and serves it.
 * @throws ReportError as {@link loadLibrary} does (a single bad file, an unreadable folder, no readable report).
 */
export function createServingEngine(source: LibrarySource, options: EngineOptions = {}): ServingEngine {
  return serveLibrary(loadLibrary(source), source, options);
}

/** Serves an already loaded library; `reload` re-reads `source`. */
export function serveLibrary(library: ReportLibrary, source: LibrarySource, options: EngineOptions = {}): ServingEngine {
  let current = createLibraryEngine(library, options);
  return {
    get report() {
      return current.report;
    },
    get library() {
      return current.library;
    },
    answer(question: string): Answer {
      return current.answer(question);
    },
    reload(): Reload {
      const result = reloadLibrary(current.library, source);
      current = createLibraryEngine(result.library, options);
      return result;
    },
  };
}

/** Whether an engine serves a library (the server's `/healthz` and reload use it). */
export function isServing(engine: Engine): engine is ServingEngine {
  return typeof (engine as Partial<ServingEngine>).reload === 'function';
}
