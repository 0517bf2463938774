/**
 * The CLI's bundle (dist/cli.cjs): runs it. Started by dist/cli.js (src/cold-start.ts), which compiles this bundle
 * with V8's code cache.
 */
import { main } from './cli.js';

main();
